import { badRequest, type ApiError } from "./errors.js";

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` is not well-formed UTF-16: it holds a lone surrogate. */
export function isIllFormed(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Whether `value` holds, at any depth, a string with a lone surrogate (not well-formed UTF-16). */
function holdsIllFormed(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return isIllFormed(value);
  if (depth > 16 || typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => holdsIllFormed(v, depth + 1));
  return Object.values(value).some((v) => holdsIllFormed(v, depth + 1));
}

/**
 * Telegram's answer to a call with a string that is not valid Unicode, such
 * as text cut in the middle of an emoji: JSON carries the lone surrogate as
 * `\ud83d`, which no UTF-8 encoding exists for, and the Bot API refuses the
 * call before looking at anything else. `undefined` when every string is
 * well-formed.
 */
export function illFormedStrings(params: Record<string, unknown>): ApiError | undefined {
  return holdsIllFormed(params) ? badRequest("strings must be encoded in UTF-8") : undefined;
}
