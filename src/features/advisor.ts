import {
  type Conversation,
  type ConversationData,
  type ConversationFlavor,
  conversations,
  createConversation,
  pinVersion,
  type VersionedState,
  type VersionedStateStorage,
} from "@grammyjs/conversations";
import { Composer, type Context, GrammyError, type Middleware, type MiddlewareFn, type Transformer } from "grammy";
import type { Message } from "grammy/types";
import { decodeCallback } from "../callback-data.js";
import type { BotContext, Services } from "../context.js";
import type { Reply } from "../matrix/advisor.js";
import type { SearchHandle } from "../matrix/search-handle.js";
import type { AdvisorRenderer } from "../render/advisor.js";
import { DEEP_LINKS } from "../routes.js";
import { when } from "../routing.js";
import { ExpiringMemoryStorage, guardStorage } from "../storage.js";
import { stateful } from "./stateful.js";
import { Feature } from "../feature.js";
import { commandOf } from "../telegram/commands.js";
import { editMessageWith, editWith, isNotModified, replyWith } from "../telegram/send.js";

/** Id of the /choose conversation. */
export const ADVISOR = "advisor";
/**
 * Version of the stored conversation state. Bump it whenever the
 * conversation's code changes: a replay of old state against new code would
 * go wrong, so state of another version is dropped instead.
 */
export const ADVISOR_STATE_VERSION = 4;
/** An advisor left alone this long ends; a later tap on it reads "closed". */
export const ADVISOR_IDLE_SECONDS = 60 * 60;
const MAX_IDLE_MS = ADVISOR_IDLE_SECONDS * 1000;

/**
 * Keeps the /choose updates of one chat from running at the same time on
 * several instances. Telegram sends a chat's updates one after the other,
 * but an instance answers Telegram at a deadline while the work goes on, so
 * the chat's next update may reach another instance meanwhile: both would
 * read the same step, and a double tap would count twice.
 */
