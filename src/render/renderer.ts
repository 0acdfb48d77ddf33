import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineQueryResultArticle } from "grammy/types";
import { encodeCallback } from "../callback-data.js";
import type { Smalltalk } from "../matrix/ask.js";
import type { Catalog, Link, Matrix, Row, RowSide, Section } from "../matrix/load.js";
import { compareVersions, type Mark } from "../matrix/format.js";
import { BoundedCache } from "../matrix/search.js";
import { cached, type RenderedMessage, rememberingTranslate, type Translate, toMessage } from "./message.js";

/** The mark shown beside a side for how far it goes. */
export const MARK_EMOJI: Record<Mark, string> = { yes: "✅", partly: "⚠️", local: "🖥️", no: "❌" };

/** Bold text, for titles. */
const b = (text: string) => FormattedString.bold(text);
/** Italic text, for hints. */
const i = (text: string) => FormattedString.italic(text);

/** How a row is labelled on a button: the Bot API's mark and the short label (at most 20 characters). */
export function rowLabel(row: Row): string {
  return `${MARK_EMOJI[row.sides[0].mark]} ${row.short}`;
}

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
 * Turns the reference into messages: the overview of the sections, each
 * section's list, one card per row, the inline results, and the other
 * commands' answers. Knows nothing of how they are sent.
 *
 * Everything that depends only on the language and the data is built on
 * first use and kept, so handling an update does not render anything twice.
 *
 * Every card and list puts its navigation first, so the buttons to move on
 * stay where the thumb is whatever the message holds.
 */
export class Renderer {
  private readonly cache = new Map<string, RenderedMessage>();
  /** The most shown messages, kept with no key to build: overviews by language, cards by row. */
  private readonly overviews = new Map<string, RenderedMessage>();
  private readonly sections = new WeakMap<Section, RenderedMessage>();
  private readonly cards = new WeakMap<Row, RenderedMessage>();
  private readonly articles = new WeakMap<Row, InlineQueryResultArticle>();
  private readonly inlineCache = new BoundedCache<InlineQueryResultArticle[]>();

  /** Translates a key of the Fluent files; translations without variables are kept. */
  readonly t: Translate;
  private readonly withData = new Map<string, string>();

  constructor(
    private readonly catalog: Catalog,
    t: Translate,
  ) {
    this.t = rememberingTranslate(t);
  }

  /**
   * Translates a key whose variables come from the data (a title, a
   * position), which are finitely many, so every translation is kept: a
   * Fluent call with variables costs about a millisecond on a busy machine,
   * and every card takes several.
   */
  private td(locale: string, key: string, variables: Record<string, string | number>): string {
    return cached(this.withData, `${locale}\u0000${key}\u0000${JSON.stringify(variables)}`, () =>
      this.t(locale, key, variables),
    );
  }

  /** The language the bot uses for `locale`: itself if the reference has it, else the default. */
  resolveLocale(locale: string | undefined): string {
    return locale !== undefined && (this.catalog.locales as readonly string[]).includes(locale)
      ? locale
      : this.catalog.defaultLocale;
  }

  /** The reference in a language. */
  matrix(locale: string): Matrix {
    return this.catalog.get(this.resolveLocale(locale));
  }

  private memo(key: string, build: () => RenderedMessage): RenderedMessage {
    return cached(this.cache, key, build);
  }

  private button(text: string, data: Parameters<typeof encodeCallback>[0]): InlineKeyboardButton {
    return { text, callback_data: encodeCallback(data) };
  }

