import { type Context, GrammyError } from "grammy";
import type { ReplyParameters } from "grammy/types";
import type { RenderedMessage } from "../render/message.js";

/** Sends a rendered message in the current chat, optionally as a reply to a message. */
export async function replyWith(
  ctx: Context,
  message: RenderedMessage,
  extra?: { reply_parameters: ReplyParameters },
): Promise<void> {
  const { text, ...options } = message;
  await ctx.reply(text, extra === undefined ? options : { ...options, ...extra });
}

/** Whether `error` is Telegram refusing an edit that would change nothing. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError && error.error_code === 400 && error.description.includes("message is not modified")
  );
}

/** An edit that resolves once done, ignoring only Telegram's "message is not modified". */
async function unlessNotModified(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (error) {
    if (!isNotModified(error)) throw error;
  }
}

/**
 * Edits the message a button belongs to, in a chat or an inline message,
 * into `message`. A double tap asks for the same content twice: Telegram
 * answers "message is not modified", which is expected and ignored. A
 * picture (such as the table) has no text to edit: data that asks for an
 * edit there is forged or from a buggy client, and is left alone. Any
 * other error is thrown.
 */
export async function editWith(ctx: Context, message: RenderedMessage): Promise<void> {
  const target = ctx.callbackQuery?.message;
  if (target !== undefined && target.date !== 0 && !("text" in target)) return;
  const { text, ...options } = message;
  await unlessNotModified(ctx.editMessageText(text, options));
}

/** Like {@link editWith}, for a chat message known by its ids rather than through a button. */
export async function editMessageWith(
  ctx: Context,
  chatId: number,
  messageId: number,
  message: RenderedMessage,
): Promise<void> {
  const { text, ...options } = message;
  await unlessNotModified(ctx.api.editMessageText(chatId, messageId, text, options));
}
