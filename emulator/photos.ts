import type { ServerResponse } from "node:http";
import type { PhotoSize } from "grammy/types";
import { badRequest } from "./errors.js";
import { imageSize } from "./images.js";
import { checkPhotoDimensions } from "./media.js";
import type { PhotoRecord } from "./types.js";
import { clone, randomId, str } from "./util.js";
import { UploadedFile } from "./validate.js";

/** sendPhoto: "at most 10 MB in size" (a method description, not a field limit of the spec). */
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The photos the bot sent: their sizes (a thumbnail and the photo, as
 * Telegram makes them), their file_ids for sending again, getFile and
 * downloads of the uploaded bytes.
 */
export class Photos {
  private readonly byFileId = new Map<string, PhotoRecord>();
  private nextFileNo = 1;

  /** A new photo from uploaded bytes, or a picture of 800x600 fetched from a URL. */
  create(data: Uint8Array | undefined): PhotoRecord {
    let width = 800;
    let height = 600;
    if (data !== undefined) {
      if (data.byteLength === 0) throw badRequest("file must be non-empty");
      const size = imageSize(data);
      if (size === undefined) throw badRequest("IMAGE_PROCESS_FAILED");
      ({ width, height } = size);
      if (data.byteLength > PHOTO_MAX_BYTES) throw badRequest("PHOTO_SAVE_FILE_INVALID");
      checkPhotoDimensions(width, height);
    }
    const no = this.nextFileNo++;
    const sizes: PhotoSize[] = [];
    const scaled = (max: number): { width: number; height: number } => {
      const k = Math.min(1, max / Math.max(width, height));
      return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
    };
    const fileSize = data?.byteLength ?? 50_000;
    if (Math.max(width, height) > 320) {
      const t = scaled(320);
      sizes.push({
        file_id: `AgACAgIAAxkBAAI${randomId(45)}`,
        file_unique_id: `AQAD${randomId(12)}`,
        ...t,
        file_size: Math.max(1, Math.round((fileSize * t.width * t.height) / (width * height))),
      });
    }
    sizes.push({
      file_id: `AgACAgIAAxkBAAI${randomId(45)}`,
      file_unique_id: `AQAD${randomId(12)}`,
      ...scaled(1280),
      file_size: fileSize,
    });
    const record: PhotoRecord = { sizes, filePath: `photos/file_${no}.jpg` };
    if (data !== undefined) record.data = data;
    for (const s of sizes) this.byFileId.set(s.file_id, record);
    return record;
  }

  /** The sizes of a photo the bot sent, by the file_id of any of them. */
  known(fileId: string): PhotoSize[] | undefined {
    const record = this.byFileId.get(fileId);
    return record === undefined ? undefined : clone(record.sizes);
  }

  /** Photo sizes for a sendPhoto/InputMedia value: an upload, a known file_id or an HTTP URL. */
  from(value: unknown, files: ReadonlyMap<string, UploadedFile>): PhotoSize[] {
    if (value instanceof UploadedFile) return clone(this.create(value.data).sizes);
    const s = str(value) ?? "";
    if (s.startsWith("attach://")) {
      const file = files.get(s.slice("attach://".length));
      if (file === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
      return clone(this.create(file.data).sizes);
    }
    const known = this.known(s);
    if (known !== undefined) return known;
    if (/^https?:\/\/\S+$/i.test(s)) return clone(this.create(undefined).sizes);
    throw badRequest("wrong file identifier/HTTP URL specified");
  }

  /** getFile of a photo: its file_path only when its bytes were uploaded. */
  getFile(p: Record<string, unknown>): Record<string, unknown> {
    const id = str(p.file_id) ?? "";
    const record = this.byFileId.get(id);
    const size = record?.sizes.find((s) => s.file_id === id);
    if (record === undefined || size === undefined) throw badRequest("invalid file_id");
    const file: Record<string, unknown> = { file_id: size.file_id, file_unique_id: size.file_unique_id };
    if (size.file_size !== undefined) file.file_size = size.file_size;
    if (record.data !== undefined) file.file_path = record.filePath;
    return file;
  }

  /** Serves the download of an uploaded photo; false when `path` is none of them. */
  serve(path: string, res: ServerResponse): boolean {
    const record = [...this.byFileId.values()].find((p) => p.filePath === path);
    if (record?.data === undefined) return false;
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": record.data.byteLength });
    res.end(Buffer.from(record.data));
    return true;
  }
}
