import type { Services } from "../context.js";
import { Feature } from "../feature.js";
import { replyWith } from "../telegram/send.js";

/**
 * /start, /help, /about and /new. `/start <slug>` (a deep link such as
 * t.me/<bot>?start=files) opens that row's card; any other payload, such
 * as the one of the inline "open the bot" button, shows the welcome.
 */
export function startFeature({ renderer }: Services): Feature {
  const feature = new Feature();

  feature.command("start", async (ctx, payload) => {
    const locale = await ctx.locale();
    const card = payload === "" ? undefined : renderer.card(locale, payload.toLowerCase());
    await replyWith(ctx, card ?? renderer.start(locale, ctx.me.username));
  });

  feature.command("help", async (ctx) => {
    await replyWith(ctx, renderer.help(await ctx.locale(), ctx.me.username));
  });

  feature.command("about", async (ctx) => {
    await replyWith(ctx, renderer.about(await ctx.locale()));
  });

  feature.command("new", async (ctx) => {
    await replyWith(ctx, renderer.news(await ctx.locale()));
  });

  return feature;
}
