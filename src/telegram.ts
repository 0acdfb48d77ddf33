import { GrammyError } from "grammy";
import type { BotContext } from "./context.js";
import type { RenderedMessage } from "./render/message.js";

/** Sends a rendered message as a reply in the current chat. */
export async function replyWith(ctx: BotContext, message: RenderedMessage): Promise<void> {
  const { text, ...options } = message;
  await ctx.reply(text, options);
}

/** Whether `error` is Telegram refusing an edit that would change nothing. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError && error.error_code === 400 && error.description.includes("message is not modified")
  );
}

/**
 * Edits the message a button belongs to, in a chat or an inline message,
 * into `message`. A double tap asks for the same content twice: Telegram
 * answers "message is not modified", which is expected and ignored. Any
 * other error is thrown.
 */
export async function editWith(ctx: BotContext, message: RenderedMessage): Promise<void> {
  const { text, ...options } = message;
  try {
    await ctx.editMessageText(text, options);
  } catch (error) {
    if (!isNotModified(error)) throw error;
  }
}
