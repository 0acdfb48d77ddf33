import type { Message, MessageEntity } from "grammy/types";
import type { BotContext } from "../../context.js";
import { attempt, type DemoDeps, mapOutcome, say } from "./calls.js";

/**
 * Whether a message is a reply that only names this bot (`@bot`, nothing
 * else): the way to ask what the bot got of the message replied to. A
 * reply with words is a question, and goes to the questions. In a forum
 * topic, every message "replies" to the topic's first service message;
 * that is no reply.
 */
export function asksAboutReply(message: Message, botUsername: string): boolean {
  const replied = message.reply_to_message;
  if (replied === undefined || replied.forum_topic_created !== undefined) return false;
  const text = message.text;
  if (text === undefined) return false;
  const me = `@${botUsername}`.toLowerCase();
  const mentions = (message.entities ?? []).filter(
    (e: MessageEntity) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === me,
  );
  if (mentions.length === 0) return false;
  let rest = text;
  for (const e of [...mentions].reverse()) rest = rest.slice(0, e.offset) + rest.slice(e.offset + e.length);
  return rest.trim() === "";
}

/** How to try it: reply to any message with just the bot's @username. */
export async function replyHint(ctx: BotContext, { demos }: DemoDeps, locale: string): Promise<void> {
  await say(ctx, demos.replyHint(locale, ctx.me.username));
}

/**
 * The reply demonstration: what reply_to_message brought, why there was no
 * other way to get it, and copyMessage, which needs only the ID. The copy
 * answers the user's reply; the explanation follows it.
 */
export async function showReplied(ctx: BotContext, { demos }: DemoDeps): Promise<void> {
  const message = ctx.msg;
  const replied = message?.reply_to_message;
  const chat = ctx.chat;
  if (message === undefined || replied === undefined || chat === undefined) return;
  const locale = await ctx.locale();
  const copy = await attempt(
    ctx.api.copyMessage(chat.id, chat.id, replied.message_id, {
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    }),
  );
  await say(
    ctx,
    demos.replied(
      locale,
      replied,
      mapOutcome(copy, (c) => c.message_id),
    ),
  );
}
