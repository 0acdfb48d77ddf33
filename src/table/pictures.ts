import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardMarkup, InlineQueryResult, MessageEntity } from "grammy/types";
import { SIDES } from "../matrix/format.js";
import { actionButton, inlineHereButton } from "../render/keyboard.js";
import { cached, type Translate } from "../render/message.js";
import type { Renderer } from "../render/renderer.js";
import type { KeyValueStorage } from "../storage.js";
import { type Draw, drawInChildProcess } from "./drawing.js";
import { pictureKey, type TableLabels, type TableSection } from "./render.js";
import { tableSections } from "./sections.js";

/** A caption with its entities. */
export interface Caption {
  caption: string;
  caption_entities: MessageEntity[];
}

/** Caption, entities and buttons that go with a picture or the document. */
export interface PictureMessage extends Caption {
  reply_markup: InlineKeyboardMarkup;
}

/** The reference of one language as the pictures show it, and the keys of its pictures. */
export interface TablePlan {
  locale: string;
  sections: readonly TableSection[];
  labels: TableLabels;
  /** Section slugs, in order. */
  slugs: readonly string[];
  /** Per section: the key of its pictures, which changes with what they show and how they are drawn. */
  keys: readonly string[];
  /** The key of the whole table as one picture, sent as a document. */
  documentKey: string;
}

/** Telegram's file_ids of a language's pictures, where known. */
export interface KnownFiles {
  /** Per section: the file_ids of its pictures (one per part), or undefined when not uploaded yet. */
  sections: (readonly string[] | undefined)[];
  /** The whole table's file_id as a document, or undefined. */
  document: string | undefined;
}

/** Pictures being drawn: each section's asked for (one PNG per part), and the whole table. */
export interface MissingPictures {
  sections: Promise<{ index: number; pngs: Buffer[] }[]>;
  full: Promise<Buffer | undefined>;
}

/** Id prefix of the inline results that are pictures: row slugs never hold a colon. */
export const TABLE_RESULT_PREFIX = "table:";
/** Id of the inline result with the whole table as a document. */
export const TABLE_DOCUMENT_RESULT_ID = `${TABLE_RESULT_PREFIX}all`;

/**
 * The reference as pictures, per language: one per section (a section too
 * long for one picture gets several parts), each row with a mark and a
 * headline for each side, to be sent as an album; and the whole table as
 * one tall picture, to be sent as a document. Nothing is drawn until a
 * picture is first needed, and then only what Telegram does not have yet;
 * the PNGs are let go once uploaded. After an upload, pictures are sent by
 * Telegram's file_ids, remembered in memory and, when a shared store is
 * given, for the other instances too.
 */
export class TablePictures {
  private readonly plans = new Map<string, TablePlan>();
  private readonly fileIds = new Map<string, string>();
  private readonly uploads = new Map<string, Promise<void>>();

  constructor(
    private readonly renderer: Renderer,
    private readonly t: Translate,
    private readonly store?: KeyValueStorage<string>,
    private readonly draw: Draw = drawInChildProcess,
  ) {}

  /** The words around the data, in `locale`. */
  labels(locale: string): TableLabels {
    const t = (key: string) => this.t(locale, key);
    return {
      title: t("table-title"),
      columns: SIDES.map((side) => t(`side-${side.replaceAll("_", "-")}`).replace(/^\P{L}+/u, "")),
      footer: t("table-footer"),
    };
  }

  /** What the pictures of `locale` show, and their keys; worked out once per language. */
  plan(locale: string): TablePlan {
    const loc = this.renderer.resolveLocale(locale);
    return cached(this.plans, loc, () => {
      const t = (key: string) => this.t(loc, key);
      const marks = { yes: t("mark-yes"), partly: t("mark-partly"), local: t("table-local"), no: t("mark-no") };
      const matrix = this.renderer.matrix(loc);
      const sections = tableSections(matrix, marks);
      const labels = this.labels(loc);
      const slugs = matrix.sections.map((s) => s.slug);
      return {
        locale: loc,
        sections,
        labels,
        slugs,
        keys: sections.map(
          (section, i) => `${loc}:${slugs[i] ?? i}:${pictureKey(section, labels, i, sections.length)}`,
        ),
        documentKey: `${loc}:all:${pictureKey(sections, labels)}`,
      };
    });
  }

