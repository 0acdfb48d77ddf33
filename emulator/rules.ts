import { badRequest } from "./errors.js";
import type { BotApiSpec } from "./spec.js";
import type { Visit } from "./validate.js";

/** Fields of InlineKeyboardButton that do not choose the button's action. */
const NON_ACTION_FIELDS = new Set(["text", "style", "icon_custom_emoji_id"]);
const BUTTON_STYLES = new Set(["danger", "success", "primary"]);
const URL_RE = /^(?:https?|tg):\/\/\S+$/i;
/** Telegram's characters for a start parameter; its length is the spec's, checked by the validator. */
const START_PARAM_RE = /^[A-Za-z0-9_-]*$/;

/**
 * Telegram's rules for objects found inside parameters (inline keyboard
 * buttons, inline query result buttons), applied after structural validation.
 */
export function checkVisits(visits: readonly Visit[], spec: BotApiSpec): void {
  const actionFields = (spec.types.InlineKeyboardButton?.fields ?? [])
    .map((f) => f.name)
    .filter((n) => !NON_ACTION_FIELDS.has(n));
  for (const { type, value } of visits) {
    if (type === "InlineKeyboardButton") checkInlineButton(value, actionFields);
    else if (type === "InlineQueryResultsButton") checkResultsButton(value);
  }
}

const CANT_PARSE_BUTTON = "can't parse inline keyboard button: ";

function checkInlineButton(b: Record<string, unknown>, actionFields: string[]): void {
  const text = b.text;
  if (typeof text !== "string" || text.trim() === "")
    throw badRequest(`${CANT_PARSE_BUTTON}Text of the button must be non-empty`);
  const actions = actionFields.filter((f) => b[f] !== undefined && b[f] !== null);
  if (actions.length === 0) throw badRequest(`${CANT_PARSE_BUTTON}Text buttons are unallowed in the inline keyboard`);
  if (actions.length > 1) {
    throw badRequest(
      `${CANT_PARSE_BUTTON}exactly one of ${actionFields.join(", ")} must be used, found ${actions.join(" and ")}`,
    );
  }
  if (b.style !== undefined && !(typeof b.style === "string" && BUTTON_STYLES.has(b.style))) {
    throw badRequest(`${CANT_PARSE_BUTTON}style must be one of "danger", "success" or "primary"`);
  }
  if (typeof b.url === "string" && !URL_RE.test(b.url)) throw badRequest("BUTTON_URL_INVALID");
  // An inline query is at most 256 characters (InlineQuery's description, not a field limit of the spec).
  for (const f of ["switch_inline_query", "switch_inline_query_current_chat"]) {
    const q = b[f];
    if (typeof q === "string" && q.length > 256)
      throw badRequest(`${CANT_PARSE_BUTTON}${f} must be at most 256 characters long`);
  }
}

function checkResultsButton(b: Record<string, unknown>): void {
  if (typeof b.text !== "string" || b.text.trim() === "") throw badRequest("BUTTON_TEXT_INVALID");
  const hasWebApp = b.web_app !== undefined && b.web_app !== null;
  const hasStart = b.start_parameter !== undefined && b.start_parameter !== null;
  if (hasWebApp === hasStart) {
    throw badRequest(
      "can't parse inline query results button: exactly one of web_app and start_parameter must be specified",
    );
  }
  if (hasStart) {
    const p = String(b.start_parameter);
    if (p === "") throw badRequest("START_PARAM_EMPTY");
    if (!START_PARAM_RE.test(p)) throw badRequest("START_PARAM_INVALID");
  }
}

/** Telegram's characters for a command; its length is the spec's, checked by the validator. */
export const COMMAND_RE = /^[a-z0-9_]+$/;
