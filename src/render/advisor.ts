import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import { type AdvisorChoice, encodeCallback } from "../callback-data.js";
import { advisorRows, type Verdict } from "../matrix/advisor.js";
import type { Row } from "../matrix/load.js";
import { cached, type RenderedMessage, rememberingTranslate, type Translate, toMessage } from "./message.js";
import type { Renderer } from "./renderer.js";

/** Deep-link payload that opens the advisor: t.me/<bot>?start=choose. */
export const START_CHOOSE = "choose";

/** Where the advisor stands: which run, and which question (zero-based). */
export interface AdvisorStep {
  locale: string;
  run: string;
  step: number;
}

/**
 * The messages of the /choose advisor: each question with its buttons, the
 * result, and the closed states a question message ends in.
 */
export class AdvisorRenderer {
  /** Translates a key of the Fluent files; translations without variables are kept. */
  readonly t: Translate;
  /** Messages that depend only on the language and the data, built once. */
  private readonly cache = new Map<string, RenderedMessage>();
  /** A question's text and button labels, which do not depend on the run. */
  private readonly questions = new Map<string, { text: FormattedString; labels: Record<AdvisorChoice, string> }>();
  private readonly rowsOf = new Map<string, Row[]>();

  constructor(
    private readonly renderer: Renderer,
    t: Translate,
  ) {
    this.t = rememberingTranslate(t);
  }

  private memo(key: string, build: () => RenderedMessage): RenderedMessage {
    return cached(this.cache, key, build);
  }

  /** /choose in a group: the questions are asked in private, through a deep link. */
  privateOnly(locale: string, botUsername: string): RenderedMessage {
    return toMessage(fmt`${this.t(locale, "advisor-private-only")}`, [
      [{ text: this.t(locale, "advisor-open-private"), url: `https://t.me/${botUsername}?start=${START_CHOOSE}` }],
    ]);
  }

  /** The rows asked about, in the language of `locale`. Shared: do not modify. */
  rows(locale: string): Row[] {
    return cached(this.rowsOf, locale, () => advisorRows(this.renderer.matrix(locale)));
  }

  /**
   * Question `step` with Yes / No / Not sure, Back (after the first) and
   * Cancel. Only the buttons' data depends on the run: the text and labels
   * are built once per question, as the advisor asks a question again on
   * every step it replays.
   */
  question({ locale, run, step }: AdvisorStep): RenderedMessage {
    const id = `${locale}:${step}`;
    let parts = this.questions.get(id);
    if (parts === undefined) {
      const rows = this.rows(locale);
      const row = rows[step];
      if (row?.question === undefined) throw new RangeError(`The advisor has no question ${step}`);
      const text = fmt`${FormattedString.bold(this.t(locale, "advisor-title"))}\n${FormattedString.italic(
        this.t(locale, "advisor-progress", { step: step + 1, total: rows.length }),
      )}\n\n${row.question}`;
      const labels: Record<AdvisorChoice, string> = {
        yes: this.t(locale, "advisor-yes"),
        no: this.t(locale, "advisor-no"),
        unsure: this.t(locale, "advisor-unsure"),
        back: this.t(locale, "advisor-back"),
        cancel: this.t(locale, "advisor-cancel"),
      };
      parts = { text, labels };
      this.questions.set(id, parts);
    }
    const { labels } = parts;
    const button = (choice: AdvisorChoice): InlineKeyboardButton => ({
      text: labels[choice],
      callback_data: encodeCallback({ kind: "advisor", locale, run, step, choice }),
    });
    const exits = [button("cancel")];
    if (step > 0) exits.unshift(button("back"));
    return toMessage(parts.text, [[button("yes"), button("no"), button("unsure")], exits]);
  }

  /** A question message after the user left: the question stays readable, the buttons go. */
  closed(locale: string, key: "advisor-cancelled" | "advisor-left"): RenderedMessage {
    return this.memo(`closed:${locale}:${key}`, () =>
      toMessage(fmt`${FormattedString.bold(this.t(locale, "advisor-title"))}\n\n${this.t(locale, key)}`),
    );
  }

  /**
   * The result: which API, the answers that decided it (each with its
   * read-more page), what to use next, and buttons to open each deciding
   * row's card or start over.
   */
  result(locale: string, verdict: Verdict): RenderedMessage {
    const slugs = (rows: readonly Row[]) => rows.map((row) => row.slug).join(",");
    return this.memo(`result:${locale}:${verdict.api}:${slugs(verdict.needs)}:${slugs(verdict.unsure)}`, () =>
      this.buildResult(locale, verdict),
    );
  }

  private buildResult(locale: string, verdict: Verdict): RenderedMessage {
    const t = (key: string) => this.t(locale, key);
    const list = (rows: readonly Row[]) =>
      FormattedString.join(
        rows.map((row) => {
          const link = row.links[0];
          const more = link === undefined ? "" : fmt` — ${FormattedString.link(t("advisor-read-more"), link.url)}`;
          return fmt`• ${FormattedString.bold(row.title)}: ${row.verdict}${more}`;
        }),
        "\n",
      );
    const telegram = verdict.api === "telegram";
    const parts: FormattedString[] = [
      FormattedString.bold(t(telegram ? "advisor-telegram-title" : "advisor-bot-title")),
      telegram ? fmt`${t("advisor-telegram-because")}\n${list(verdict.needs)}` : fmt`${t("advisor-bot-because")}`,
    ];
    if (verdict.unsure.length > 0) parts.push(fmt`${t("advisor-unsure-list")}\n${list(verdict.unsure)}`);
    parts.push(fmt`${t(telegram ? "advisor-telegram-how" : "advisor-bot-how")}`);
    const cards = [...verdict.needs, ...verdict.unsure].map((row) => [
      {
        text: this.t(locale, "advisor-open-card", { title: row.title }),
        callback_data: encodeCallback({ kind: "send", locale, slug: row.slug }),
      },
    ]);
    return toMessage(FormattedString.join(parts, "\n\n"), [
      ...cards,
      [{ text: t("advisor-start-over"), callback_data: encodeCallback({ kind: "choose", locale }) }],
    ]);
  }
}
