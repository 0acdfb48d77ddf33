import { randomBytes, randomInt } from "node:crypto";
import type { Document, PhotoSize } from "grammy/types";
import { badRequest } from "./errors.js";
import { imageSize } from "./images.js";
import type { FormattedText } from "./text.js";
import { UploadedFile, isRecord } from "./validate.js";

/**
 * What a photo may measure, as the Bot API documents it for sendPhoto:
 * width and height at most 10000 together, and a ratio of at most 20.
 */
export function checkPhotoDimensions(width: number, height: number): void {
  if (width + height > 10_000 || Math.max(width, height) > 20 * Math.min(width, height)) {
    throw badRequest("PHOTO_INVALID_DIMENSIONS");
  }
}

/** A message the media methods produce; the emulator gives it its id, chat and sender. */
export interface MediaContent {
  caption?: string;
  caption_entities?: FormattedText["entities"];
  show_caption_above_media?: boolean;
  photo?: PhotoSize[];
  document?: Document;
  media_group_id?: string;
}

/** What the emulator lends the media methods: its chats, captions, replies and photos. */
export interface MediaHost<Chat, Message> {
  resolveChat(chatId: unknown): Chat;
  formatCaption(raw: string | undefined, p: Record<string, unknown>): FormattedText | undefined;
  /** Checks reply_parameters against the chat; returns what the messages reply to. */
  resolveReply(chat: Chat, replyParameters: unknown): Message | undefined;
  /** Photo sizes for an upload, an `attach://` name, a known file_id or a URL. */
  photoFrom(value: unknown, files: ReadonlyMap<string, UploadedFile>): PhotoSize[];
  /** Stores a new bot message in the chat (with `reply_markup` split as for sendMessage) and returns a copy. */
  send(chat: Chat, content: MediaContent, extra: { replyTo?: Message; replyMarkup?: unknown }): Message;
}

interface DocumentRecord {
  document: Document;
  data?: Uint8Array;
}

const MIME_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  txt: "text/plain",
  json: "application/json",
  zip: "application/zip",
};

