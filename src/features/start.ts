import { Composer } from "grammy";
import type { BotContext, Services } from "../context.js";
import { replyWith } from "../telegram.js";

/**
 * /start, /help and /about. `/start <slug>` (a deep link such as
 * t.me/<bot>?start=files) opens that row's card; any other payload, such
 * as the one of the inline "open the bot" button, shows the welcome.
 */
export function startFeature({ renderer }: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("start", async (ctx) => {
    const locale = await ctx.locale();
    const card = ctx.match === "" ? undefined : renderer.card(locale, ctx.match.toLowerCase());
    await replyWith(ctx, card ?? renderer.start(locale, ctx.me.username));
  });

  composer.command("help", async (ctx) => {
    await replyWith(ctx, renderer.help(await ctx.locale(), ctx.me.username));
  });

  composer.command("about", async (ctx) => {
    await replyWith(ctx, renderer.about(await ctx.locale()));
  });

  return composer;
}