  /** The overview: one line and one button per section. */
  overview(locale: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return cached(this.overviews, loc, () => {
      const { sections } = this.catalog.get(loc);
      const lines = sections.map((s) => fmt`${b(s.title)} — ${s.summary}`);
      const text = FormattedString.join(
        [
          b(this.t(loc, "overview-title")),
          this.t(loc, "overview-legend"),
          FormattedString.join(lines, "\n"),
          i(this.t(loc, "overview-hint")),
        ],
        "\n\n",
      );
      return toMessage(text, [
        ...sections.map((s) => [
          this.button(this.td(loc, "overview-section", { title: s.title, count: s.rows.length }), {
            kind: "section",
            locale: loc,
            section: s.slug,
          }),
        ]),
        [
          this.button(this.t(loc, "overview-button-table"), { kind: "table", locale: loc }),
          this.inlineButton(loc, "overview-button-inline", ""),
        ],
      ]);
    });
  }

  /** One section: a line and a button per row, with the neighbouring sections and the overview. */
  section(locale: string, slug: string): RenderedMessage | undefined {
    const loc = this.resolveLocale(locale);
    const matrix = this.catalog.get(loc);
    const section = matrix.sectionBySlug.get(slug);
    if (section === undefined) return undefined;
    let message = this.sections.get(section);
    if (message === undefined) this.sections.set(section, (message = this.buildSection(loc, matrix, section)));
    return message;
  }

  private buildSection(locale: string, matrix: Matrix, section: Section): RenderedMessage {
    const total = matrix.sections.length;
    const lines = section.rows.map((row) => fmt`${MARK_EMOJI[row.sides[0].mark]} ${b(row.title)}\n${row.summary}`);
    const text = FormattedString.join(
      [
        fmt`${b(section.title)}\n${i(this.td(locale, "section-position", { position: section.index + 1, total }))}`,
        FormattedString.join(lines, "\n\n"),
      ],
      "\n\n",
    );
    const at = (offset: number) => matrix.sections[(section.index + offset + total) % total] as Section;
    const go = (target: Section) => ({ kind: "section" as const, locale, section: target.slug });
    const nav: InlineKeyboardButton[] = [
      this.button(this.t(locale, "section-button-overview"), { kind: "overview", locale }),
    ];
    if (total > 1) {
      nav.unshift(this.button(this.t(locale, "card-button-previous"), go(at(-1))));
      nav.push(this.button(this.t(locale, "card-button-next"), go(at(1))));
    }
    return toMessage(text, [nav, ...this.rowButtons(locale, section.rows)]);
  }

  /** Buttons that open the given rows' cards, one per line so that no label is cut on a phone. */
  rowButtons(locale: string, rows: readonly Row[]): InlineKeyboardButton[][] {
    return rows.map((row) => [this.button(rowLabel(row), { kind: "card", locale, slug: row.slug })]);
  }

  /** One row's card, or `undefined` for a slug the reference does not have. */
  card(locale: string, slug: string): RenderedMessage | undefined {
    const loc = this.resolveLocale(locale);
    const matrix = this.catalog.get(loc);
    const row = matrix.bySlug.get(slug);
    if (row === undefined) return undefined;
    let card = this.cards.get(row);
    if (card === undefined) this.cards.set(row, (card = this.buildCard(loc, matrix, row)));
    return card;
  }

  /** The headline of a side: the row's own, else "same as …", else the mark's word. */
  private headline(locale: string, side: RowSide): string {
    if (side.headline !== undefined) return side.headline;
    if (side.same) return this.t(locale, `same-${side.name.replaceAll("_", "-")}`);
    return this.t(locale, `mark-${side.mark}`);
  }

  private side(locale: string, side: RowSide): FormattedString {
    const head = b(
      `${this.t(locale, `side-${side.name.replaceAll("_", "-")}`)} — ${MARK_EMOJI[side.mark]} ${this.headline(locale, side)}`,
    );
    const parts: FormattedString[] = [head];
    if (side.lines.length > 0) parts.push(fmt`${side.lines.join(" ")}`);
    if (side.methods.length > 0) {
      parts.push(
        FormattedString.join(
          side.methods.map((m) => FormattedString.code(m)),
          ", ",
        ),
      );
    }
    return FormattedString.join(parts, "\n");
  }