function randomId(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function withCaption(content: MediaContent, caption: FormattedText | undefined): MediaContent {
  if (caption !== undefined) {
    content.caption = caption.text;
    if (caption.entities.length > 0) content.caption_entities = caption.entities;
  }
  return content;
}

/**
 * sendDocument and sendMediaGroup (albums of photos or of documents), kept
 * apart from the rest of the emulator: it hands them its chats through a
 * {@link MediaHost}. Documents keep their name, a MIME type taken from the
 * name as Telegram does, their size, and a thumbnail for pictures.
 */
export class MediaMethods<Chat, Message> {
  private readonly documents = new Map<string, DocumentRecord>();

  constructor(private readonly host: MediaHost<Chat, Message>) {}

  /** Runs `method` if it is one of these; undefined if it is not. */
  call(
    method: string,
    p: Record<string, unknown>,
    files: ReadonlyMap<string, UploadedFile>,
  ): { result: unknown } | undefined {
    switch (method) {
      case "sendDocument":
        return { result: this.sendDocument(p, files) };
      case "sendMediaGroup":
        return { result: this.sendMediaGroup(p, files) };
      default:
        return undefined;
    }
  }

  /** The document a known file_id names, as Telegram returns it. */
  document(fileId: string): Document | undefined {
    const known = this.documents.get(fileId);
    return known === undefined ? undefined : structuredClone(known.document);
  }

  /** What posting an inline result of type document (by file_id) puts in the chat. */
  inlineResultContent(raw: Record<string, unknown>): MediaContent | undefined {
    const fileId = str(raw.document_file_id);
    if (fileId === undefined) return undefined; // by URL: only PDF and ZIP, not emulated
    const document = this.document(fileId);
    if (document === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
    return withCaption({ document }, this.host.formatCaption(str(raw.caption), raw));
  }

  private documentFrom(value: unknown, files: ReadonlyMap<string, UploadedFile>): Document {
    let file: UploadedFile | undefined;
    if (value instanceof UploadedFile) file = value;
    else {
      const s = str(value) ?? "";
      if (s.startsWith("attach://")) {
        file = files.get(s.slice("attach://".length));
        if (file === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
      } else {
        const known = this.document(s);
        if (known !== undefined) return known;
        if (/^https?:\/\/\S+$/i.test(s)) return this.newDocument(undefined, s.split(/[/?#]/).at(-1) ?? "file");
        throw badRequest("wrong file identifier/HTTP URL specified");
      }
    }
    if (file.size === 0) throw badRequest("file must be non-empty");
    return this.newDocument(file.data, file.filename);
  }

  private newDocument(data: Uint8Array | undefined, name: string): Document {
    const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
    const document: Document = {
      file_id: `BQACAgIAAxkBAAI${randomId(45)}`,
      file_unique_id: `AgAD${randomId(12)}`,
      file_name: name,
      mime_type: MIME_TYPES[extension] ?? "application/octet-stream",
      file_size: data?.byteLength ?? 50_000,
    };
    const size = data === undefined ? undefined : imageSize(data);
    if (size !== undefined) {
      const k = Math.min(1, 320 / Math.max(size.width, size.height));
      document.thumbnail = {
        file_id: `AAMCAgADGQEAAI${randomId(45)}`,
        file_unique_id: `AQAD${randomId(12)}`,
        width: Math.max(1, Math.round(size.width * k)),
        height: Math.max(1, Math.round(size.height * k)),
      };
    }
    const record: DocumentRecord = { document };
    if (data !== undefined) record.data = data;
    this.documents.set(document.file_id, record);
    return structuredClone(document);
  }

  private sendDocument(p: Record<string, unknown>, files: ReadonlyMap<string, UploadedFile>): Message {
    const chat = this.host.resolveChat(p.chat_id);
    const caption = this.host.formatCaption(str(p.caption), p);
    const replyTo = this.host.resolveReply(chat, p.reply_parameters);
    const document = this.documentFrom(p.document, files);
    const extra: { replyTo?: Message; replyMarkup?: unknown } = { replyMarkup: p.reply_markup };
    if (replyTo !== undefined) extra.replyTo = replyTo;
    return this.host.send(chat, withCaption({ document }, caption), extra);
  }

  /**
   * An album: 2-10 photos, or 2-10 documents, each with its own caption,
   * sent as messages sharing one media_group_id. Nothing is sent when any
   * item is refused. Albums take no reply_markup (the spec has no such
   * parameter, so the validator refuses one).
   */
  private sendMediaGroup(p: Record<string, unknown>, files: ReadonlyMap<string, UploadedFile>): Message[] {
    const chat = this.host.resolveChat(p.chat_id);
    const media = Array.isArray(p.media) ? p.media.filter(isRecord) : [];
    // The validator has checked the number of items against the spec (limits.ts).
    const types = new Set(media.map((m) => str(m.type)));
    for (const type of types) {
      if (type !== "photo" && type !== "document") {
        throw badRequest(`InputMedia of type "${String(type)}" is not implemented by the emulator`);
      }
    }
    if (types.size > 1) throw badRequest("document can't be mixed with other media types");
    const above = new Set(media.map((m) => m.show_caption_above_media === true));
    if (above.size > 1) throw badRequest("parameter show_caption_above_media must be the same for all messages");
    const replyTo = this.host.resolveReply(chat, p.reply_parameters);
    const contents = media.map((m) => {
      const caption = this.host.formatCaption(str(m.caption), m);
      if (m.type === "photo") {
        const content = withCaption({ photo: this.host.photoFrom(m.media, files) }, caption);
        if (m.show_caption_above_media === true) content.show_caption_above_media = true;
        return content;
      }
      return withCaption({ document: this.documentFrom(m.media, files) }, caption);
    });
    const groupId = String(randomInt(1, 2 ** 47) * 2 ** 16 + randomInt(0, 2 ** 16));
    return contents.map((content) =>
      this.host.send(chat, { ...content, media_group_id: groupId }, replyTo === undefined ? {} : { replyTo }),
    );
  }
}
