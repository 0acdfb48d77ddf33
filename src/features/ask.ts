import type { MiddlewareFn } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BotContext, Services } from "../context.js";
import type { Answer } from "../matrix/ask.js";
import type { RenderedMessage } from "../render/message.js";
import type { Renderer } from "../render/renderer.js";
import { startsWithCommand } from "../telegram/commands.js";
import { replyWith } from "../telegram/send.js";

/** How a message reached the bot: in a private chat, or in a group by a mention or a reply to the bot. */
type Addressed = "private" | "mention" | "reply";

/**
 * Free-text questions: a row's card when the bot is sure (with a close
 * second offered), "not sure" and the closest rows when it is not, where to
 * look for what the reference does not cover, the three sides in short for
 * the bot's own subject, and a fitting word for small talk. The reply is in
 * the question's language unless the user chose one with /language.
 *
 * In groups the bot speaks only when a real question is addressed to it (a
 * mention, or a reply to one of its messages): small talk there ("ok",
 * "thanks", "lol") gets nothing, and so does a reply to it that the
 * reference does not cover.
 */
export function askFeature({ renderer, search }: Services): MiddlewareFn<BotContext> {
  const respond = async (ctx: BotContext, question: string, addressed: Addressed) => {
    const answer = await search.answer(question);
    if (addressed !== "private" && (answer.kind === "smalltalk" || (answer.kind === "out" && addressed === "reply"))) {
      return;
    }
    if (answer.kind === "smalltalk" && answer.tone === "ack") return;
    const locale = (await ctx.chosenLocale()) ?? answer.language ?? (await ctx.locale());
    const message = render(renderer, answer, locale, ctx.me.username, addressed === "private");
    await (addressed === "private"
      ? replyWith(ctx, message)
      : replyWith(ctx, message, { reply_parameters: replyTo(ctx) }));
  };

  return async (ctx, next) => {
    const message = ctx.message;
    const type = ctx.chat?.type;
    if (message === undefined) return next();
    const question = startsWithCommand(ctx) ? undefined : message.text;
    if (type === "private") {
      if (question !== undefined) return respond(ctx, question, "private");
      // Stickers, photos and unknown commands: say what the bot does.
      return replyWith(ctx, renderer.smalltalk(await ctx.locale(), ctx.me.username, true));
    }
    if ((type !== "group" && type !== "supergroup") || question === undefined) return next();
    const mention = mentionOf(question, message.entities ?? [], ctx.me.username);
    if (mention !== undefined) return respond(ctx, cut(question, mention), "mention");
    if (message.reply_to_message?.from?.id === ctx.me.id) return respond(ctx, question, "reply");
    return next();
  };
}

/** The message that answers `answer`, in `locale`. */
function render(
  renderer: Renderer,
  answer: Answer,
  locale: string,
  username: string,
  inPrivate: boolean,
): RenderedMessage {
  switch (answer.kind) {
    case "row":
      return renderer.answer(locale, answer.slug, answer.runnerUp) ?? renderer.outOfScope(locale);
    case "unsure":
      return renderer.unsure(locale, answer.slugs);
    case "out":
      return renderer.outOfScope(locale);
    case "overview":
      return renderer.subject(locale);
    case "smalltalk":
      return renderer.smalltalk(locale, username, inPrivate, answer.tone);
  }
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
