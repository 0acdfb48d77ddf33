import { GrammyError } from "grammy";
import type { BotContext, Services } from "../../context.js";
import type { DemoMessage, DemoRenderer, Outcome } from "../../render/demos/index.js";

/** What every demonstration works with. */
export interface DemoDeps {
  services: Services;
  demos: DemoRenderer;
}

/**
 * Runs one Bot API call of a demonstration: its result, or Telegram's
 * refusal as `<code> <description>` (such as `400 Bad Request: file is too
 * big`). Other failures (the network, a bug) are thrown as usual.
 */
export async function attempt<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    return { ok: false, error: `${error.error_code} ${error.description}` };
  }
}

/** The outcome with its value changed, a refusal as it is. */
export function mapOutcome<T, U>(outcome: Outcome<T>, f: (value: T) => U): Outcome<U> {
  return outcome.ok ? { ok: true, value: f(outcome.value) } : outcome;
}

/** Whether the update comes from a group or supergroup. */
export function inGroup(ctx: BotContext): boolean {
  return ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";
}

/**
 * Sends a demonstration's message in the current chat. In a group it
 * answers the message that asked, so the thread stays readable; a message
 * deleted in the meantime does not stop the answer.
 */
export async function say(ctx: BotContext, message: DemoMessage, replyTo?: number): Promise<void> {
  const { text, ...options } = message;
  const target = replyTo ?? (inGroup(ctx) ? ctx.msg?.message_id : undefined);
  await ctx.reply(text, {
    ...options,
    ...(target === undefined ? {} : { reply_parameters: { message_id: target, allow_sending_without_reply: true } }),
  });
}