export interface ChatLock {
  /** Runs `task` holding the lock named `key`, once no one else holds it. */
  hold<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** No lock, for one process: the bot itself runs a chat's updates one after the other. */
export const NO_LOCK: ChatLock = { hold: (_key, task) => task() };

/** A store for the advisor's state, such as a grammY storage adapter. */
export type AdvisorStorage = VersionedStateStorage<string, ConversationData>;

/** The context inside the advisor: the conversations plugin, which runs first there, adds `conversation`. */
type AdvisorContext = ConversationFlavor<BotContext>;

/** The default store: in this process's memory, forgetting idle advisors. */
export function memoryAdvisorStorage(): ExpiringMemoryStorage<VersionedState<ConversationData>> {
  return new ExpiringMemoryStorage<VersionedState<ConversationData>>(MAX_IDLE_MS);
}

/**
 * Sends the conversation's Bot API calls through the bot's own API, so the
 * transformers installed on it (auto-retry on 429 and 5xx above all) apply:
 * the conversations plugin gives a conversation a bare Api of its own. Each
 * call is one `external` step, so a replay reuses its recorded answer
 * instead of calling Telegram again. Errors come back as Telegram's
 * answers, so `GrammyError` checks keep working inside the conversation.
 * Of a message sent or edited, only what {@link essentials} keeps is recorded.
 */
function viaBotApi(conversation: Conversation<BotContext, Context>): Middleware<Context> {
  const call: Transformer = (_prev, method, payload, signal) =>
    conversation.external({
      task: async (outer) => {
        const raw = outer.api.raw as unknown as Record<string, (p: unknown, s?: typeof signal) => Promise<unknown>>;
        try {
          return { ok: true, result: await raw[method]?.(payload, signal) };
        } catch (error) {
          if (!(error instanceof GrammyError)) throw error;
          return {
            ok: false,
            error_code: error.error_code,
            description: error.description,
            parameters: error.parameters,
          };
        }
      },
      beforeStore: (answer) => (answer.ok ? { ok: true, result: essentials(answer.result) } : answer),
    }) as never;
  return async (ctx, next) => {
    ctx.api.config.use(call);
    await next();
  };
}

/**
 * What the advisor reads of a message it sent (where it is), so that its
 * state, stored and copied on every replay, does not carry whole messages
 * with their texts and keyboards.
 */
function essentials(result: unknown): unknown {
  if (typeof result !== "object" || result === null || !("message_id" in result) || !("chat" in result)) return result;
  const { message_id, date, chat } = result as Message;
  return { message_id, date, chat: { id: chat.id, type: chat.type } };
}

const ignoreNotModified = (error: unknown): void => {
  if (!isNotModified(error)) throw error;
};

const STATE_PREFIX = "advisor:";
/**
 * Where a chat's advisor state is kept: the conversations plugin stores it
 * under this key (its `getStorageKey`), and {@link mayConcernAdvisor} looks
 * there for an advisor in progress. The advisor runs in private chats only.
 */
const stateKey = (ctx: Context): string | undefined =>
  ctx.chatId === undefined ? undefined : `${STATE_PREFIX}${ctx.chatId}`;

/** A key of the store written before the advisor runs, to know the store takes writes. */
const WRITE_CHECK_KEY = `${STATE_PREFIX}write-check`;

/**
 * Writes to the store before the advisor runs: the conversations plugin
 * saves the advisor's state after it sent its question, so a store that
 * refuses writes (Redis full) would let the user see a question whose
 * answers are lost. Failing here, before anything is said, gives
 * "temporarily unavailable" alone.
 */
function checkWritable(storage: AdvisorStorage): MiddlewareFn<BotContext> {
  const guarded = guardStorage(storage);
  const empty = pinVersion(ADVISOR_STATE_VERSION).versionify<ConversationData>({});
  return async (_ctx, next) => {
    await guarded.write(WRITE_CHECK_KEY, empty);
    await next();
  };
}

/**
 * Whether an update in a private chat can concern the advisor: /choose,
 * /cancel, its deep link and buttons always; any other message only while
 * the chat has an advisor running (the plugin deletes a chat's state once
 * its advisor ends).
 */
function mayConcernAdvisor(ctx: BotContext, storage: AdvisorStorage): boolean | Promise<boolean> {
  const route = ctx.route;
  // Only its own buttons: the conversation would pass any other on anyway.
  if (
    route === "button:advisor" ||
    route === "button:choose" ||
    route === "command:choose" ||
    route === "command:cancel"
  ) {
    return true;
  }
  if (ctx.callbackQuery !== undefined) return false;
  if (route === "start:choose") return true;
  const key = stateKey(ctx);
  if (ctx.message === undefined || key === undefined) return false;
  return isRunning(storage, key);
}

/**
 * Whether the store holds an advisor under `key`. If the store is down, the
 * plugin is let meet the same failure, where stateful() turns it into
 * "temporarily unavailable" or lets the update pass.
 */
async function isRunning(storage: AdvisorStorage, key: string): Promise<boolean> {
  try {
    return (await storage.read(key)) !== undefined;
  } catch {
    return true;
  }
}

/**
 * The /choose conversation: the questions of data/advisor.yaml whose answer
 * can still change the verdict, those needing the most first, then the
 * verdict. Runs in private chats only and replays from
 * the top on every update, so everything it does goes through the
 * conversation's own `ctx` (whose API calls are recorded) or `conversation`;
 * what it reads besides (the answer to typed text) is a pure function of
 * the update. A question typed during a run is skipped, so the free-text
 * answers take it and the run waits where it was.
 */
function advisorConversation(view: AdvisorRenderer, search: SearchHandle) {
  return async function advisor(conversation: Conversation<BotContext, Context>, ctx: Context, locale: string) {
    const run = (await conversation.now()).toString(36);
    const replies: Reply[] = [];
    const start = view.progress(locale, replies);
    if (start.next === undefined) {
      // Nothing to ask: the data holds no question that could change the verdict.
      const { text, ...options } = view.result(locale, start.verdict);
      await ctx.reply(text, options);
      return;
    }
    const { text, ...options } = view.question({ locale, run, replies });
    const sent = await ctx.reply(text, options);
    const chatId = sent.chat.id;
    const messageId = sent.message_id;

    for (;;) {
      const next = await conversation.wait({ maxMilliseconds: MAX_IDLE_MS });
      const step = replies.length;
      const action = decodeCallback(next.callbackQuery?.data);

      if (action?.kind === "advisor") {
        if (action.run !== run || action.step !== step) {
          await next.answerCallbackQuery({ text: view.t(locale, "advisor-closed") });
          continue;
        }
        await next.answerCallbackQuery();
        if (action.choice === "cancel") {
          await editWith(next, view.closed(locale, "advisor-cancelled"));
          return;
        }
        if (action.choice === "back") replies.pop();
        else replies.push(action.choice);
        const progress = view.progress(locale, replies);
        if (progress.next === undefined) {
          await editWith(next, view.result(locale, progress.verdict));
          return;
        }
        await editWith(next, view.question({ locale, run, replies }));
        continue;
      }
      // "Start over" on an earlier result: leave this run, let /choose begin anew.
      if (action?.kind === "choose") await conversation.halt({ next: true });
      // Any other button (a card, say) is not ours: let the bot handle it.
      if (next.callbackQuery !== undefined || next.message === undefined) await conversation.skip({ next: true });

      const command = commandOf(next);
      if (command === "cancel") {
        // The question stays readable without its buttons; "cancelled" is said once, in the reply.
        await next.api.editMessageReplyMarkup(chatId, messageId).catch(ignoreNotModified);
        await next.reply(view.t(locale, "advisor-cancelled"));
        return;
      }
      if (command !== undefined) {
        // Another command leaves the questions and does what it says.
        await editMessageWith(next, chatId, messageId, view.closed(locale, "advisor-left"));
        await conversation.halt({ next: true });
      }
      // A question typed meanwhile is answered as any other; the run waits where it was.
      // A typed "yes" or "no" (small talk to the free-text answers) is told to use the buttons.
      const text = next.message?.text;
      if (text !== undefined && (await search.answer(text)).kind !== "smalltalk")
        await conversation.skip({ next: true });
      await next.reply(view.t(locale, "advisor-use-buttons"), {
        reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
      });
    }
  };
}

/**
 * /choose, the guided advisor, with /cancel and its buttons, in private
 * chats: the conversation runs there only, holding the chat's `lock`. The
 * conversations plugin costs every update it sees, so only updates that can
 * start, steer or leave an advisor reach it; the rest go on at once.
 */
export function advisorFeature(
  { advisor: view, search }: Services,
  storage: AdvisorStorage = memoryAdvisorStorage(),
  lock: ChatLock = NO_LOCK,
): MiddlewareFn<BotContext> {
  const direct = new Composer<AdvisorContext>();
  direct.use(
    conversations<BotContext, Context>({
      // A store that is down fails as StorageUnavailableError, which stateful() knows.
      storage: {
        type: "key",
        version: ADVISOR_STATE_VERSION,
        getStorageKey: stateKey,
        adapter: guardStorage(storage),
      },
    }),
  );
  direct.use(
    createConversation(advisorConversation(view, search), {
      id: ADVISOR,
      maxMillisecondsToWait: MAX_IDLE_MS,
      plugins: (conversation) => [viaBotApi(conversation)],
    }),
  );

  const start = async (ctx: BotContext, locale: string) => {
    const { conversation } = ctx as AdvisorContext;
    if (conversation.active(ADVISOR) > 0) await conversation.exit(ADVISOR);
    await conversation.enter(ADVISOR, locale);
  };

  const commands = new Feature()
    .command("choose", async (ctx) => start(ctx, await ctx.locale()))
    .deepLink(DEEP_LINKS.choose, async (ctx) => start(ctx, await ctx.locale()))
    .button("choose", async (ctx, { locale }) => {
      await ctx.answerCallbackQuery();
      await start(ctx, locale);
    })
    .command("cancel", async (ctx) => ctx.reply(await ctx.translate("cancel-nothing")));
  direct.use(commands);

  // The plugin gives every update that reaches `direct` its `conversation`;
  // the lock covers reading the run's step, acting on it and writing it back.
  const run = (direct as unknown as Composer<BotContext>).middleware();
  const locked: MiddlewareFn<BotContext> = (ctx, next) =>
    lock.hold(stateKey(ctx) ?? String(ctx.chatId), () => Promise.resolve(run(ctx, next)));
  return when(
    (ctx) => ctx.chat?.type === "private" && mayConcernAdvisor(ctx, storage),
    stateful(checkWritable(storage), locked),
  );
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