  private buildCard(locale: string, matrix: Matrix, row: Row): RenderedMessage {
    const total = matrix.rows.length;
    const section = matrix.sectionBySlug.get(row.section);
    const parts: FormattedString[] = [
      fmt`${b(row.title)}\n${i(section?.title ?? "")}`,
      ...row.sides.map((side) => this.side(locale, side)),
    ];
    const [change] = row.changes;
    if (change !== undefined) {
      parts.push(fmt`${this.td(locale, "card-change", { version: change.version })} ${change.text}`);
    }
    const at = (offset: number) => matrix.rows[(row.index + offset + total) % total] as Row;
    const card = (target: Row) => ({ kind: "card" as const, locale, slug: target.slug });
    const keyboard: InlineKeyboardButton[][] = [];
    if (total > 1) {
      keyboard.push([
        this.button(this.t(locale, "card-button-previous"), card(at(-1))),
        this.button(this.td(locale, "card-position", { position: row.index + 1, total }), { kind: "overview", locale }),
        this.button(this.t(locale, "card-button-next"), card(at(1))),
      ]);
    }
    keyboard.push([
      this.button(this.td(locale, "card-button-up", { section: section?.title ?? "" }), {
        kind: "section",
        locale,
        section: row.section,
      }),
      { text: this.t(locale, "card-button-share"), switch_inline_query: row.slug },
    ]);
    for (const link of row.links) keyboard.push([{ text: this.linkLabel(locale, link), url: link.url }]);
    return toMessage(FormattedString.join(parts, "\n\n"), keyboard);
  }

  private linkLabel(locale: string, link: Link): string {
    return this.td(locale, `card-link-${link.kind}`, { label: link.label });
  }

  private inlineButton(locale: string, key: string, query: string): InlineKeyboardButton {
    return { text: this.t(locale, key), switch_inline_query_current_chat: query };
  }

  /**
   * Inline results for the given rows, in that order: articles whose message
   * is the row's card. Result ids are the slugs, stable across restarts.
   * The result is shared between calls: do not modify it.
   */
  inlineResults(locale: string, slugs: readonly string[]): readonly InlineQueryResultArticle[] {
    const loc = this.resolveLocale(locale);
    const key = `${loc}:${slugs.join(",")}`;
    const known = this.inlineCache.get(key);
    if (known !== undefined) return known;
    const matrix = this.catalog.get(loc);
    const results: InlineQueryResultArticle[] = [];
    for (const slug of slugs) {
      const row = matrix.bySlug.get(slug);
      if (row !== undefined) results.push(this.article(loc, row));
    }
    return this.inlineCache.remember(key, results);
  }

