import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import { DEEP_LINKS } from "../../routes.js";
import { actionButton } from "../keyboard.js";
import type { RenderedMessage, Translate } from "../message.js";

/*
 * What the live demonstrations have in common: the shape of their messages
 * and of the calls' outcomes, the rows that offer one, and the small
 * formatting helpers. Each demonstration's messages are in a module of
 * their own, as in src/features/demos/.
 */

/** Bold text, for titles. */
export const b = (text: string) => FormattedString.bold(text);
/** Italic text, for hints. */
export const i = (text: string) => FormattedString.italic(text);
/** A method, field or value name. */
export const c = (text: string) => FormattedString.code(text);
/** An object as Telegram sent it, pretty-printed. */
export const json = (value: unknown) => FormattedString.pre(JSON.stringify(value, null, 2), "json");

/** A demonstration's message: like a card, but it may also set or remove a keyboard under the input field. */
export type DemoMessage = Omit<RenderedMessage, "reply_markup"> & {
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;
};

/** The outcome of one Bot API call a demonstration makes: its result, or Telegram's refusal. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** A call Telegram refused, with its error as it came. */
export function refused(t: Translate, locale: string, method: string, error: string): FormattedString {
  return fmt`✖ ${c(method)}: ${t(locale, "demo-refused", { error })}`;
}

/** A button that opens a row's card as a new message. */
export function cardButton(t: Translate, locale: string, slug: string, title: string): InlineKeyboardButton {
  return actionButton(t(locale, "demo-button-card", { title }), { kind: "send", locale, slug });
}

/** The live demonstrations. */
export type Demo = keyof typeof DEMO_START;

/**
 * The rows whose card offers "Try it", and the demonstration it starts: the
 * demonstration shows on the spot what the row says.
 */
export const DEMO_OF_ROW: Readonly<Record<string, Demo>> = {
  files: "file",
  "file-ids": "file",
  "fetch-users": "whoami",
  "user-profile-info": "whoami",
  "find-by-phone": "whoami",
  "group-members": "whatcanyousee",
  "privacy-mode": "whatcanyousee",
  "fetch-messages": "reply",
  "forward-and-copy": "reply",
  reactions: "react",
  "old-updates": "updates",
  webhooks: "updates",
};

/** Deep-link payloads that start a demonstration: t.me/<bot>?start=… and ?startgroup=… (see routes.ts). */
export const DEMO_START = {
  whoami: DEEP_LINKS.tryWhoami,
  whatcanyousee: DEEP_LINKS.tryWhatCanYouSee,
  file: DEEP_LINKS.tryFile,
  react: DEEP_LINKS.tryReact,
  updates: DEEP_LINKS.tryUpdates,
  reply: DEEP_LINKS.tryReply,
} as const;
