import type { BotContext } from "../../context.js";
import { attempt, type DemoDeps, say } from "./calls.js";

/**
 * /updates: getWebhookInfo as the bot sees it right now: how many updates
 * wait, how long Telegram keeps them and, with a webhook, the last
 * delivery error. The webhook's URL never appears: it may hold a secret.
 */
export async function updates(ctx: BotContext, { demos }: DemoDeps): Promise<void> {
  const locale = await ctx.locale();
  const info = await attempt(ctx.api.getWebhookInfo());
  await say(ctx, demos.updates(locale, info, new Date()));
}
