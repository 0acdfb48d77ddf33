import { Composer } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BotContext, Services } from "../context.js";
import { answerQuestion } from "../matrix/ask.js";
import type { RenderedMessage } from "../render/message.js";
import { commandOf, replyWith } from "../telegram.js";

/**
 * Free-text questions: the row that answers best comes as its card (with a
 * close second offered), a weak match gets "not sure" and the closest rows,
 * small talk gets a short pointer to what the bot does. In groups the bot
 * only answers when it is replied to or mentioned, as privacy mode intends.
 */
export function askFeature({ renderer, search }: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const respond = async (ctx: BotContext, question: string, inPrivate: boolean) => {
    const locale = await ctx.locale();
    const answer = answerQuestion(search, question);
    let message: RenderedMessage | undefined;
    if (answer.kind === "row") message = renderer.answer(locale, answer.best.slug, answer.runnerUp?.slug);
    else if (answer.kind === "unsure") message = renderer.unsure(locale, answer.closest.map((h) => h.slug));
    message ??= renderer.smalltalk(locale, ctx.me.username, inPrivate);
    await replyWith(ctx, message, inPrivate ? {} : { reply_parameters: replyTo(ctx) });
  };

  composer.chatType("private").on("message:text", async (ctx, next) => {
    if (commandOf(ctx) !== undefined) return next();
    await respond(ctx, ctx.msg.text, true);
  });

  composer.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    if (commandOf(ctx) !== undefined) return next();
    const mention = mentionOf(ctx.msg.text, ctx.msg.entities ?? [], ctx.me.username);
    const repliedTo = ctx.msg.reply_to_message?.from?.id === ctx.me.id;
    if (mention === undefined && !repliedTo) return next();
    const question = mention === undefined ? ctx.msg.text : cut(ctx.msg.text, mention);
    await respond(ctx, question, false);
  });

  // Stickers, photos and unknown commands in private: say what the bot does.
  composer.chatType("private").on("message", async (ctx) => {
    await replyWith(ctx, renderer.smalltalk(await ctx.locale(), ctx.me.username, true));
  });

  return composer;
}

function replyTo(ctx: BotContext) {
  return { message_id: ctx.msg?.message_id ?? 0, allow_sending_without_reply: true };
}

/** The entity that mentions this bot by its username, if any. */
function mentionOf(text: string, entities: readonly MessageEntity[], username: string): MessageEntity | undefined {
  const wanted = `@${username}`.toLowerCase();
  return entities.find(
    (e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === wanted,
  );
}

function cut(text: string, entity: MessageEntity): string {
  return `${text.slice(0, entity.offset)} ${text.slice(entity.offset + entity.length)}`.trim();
}
