import { type Context, GrammyError } from "grammy";
import type { MessageEntity, ReplyParameters } from "grammy/types";
import type { RenderedMessage } from "./render/message.js";

/** The options of each rendered message, worked out once: rendered messages are built once and reused. */
const optionsOf = new WeakMap<RenderedMessage, Omit<RenderedMessage, "text">>();

/** A rendered message's send and edit options: all of it but the text. */
function options(message: RenderedMessage): Omit<RenderedMessage, "text"> {
  let known = optionsOf.get(message);
  if (known === undefined) {
    const { text: _text, ...rest } = message;
    known = rest;
    optionsOf.set(message, known);
  }
  return known;
}

/** Sends a rendered message in the current chat, optionally as a reply to a message. */
export async function replyWith(
  ctx: Context,
  message: RenderedMessage,
  extra?: { reply_parameters: ReplyParameters },
): Promise<void> {
  await ctx.reply(message.text, extra === undefined ? options(message) : { ...options(message), ...extra });
}

/** Whether `error` is Telegram refusing an edit that would change nothing. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError && error.error_code === 400 && error.description.includes("message is not modified")
  );
}

/** An edit that resolves once done, ignoring only Telegram's "message is not modified". */
function unlessNotModified(edit: Promise<unknown>): Promise<void> {
  return edit.then(done, ignoreNotModified);
}

const done = (): void => undefined;
const ignoreNotModified = (error: unknown): void => {
  if (!isNotModified(error)) throw error;
};

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
  return unlessNotModified(ctx.editMessageText(message.text, options(message)));
}

/** Like {@link editWith}, for a chat message known by its ids rather than through a button. */
export async function editMessageWith(
  ctx: Context,
  chatId: number,
  messageId: number,
  message: RenderedMessage,
): Promise<void> {
  await unlessNotModified(ctx.api.editMessageText(chatId, messageId, message.text, options(message)));
}

/** What follows the command a message starts with, trimmed; `""` when nothing does. */
export function commandPayload(ctx: Context): string {
  const entity = commandEntity(ctx);
  return entity === undefined ? "" : (ctx.message?.text ?? "").slice(entity.length).trim();
}

/**
 * The command a message starts with, without the slash, lower-cased, or
 * `undefined`. A command addressed to another bot (`/help@other_bot`) is
 * none of this bot's business and counts as no command.
 */
export function commandOf(ctx: Context): string | undefined {
  const text = ctx.message?.text;
  const entity = commandEntity(ctx);
  if (text === undefined || entity === undefined) return undefined;
  const command = text.slice(1, entity.length).toLowerCase();
  const at = command.indexOf("@");
  if (at === -1) return command;
  return command.slice(at + 1) === ctx.me.username.toLowerCase() ? command.slice(0, at) : undefined;
}

/** Whether a message starts with a command, for this bot or another. */
export function startsWithCommand(ctx: Context): boolean {
  return commandEntity(ctx) !== undefined;
}

/** The entity of the command a message starts with, if it starts with one. */
function commandEntity(ctx: Context): MessageEntity | undefined {
  const entity = ctx.message?.entities?.[0];
  return entity?.type === "bot_command" && entity.offset === 0 ? entity : undefined;
}
