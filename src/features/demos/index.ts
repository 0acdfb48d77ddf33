import type { MiddlewareFn } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext, Services } from "../../context.js";
import { Feature } from "../../feature.js";
import type { Command } from "../../routes.js";
import { type Demo, DEMO_OF_ROW, DEMO_START, DemoRenderer } from "../../render/demos/index.js";
import { type DemoDeps, inGroup } from "./calls.js";
import { fileOf, promptFile, showFile } from "./files.js";
import { whatCanYouSee } from "./group.js";
import { react } from "./reactions.js";
import { asksAboutReply, replyHint, showReplied } from "./reply.js";
import { updates } from "./updates.js";
import { showContact, whoami } from "./whoami.js";

/** The commands of the demonstrations, in the order of the menu (the last of routes.ts's COMMANDS). */
export const DEMO_COMMANDS = [
  "file",
  "whoami",
  "whatcanyousee",
  "react",
  "updates",
] as const satisfies readonly Command[];

/** What {@link demosFeature} gives the bot. */
export interface Demos {
  /** The commands and the deep links that start a demonstration. */
  feature: Feature;
  /** Files, shared contacts and replies that ask about a message: for updates no route took. */
  messages: MiddlewareFn<BotContext>;
  deps: DemoDeps;
}

/** Whether a message's caption (or text) names this bot with an @mention. */
function mentionsMe(message: Message, username: string): boolean {
  const text = message.caption ?? message.text ?? "";
  const me = `@${username}`.toLowerCase();
  return (message.caption_entities ?? message.entities ?? []).some(
    (e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === me,
  );
}

/**
 * The live demonstrations: the bot shows a limit with real Bot API calls
 * and Telegram's real answers. Each one runs only when asked (a command, a
 * deep link, a file or contact sent to the bot in private, a file or a
 * reply addressed to it in a group), answers in the user's language, and
 * keeps nothing of what users send.
 */
export function demosFeature(services: Services): Demos {
  const deps: DemoDeps = { services, demos: new DemoRenderer(services.renderer.t) };
  const feature = new Feature()
    .command("file", async (ctx) => promptFile(ctx, deps, await ctx.locale()))
    .command("whoami", async (ctx) => whoami(ctx, deps))
    .command("whatcanyousee", async (ctx) => whatCanYouSee(ctx, deps))
    .command("react", async (ctx) => react(ctx, deps))
    .command("updates", async (ctx) => updates(ctx, deps))
    .deepLink(DEMO_START.whoami, async (ctx) => whoami(ctx, deps))
    .deepLink(DEMO_START.whatcanyousee, async (ctx) => whatCanYouSee(ctx, deps))
    .deepLink(DEMO_START.file, async (ctx) => promptFile(ctx, deps, await ctx.locale()))
    .deepLink(DEMO_START.react, async (ctx) => react(ctx, deps))
    .deepLink(DEMO_START.updates, async (ctx) => updates(ctx, deps))
    .deepLink(DEMO_START.reply, async (ctx) => replyHint(ctx, deps, await ctx.locale()));

  // "Try it" on a card: the demonstration of its row, as a new message below the card. On an
  // inline message there is no chat to show it in: the button opens the bot's private chat.
  const start: Record<Demo, (ctx: BotContext, locale: string) => Promise<void>> = {
    file: (ctx, locale) => promptFile(ctx, deps, locale),
    whoami: (ctx) => whoami(ctx, deps),
    whatcanyousee: (ctx) => whatCanYouSee(ctx, deps),
    reply: (ctx, locale) => replyHint(ctx, deps, locale),
    react: (ctx) => react(ctx, deps, ctx.callbackQuery?.message?.message_id),
    updates: (ctx) => updates(ctx, deps),
  };
  feature.button("try", async (ctx, { locale, slug }, next) => {
    const demo = DEMO_OF_ROW[slug];
    if (demo === undefined) return next();
    if (ctx.chat === undefined) {
      await ctx.answerCallbackQuery({ url: `https://t.me/${ctx.me.username}?start=${DEMO_START[demo]}` });
      return;
    }
    await ctx.answerCallbackQuery();
    await start[demo](ctx, locale);
  });

  const messages: MiddlewareFn<BotContext> = async (ctx, next) => {
    const message = ctx.message;
    if (message === undefined) return next();
    const username = ctx.me.username;
    const group = inGroup(ctx);
    if (!group && ctx.chat?.type !== "private") return next();
    const file = fileOf(message);
    // In a group only a file addressed to the bot: a mention in its caption, or a reply to the bot.
    if (
      file !== undefined &&
      (!group || mentionsMe(message, username) || message.reply_to_message?.from?.id === ctx.me.id)
    )
      return showFile(ctx, deps, file);
    if (!group && message.contact !== undefined) return showContact(ctx, deps);
    if (asksAboutReply(message, username)) return showReplied(ctx, deps);
    return next();
  };

  return { feature, messages, deps };
}
