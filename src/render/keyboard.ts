import { InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { type CallbackAction, encodeCallback } from "../callback-data.js";
import type { RenderedMessage } from "./message.js";

/*
 * Every inline button the bot sends is made here, on grammY's
 * `InlineKeyboard` button factories. They return plain objects rather than
 * an `InlineKeyboard` instance: rendered messages are built once, cached and
 * shared (inline results carry the same keyboard), so keyboards stay plain
 * rows of buttons that `toMessage` freezes into a message.
 */

/** A button that asks the bot for `action`, encoded as callback data. */
export function actionButton(text: string, action: CallbackAction): InlineKeyboardButton.CallbackButton {
  return InlineKeyboard.text(text, encodeCallback(action));
}

/** A button whose callback data is encoded already, such as by `encodeAdvisorChoices`. */
export function dataButton(text: string, data: string): InlineKeyboardButton.CallbackButton {
  return InlineKeyboard.text(text, data);
}

/** A button that opens `url`. */
export function urlButton(text: string, url: string): InlineKeyboardButton.UrlButton {
  return InlineKeyboard.url(text, url);
}

/**
 * A button that opens the private chat with the bot, which then sends
 * `/start payload`; with `group`, one that adds the bot to a group the user
 * picks and sends the payload there.
 */
export function startButton(
  text: string,
  botUsername: string,
  payload: string,
  where: "private" | "group" = "private",
): InlineKeyboardButton.UrlButton {
  return urlButton(text, `https://t.me/${botUsername}?${where === "group" ? "startgroup" : "start"}=${payload}`);
}

/** A button that starts inline mode with `query` in the chat the message is in. */
export function inlineHereButton(text: string, query = ""): InlineKeyboardButton.SwitchInlineCurrentChatButton {
  return InlineKeyboard.switchInlineCurrent(text, query);
}

/** A button that starts inline mode with `query` in a chat the user picks: sharing a card. */
export function shareButton(text: string, query: string): InlineKeyboardButton.SwitchInlineButton {
  return InlineKeyboard.switchInline(text, query);
}

/** A button that opens a Mini App at `url`. */
export function webAppButton(text: string, url: string): InlineKeyboardButton.WebAppButton {
  return InlineKeyboard.webApp(text, url);
}

/** `message` with `rows` above its buttons, as a new message: the cached one is left as it is. */
export function withRowsAbove(message: RenderedMessage, rows: InlineKeyboardButton[][]): RenderedMessage {
  return { ...message, reply_markup: { inline_keyboard: [...rows, ...(message.reply_markup?.inline_keyboard ?? [])] } };
}