  private async read(key: string): Promise<string | undefined> {
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

  /** Telegram's file_ids of the pictures of `locale` uploaded before (by any instance). */
  async known(locale: string): Promise<KnownFiles> {
    const plan = this.plan(locale);
    const [document, ...sections] = await Promise.all([plan.documentKey, ...plan.keys].map((key) => this.read(key)));
    return { sections: sections.map((value) => value?.split(" ")), document };
  }

  private async write(key: string, value: string): Promise<void> {
    this.fileIds.set(key, value);
    try {
      await this.store?.write(key, value);
    } catch {
      // Another instance uploads once more; nothing else is lost.
    }
  }

  /** Remembers the file_ids Telegram gave a section's pictures, one per part. */
  rememberSection(locale: string, index: number, fileIds: readonly string[]): Promise<void> {
    const key = this.plan(locale).keys[index];
    return key === undefined ? Promise.resolve() : this.write(key, fileIds.join(" "));
  }

  /** Remembers the file_id Telegram gave the whole table's document. */
  rememberDocument(locale: string, fileId: string): Promise<void> {
    return this.write(this.plan(locale).documentKey, fileId);
  }

  /** Forgets the file_ids of `locale` in this process, after Telegram refused one. */
  forget(locale: string): void {
    const plan = this.plan(locale);
    for (const key of [...plan.keys, plan.documentKey]) this.fileIds.delete(key);
  }

  /**
   * Draws what `known` lacks: the pictures of the sections without
   * file_ids, and the whole table if it has none, in two processes at once
   * so that the album can go while the tall picture is still being drawn.
   * Only these PNGs are held, by the caller, until they are uploaded.
   */
  drawMissing(locale: string, known: KnownFiles): MissingPictures {
    const plan = this.plan(locale);
    const request = { sections: plan.sections, labels: plan.labels };
    const wanted = known.sections.flatMap((ids, i) => (ids === undefined ? [i] : []));
    const sections =
      wanted.length === 0
        ? Promise.resolve([])
        : this.draw({ ...request, draw: wanted, full: false }).then((drawn) => drawn.sections);
    const full =
      known.document !== undefined
        ? Promise.resolve(undefined)
        : this.draw({ ...request, draw: [], full: true }).then((drawn) => drawn.full);
    // Awaited once the album is out; a failure is reported there, not as an unhandled rejection.
    full.catch(() => undefined);
    return { sections, full };
  }

  /**
   * Runs `upload` for `locale` unless one is running already, so that a
   * burst of requests right after start-up draws and uploads once; the
   * others wait for it and then send by file_id.
   */
  uploadOnce(locale: string, upload: () => Promise<void>): Promise<void> {
    const loc = this.renderer.resolveLocale(locale);
    let running = this.uploads.get(loc);
    if (running === undefined) {
      running = upload().finally(() => this.uploads.delete(loc));
      this.uploads.set(loc, running);
    }
    return running;
  }

  /** The caption of the album: what it is, and the source. */
  albumCaption(locale: string): Caption {
    const loc = this.renderer.resolveLocale(locale);
    const source = this.renderer.matrix(loc).sources.handbook;
    const caption = fmt`${this.t(loc, "table-caption")}\n${FormattedString.link(
      this.t(loc, "table-source", { title: source.title }),
      source.url,
    )}`;
    return { caption: caption.text, caption_entities: caption.entities ?? [] };
  }

  /**
   * The document's caption, and buttons to the overview and inline mode.
   * Posted inline, it has no chat to send the overview to, so it keeps the
   * inline button only.
   */
  documentMessage(locale: string, inline = false): PictureMessage {
    const loc = this.renderer.resolveLocale(locale);
    const search = inlineHereButton(this.t(loc, "overview-button-inline"));
    const overview = actionButton(this.t(loc, "section-button-overview"), { kind: "list", locale: loc });
    return {
      caption: this.t(loc, "table-document-caption"),
      caption_entities: [],
      reply_markup: { inline_keyboard: [inline ? [search] : [overview, search]] },
    };
  }

  /** The file name of the whole table's document. */
  documentName(locale: string): string {
    return `bot-api-mtproto.${this.renderer.resolveLocale(locale)}.png`;
  }

  /**
   * The pictures Telegram has, as inline results: each section's (parts
   * included), the section `first` first, then the whole table as a
   * document. Without `all`, only the document. Pictures not uploaded yet
   * are not offered: an inline answer can only point at what Telegram has.
   */
  async inlineResults(locale: string, options: { all: boolean; first?: string }): Promise<InlineQueryResult[]> {
    const plan = this.plan(locale);
    const known = await this.known(plan.locale);
    const results: InlineQueryResult[] = [];
    if (options.all) {
      const order = plan.slugs.map((_, i) => i);
      const first = plan.slugs.indexOf(options.first ?? "");
      if (first > 0) order.unshift(...order.splice(first, 1));
      const search = this.documentMessage(plan.locale, true).reply_markup;
      for (const i of order) {
        const section = plan.sections[i];
        const ids = known.sections[i];
        if (section === undefined || ids === undefined) continue;
        ids.forEach((fileId, part) => {
          const title = ids.length > 1 ? `${section.title} (${part + 1}/${ids.length})` : section.title;
          results.push({
            type: "photo",
            id: `${TABLE_RESULT_PREFIX}${plan.slugs[i] ?? i}${part > 0 ? `:${part + 1}` : ""}`,
            photo_file_id: fileId,
            title,
            description: section.summary,
            caption: `🖼 ${title}`,
            reply_markup: search,
          });
        });
      }
    }
    if (known.document !== undefined) {
      results.push({
        type: "document",
        id: TABLE_DOCUMENT_RESULT_ID,
        document_file_id: known.document,
        title: this.t(plan.locale, "table-inline-title"),
        description: this.t(plan.locale, "table-inline-description"),
        ...this.documentMessage(plan.locale, true),
      });
    }
    return results;
  }
}
