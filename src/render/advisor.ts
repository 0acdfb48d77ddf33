import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import { type AdvisorChoice, encodeAdvisorChoices } from "../callback-data.js";
import { askingOrder, type Progress, type Reply, replay, rowsOf, type Verdict } from "../matrix/advisor.js";
import type { AdvisorQuestion, Row } from "../matrix/load.js";
import { actionButton, dataButton } from "./keyboard.js";
import { BoundedCache } from "../bounded-cache.js";
import { cached, type RenderedMessage, rememberingTranslate, type Translate, toMessage } from "./message.js";
import type { Renderer } from "./renderer.js";
import { DEEP_LINKS, deepLink } from "../routes.js";

/** At most this many rows get a button under the result. */
const RESULT_CARDS = 6;

/** Where a run of the advisor stands: its step (carried by the buttons) and the replies so far. */
export interface AdvisorStep {
  locale: string;
  step: number;
  replies: readonly Reply[];
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
  /**
   * Each question's message, by language, place and step: the same for
   * every run that gets there. Bounded, since Back makes steps and places
   * part ways; a run asks its questions in a few hundred of them.
   */
  private readonly questions = new BoundedCache<RenderedMessage>();
  private readonly orders = new Map<string, AdvisorQuestion[]>();
  /**
   * Where each sequence of replies leads, by language: one entry per place
   * a run can reach (859 per language with today's questions), worked out
   * on the first visit, since every tap asks again.
   */
  private readonly places = new Map<string, Progress>();

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
      [{ text: this.t(locale, "advisor-open-private"), url: deepLink(botUsername, DEEP_LINKS.choose) }],
    ]);
  }

  /** Where the replies so far lead, in the language of `locale`. The same for the same replies: not to be changed. */
  progress(locale: string, replies: readonly Reply[]): Progress {
    const loc = this.renderer.resolveLocale(locale);
    return cached(this.places, `${loc}:${replies.join(",")}`, () => {
      const order = cached(this.orders, loc, () => askingOrder(this.renderer.matrix(loc).questions));
      return replay(order, replies);
    });
  }

  /**
   * The next question after `replies`, with Yes / No / Not sure, Back
   * (after the first) and Cancel; the caller knows there is one. Built once
   * per language, place and step, and kept.
   *
   * @param progress where the replies lead, when the caller has worked it out already
   */
  question({ locale, step, replies }: AdvisorStep, progress = this.progress(locale, replies)): RenderedMessage {
    const { next, remaining } = progress;
    const asked = replies.length;
    if (next === undefined) throw new RangeError(`The advisor has no question after ${asked} replies`);
    const id = `${locale}:${next.index}:${asked}:${remaining}:${step}`;
    return (
      this.questions.get(id) ?? this.questions.remember(id, this.buildQuestion(locale, next, asked, remaining, step))
    );
  }

  private buildQuestion(
    locale: string,
    next: AdvisorQuestion,
    asked: number,
    remaining: number,
    step: number,
  ): RenderedMessage {
    const text = fmt`${FormattedString.bold(this.t(locale, "advisor-title"))}\n${FormattedString.italic(
      this.t(locale, "advisor-progress", { step: asked + 1, total: asked + remaining }),
    )}\n\n${next.text}`;
    const labels: Record<AdvisorChoice, string> = {
      yes: this.t(locale, "advisor-yes"),
      no: this.t(locale, "advisor-no"),
      unsure: this.t(locale, "advisor-unsure"),
      back: this.t(locale, "advisor-back"),
      cancel: this.t(locale, "advisor-cancel"),
    };
    const data = encodeAdvisorChoices(locale, step);
    const button = (choice: AdvisorChoice): InlineKeyboardButton => dataButton(labels[choice], data[choice]);
    const exits = asked > 0 ? [button("back"), button("cancel")] : [button("cancel")];
    return toMessage(text, [[button("yes"), button("no"), button("unsure")], exits]);
  }

  /** A question message after the user left: the question stays readable, the buttons go. */
  closed(locale: string, key: "advisor-cancelled" | "advisor-left"): RenderedMessage {
    return this.memo(`closed:${locale}:${key}`, () =>
      toMessage(fmt`${FormattedString.bold(this.t(locale, "advisor-title"))}\n\n${this.t(locale, key)}`),
    );
  }

  /**
   * The result: what the project needs, the answers that decided it (each
   * with its rows), how to go about it, and buttons to open the deciding
   * rows' cards or start over.
   */
  result(locale: string, verdict: Verdict): RenderedMessage {
    const ids = (questions: readonly AdvisorQuestion[]) => questions.map((q) => q.index).join(",");
    return this.memo(
      `result:${locale}:${verdict.outcome}:${ids(verdict.because)}:${ids(verdict.alsoBot)}:${ids(verdict.unsure)}`,
      () => this.buildResult(locale, verdict),
    );
  }

  private buildResult(locale: string, verdict: Verdict): RenderedMessage {
    const t = (key: string) => this.t(locale, key);
    const outcome = verdict.outcome.replaceAll("_", "-");
    const list = (rows: readonly Row[]) =>
      FormattedString.join(
        rows.map((row) => fmt`• ${FormattedString.bold(row.title)}: ${row.summary}`),
        "\n",
      );
    const parts: FormattedString[] = [FormattedString.bold(t(`advisor-${outcome}-title`))];
    if (verdict.because.length > 0) parts.push(fmt`${t("advisor-because")}\n${list(rowsOf(verdict.because))}`);
    else parts.push(fmt`${t("advisor-nothing-more")}`);
    if (verdict.outcome === "user_account") parts.push(FormattedString.bold(t("advisor-user-account-warning")));
    if (verdict.alsoBot.length > 0) parts.push(fmt`${t("advisor-also-bot")}\n${list(rowsOf(verdict.alsoBot))}`);
    if (verdict.unsure.length > 0) parts.push(fmt`${t("advisor-unsure-list")}\n${list(rowsOf(verdict.unsure))}`);
    parts.push(fmt`${t(`advisor-${outcome}-how`)}`);
    const cards = rowsOf([...verdict.because, ...verdict.alsoBot, ...verdict.unsure])
      .slice(0, RESULT_CARDS)
      .map((row) => [
        actionButton(this.t(locale, "advisor-open-card", { title: row.short }), {
          kind: "send",
          locale,
          slug: row.slug,
        }),
      ]);
    return toMessage(FormattedString.join(parts, "\n\n"), [
      ...cards,
      [actionButton(t("advisor-start-over"), { kind: "choose", locale })],
    ]);
  }
}
