import type { BotContext } from "../../context.js";
import { attempt, type DemoDeps, inGroup, mapOutcome, say } from "./calls.js";

/**
 * /whatcanyousee: in a group, the bot asks Telegram what it may see there
 * (getMe, getChatMember of itself, getChatMemberCount,
 * getChatAdministrators) and says what no call gives: the member list. In
 * a private chat it explains, with a button that adds it to a group.
 */
export async function whatCanYouSee(ctx: BotContext, { demos }: DemoDeps): Promise<void> {
  const locale = await ctx.locale();
  const chat = ctx.chat;
  if (chat === undefined || !inGroup(ctx)) {
    await say(ctx, demos.groupOnly(locale, ctx.me.username));
    return;
  }
  const [readsAll, me, count, admins] = await Promise.all([
    attempt(ctx.api.getMe()).then((o) => mapOutcome(o, (m) => m.can_read_all_group_messages)),
    attempt(ctx.api.getChatMember(chat.id, ctx.me.id)),
    attempt(ctx.api.getChatMemberCount(chat.id)),
    attempt(ctx.api.getChatAdministrators(chat.id)),
  ]);
  const title = ("title" in chat ? chat.title : undefined) ?? "";
  await say(ctx, demos.group(locale, { title, readsAll, me, count, admins, botId: ctx.me.id }));
}
