/**
 * Callback data of every button the bot sends, in one place.
 *
 * Telegram keeps a button's data for as long as the message lives, so the
 * data carries a version: buttons from an older layout decode to `null` and
 * are answered as outdated instead of doing something unexpected. The data
 * also carries the language of the message, so a card keeps its language
 * when someone else taps it (as on an inline message in a group).
 *
 * Layout: `<version>:<kind>:<locale>[:<argument>]`, at most 64 bytes.
 */

/** Bump when the layout below changes; older buttons then read as outdated. */
export const CALLBACK_VERSION = "1";

/** Telegram's limit for callback_data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;

/** What a button asks for. */
export type CallbackAction =
  /** Show the overview: the sections. */
  | { kind: "overview"; locale: string }
  /** Show one section: its rows. */
  | { kind: "section"; locale: string; section: string }
  /** Show one row's card. */
  | { kind: "card"; locale: string; slug: string }
  /** Send one row's card as a new message, keeping the message with the button. */
  | { kind: "send"; locale: string; slug: string }
  /** Show one row's code (grammY, GramJS) in place of its card. */
  | { kind: "code"; locale: string; slug: string }
  /** Run the live demonstration of one row. */
  | { kind: "try"; locale: string; slug: string }
  /** Send the matrix as a picture, as a new message. */
  | { kind: "table"; locale: string }
  /** Send the overview as a new message (from a message that cannot become text, like a picture). */
  | { kind: "list"; locale: string }
  /** Start the /choose advisor (again). */
  | { kind: "choose"; locale: string }
  /** Speak `language` from now on, or follow the Telegram app's language ("auto"). */
  | { kind: "language"; locale: string; language: string }
  /**
   * A button under the question of an advisor run at step `step` (its
   * moves so far, modulo 100). The message the button is under stands for
   * the run: a tap on another message, or at another step, is closed. So
   * the data is the same for every run, and each question's message is
   * built once.
   */
  | { kind: "advisor"; locale: string; step: number; choice: AdvisorChoice };

/** A button under an advisor question: an answer, or a way out of it. */
export type AdvisorChoice = "yes" | "no" | "unsure" | "back" | "cancel";

const KIND_CODES = {
  overview: "o",
  section: "g",
  card: "c",
  send: "s",
  choose: "n",
  advisor: "a",
  language: "l",
  table: "t",
  list: "w",
  code: "p",
  try: "d",
} as const satisfies Record<CallbackAction["kind"], string>;

const CHOICE_CODES = { yes: "y", no: "n", unsure: "u", back: "b", cancel: "x" } as const satisfies Record<
  AdvisorChoice,
  string
>;
const CHOICES = Object.fromEntries(Object.entries(CHOICE_CODES).map(([k, v]) => [v, k])) as Record<
  string,
  AdvisorChoice
>;
const ADVISOR_ARGUMENT = /^(\d{1,2})-([a-z])$/;

const LOCALE = /^[a-z]{2,3}$/;
const ARGUMENT = /^[a-z0-9-]{1,40}$/;

/**
 * Encodes an action as callback data.
 *
 * @throws {RangeError} if the result would not fit Telegram's 64 bytes
 */
export function encodeCallback(action: CallbackAction): string {
  const parts: string[] = [CALLBACK_VERSION, KIND_CODES[action.kind], action.locale];
  if (action.kind === "card" || action.kind === "send" || action.kind === "code" || action.kind === "try")
    parts.push(action.slug);
  if (action.kind === "section") parts.push(action.section);
  if (action.kind === "language") parts.push(action.language);
  if (action.kind === "advisor") parts.push(`${action.step}-${CHOICE_CODES[action.choice]}`);
  const data = parts.join(":");
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) {
    throw new RangeError(`Callback data "${data}" is longer than ${MAX_CALLBACK_BYTES} bytes`);
  }
  return data;
}

/**
 * The callback data of the buttons under one advisor question, by choice,
 * as {@link encodeCallback} writes them, from one prefix.
 *
 * @throws {RangeError} if they would not fit Telegram's 64 bytes
 */
export function encodeAdvisorChoices(locale: string, step: number): Record<AdvisorChoice, string> {
  const prefix = `${CALLBACK_VERSION}:${KIND_CODES.advisor}:${locale}:${step}-`;
  if (Buffer.byteLength(prefix) >= MAX_CALLBACK_BYTES) {
    throw new RangeError(`Callback data "${prefix}…" is longer than ${MAX_CALLBACK_BYTES} bytes`);
  }
  return {
    yes: prefix + CHOICE_CODES.yes,
    no: prefix + CHOICE_CODES.no,
    unsure: prefix + CHOICE_CODES.unsure,
    back: prefix + CHOICE_CODES.back,
    cancel: prefix + CHOICE_CODES.cancel,
  };
}

/**
 * Decodes callback data. Anything that is not data this version of the bot
 * wrote, forged or from an older layout, gives `null`.
 */
export function decodeCallback(data: string | undefined): CallbackAction | null {
  if (data === undefined || data.length > MAX_CALLBACK_BYTES) return null;
  const [version, kind, locale, argument, ...rest] = data.split(":");
  if (version !== CALLBACK_VERSION || locale === undefined || !LOCALE.test(locale) || rest.length > 0) return null;
  switch (kind) {
    case KIND_CODES.overview:
      return argument === undefined ? { kind: "overview", locale } : null;
    case KIND_CODES.choose:
      return argument === undefined ? { kind: "choose", locale } : null;
    case KIND_CODES.table:
      return argument === undefined ? { kind: "table", locale } : null;
    case KIND_CODES.list:
      return argument === undefined ? { kind: "list", locale } : null;
    case KIND_CODES.card:
      return argument !== undefined && ARGUMENT.test(argument) ? { kind: "card", locale, slug: argument } : null;
    case KIND_CODES.section:
      return argument !== undefined && ARGUMENT.test(argument) ? { kind: "section", locale, section: argument } : null;
    case KIND_CODES.language:
      return argument !== undefined && (LOCALE.test(argument) || argument === "auto")
        ? { kind: "language", locale, language: argument }
        : null;
    case KIND_CODES.send:
      return argument !== undefined && ARGUMENT.test(argument) ? { kind: "send", locale, slug: argument } : null;
    case KIND_CODES.code:
      return argument !== undefined && ARGUMENT.test(argument) ? { kind: "code", locale, slug: argument } : null;
    case KIND_CODES.try:
      return argument !== undefined && ARGUMENT.test(argument) ? { kind: "try", locale, slug: argument } : null;
    case KIND_CODES.advisor: {
      const match = ADVISOR_ARGUMENT.exec(argument ?? "");
      const choice = CHOICES[match?.[2] ?? ""];
      if (match === null || choice === undefined) return null;
      return { kind: "advisor", locale, step: Number(match[1]), choice };
    }
    default:
      return null;
  }
}
