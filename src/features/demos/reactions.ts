import type { ReactionTypeEmoji } from "grammy/types";
import type { BotContext } from "../../context.js";
import { attempt, type DemoDeps, say } from "./calls.js";

const LIKE: ReactionTypeEmoji = { type: "emoji", emoji: "👍" };
const FIRE: ReactionTypeEmoji = { type: "emoji", emoji: "🔥" };

/**
 * /react: the bot sets one reaction on a message (the command itself, or
 * the card whose "Try it" was tapped), then asks for two at once and shows
 * Telegram's refusal. The first reaction stays.
 */
export async function react(ctx: BotContext, { demos }: DemoDeps, target?: number): Promise<void> {
  const chat = ctx.chat;
  const messageId = target ?? ctx.msg?.message_id;
  if (chat === undefined || messageId === undefined) return;
  const locale = await ctx.locale();
  const one = await attempt(ctx.api.setMessageReaction(chat.id, messageId, [LIKE]));
  const two = one.ok ? await attempt(ctx.api.setMessageReaction(chat.id, messageId, [LIKE, FIRE])) : undefined;
  await say(ctx, demos.reactions(locale, one, two), target);
}
