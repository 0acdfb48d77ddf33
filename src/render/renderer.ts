import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineQueryResultArticle } from "grammy/types";
import { encodeCallback } from "../callback-data.js";
import type { Catalog, Matrix, Row, RowSide } from "../matrix/load.js";
import type { Ability } from "../matrix/schema.js";
import { cached, type RenderedMessage, rememberingTranslate, type Translate, toMessage } from "./message.js";

/** The mark shown beside a side for how far it goes. */
export const ABILITY_MARKS: Record<Ability, string> = { yes: "✅", partly: "⚠️", no: "❌" };

/** Bold text, for titles. */
const b = (text: string) => FormattedString.bold(text);
/** Italic text, for hints and verdicts. */
const i = (text: string) => FormattedString.italic(text);

/**
 * `text` cut to at most `max` UTF-16 units, one less rather than half of a
 * character beyond the first 65,536 (an emoji, say): Telegram refuses text
 * with half a character.
 */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * Turns the matrix into messages: the overview, one card per row and the
 * inline results. Knows nothing of how they are sent.
 *
 * Everything that depends only on the language and the data is built on
 * first use and kept, so handling an update does not render anything twice.
 */
export class Renderer {
  private readonly cache = new Map<string, RenderedMessage>();
  /** The most shown messages, kept with no key to build: overviews by language, cards by row. */
  private readonly overviews = new Map<string, RenderedMessage>();
  private readonly cards = new WeakMap<Row, RenderedMessage>();
  private readonly inlineCache = new Map<string, InlineQueryResultArticle[]>();

  /** Translates a key of the Fluent files; translations without variables are kept. */
  readonly t: Translate;

  constructor(
    private readonly catalog: Catalog,
    t: Translate,
  ) {
    this.t = rememberingTranslate(t);
  }

  /** The language the bot uses for `locale`: itself if the matrix has it, else the default. */
  resolveLocale(locale: string | undefined): string {
    return locale !== undefined && this.catalog.locales.includes(locale) ? locale : this.catalog.defaultLocale;
  }

  /** The matrix in a language. */
  matrix(locale: string): Matrix {
    return this.catalog.get(this.resolveLocale(locale));
  }

  private memo(key: string, build: () => RenderedMessage): RenderedMessage {
    return cached(this.cache, key, build);
  }

  /** The overview: one line per row with its verdict, one button per row. */
  overview(locale: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return cached(this.overviews, loc, () => {
      const { rows } = this.catalog.get(loc);
      const lines = rows.map((row) => fmt`${ABILITY_MARKS[row.botApi.can]} ${b(row.title)}\n${row.verdict}`);
      const text = FormattedString.join(
        [
          b(this.t(loc, "overview-title")),
          this.t(loc, "overview-legend"),
          FormattedString.join(lines, "\n\n"),
          i(this.t(loc, "overview-hint")),
        ],
        "\n\n",
      );
      return toMessage(text, [
        ...this.rowButtons(loc, rows),
        [
          { text: this.t(loc, "overview-button-table"), callback_data: encodeCallback({ kind: "table", locale: loc }) },
          this.inlineButton(loc, "overview-button-inline", ""),
        ],
      ]);
    });
  }

  /** Buttons that open the given rows' cards, two per line. */
  rowButtons(locale: string, rows: readonly Row[]): InlineKeyboardButton[][] {
    const buttons = rows.map((row) => ({
      text: `${ABILITY_MARKS[row.botApi.can]} ${row.title}`,
      callback_data: encodeCallback({ kind: "card", locale, slug: row.slug }),
    }));
    const lines: InlineKeyboardButton[][] = [];
    for (let n = 0; n < buttons.length; n += 2) lines.push(buttons.slice(n, n + 2));
    return lines;
  }

  /** One row's card, or `undefined` for a slug the matrix does not have. */
  card(locale: string, slug: string): RenderedMessage | undefined {
    const loc = this.resolveLocale(locale);
    const matrix = this.catalog.get(loc);
    const row = matrix.bySlug.get(slug);
    if (row === undefined) return undefined;
    let card = this.cards.get(row);
    if (card === undefined) this.cards.set(row, (card = this.buildCard(loc, matrix, row)));
    return card;
  }

