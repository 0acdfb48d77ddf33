import type { CallbackQueryContext, MiddlewareFn, NextFunction } from "grammy";
import { type AdvisorRun, type AdvisorRuns, MemoryAdvisorRuns, nextStep } from "../advisor-runs.js";
import type { BotContext, Services } from "../context.js";
import type { ActionOf } from "../feature.js";
import { Feature } from "../feature.js";
import { DEEP_LINKS, type Route } from "../routes.js";
import { commandOf } from "../telegram/commands.js";
import { editMessageWith, editWith, replyWith, unlessNotModified } from "../telegram/send.js";
import { stateful } from "./stateful.js";

/** Whose run an update concerns: the advisor sees updates with a sender only. */
const userOf = (ctx: BotContext): number => ctx.from?.id ?? 0;

/** A run's id: the time it started, in base 36 (8 characters). */
const newRunId = (): string => Date.now().toString(36);

/**
 * /choose, the guided advisor, in private chats: /choose (its deep link, or
 * "Start over") asks the first question of data/advisor.yaml whose answer
 * can still change the verdict, each tap on Yes / No / Not sure / Back edits
 * the question into the next one or the verdict, ✖ Cancel or /cancel ends
 * it. What a run needs between updates is its {@link AdvisorRun} in `runs`,
 * by user: the next question and the verdict are worked out from the
 * replies, with nothing replayed. While a run waits, a question typed is
 * answered as any other (the run stays where it was), small talk is told to
 * use the buttons, and another command leaves the run and does what it
 * says.
 */