  private article(locale: string, row: Row): InlineQueryResultArticle {
    let article = this.articles.get(row);
    if (article === undefined) {
      const card = this.card(locale, row.slug) as RenderedMessage;
      article = {
        type: "article",
        id: row.slug,
        title: `${MARK_EMOJI[row.sides[0].mark]} ${row.title}`,
        description: row.summary,
        input_message_content: {
          message_text: card.text,
          entities: card.entities,
          link_preview_options: card.link_preview_options,
        },
        ...(card.reply_markup ? { reply_markup: card.reply_markup } : {}),
      };
      this.articles.set(row, article);
    }
    return article;
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
            this.t(loc, "start-how-new"),
          ]
            .map((l) => `• ${l}`)
            .join("\n")}`,
        ],
        "\n\n",
      );
      return toMessage(text, [
        [this.button(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
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
        [this.button(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
        [this.inlineButton(loc, "start-button-inline", "")],
      ]);
    });
  }

  /** /about: where the facts come from, when they were checked, who wrote the sources, the licence. */
  about(locale: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`about:${loc}`, () => {
      const { sources } = this.catalog.get(loc);
      const other = this.catalog.locales.filter((l) => l !== loc).map((l) => this.catalog.get(l).sources.handbook);
      const link = (title: string, url: string) => FormattedString.link(title, url);
      const checked = new Intl.DateTimeFormat(loc, { dateStyle: "long", timeZone: "UTC" }).format(
        new Date(`${sources.checked}T00:00:00Z`),
      );
      const handbook = [sources.handbook, ...other].map((h) => fmt`• ${link(h.title, h.url)}`);
      const text = FormattedString.join(
        [
          b(this.t(loc, "about-title")),
          this.t(loc, "about-body", { date: checked }),
          fmt`${b(this.t(loc, "about-docs"))}\n${FormattedString.join(
            [
              fmt`• ${link(sources.botApi.title, sources.botApi.url)}`,
              fmt`• ${link(sources.mtproto.title, sources.mtproto.url)}`,
            ],
            "\n",
          )}`,
          fmt`${b(this.t(loc, "about-handbook", { author: sources.tableAuthor }))}\n${FormattedString.join(handbook, "\n")}`,
          i(this.t(loc, "about-license")),
        ],
        "\n\n",
      );
      return toMessage(text);
    });
  }

  /**
   * /new: what recent Bot API versions changed on the reference, newest
   * first, from the rows' `changes`, with a button to each row changed.
   */
  news(locale: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`news:${loc}`, () => {
      const { rows } = this.catalog.get(loc);
      const byVersion = new Map<string, FormattedString[]>();
      const changed: Row[] = [];
      for (const row of rows) {
        for (const change of row.changes) {
          const list = byVersion.get(change.version) ?? [];
          list.push(fmt`• ${b(row.title)}: ${change.text}`);
          byVersion.set(change.version, list);
        }
        if (row.changes.length > 0) changed.push(row);
      }
      const versions = [...byVersion.keys()].sort((x, y) => compareVersions(y, x));
      if (versions.length === 0) return toMessage(fmt`${b(this.t(loc, "news-title"))}\n\n${this.t(loc, "news-empty")}`);
      const blocks: FormattedString[] = [b(this.t(loc, "news-title"))];
      let length = blocks[0]?.text.length ?? 0;
      for (const version of versions) {
        const block = fmt`${b(this.t(loc, "news-version", { version }))}\n${FormattedString.join(byVersion.get(version) ?? [], "\n")}`;
        // Older versions give way when a message would grow past Telegram's limit.
        if (length + block.text.length + 2 > MAX_TEXT) break;
        blocks.push(block);
        length += block.text.length + 2;
      }
      const newest = (row: Row) => row.changes[0]?.version ?? "0";
      const buttons = [...changed].sort((x, y) => compareVersions(newest(y), newest(x))).slice(0, NEWS_BUTTONS);
      return toMessage(FormattedString.join(blocks, "\n\n"), this.rowButtons(loc, buttons));
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
      const button = this.button(this.t(loc, "ask-runner-up", { title: second.short }), {
        kind: "card",
        locale: loc,
        slug: second.slug,
      });
      return { ...card, reply_markup: { inline_keyboard: [[button], ...(card.reply_markup?.inline_keyboard ?? [])] } };
    });
  }

  /**
   * A question the bot is not sure about: says so, with the closest rows as
   * buttons, /compare, and where to look beyond the reference.
   */
  unsure(locale: string, closest: readonly string[]): RenderedMessage {
    const loc = this.resolveLocale(locale);
    const matrix = this.catalog.get(loc);
    return this.memo(`unsure:${loc}:${closest.join(",")}`, () => {
      const rows = closest.flatMap((s) => matrix.bySlug.get(s) ?? []);
      const text = fmt`${this.t(loc, "ask-unsure")}
${i(this.t(loc, "ask-unsure-hint"))}`;
      return toMessage(text, [...this.rowButtons(loc, rows), this.elsewhere(loc)]);
    });
  }

  /**
   * A question the reference does not cover: what the bot covers, and where
   * to look instead (the Bot API documentation and the handbook).
   */
  outOfScope(locale: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`out:${loc}`, () => {
      const text = fmt`${this.t(loc, "ask-out")}

