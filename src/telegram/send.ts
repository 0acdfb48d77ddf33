import { type Context, GrammyError } from "grammy";
import type { Message, ReplyParameters } from "grammy/types";
import type { RenderedMessage } from "../render/message.js";

/*
 * A rendered message goes to grammY whole, as `other`: grammY spreads
 * `other` over the payload after the text, so the message's own `text`
 * (the same) goes along, and the payload is the same as with the text taken
 * out first, without a copy of the message for every send.
 */

/** Sends a rendered message in the current chat, optionally as a reply to a message; resolves with what was sent. */
export function replyWith(
  ctx: Context,
  message: RenderedMessage,
  extra?: { reply_parameters: ReplyParameters },
): Promise<Message.TextMessage> {
  return ctx.reply(message.text, extra === undefined ? message : { ...message, ...extra });
}

/** Whether `error` is Telegram refusing an edit that would change nothing. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError && error.error_code === 400 && error.description.includes("message is not modified")
  );
}

const edited = (): void => undefined;

/** Ignores only Telegram's "message is not modified", which a double tap causes: for an edit's `catch`. */
export function unlessNotModified(error: unknown): void {
  if (!isNotModified(error)) throw error;
}

/**
 * Edits the message a button belongs to, in a chat or an inline message,
 * into `message`. A double tap asks for the same content twice: Telegram
 * answers "message is not modified", which is expected and ignored. A
 * picture (such as the table) has no text to edit: data that asks for an
 * edit there is forged or from a buggy client, and is left alone. Any
 * other error is thrown.
 */
export function editWith(ctx: Context, message: RenderedMessage): Promise<void> {
  const target = ctx.callbackQuery?.message;
  if (target !== undefined && target.date !== 0 && !("text" in target)) return Promise.resolve();
  return ctx.editMessageText(message.text, message).then(edited, unlessNotModified);
}

/** Like {@link editWith}, for a chat message known by its ids rather than through a button. */
export function editMessageWith(
  ctx: Context,
  chatId: number,
  messageId: number,
  message: RenderedMessage,
): Promise<void> {
  return ctx.api.editMessageText(chatId, messageId, message.text, message).then(edited, unlessNotModified);
}
