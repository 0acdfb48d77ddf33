import type { Context } from "grammy";
import type { MessageEntity } from "grammy/types";

/** The entity of the command a message starts with, if it starts with one. */
function commandEntity(ctx: Context): MessageEntity | undefined {
  const entity = ctx.message?.entities?.[0];
  return entity?.type === "bot_command" && entity.offset === 0 ? entity : undefined;
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