  private side(locale: string, label: string, side: RowSide): FormattedString {
    const head = fmt`${b(label)} — ${ABILITY_MARKS[side.can]} ${this.t(locale, `ability-${side.can}`)}`;
    const body = side.lines.length === 1 ? (side.lines[0] ?? "") : side.lines.map((l) => `• ${l}`).join("\n");
    return fmt`${head}\n${body}`;
  }

  private buildCard(locale: string, matrix: Matrix, row: Row): RenderedMessage {
    const total = matrix.rows.length;
    const text = FormattedString.join(
      [
        b(row.title),
        this.side(locale, this.t(locale, "card-bot-api"), row.botApi),
        this.side(locale, this.t(locale, "card-telegram-api"), row.telegramApi),
        i(row.verdict),
      ],
      "\n\n",
    );
    const at = (offset: number) => matrix.rows[(row.index + offset + total) % total] as Row;
    const card = (target: Row) => encodeCallback({ kind: "card", locale, slug: target.slug });
    const overview = encodeCallback({ kind: "overview", locale });
    const keyboard: InlineKeyboardButton[][] = row.links.map((link) => [
      { text: this.t(locale, "card-read-more", { label: link.label }), url: link.url },
    ]);
    if (total > 1) {
      keyboard.push([
        { text: this.t(locale, "card-button-previous"), callback_data: card(at(-1)) },
        { text: this.t(locale, "card-position", { position: row.index + 1, total }), callback_data: overview },
        { text: this.t(locale, "card-button-next"), callback_data: card(at(1)) },
      ]);
    }
    keyboard.push([
      { text: this.t(locale, "card-button-overview"), callback_data: overview },
      { text: this.t(locale, "card-button-share"), switch_inline_query: row.slug },
    ]);
    return toMessage(text, keyboard);
  }

  private inlineButton(locale: string, key: string, query: string): InlineKeyboardButton {
    return { text: this.t(locale, key), switch_inline_query_current_chat: query };
  }

  /**
   * Inline results for the given rows, in that order: articles whose message
   * is the row's card. Result ids are the slugs, stable across restarts.
   */
  inlineResults(locale: string, slugs: readonly string[]): InlineQueryResultArticle[] {
    const loc = this.resolveLocale(locale);
    const key = `${loc}:${slugs.join(",")}`;
    let results = this.inlineCache.get(key);
    if (results !== undefined) return results;
    const matrix = this.catalog.get(loc);
    results = [];
    for (const slug of slugs) {
      const row = matrix.bySlug.get(slug);
      const card = this.card(loc, slug);
      if (row === undefined || card === undefined) continue;
      results.push({
        type: "article",
        id: slug,
        title: `${ABILITY_MARKS[row.botApi.can]} ${row.title}`,
        description: row.verdict,
        input_message_content: {
          message_text: card.text,
          entities: card.entities,
          link_preview_options: card.link_preview_options,
        },
        ...(card.reply_markup ? { reply_markup: card.reply_markup } : {}),
      });
    }
    // Only the empty query's full list and single rows are worth keeping;
    // other combinations are cheap to rebuild from the cached cards.
    if (slugs.length <= 1 || slugs.length === matrix.rows.length) this.inlineCache.set(key, results);
    return results;
  }

