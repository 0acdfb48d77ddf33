import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import type { Smalltalk } from "../matrix/ask.js";
import type { Row } from "../matrix/load.js";
import { compareVersions } from "../matrix/format.js";
import { actionButton, inlineHereButton, startButton, urlButton, withRowsAbove } from "./keyboard.js";
import { type RenderedMessage, toMessage } from "./message.js";
import { MARK_EMOJI, ReferenceRenderer, rowLabel } from "./reference.js";

export { MARK_EMOJI, rowLabel };

/** Bold text, for titles. */
const b = (text: string) => FormattedString.bold(text);
/** Italic text, for hints. */
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
 * The bot's messages: the reference to browse (see {@link ReferenceRenderer})
 * and the answers of the other commands and of questions in words: /start,
 * /help, /about, /new, an answer with its runner-up, "not sure", "not
 * covered", small talk, and nothing found. Knows nothing of how they are
 * sent; what depends only on the language and the data is built once.
 */
export class Renderer extends ReferenceRenderer {
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
        [actionButton(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
        [inlineHereButton(this.t(loc, "start-button-inline"))],
      ]);
    });
  }

  /** /help: the commands and inline mode, briefly. */
  help(locale: string, botUsername: string): RenderedMessage {
    const loc = this.resolveLocale(locale);
    return this.memo(`help:${loc}:${botUsername}`, () => {
      const text = fmt`${b(this.t(loc, "help-title"))}\n\n${this.t(loc, "help-body", { mention: `@${botUsername}` })}`;
      return toMessage(text, [
        [actionButton(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
        [inlineHereButton(this.t(loc, "start-button-inline"))],
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
      const button = actionButton(this.t(loc, "ask-runner-up", { title: second.short }), {
        kind: "card",
        locale: loc,
        slug: second.slug,
      });
      return withRowsAbove(card, [[button]]);
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
        [actionButton(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
      ]);
    });
  }

  /** Links to the Bot API documentation and the handbook, for what the reference does not say. */
  private elsewhere(locale: string): InlineKeyboardButton[] {
    const { sources } = this.catalog.get(locale);
    return [
      urlButton(this.t(locale, "ask-button-botapi"), sources.botApi.url),
      urlButton(this.t(locale, "ask-button-handbook"), sources.handbook.url),
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
        ? actionButton(this.t(loc, "smalltalk-button-choose"), { kind: "choose", locale: loc })
        : startButton(this.t(loc, "smalltalk-button-choose"), botUsername, "choose");
      return toMessage(text, [
        [actionButton(this.t(loc, "start-button-browse"), { kind: "overview", locale: loc })],
        [inlineHereButton(this.t(loc, "start-button-inline")), choose],
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
