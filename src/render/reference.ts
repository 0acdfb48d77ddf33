import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineQueryResultArticle } from "grammy/types";
import type { Catalog, Link, Matrix, Row, RowSide, Section } from "../matrix/load.js";
import type { Mark } from "../matrix/format.js";
import { BoundedCache } from "../bounded-cache.js";
import { actionButton, inlineHereButton, shareButton, urlButton } from "./keyboard.js";
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
 * Turns the reference into messages to browse it: the overview of the
 * sections, each section's list, one card per row, and the cards as inline
 * results. Knows nothing of how they are sent.
 *
 * Everything that depends only on the language and the data is built on
 * first use and kept, so handling an update does not render anything twice.
 *
 * Every card and list puts its navigation first, so the buttons to move on
 * stay where the thumb is whatever the message holds.
 */
export class ReferenceRenderer {
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
    protected readonly catalog: Catalog,
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
  protected td(locale: string, key: string, variables: Record<string, string | number>): string {
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

  /** The message kept under `key`, built on first use. */
  protected memo(key: string, build: () => RenderedMessage): RenderedMessage {
    return cached(this.cache, key, build);
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
          actionButton(this.td(loc, "overview-section", { title: s.title, count: s.rows.length }), {
            kind: "section",
            locale: loc,
            section: s.slug,
          }),
        ]),
        [
          actionButton(this.t(loc, "overview-button-table"), { kind: "table", locale: loc }),
          inlineHereButton(this.t(loc, "overview-button-inline")),
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
      actionButton(this.t(locale, "section-button-overview"), { kind: "overview", locale }),
    ];
    if (total > 1) {
      nav.unshift(actionButton(this.t(locale, "card-button-previous"), go(at(-1))));
      nav.push(actionButton(this.t(locale, "card-button-next"), go(at(1))));
    }
    return toMessage(text, [nav, ...this.rowButtons(locale, section.rows)]);
  }

  /** Buttons that open the given rows' cards, one per line so that no label is cut on a phone. */
  rowButtons(locale: string, rows: readonly Row[]): InlineKeyboardButton[][] {
    return rows.map((row) => [actionButton(rowLabel(row), { kind: "card", locale, slug: row.slug })]);
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
        actionButton(this.t(locale, "card-button-previous"), card(at(-1))),
        actionButton(this.td(locale, "card-position", { position: row.index + 1, total }), {
          kind: "overview",
          locale,
        }),
        actionButton(this.t(locale, "card-button-next"), card(at(1))),
      ]);
    }
    keyboard.push([
      actionButton(this.td(locale, "card-button-up", { section: section?.title ?? "" }), {
        kind: "section",
        locale,
        section: row.section,
      }),
      shareButton(this.t(locale, "card-button-share"), row.slug),
    ]);
    for (const link of row.links) keyboard.push([urlButton(this.linkLabel(locale, link), link.url)]);
    return toMessage(FormattedString.join(parts, "\n\n"), keyboard);
  }

  private linkLabel(locale: string, link: Link): string {
    return this.td(locale, `card-link-${link.kind}`, { label: link.label });
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
}
