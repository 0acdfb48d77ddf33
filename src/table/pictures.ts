import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardMarkup, MessageEntity } from "grammy/types";
import { encodeCallback } from "../callback-data.js";
import { cached, type Translate } from "../render/message.js";
import type { Renderer } from "../render/renderer.js";
import type { KeyValueStorage } from "../storage.js";
import { SIDES } from "../matrix/schema.js";
import { renderTablePng, tableCacheKey, type TableData, type TableLabels } from "./render.js";

/** Caption, entities and buttons that go with the picture. */
export interface PictureMessage {
  caption: string;
  caption_entities: MessageEntity[];
  reply_markup: InlineKeyboardMarkup;
}

/**
 * The reference as a picture, per language: every row with the mark of each
 * side, and the side's headline where the row has one. Drawn at most once per language
 * and data version, and uploaded to Telegram once. After the first upload
 * the picture is sent by Telegram's file_id, remembered in memory and, when
 * a shared store is given, for the other instances too.
 */
export class TablePictures {
  private readonly keys = new Map<string, string>();
  private readonly pngs = new Map<string, Buffer>();
  private readonly tables = new Map<string, TableData>();
  private readonly fileIds = new Map<string, string>();
  private readonly uploads = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly renderer: Renderer,
    private readonly t: Translate,
    private readonly store?: KeyValueStorage<string>,
  ) {}

  /** The words around the data, in `locale`. */
  labels(locale: string): TableLabels {
    const t = (key: string) => this.t(locale, key);
    return {
      title: t("table-title"),
      feature: t("table-feature"),
      columns: SIDES.map((side) => t(`side-${side.replaceAll("_", "-")}`).replace(/^\P{L}+/u, "")),
      footer: t("table-footer"),
      marks: { yes: t("mark-yes"), partly: t("mark-partly"), local: t("table-local"), no: t("mark-no") },
    };
  }

  /** What the picture of `locale` shows: each row's title and, per side, its mark and own headline. */
  data(locale: string): TableData {
    const loc = this.renderer.resolveLocale(locale);
    return cached(this.tables, loc, () => ({
      rows: this.renderer.matrix(loc).rows.map((row) => ({
        title: row.title,
        cells: row.sides.map((side) => ({
          mark: side.mark,
          lines: side.headline === undefined ? [] : [side.headline],
        })),
      })),
    }));
  }

  /** Identifies the picture of `locale` as it is now: language, data and layout. */
  key(locale: string): string {
    const loc = this.renderer.resolveLocale(locale);
    return cached(this.keys, loc, () => `${loc}:${tableCacheKey(this.data(loc), this.labels(loc))}`);
  }

  /** The PNG of `locale`, drawn on first use. */
  png(locale: string): Buffer {
    const loc = this.renderer.resolveLocale(locale);
    return cached(this.pngs, loc, () => renderTablePng(this.data(loc), this.labels(loc)));
  }

  /** Telegram's file_id of the picture, if it was uploaded before (by any instance). */
  async fileId(locale: string): Promise<string | undefined> {
    const key = this.key(locale);
    const known = this.fileIds.get(key);
    if (known !== undefined || this.store === undefined) return known;
    try {
      const stored = await this.store.read(key);
      if (stored !== undefined) this.fileIds.set(key, stored);
      return stored;
    } catch {
      return undefined; // a store that is down only costs an upload
    }
  }

  /** The file_id already known in this process, without asking the store. */
  knownFileId(locale: string): string | undefined {
    return this.fileIds.get(this.key(locale));
  }

  /** Remembers the file_id Telegram gave the uploaded picture. */
  async remember(locale: string, fileId: string): Promise<void> {
    const key = this.key(locale);
    this.fileIds.set(key, fileId);
    try {
      await this.store?.write(key, fileId);
    } catch {
      // Another instance uploads once more; nothing else is lost.
    }
  }

  /** Forgets a file_id Telegram no longer accepts. */
  forget(locale: string): void {
    this.fileIds.delete(this.key(locale));
  }

  /**
   * Runs `upload` for the picture of `locale` unless one is running already,
   * so that a burst of requests right after start-up uploads it once.
   */
  uploadOnce(locale: string, upload: () => Promise<string | undefined>): Promise<string | undefined> {
    const key = this.key(locale);
    let running = this.uploads.get(key);
    if (running === undefined) {
      running = upload().finally(() => this.uploads.delete(key));
      this.uploads.set(key, running);
    }
    return running;
  }

  /**
   * Caption with a link to the source, and buttons to the overview and
   * inline mode. Posted inline, the picture has no chat to send the
   * overview to, so it keeps the inline button only.
   */
  message(locale: string, inline = false): PictureMessage {
    const loc = this.renderer.resolveLocale(locale);
    const source = this.renderer.matrix(loc).sources.handbook;
    const caption = fmt`${this.t(loc, "table-caption")}\n${FormattedString.link(
      this.t(loc, "table-source", { title: source.title }),
      source.url,
    )}`;
    const search = { text: this.t(loc, "overview-button-inline"), switch_inline_query_current_chat: "" };
    const overview = {
      text: this.t(loc, "section-button-overview"),
      callback_data: encodeCallback({ kind: "list", locale: loc }),
    };
    return {
      caption: caption.text,
      caption_entities: caption.entities ?? [],
      reply_markup: { inline_keyboard: [inline ? [search] : [overview, search]] },
    };
  }
}
