import { join } from "node:path";
import { Bot, type Transformer } from "grammy";
import type { Chat, InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../src/bot.js";
import type { BotContext } from "../src/context.js";
import { createI18n } from "../src/i18n.js";
import { askingOrder } from "../src/matrix/advisor.js";
import { type Catalog, loadReference } from "../src/matrix/catalog.js";
import { ROOT } from "./spawn.js";

/** The reference the benchmark runs on: data/, as the bot starts from it (dist/reference.json while up to date). */
export const CATALOG: Catalog = await loadReference(join(ROOT, "data"), join(ROOT, "dist", "reference.json"));
/** The rows' slugs, for card taps. */
export const SLUGS = CATALOG.slugs;
/** How many questions a /choose run that answers "No" to each asks. */
export const ADVISOR_STEPS = askingOrder(CATALOG.get("en").questions).filter((q) => q.needs !== "bot").length;

/** The identity every benchmarked bot runs as, so that none calls getMe. */
export const BOT_INFO: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: "Compare Bench Bot",
  username: "compare_bench_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** A token of the right shape; nothing ever sends it anywhere. */
export const BENCH_TOKEN = "123456:BENCH-token_abcdefghijklmnopqrstuvwxyz";

/**
 * Where a call would go if it ever got past {@link FakeApi}: a local port
 * nothing listens on, so it fails at once (and the bot logs it) instead of
 * reaching Telegram.
 */
export const NOWHERE = "http://127.0.0.1:9";

const BOT_USER: User = { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username };

/** What {@link FakeApi} remembers of the last message the bot sent to a chat. */
export interface SentMessage {
  message_id: number;
  reply_markup?: InlineKeyboardMarkup;
}

/**
 * A Bot API that answers every call at once with a plausible result: a
 * Message for sends and chat edits (the advisor keeps `sent.message_id`),
 * Messages with file_ids for albums and documents (/table keeps them),
 * `true` for everything else. Keeps the last message sent to each chat so a
 * benchmark can tap its buttons. Installed as the outermost transformer, so
 * no request leaves the process.
 */
export class FakeApi {
  readonly lastSent = new Map<number, SentMessage>();
  calls = 0;
  private nextMessageId = 1_000;

  /** The messages of an album, or a document message: /table remembers their file_ids. */
  private media(method: string, p: Record<string, unknown>): Message | Message[] {
    const base = (id: number) => ({
      message_id: id,
      date: 1_700_000_000,
      chat: { id: Number(p.chat_id), type: "private", first_name: "User" } as const,
      from: BOT_USER,
    });
    if (method === "sendDocument") {
      const id = this.nextMessageId++;
      return { ...base(id), document: { file_id: fileOf(p.document, id), file_unique_id: `u${id}` } };
    }
    return (p.media as { media: unknown }[]).map((item) => {
      const id = this.nextMessageId++;
      const file_id = fileOf(item.media, id);
      return { ...base(id), photo: [{ file_id, file_unique_id: `u${id}`, width: 960, height: 1280 }] };
    });
  }

  readonly transformer: Transformer = (_prev, method, payload) => {
    this.calls++;
    const p = payload as Record<string, unknown>;
    let result: unknown = true;
    if (method === "sendMessage" || (method === "editMessageText" && p.chat_id !== undefined)) {
      const chatId = Number(p.chat_id);
      const messageId = method === "sendMessage" ? this.nextMessageId++ : Number(p.message_id);
      const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
      if (method === "sendMessage")
        this.lastSent.set(chatId, { message_id: messageId, ...(markup ? { reply_markup: markup } : {}) });
      const chat: Chat =
        chatId > 0
          ? { id: chatId, type: "private", first_name: "User" }
          : { id: chatId, type: "group", title: "Group" };
      const message: Message.TextMessage = {
        message_id: messageId,
        date: 1_700_000_000,
        chat,
        from: BOT_USER,
        text: String(p.text),
      };
      if (markup !== undefined) message.reply_markup = markup;
      result = message;
    } else if (method === "sendMediaGroup" || method === "sendDocument") {
      result = this.media(method, p);
    }
    return Promise.resolve({ ok: true, result } as never);
  };
}

/** A photo or document as Telegram gives it back: a file_id of the upload, or the file_id sent. */
function fileOf(media: unknown, id: number): string {
  return typeof media === "string" ? media : `FAKE-FILE-${id}`;
}

/**
 * The bot under test, as main.ts builds it, with a quiet logger and no
 * network: `api` answers every call.
 */
export function realBot(api: FakeApi, logger = pino({ level: "silent" })): Bot<BotContext> {
  const bot = createBot({
    token: BENCH_TOKEN,
    catalog: CATALOG,
    i18n: createI18n("locales"),
    logger,
    botInfo: BOT_INFO,
    apiRoot: NOWHERE,
    // The benchmark sends far more per user than the flood limit lets
    // through; it still runs (one counter per update, forgotten every 10 s
    // as with the default limit) but never trips.
    rateLimit: { limit: Number.MAX_SAFE_INTEGER, windowMs: 10_000 },
  });
  bot.api.config.use(api.transformer);
  return bot;
}

/**
 * The smallest bot that makes the same Bot API calls for the same updates,
 * with fixed content: a reply to a message, a one-result list to an inline
 * query, and to a tap on a button the answer Telegram waits for and its
 * message edited, as the bot does on every tap the benchmark sends. It is
 * the yardstick: grammY's own cost for the same work towards Telegram.
 */
export function bareBot(api: FakeApi): Bot {
  const bot = new Bot(BENCH_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: NOWHERE } });
  bot.api.config.use(api.transformer);
  bot.on("message", (ctx) => ctx.reply("ok"));
  bot.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText("ok");
  });
  bot.on("inline_query", (ctx) =>
    ctx.answerInlineQuery([{ type: "article", id: "1", title: "ok", input_message_content: { message_text: "ok" } }]),
  );
  bot.catch(() => undefined);
  return bot;
}

let nextUpdateId = 1;

/** A user with a stable id, as Telegram sends it in `from`. */
export function user(id: number, language_code = "en"): User {
  return { id, is_bot: false, first_name: "User", language_code };
}

/** The private chat of a user. */
export function privateChat(from: User): Chat.PrivateChat {
  return { id: from.id, type: "private", first_name: from.first_name };
}

/** A text message update; a leading /command gets its bot_command entity, as Telegram adds it. */
export function messageUpdate(
  from: User,
  text: string,
  chat: Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat = privateChat(from),
): Update {
  const command = /^\/\S+/.exec(text);
  const message: Message.TextMessage & Update.NonChannel = {
    message_id: nextUpdateId,
    date: 1_700_000_000,
    chat,
    from,
    text,
    ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
  };
  return { update_id: nextUpdateId++, message };
}

/** A tap on a button with `data` under the bot's message `messageId` in the user's private chat. */
export function callbackUpdate(from: User, data: string, messageId: number): Update {
  const message: Message.TextMessage & Update.NonChannel = {
    message_id: messageId,
    date: 1_700_000_000,
    chat: privateChat(from),
    from: BOT_USER,
    text: "Bot API vs Telegram API",
  };
  return {
    update_id: nextUpdateId++,
    callback_query: { id: String(nextUpdateId), from, chat_instance: "42", message, data },
  };
}

/** An inline query typed by `from`. */
export function inlineUpdate(from: User, query: string): Update {
  return {
    update_id: nextUpdateId++,
    inline_query: { id: String(nextUpdateId), from, query, offset: "", chat_type: "sender" },
  };
}
