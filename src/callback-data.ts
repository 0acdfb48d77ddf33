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
  /** Show the overview of all rows. */
  | { kind: "overview"; locale: string }
  /** Show one row's card. */
  | { kind: "card"; locale: string; slug: string };

const KIND_CODES = { overview: "o", card: "c" } as const satisfies Record<CallbackAction["kind"], string>;

const LOCALE = /^[a-z]{2,3}$/;
const ARGUMENT = /^[a-z0-9-]{1,40}$/;

/**
 * Encodes an action as callback data.
 *
 * @throws {RangeError} if the result would not fit Telegram's 64 bytes
 */
export function encodeCallback(action: CallbackAction): string {
  const parts: string[] = [CALLBACK_VERSION, KIND_CODES[action.kind], action.locale];
  if (action.kind === "card") parts.push(action.slug);
  const data = parts.join(":");
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) {
    throw new RangeError(`Callback data "${data}" is longer than ${MAX_CALLBACK_BYTES} bytes`);
  }
  return data;
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
    case KIND_CODES.card:
      return argument !== undefined && ARGUMENT.test(argument) ? { kind: "card", locale, slug: argument } : null;
    default:
      return null;
  }
}

/** A pattern that matches the data of one kind, for `bot.callbackQuery(...)`. */
export function callbackPattern(kind: CallbackAction["kind"]): RegExp {
  return new RegExp(`^${CALLBACK_VERSION}:${KIND_CODES[kind]}:`);
}