${i(this.t(loc, "ask-out-hint"))}`;
      return toMessage(text, [
        this.elsewhere(loc),
        [this.button(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
      ]);
    });
  }

  /** Links to the Bot API documentation and the handbook, for what the reference does not say. */
  private elsewhere(locale: string): InlineKeyboardButton[] {
    const { sources } = this.catalog.get(locale);
    return [
      { text: this.t(locale, "ask-button-botapi"), url: sources.botApi.url },
      { text: this.t(locale, "ask-button-handbook"), url: sources.handbook.url },
    ];
  }

  /**
   * The bot's own subject, asked in words ("what is the difference between
   * the Bot API and MTProto?"): the three sides in short, then the overview
   * of the sections with its buttons.
   */
  subject(locale: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`subject:${loc}`, () => {
      const overview = this.overview(loc);
      const { sections } = this.catalog.get(loc);
      const lines = sections.map((s) => fmt`${b(s.title)} — ${s.summary}`);
      const text = FormattedString.join(
        [
          b(this.t(loc, "subject-title")),
          fmt`${this.t(loc, "subject-body")}`,
          fmt`${i(this.t(loc, "subject-sections"))}\n${FormattedString.join(lines, "\n")}`,
        ],
        "\n\n",
      );
      return toMessage(text, overview.reply_markup?.inline_keyboard ?? []);
    });
  }

  /**
   * The answer to small talk, by its kind: "you're welcome" to thanks, a
   * short hello, a goodbye; "about" (who are you, help) gets what the bot
   * does and where to start. The advisor button opens the advisor in a
   * private chat, or links to one from a group.
   */
  smalltalk(locale: string, botUsername: string, inPrivate: boolean, tone: Smalltalk = "about"): RenderedMessage {
    const loc = this.resolveLocale(locale);
    if (tone !== "about" && tone !== "ack") {
      const key = TONES[tone];
      return this.memo(`smalltalk:${loc}:${tone}`, () => toMessage(fmt`${this.t(loc, key)}`));
    }
    return this.memo(`smalltalk:${loc}:${botUsername}:${inPrivate}`, () => {
      const text = fmt`${this.t(loc, "smalltalk", { mention: `@${botUsername}` })}`;
      const choose: InlineKeyboardButton = inPrivate
        ? this.button(this.t(loc, "smalltalk-button-choose"), { kind: "choose", locale: loc })
        : { text: this.t(loc, "smalltalk-button-choose"), url: `https://t.me/${botUsername}?start=choose` };
      return toMessage(text, [
        [this.button(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
        [this.inlineButton(loc, "start-button-inline", ""), choose],
      ]);
    });
  }

  /**
   * The answer to `/compare <words>` when nothing matches: says so, and offers
   * the closest rows as buttons, or the sections when there are none.
   */
  notFound(locale: string, query: string, closest: readonly string[]): RenderedMessage {
    const loc = this.resolveLocale(locale);
    const matrix = this.catalog.get(loc);
    const rows = closest.flatMap((s) => matrix.bySlug.get(s) ?? []);
    const hint = this.t(loc, rows.length > 0 ? "nothing-found-hint" : "nothing-found-all");
    const text = fmt`${this.t(loc, "nothing-found", { query: clip(query, 200) })}\n${hint}`;
    const keyboard =
      rows.length > 0
        ? this.rowButtons(loc, rows)
        : (this.overview(loc).reply_markup?.inline_keyboard.slice(0, matrix.sections.length) ?? []);
    return toMessage(text, keyboard);
  }
}

/** The reply to each kind of small talk that gets a word of its own; the rest get what the bot does. */
const TONES: Record<Exclude<Smalltalk, "about" | "ack">, string> = {
  thanks: "smalltalk-thanks",
  hello: "smalltalk-hello",
  bye: "smalltalk-bye",
};

/** Telegram's limit of a message's text, in characters. */
export const MAX_TEXT = 4096;
/** At most this many rows get a button under /new. */
const NEWS_BUTTONS = 10;
