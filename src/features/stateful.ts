import { Composer, type Middleware } from "grammy";
import { decodeCallback } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { isStorageUnavailable } from "../storage.js";
import { commandOf, commandPayload } from "../telegram.js";

/** Commands that need the state store. */
const STATEFUL_COMMANDS = new Set(["choose", "cancel", "language"]);
/** Buttons that need the state store. */
const STATEFUL_BUTTONS = new Set(["advisor", "choose", "language"]);

/** Whether an update asks for something that needs the state store. */
function needsState(ctx: BotContext): boolean {
  const command = commandOf(ctx);
  if (command !== undefined) return STATEFUL_COMMANDS.has(command) || (command === "start" && commandPayload(ctx) === "choose");
  const action = decodeCallback(ctx.callbackQuery?.data);
  return action !== null && STATEFUL_BUTTONS.has(action.kind);
}

/**
 * Runs features that keep state (/choose, /language) so that a state store
 * that cannot be reached does not take the bot down: what needs state is
 * told it is temporarily unavailable, and every other update goes on to the
 * stateless features (/compare, browsing, inline mode), which need none.
 * The bot recovers by itself once the store answers again.
 */
export function stateful(...features: Middleware<BotContext>[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.errorBoundary(async (err, next) => {
    if (!isStorageUnavailable(err.error)) throw err.error;
    const ctx = err.ctx;
    if (!needsState(ctx)) return next();
    const text = await ctx.translate("state-unavailable");
    if (ctx.callbackQuery !== undefined) await ctx.answerCallbackQuery({ text });
    else await ctx.reply(text);
  }, ...features);
  return composer;
}
