import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { Chat, Document, MessageEntity, PhotoSize, User } from "grammy/types";
import type { StoredMessage } from "../types.js";
import { badRequest } from "../errors.js";
import { botApiSpec } from "../spec.js";
import { detectEntities } from "../text.js";
import type { EmulatorCore } from "./core.js";

/** Options of {@link BotApiEmulator.sendFile}: a file a user sends, described by its size only. */
export interface UserFileOptions {
  from: User;
  /** Default: the user's private chat with the bot. */
  chat?: Chat;
  /** A document (the default) or a photo. */
  kind?: "document" | "photo";
  /** Size in bytes. */
  size: number;
  /** Documents only. Default `file.bin`. */
  file_name?: string;
  /** Documents only. Default from the extension of `file_name`. */
  mime_type?: string;
  caption?: string;
  caption_entities?: MessageEntity[];
  reply_to_message_id?: number;
}

/** A file a user sent: what getFile answers about it. */
interface FileRecord {
  fileId: string;
  uniqueId: string;
  size: number;
  path: string;
}

/**
 * The Bot API server counts a megabyte of its limits as 2^20 bytes: getFile refuses anything above
 * `20 << 20` bytes with "file is too big".
 */
export const MB = 1024 * 1024;

/** The download limit of getFile, in bytes, from the spec ("bots can download files of up to 20MB in size"). */
export const DOWNLOAD_LIMIT = (botApiSpec.methods.getFile?.sizeLimitMb ?? 20) * MB;

const MIME_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  zip: "application/zip",
  txt: "text/plain",
  json: "application/json",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
};

function id(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Files users send, known by their size alone (no bytes are kept), and
 * getFile over them with Telegram's 20 MB download limit. Downloads of the
 * files under the limit are served as that many zero bytes.
 */
export class UserFiles {
  private readonly byId = new Map<string, FileRecord>();
  private readonly byPath = new Map<string, FileRecord>();
  private nextNo = 1;

  constructor(private readonly core: EmulatorCore) {}

  /** A user sends a document or photo of `size` bytes; the update is queued as Telegram would deliver it. */
  send(options: UserFileOptions): StoredMessage {
    if (!Number.isSafeInteger(options.size) || options.size < 1)
      throw new Error(`emulator: a file size is a whole number of bytes above 0, not ${options.size}`);
    const state = this.core.chatFor(options.from, options.chat);
    const msg: StoredMessage = { message_id: 0, date: now(), chat: structuredClone(state.chat), from: options.from };
    if (options.kind === "photo") msg.photo = this.photo(options.size);
    else msg.document = this.document(options);
    if (options.caption !== undefined && options.caption !== "") {
      msg.caption = options.caption;
      const entities = options.caption_entities ?? detectEntities(options.caption);
      if (entities.length > 0) msg.caption_entities = entities;
    }
    return this.core.postUserMessage(state, msg, options.reply_to_message_id);
  }

  /** Whether a file_id belongs to a file users sent. */
  has(fileId: string): boolean {
    return this.byId.has(fileId);
  }

  /** getFile: the File of a user's file, refused above the download limit; other file_ids go to the bot's photos. */
  getFile(params: Record<string, unknown>): Record<string, unknown> {
    const fileId = typeof params.file_id === "string" ? params.file_id : "";
    const record = this.byId.get(fileId);
    if (record === undefined) return this.core.photoFile(params);
    if (record.size > DOWNLOAD_LIMIT) throw badRequest("file is too big");
    return { file_id: record.fileId, file_unique_id: record.uniqueId, file_size: record.size, file_path: record.path };
  }

  /** Serves `/file/bot<token>/<path>` for a user's file; false when the path is not one of them. */
  serve(path: string, res: ServerResponse): boolean {
    const record = this.byPath.get(path);
    if (record === undefined) return false;
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": record.size });
    const chunk = Buffer.alloc(Math.min(record.size, 64 * 1024));
    let left = record.size;
    const pump = (): void => {
      while (left > 0) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!res.write(part)) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return true;
  }

  private remember(prefix: string, size: number, path: string): FileRecord {
    const record: FileRecord = { fileId: id(prefix, 45), uniqueId: id("AgAD", 12), size, path };
    this.byId.set(record.fileId, record);
    this.byPath.set(path, record);
    return record;
  }

  private document(options: UserFileOptions): Document {
    const name = options.file_name ?? "file.bin";
    const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? "bin";
    const record = this.remember("BQACAgIAAxkBAAI", options.size, `documents/file_${this.nextNo++}.${ext}`);
    return {
      file_id: record.fileId,
      file_unique_id: record.uniqueId,
      file_name: name,
      mime_type: options.mime_type ?? MIME_TYPES[ext] ?? "application/octet-stream",
      file_size: options.size,
    };
  }

  private photo(size: number): PhotoSize[] {
    const no = this.nextNo++;
    const thumb = this.remember("AgACAgIAAxkBAAI", Math.max(1, Math.round(size / 16)), `photos/file_${no}_s.jpg`);
    const full = this.remember("AgACAgIAAxkBAAI", size, `photos/file_${no}.jpg`);
    return [
      { file_id: thumb.fileId, file_unique_id: thumb.uniqueId, width: 320, height: 240, file_size: thumb.size },
      { file_id: full.fileId, file_unique_id: full.uniqueId, width: 1280, height: 960, file_size: full.size },
    ];
  }
}
