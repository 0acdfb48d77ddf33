import type { MiddlewareFn } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BotContext, Services } from "../context.js";
import { answerQuestion } from "../matrix/ask.js";
import type { RenderedMessage } from "../render/message.js";
import { replyWith, startsWithCommand } from "../telegram.js";

/**
 * Free-text questions: the row that answers best comes as its card (with a
 * close second offered), a weak match gets "not sure" and the closest rows,
 * small talk gets a short pointer to what the bot does. In groups the bot
 * only answers when it is replied to or mentioned, as privacy mode intends.
 */
export function askFeature({ renderer, search }: Services): MiddlewareFn<BotContext> {
  const respond = async (ctx: BotContext, question: string, inPrivate: boolean) => {
    const locale = await ctx.locale();
    const answer = answerQuestion(search, question);
    let message: RenderedMessage | undefined;
    if (answer.kind === "row") message = renderer.answer(locale, answer.best.slug, answer.runnerUp?.slug);
    else if (answer.kind === "unsure") message = renderer.unsure(locale, answer.slugs);
    message ??= renderer.smalltalk(locale, ctx.me.username, inPrivate);
    await (inPrivate ? replyWith(ctx, message) : replyWith(ctx, message, { reply_parameters: replyTo(ctx) }));
  };

  return async (ctx, next) => {
    const message = ctx.message;
    const type = ctx.chat?.type;
    if (message === undefined) return next();
    const question = startsWithCommand(ctx) ? undefined : message.text;
    if (type === "private") {
      if (question !== undefined) return respond(ctx, question, true);
      // Stickers, photos and unknown commands: say what the bot does.
      return replyWith(ctx, renderer.smalltalk(await ctx.locale(), ctx.me.username, true));
    }
    if ((type !== "group" && type !== "supergroup") || question === undefined) return next();
    const mention = mentionOf(question, message.entities ?? [], ctx.me.username);
    const repliedTo = message.reply_to_message?.from?.id === ctx.me.id;
    if (mention === undefined && !repliedTo) return next();
    await respond(ctx, mention === undefined ? question : cut(question, mention), false);
  };
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