export function advisorFeature(
  { advisor: view, search }: Services,
  runs: AdvisorRuns = new MemoryAdvisorRuns(),
): MiddlewareFn<BotContext> {
  /** Closes the user's run, if any, into "You left the questions"; what the user asked for goes on. */
  const leave = async (ctx: BotContext, userId: number): Promise<void> => {
    const left = await runs.take(userId);
    if (left === undefined || left.messageId === 0 || ctx.chat === undefined) return;
    await editMessageWith(ctx, ctx.chat.id, left.messageId, view.closed(await ctx.locale(), "advisor-left"));
  };

  /** Starts a new run, in place of any other. */
  const start = async (ctx: BotContext, userId: number, locale: string): Promise<void> => {
    if (view.progress(locale, []).next === undefined) {
      // Nothing to ask: the data holds no question that could change the verdict.
      await runs.take(userId);
      await replyWith(ctx, view.result(locale, view.progress(locale, []).verdict));
      return;
    }
    const run: AdvisorRun = { run: newRunId(), step: 0, replies: [], messageId: 0 };
    // Written before the question is sent: a store that takes no writes says "temporarily unavailable" alone.
    await runs.start(userId, run);
    const sent = await replyWith(ctx, view.question({ locale, step: run.step, replies: run.replies }));
    // Unless a tap has moved the run on meanwhile (on another instance), which noted the message itself.
    await runs.move(userId, run, { ...run, messageId: sent.message_id });
  };

  /** Answers a tap on a question that is no longer asked. */
  const closed = async (ctx: CallbackQueryContext<BotContext>, locale: string): Promise<void> => {
    await ctx.answerCallbackQuery({ text: view.t(locale, "advisor-closed") });
  };

  /** A tap on a question's button: the run takes the step the button belongs to, once. */
  const tap = async (ctx: CallbackQueryContext<BotContext>, action: ActionOf<"advisor">): Promise<void> => {
    const userId = ctx.callbackQuery.from.id;
    const { locale, choice } = action;
    const tapped = ctx.callbackQuery.message?.message_id ?? 0;
    const now = await runs.get(userId);
    // The run's message stands for the run. While it is still being sent (0), only the first
    // question's buttons can be at step 0, and they ask what the run asks first.
    if (now === undefined || now.step !== action.step || (now.messageId !== 0 && now.messageId !== tapped))
      return closed(ctx, locale);
    const replies =
      choice === "back" ? now.replies.slice(0, -1) : choice === "cancel" ? now.replies : [...now.replies, choice];
    const progress = view.progress(locale, replies);
    const messageId = now.messageId || tapped;
    const next: AdvisorRun | undefined =
      choice === "cancel" || progress.next === undefined
        ? undefined
        : { run: now.run, step: nextStep(now.step), replies, messageId };
    // Once per step: moved only if still at the button's step, written before answering; a second tap reads closed.
    if (!(await runs.move(userId, now, next))) return closed(ctx, locale);
    await ctx.answerCallbackQuery();
    if (choice === "cancel") await editWith(ctx, view.closed(locale, "advisor-cancelled"));
    else if (next === undefined) await editWith(ctx, view.result(locale, progress.verdict));
    else await editWith(ctx, view.question({ locale, step: next.step, replies }, progress));
  };

  /** /choose or its deep link: the run waiting, if any, is left, and a new one starts. */
  const restart = async (ctx: BotContext): Promise<void> => {
    await leave(ctx, userOf(ctx));
    await start(ctx, userOf(ctx), await ctx.locale());
  };

  const routes = new Feature()
    .command("choose", restart)
    .deepLink(DEEP_LINKS.choose, restart)
    .button("choose", async (ctx, { locale }) => {
      await ctx.answerCallbackQuery();
      // A run still waiting elsewhere is dropped: its buttons read "closed" from now on.
      await start(ctx, ctx.callbackQuery.from.id, locale);
    })
    .button("advisor", tap)
    .command("cancel", async (ctx) => {
      const cancelled = await runs.take(userOf(ctx));
      if (cancelled === undefined) return ctx.reply(await ctx.translate("cancel-nothing"));
      // The question stays readable without its buttons; "cancelled" is said once, in the reply.
      if (cancelled.messageId !== 0 && ctx.chat !== undefined)
        await ctx.api.editMessageReplyMarkup(ctx.chat.id, cancelled.messageId).catch(unlessNotModified);
      return ctx.reply(await ctx.translate("advisor-cancelled"));
    });

  /** A message while a run waits: a command leaves it, a question is answered, small talk is told to use the buttons. */
  const whileRunning = async (ctx: BotContext, next: NextFunction): Promise<void> => {
    if (commandOf(ctx) !== undefined) {
      await leave(ctx, userOf(ctx));
      return next();
    }
    const text = ctx.message?.text;
    if (text !== undefined && (await search.answer(text)).kind !== "smalltalk") return next();
    const run = await runs.get(userOf(ctx));
    if (run === undefined) return next();
    const prompt = await ctx.translate("advisor-use-buttons");
    if (run.messageId === 0) await ctx.reply(prompt);
    else
      await ctx.reply(prompt, { reply_parameters: { message_id: run.messageId, allow_sending_without_reply: true } });
  };

  // Each route has one handler here: called directly, each in its boundary.
  const handlers = new Map<Route, MiddlewareFn<BotContext>>();
  for (const [route, [handler]] of routes.routes) if (handler !== undefined) handlers.set(route, stateful(handler));
  const running = stateful(whileRunning);
  return (ctx, next) => {
    if (ctx.chat?.type !== "private" || ctx.from === undefined) return next();
    const handler = ctx.route === undefined ? undefined : handlers.get(ctx.route);
    if (handler !== undefined) return handler(ctx, next);
    if (ctx.message === undefined) return next();
    const run = isRunning(runs, ctx.from.id);
    if (typeof run === "boolean") return run ? running(ctx, next) : next();
    return run.then((yes) => (yes ? running(ctx, next) : next()));
  };
}

/**
 * Whether the user has a run waiting, at once when the store is in memory.
 * A store that is down counts as none: the message goes on to the features
 * that need no state.
 */
function isRunning(runs: AdvisorRuns, userId: number): boolean | Promise<boolean> {
  try {
    const run = runs.get(userId);
    if (!(run instanceof Promise)) return run !== undefined;
    return run.then(
      (r) => r !== undefined,
      () => false,
    );
  } catch {
    return false;
  }
}

/**
 * The advisor outside a private chat: /choose in a group offers a private
 * chat instead, and a button of a finished advisor is answered as closed.
 */
export function advisorElsewhereFeature({ advisor: view }: Services): Feature {
  return new Feature()
    .command("choose", async (ctx) => replyWith(ctx, view.privateOnly(await ctx.locale(), ctx.me.username)))
    .button("advisor", async (ctx, { locale }) => ctx.answerCallbackQuery({ text: view.t(locale, "advisor-closed") }));
}