  /** /start: what the bot is, how to use it, and where to begin. */
  start(locale: string, botUsername: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`start:${loc}:${botUsername}`, () => {
      const mention = `@${botUsername}`;
      const text = FormattedString.join(
        [
          b(this.t(loc, "start-title")),
          this.t(loc, "start-body"),
          fmt`${b(this.t(loc, "start-how"))}\n${[
            this.t(loc, "start-how-compare"),
            this.t(loc, "start-how-words"),
            this.t(loc, "start-how-inline", { mention }),
            this.t(loc, "start-how-ask"),
            this.t(loc, "start-how-choose"),
            this.t(loc, "start-how-table"),
          ]
            .map((l) => `• ${l}`)
            .join("\n")}`,
        ],
        "\n\n",
      );
      return toMessage(text, [
        [
          {
            text: this.t(loc, "start-button-browse"),
            callback_data: encodeCallback({ kind: "overview", locale: loc }),
          },
        ],
        [this.inlineButton(loc, "start-button-inline", "")],
      ]);
    });
  }

  /** /help: the commands and inline mode, briefly. */
  help(locale: string, botUsername: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`help:${loc}:${botUsername}`, () => {
      const text = fmt`${b(this.t(loc, "help-title"))}\n\n${this.t(loc, "help-body", { mention: `@${botUsername}` })}`;
      return toMessage(text, [
        [
          {
            text: this.t(loc, "start-button-browse"),
            callback_data: encodeCallback({ kind: "overview", locale: loc }),
          },
        ],
        [this.inlineButton(loc, "start-button-inline", "")],
      ]);
    });
  }

  /** /about: the source, its authors and licence, and where to read further. */
  about(locale: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`about:${loc}`, () => {
      const matrix = this.catalog.get(loc);
      const links = [{ label: this.t(loc, "about-source"), url: matrix.source.url }, ...matrix.seeAlso];
      const text = FormattedString.join(
        [
          b(this.t(loc, "about-title")),
          this.t(loc, "about-body", { table: matrix.source.label }),
          fmt`${b(this.t(loc, "about-see-also"))}\n${FormattedString.join(
            links.map((l) => fmt`• ${FormattedString.link(l.label, l.url)}`),
            "\n",
          )}`,
          i(this.t(loc, "about-license")),
        ],
        "\n\n",
      );
      return toMessage(text);
    });
  }

  /**
   * A row's card answering a question, with a button on top for the row
   * that came a close second.
   */
  answer(locale: string, slug: string, runnerUp?: string): RenderedMessage | undefined {
    const loc = this.resolveLocale(locale);
    const card = this.card(loc, slug);
    const second = runnerUp === undefined ? undefined : this.matrix(loc).bySlug.get(runnerUp);
    if (card === undefined || second === undefined) return card;
    return this.memo(`answer:${loc}:${slug}:${second.slug}`, () => {
      const button: InlineKeyboardButton = {
        text: this.t(loc, "ask-runner-up", { title: second.title }),
        callback_data: encodeCallback({ kind: "card", locale: loc, slug: second.slug }),
      };
      return { ...card, reply_markup: { inline_keyboard: [[button], ...(card.reply_markup?.inline_keyboard ?? [])] } };
    });
  }

  /** A question the bot is not sure about: the closest rows as buttons and a pointer to /compare. */
  unsure(locale: string, closest: readonly string[]): RenderedMessage {
    const loc = this.resolveLocale(locale);
    const matrix = this.catalog.get(loc);
    return this.memo(`unsure:${loc}:${closest.join(",")}`, () => {
      const rows = closest.flatMap((s) => matrix.bySlug.get(s) ?? []);
      const text = fmt`${this.t(loc, "ask-unsure")}
${i(this.t(loc, "ask-unsure-hint"))}`;
      return toMessage(text, this.rowButtons(loc, rows));
    });
  }

  /**
   * The answer to greetings, thanks and words the matrix does not know:
   * what the bot does and where to start. The advisor button opens the
   * advisor in a private chat, or links to one from a group.
   */
  smalltalk(locale: string, botUsername: string, inPrivate: boolean): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`smalltalk:${loc}:${botUsername}:${inPrivate}`, () => {
      const text = fmt`${this.t(loc, "smalltalk", { mention: `@${botUsername}` })}`;
      const choose: InlineKeyboardButton = inPrivate
        ? {
            text: this.t(loc, "smalltalk-button-choose"),
            callback_data: encodeCallback({ kind: "choose", locale: loc }),
          }
        : { text: this.t(loc, "smalltalk-button-choose"), url: `https://t.me/${botUsername}?start=choose` };
      return toMessage(text, [
        [
          {
            text: this.t(loc, "start-button-browse"),
            callback_data: encodeCallback({ kind: "overview", locale: loc }),
          },
        ],
        [this.inlineButton(loc, "start-button-inline", ""), choose],
      ]);
    });
  }

  /**
   * The answer to `/compare <words>` when nothing matches: says so, and offers
   * the closest rows (or all of them when there are none) as buttons.
   */
  notFound(locale: string, query: string, closest: readonly string[]): RenderedMessage {
    const loc = this.resolveLocale(locale);
    const matrix = this.catalog.get(loc);
    const rows = closest.length > 0 ? closest.flatMap((s) => matrix.bySlug.get(s) ?? []) : matrix.rows;
    const hint = this.t(loc, closest.length > 0 ? "nothing-found-hint" : "nothing-found-all");
    const text = fmt`${this.t(loc, "nothing-found", { query: clip(query, 200) })}\n${hint}`;
    return toMessage(text, this.rowButtons(loc, rows));
  }
}
