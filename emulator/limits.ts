import type { SpecField, SpecLimit } from "./spec.js";
import { utf8Length } from "./text.js";

/** Telegram's own words for a field out of its range, where they are known. */
type LimitError = string | { empty?: string; short: string; long: string };

/**
 * Telegram's descriptions for fields out of the spec's range, by `Owner.field`
 * (a method or type name). A field not listed gets a plain description of its
 * range. Functions take the limit, so that no number is repeated here.
 */
const ERRORS: Record<string, (l: SpecLimit) => LimitError> = {
  "InlineKeyboardButton.callback_data": () => "BUTTON_DATA_INVALID",
  "answerCallbackQuery.text": () => "MESSAGE_TOO_LONG",
  "setMyDescription.description": () => "description is too long",
  "setMyShortDescription.short_description": () => "short description is too long",
  "setMyName.name": () => "name is too long",
  "deleteMessages.message_ids": (l) => `message_ids must contain ${l.min}-${l.max} message identifiers`,
  // Telegram's server sends a lone item as an ordinary message; the Bot API documents 2-10 items.
  "sendMediaGroup.media": (l) => ({
    empty: "there are no messages to send",
    short: `an album must include ${l.min}-${l.max} items`,
    long: "too many messages to send as an album",
  }),
  "setWebhook.secret_token": () => "secret token contains unallowed characters",
  "BotCommand.command": () => "BOT_COMMAND_INVALID",
  "BotCommand.description": () => "BOT_COMMAND_DESCRIPTION_INVALID",
  "InlineQueryResultsButton.start_parameter": () => ({ short: "START_PARAM_EMPTY", long: "START_PARAM_INVALID" }),
};

function errorFor(owner: string, field: string, limit: SpecLimit): LimitError | undefined {
  if (owner.startsWith("InlineQueryResult") && field === "id") return "RESULT_ID_INVALID";
  return ERRORS[`${owner}.${field}`]?.(limit);
}

/** How big a value is in the limit's unit, or undefined when the limit does not apply to it. */
function measure(value: unknown, unit: SpecLimit["unit"]): number | undefined {
  if (unit === "characters" && typeof value === "string") return value.length; // UTF-16 code units, as Telegram counts
  if (unit === "bytes" && typeof value === "string") return utf8Length(value);
  if (unit === "items" && Array.isArray(value)) return value.length;
  if (unit === "value" && typeof value === "number") return value;
  return undefined;
}

/**
 * Whether a field's length is only known after its entities are parsed: the
 * spec says so, or the field has a parse mode beside it. The formatters check
 * those (with the spec's numbers); the validator cannot.
 */
function afterParsing(field: SpecField, siblings: ReadonlyMap<string, SpecField>): boolean {
  return (
    field.limit?.afterEntitiesParsing === true || siblings.has("parse_mode") || siblings.has(`${field.name}_parse_mode`)
  );
}

/**
 * Checks a value against the limit the spec states for its field (see
 * scripts/derive-spec.mjs): characters, bytes, items or a numeric range.
 * Returns an error description (without "Bad Request: "), or undefined.
 * `describe` names the field for the plain description.
 */
export function limitError(
  owner: string,
  field: SpecField,
  siblings: ReadonlyMap<string, SpecField>,
  value: unknown,
  describe: string,
): string | undefined {
  const limit = field.limit;
  if (limit === undefined || afterParsing(field, siblings)) return undefined;
  const size = measure(value, limit.unit);
  if (size === undefined || (size >= limit.min && size <= limit.max)) return undefined;
  const known = errorFor(owner, field.name, limit);
  if (typeof known === "string") return known;
  if (known !== undefined)
    return size < limit.min ? (size === 0 ? (known.empty ?? known.short) : known.short) : known.long;
  if (limit.unit === "value") return `${describe} must be between ${limit.min} and ${limit.max}`;
  if (limit.unit === "items") return `${describe} must have ${limit.min}-${limit.max} items`;
  return `${describe} must be ${limit.min}-${limit.max} ${limit.unit} long`;
}

/**
 * A method's integer parameter brought into the spec's range, as the Bot API
 * server reads such parameters (getUpdates `limit`, setWebhook `max_connections`).
 */
export function clampToLimit(field: SpecField, value: unknown): unknown {
  const limit = field.limit;
  if (limit?.unit !== "value" || typeof value !== "number") return value;
  return Math.min(limit.max, Math.max(limit.min, value));
}
