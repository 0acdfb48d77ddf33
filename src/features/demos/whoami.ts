import type { BotContext } from "../../context.js";
import { type DemoDeps, say } from "./calls.js";

/**
 * /whoami: the User object of this very update, what it leaves out and
 * what a bot cannot see; in a private chat, a button to share the phone
 * number and see that path.
 */
export async function whoami(ctx: BotContext, { demos }: DemoDeps): Promise<void> {
  if (ctx.from === undefined) return;
  const locale = await ctx.locale();
  await say(ctx, demos.whoami(locale, ctx.from, ctx.chat?.type === "private", ctx.me.username));
}

/** A shared contact in a private chat: all it carries, and whether it is the sender's own. Nothing is kept. */
export async function showContact(ctx: BotContext, { demos }: DemoDeps): Promise<void> {
  const contact = ctx.msg?.contact;
  if (contact === undefined || ctx.from === undefined) return;
  await say(ctx, demos.contact(await ctx.locale(), contact, ctx.from.id));
}
