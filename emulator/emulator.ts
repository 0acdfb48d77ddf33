import { randomBytes, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  Contact,
  Document,
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  InlineQueryResult,
  InlineQueryResultsButton,
  LinkPreviewOptions,
  MenuButton,
  MessageEntity,
  PhotoSize,
  ReactionType,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { Activity, type IdleOptions, type WaitOptions } from "./activity.js";
import { parseRequest, type ParsedBody } from "./body.js";
import { ApiError, badRequest, defaultDescription, type ResponseParameters } from "./errors.js";
import { imageSize } from "./images.js";
import { ConnectionCutter, type Outage } from "./network.js";
import { checkPhotoDimensions, type MediaContent, MediaMethods } from "./media.js";
import { EmulatorMethods, type MemberRole, type ShareContactOptions, type UserFileOptions } from "./methods/index.js";
import { checkVisits, COMMAND_RE } from "./rules.js";
import { botApiSpec } from "./spec.js";
import { detectEntities, formatText, sortEntities, utf8Length, type FormattedText } from "./text.js";
import { illFormedStrings, isIllFormed } from "./unicode.js";
import { UploadedFile, Validator, isRecord } from "./validate.js";
import { type Deliverable, WebhookDispatcher } from "./webhook.js";

// ---------------------------------------------------------------- public types

/** Options of {@link BotApiEmulator.start}. */
export interface EmulatorOptions {
  /** Bot token the emulator accepts; other tokens get 401. Default `123456:TEST-token_abcdefghijklmnopqrstuvwxyz`. */
  token?: string;
  /** Default `compare_test_bot`. */
  botUsername?: string;
  /** Default `Compare Test Bot`. */
  botFirstName?: string;
  /** Whether inline mode is enabled for the bot (getMe `supports_inline_queries`). Default true. */
  supportsInlineQueries?: boolean;
  /** Whether inline feedback is enabled, i.e. the bot gets `chosen_inline_result` updates. Default false. */
  inlineFeedback?: boolean;
  /**
   * Group privacy mode (getMe `can_read_all_group_messages` = !privacyMode). With privacy mode on,
   * a group message reaches the bot only if it is a command for this bot, a reply to the bot, or
   * mentions the bot, unless the bot is an administrator of the group. Default true.
   */
  privacyMode?: boolean;
  /**
   * Fields accepted although Bot API 10.1 does not know them: method or type name -> field names.
   * Their values are not checked. Example: `{ sendMessage: ["some_new_param"] }`.
   */
  extraFields?: Record<string, string[]>;
  /** How long a callback or inline query can be answered, in ms. Default 15000. */
  queryTimeoutMs?: number;
  /** Delay before a failed webhook delivery is retried, in ms. Default 200. */
  webhookRetryMs?: number;
  /** Timeout of one webhook delivery, in ms. Default 5000. */
  webhookTimeoutMs?: number;
}

/** Content shared by chat and inline messages. */
export interface MessageContent {
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  show_caption_above_media?: boolean;
  has_media_spoiler?: boolean;
  photo?: PhotoSize[];
  /** A file a user sent (see {@link BotApiEmulator.sendFile}) or a copy of one. */
  document?: Document;
  /** Shared by the messages of one album. */
  media_group_id?: string;
  /** A contact a user shared (see {@link BotApiEmulator.shareContact}) or a copy of one. */
  contact?: Contact;
  link_preview_options?: LinkPreviewOptions;
  /** Only inline keyboards are part of a message; reply keyboards are kept per chat, see {@link BotApiEmulator.replyKeyboard}. */
  reply_markup?: InlineKeyboardMarkup;
  edit_date?: number;
}

/** A message in a chat as Telegram would return it, with edits applied. */
export interface StoredMessage extends MessageContent {
  message_id: number;
  date: number;
  chat: Chat;
  from?: User;
  via_bot?: User;
  reply_to_message?: StoredMessage;
}

/** A message sent by a user through the bot's inline mode, addressable by `inline_message_id`. */
export interface InlineMessage extends MessageContent {
  inline_message_id: string;
  /** The user who chose the result. */
  from: User;
  via_bot: User;
  result_id: string;
  /** The chat it was posted in, when given to {@link BotApiEmulator.chooseInlineResult}. */
  chat?: Chat;
  /** Its message_id in `chat`, when posted in a known chat. */
  message_id?: number;
}

/** What the bot answered to a callback query. */
export interface CallbackAnswer {
  /** True once an answer was accepted. */
  answered: boolean;
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
  /** Number of answerCallbackQuery calls made for this query, accepted or not. */
  count: number;
}

/** What the bot answered to an inline query. */
export interface InlineAnswer {
  answered: boolean;
  results: InlineQueryResult[];
  button?: InlineQueryResultsButton;
  next_offset?: string;
  cache_time?: number;
  is_personal?: boolean;
  /** Number of answerInlineQuery calls made for this query, accepted or not. */
  count: number;
}

/** One Bot API call received by the emulator. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  ok: boolean;
  result?: unknown;
  error?: { error_code: number; description: string; parameters?: ResponseParameters };
  /** `Date.now()` when the answer was produced. */
  at: number;
  /** `webhook-reply` for a method returned in the body of a webhook response. */
  source: "http" | "webhook-reply";
}

/** A failure to inject into matching calls, see {@link BotApiEmulator.injectFault}. */
export interface FaultSpec {
  /** Method name (case-insensitive). */
  method: string;
  /** How many matching calls are affected. Default 1; use Infinity for all. */
  times?: number;
  /** Only calls whose `chat_id` equals this. */
  chatId?: number | string;
  /** Error answered instead of handling the call. Description defaults to Telegram's for the code. */
  response?: { error_code: number; description?: string; parameters?: ResponseParameters };
  /** Close the connection without an answer. */
  dropConnection?: boolean;
  /** Reset the connection (TCP RST) without an answer, as a failing network or proxy does. */
  resetConnection?: boolean;
  /** Never answer: the request stays open until the client gives up or the emulator closes. */
  hang?: boolean;
  /** Answer 200 with this body instead, whatever it is (such as `{ ok: true, result: {} }`). */
  body?: unknown;
  /** Wait this long first; with nothing else given the call is then handled normally. */
  delayMs?: number;
}

/** Handle of an injected fault. */
export interface InjectedFault {
  /** Calls affected so far. */
  readonly hits: number;
  /** Calls still to be affected. */
  readonly remaining: number;
  cancel(): void;
}

export type ReplyKeyboard = ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** Where a button is pressed: a bot message in a chat, or an inline message. */
export type PressTarget =
  { from: User; message: { chat: { id: number }; message_id: number } } | { from: User; inlineMessageId: string };

// ---------------------------------------------------------------- internal types

type RawUpdate = Record<string, unknown> & { update_id: number };

/** A chat as the emulator keeps it. */
export interface ChatState {
  chat: Chat;
  messages: StoredMessage[];
  nextMessageId: number;
  botIsAdmin: boolean;
  chatInstance: string;
  replyKeyboard?: ReplyKeyboard;
}

interface QueuedUpdate extends Deliverable {
  update: RawUpdate;
  type: string;
}

interface CallbackState {
  id: string;
  createdAt: number;
  answer: CallbackAnswer | undefined;
}

interface ProcessedResult {
  result: InlineQueryResult;
  content: MessageContent | undefined;
}

/** A change to a message's content: a field set to `undefined` is removed. */
type ContentPatch = { [K in keyof MessageContent]?: MessageContent[K] | undefined };

interface InlineQueryState {
  id: string;
  from: User;
  query: string;
  createdAt: number;
  answer: InlineAnswer | undefined;
  processed: ProcessedResult[];
}

interface InlineState {
  message: InlineMessage;
  chatInstance: string;
  chatRef?: { chatId: number; messageId: number };
}

interface PhotoRecord {
  sizes: PhotoSize[];
  data?: Uint8Array;
  filePath: string;
}

interface PendingPoll {
  res: ServerResponse | undefined;
  resolve: (updates: RawUpdate[]) => void;
  reject: (error: ApiError) => void;
  limit: number;
  timer: NodeJS.Timeout;
}

interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface FaultState {
  spec: FaultSpec;
  remaining: number;
  hits: number;
}

interface CallContext {
  res?: ServerResponse;
  files: ReadonlyMap<string, UploadedFile>;
  source: ApiCall["source"];
}

type Outcome =
  | { kind: "ok"; result: unknown; description?: string }
  | { kind: "error"; error: ApiError }
  | { kind: "drop" }
  | { kind: "reset" }
  | { kind: "hang" }
  | { kind: "raw"; body: unknown };

// ---------------------------------------------------------------- constants

const DEFAULT_TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz";
const TOKEN_RE = /^(\d+):[A-Za-z0-9_-]{30,}$/;
const QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid";
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const DEFAULT_UPDATE_TYPES_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);
const LANG_RE = /^[a-z]{2}$/;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function randomDigits(length: number): string {
  let s = String(randomInt(1, 10));
  while (s.length < length) s += String(randomInt(0, 10));
  return s;
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/** JSON with sorted keys, for content comparisons. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isRecord(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = v[k];
      return out;
    }
    return v;
  });
}

function sameEntities(a: MessageEntity[] | undefined, b: MessageEntity[] | undefined): boolean {
  return canonical(sortEntities(a ?? [])) === canonical(sortEntities(b ?? []));
}

function throwNotImplemented(method: string): never {
  throw badRequest(`method ${method} is not implemented by the emulator`);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function isLoopback(hostname: string): boolean {
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]" || hostname === "::1";
}

// ---------------------------------------------------------------- the emulator

/**
 * A local Telegram Bot API server for tests and development. Point grammY at
 * it with `new Bot(emu.token, { client: { apiRoot: emu.apiRoot } })`, drive it
 * with user actions (`sendMessage`, `pressButton`, `inlineQuery`, ...) and
 * observe what the bot did (`chatMessages`, `callbackAnswer`, `calls`, ...).
 *
 * Every call is validated against the Bot API 10.1 spec and Telegram's
 * limits; failures are answered with Telegram's error bodies.
 */
export class BotApiEmulator {
  /** Base URL for grammY's `client.apiRoot`, e.g. `http://127.0.0.1:41234`. */
  readonly apiRoot: string;
  /** The token the emulator accepts. */
  readonly token: string;
  /** What getMe returns. */
  readonly botInfo: UserFromGetMe;

  private readonly server: Server;
  private readonly validator: Validator;
  private readonly options: Required<
    Pick<EmulatorOptions, "inlineFeedback" | "privacyMode" | "queryTimeoutMs" | "webhookRetryMs" | "webhookTimeoutMs">
  >;

  private readonly users = new Map<number, User>();
  private readonly chats = new Map<number, ChatState>();
  private readonly inlineMessages = new Map<string, InlineState>();
  private readonly callbackQueries = new Map<string, CallbackState>();
  private readonly inlineQueries = new Map<string, InlineQueryState>();
  private readonly photos = new Map<string, PhotoRecord>();
  /** sendDocument and sendMediaGroup (emulator/media.ts). */
  private readonly media = new MediaMethods<ChatState, StoredMessage>({
    resolveChat: (chatId) => this.resolveChat(chatId),
    formatCaption: (raw, p) => this.formatCaption(raw, p),
    resolveReply: (state, rp) => this.resolveReply(state, rp),
    photoFrom: (value, files) => this.photoFrom(value, files),
    send: (state, content, extra) => this.sendMedia(state, content, extra),
  });
  private readonly commandSets = new Map<string, BotCommand[]>();
  private readonly descriptions = new Map<string, string>();
  private readonly shortDescriptions = new Map<string, string>();
  private readonly names = new Map<string, string>();
  /** Menu buttons set with setChatMenuButton: per private chat, and the default under 0. */
  private readonly menuButtons = new Map<number, MenuButton>();
  private readonly faults: FaultState[] = [];
  private readonly callLog: ApiCall[] = [];
  private readonly listeners = new Set<(call: ApiCall) => void>();
  private readonly updateListeners = new Set<(update: Update) => void>();
  /** Methods kept in methods/, asked first for every call. */
  private readonly methods: EmulatorMethods;

  private queue: QueuedUpdate[] = [];
  private nextUpdateId = 700_000_001;
  private nextUserId = 100_000_001;
  private nextGroupId = 1;
  private nextFileNo = 1;
  private allowedUpdates: string[] | undefined;
  private poll: PendingPoll | undefined;
  private webhook: WebhookState | undefined;
  private dispatcher: WebhookDispatcher | undefined;
  private readonly cutter: ConnectionCutter;
  private inflight = 0;
  /** Methods returned in webhook answers, running. */
  private webhookReplies = 0;
  private readonly activity = new Activity(
    {
      undelivered: () => this.queue.filter((u) => !u.delivered).length,
      inFlight: () => this.inflight + this.webhookDeliveries + this.webhookReplies,
    },
    () =>
      this.callLog
        .slice(-5)
        .map((c) => `${c.method} ${c.ok ? "ok" : `-> ${c.error?.error_code} ${c.error?.description}`}`)
        .join("; "),
  );
  private closing = false;
  private readonly pendingRequests = new Set<Promise<void>>();

  private constructor(server: Server, port: number, options: EmulatorOptions) {
    const token = options.token ?? DEFAULT_TOKEN;
    const m = TOKEN_RE.exec(token);
    if (!m) throw new Error(`invalid bot token "${token}": expected <digits>:<at least 30 of A-Z a-z 0-9 _ ->`);
    this.server = server;
    this.cutter = new ConnectionCutter(server);
    this.token = token;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.options = {
      inlineFeedback: options.inlineFeedback ?? false,
      privacyMode: options.privacyMode ?? true,
      queryTimeoutMs: options.queryTimeoutMs ?? 15_000,
      webhookRetryMs: options.webhookRetryMs ?? 200,
      webhookTimeoutMs: options.webhookTimeoutMs ?? 5_000,
    };
    this.botInfo = {
      id: Number(m[1]),
      is_bot: true,
      first_name: options.botFirstName ?? "Compare Test Bot",
      username: options.botUsername ?? "compare_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: !this.options.privacyMode,
      supports_inline_queries: options.supportsInlineQueries ?? true,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.validator = new Validator(botApiSpec, options.extraFields ?? {});
    this.methods = new EmulatorMethods({
      botInfo: this.botInfo,
      botUser: this.botUser,
      resolveChat: (chatId) => this.resolveChat(chatId),
      chat: (chatId) => this.chats.get(chatId),
      chatFor: (from, chat) => this.userChat(from, chat),
      knownUser: (userId) => this.users.get(userId),
      postUserMessage: (state, msg, replyTo) => this.postUserMessage(state, msg, replyTo),
      addMessage: (state, msg) => this.addMessage(state, msg),
      resolveReply: (state, rp) => this.resolveReply(state, rp),
      markup: (value, inPrivate) => this.markup(value, inPrivate),
      formatCaption: (raw, p) => this.formatCaption(raw, p),
      photoFile: (p) => this.getFile(p),
    });
  }

  /** Starts an emulator on 127.0.0.1 with a free port. */
  static async start(options: EmulatorOptions = {}): Promise<BotApiEmulator> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    let emu: BotApiEmulator;
    try {
      emu = new BotApiEmulator(server, port, options);
    } catch (err) {
      server.close();
      throw err;
    }
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      const p = emu.handleHttp(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` }));
        }
      });
      emu.pendingRequests.add(p);
      void p.finally(() => emu.pendingRequests.delete(p));
    });
    return emu;
  }

  /**
   * Stops the server. Pending long polls are answered with an empty array
   * first, so stop polling bots before (or right after) calling this.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.releasePoll();
    this.activity.changed();
    this.dispatcher?.close();
    const pending = [...this.pendingRequests];
    // At most a second for requests in progress; the timer must not keep the process alive after that.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(pending),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000))),
    ]);
    clearTimeout(timer);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ------------------------------------------------------------ users and chats

  /** Creates (or updates, when `id` is known) a Telegram user. */
  user(
    options: {
      first_name?: string;
      last_name?: string;
      username?: string;
      language_code?: string;
      id?: number;
      is_premium?: true;
    } = {},
  ): User {
    const id = options.id ?? this.nextUserId++;
    const user: User = { id, is_bot: false, first_name: options.first_name ?? "Alice" };
    if (options.last_name !== undefined) user.last_name = options.last_name;
    if (options.username !== undefined) user.username = options.username;
    user.language_code = options.language_code ?? "en";
    if (options.is_premium) user.is_premium = true;
    this.users.set(id, user);
    return clone(user);
  }

  /** Creates a group or supergroup the bot is a member of. */
  group(
    options: { title?: string; type?: "group" | "supergroup"; username?: string; botIsAdmin?: boolean } = {},
  ): Chat {
    const type = options.type ?? "group";
    const n = this.nextGroupId++;
    const title = options.title ?? "Group";
    const chat: Chat =
      type === "group"
        ? { id: -(500_000_000 + n), type: "group", title }
        : {
            id: -(1_000_000_000_000 + 2_000_000_000 + n),
            type: "supergroup",
            title,
            ...(options.username !== undefined ? { username: options.username } : {}),
          };
    this.chats.set(chat.id, this.newChatState(chat, options.botIsAdmin ?? false));
    return clone(chat);
  }

  private newChatState(chat: Chat, botIsAdmin: boolean): ChatState {
    return { chat, messages: [], nextMessageId: 1, botIsAdmin, chatInstance: randomDigits(19) };
  }

  private privateChat(user: User): ChatState {
    this.users.set(user.id, { ...(this.users.get(user.id) ?? {}), ...user });
    let state = this.chats.get(user.id);
    if (state === undefined) {
      const chat: Chat = { id: user.id, type: "private", first_name: user.first_name };
      if (user.last_name !== undefined) chat.last_name = user.last_name;
      if (user.username !== undefined) chat.username = user.username;
      state = this.newChatState(chat, false);
      this.chats.set(user.id, state);
    }
    return state;
  }

  private get botUser(): User {
    return { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username };
  }

  // ------------------------------------------------------------ user actions

  /**
   * A user sends a text message (default: in their private chat with the bot).
   * `bot_command`, url, mention, hashtag and email entities are detected unless
   * `entities` is given. Returns the user's message. In groups with privacy mode
   * on, the update is only queued when Telegram would deliver it.
   */
  sendMessage(options: {
    from: User;
    chat?: Chat;
    text: string;
    entities?: MessageEntity[];
    reply_to_message_id?: number;
  }): StoredMessage {
    if (options.text === "") throw new Error("emulator: a message needs text");
    if (isIllFormed(options.text)) throw new Error("emulator: Telegram never delivers text with a lone surrogate");
    const state = this.userChat(options.from, options.chat);
    const msg: StoredMessage = {
      message_id: 0,
      date: now(),
      chat: clone(state.chat),
      from: clone(options.from),
      text: options.text,
    };
    const entities = options.entities ?? detectEntities(options.text);
    if (entities.length > 0) msg.entities = clone(entities);
    return this.postUserMessage(state, msg, options.reply_to_message_id);
  }

  /** The user's private chat with the bot, or a known group; the user is remembered. */
  private userChat(from: User, chat: Chat | undefined): ChatState {
    const state = chat === undefined || chat.type === "private" ? this.privateChat(from) : this.chats.get(chat.id);
    if (state === undefined) throw new Error(`emulator: unknown chat ${chat?.id}; create it with emu.group()`);
    this.users.set(from.id, { ...(this.users.get(from.id) ?? {}), ...from });
    return state;
  }

  /** Stores a user's message and queues it as an update when Telegram would deliver it. */
  private postUserMessage(state: ChatState, msg: StoredMessage, replyToMessageId?: number): StoredMessage {
    if (msg.from !== undefined) msg.from = clone(msg.from);
    if (replyToMessageId !== undefined) {
      const target = state.messages.find((m) => m.message_id === replyToMessageId);
      if (target === undefined) throw new Error(`emulator: no message ${replyToMessageId} in chat ${state.chat.id}`);
      msg.reply_to_message = this.replySnapshot(target);
    }
    this.addMessage(state, msg);
    if (this.botSees(state, msg)) this.enqueue({ message: clone(msg) });
    return clone(msg);
  }

  private botSees(state: ChatState, msg: StoredMessage): boolean {
    if (state.chat.type === "private" || !this.options.privacyMode || state.botIsAdmin) return true;
    if (msg.reply_to_message?.from?.id === this.botInfo.id) return true;
    const text = msg.text ?? msg.caption ?? "";
    const me = `@${this.botInfo.username}`.toLowerCase();
    for (const e of msg.entities ?? msg.caption_entities ?? []) {
      const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
      if (e.type === "mention" && part === me) return true;
      if (e.type === "bot_command" && e.offset === 0) {
        const at = part.indexOf("@");
        if (at < 0 || part.slice(at) === me) return true;
      }
    }
    return false;
  }

  /**
   * A user presses the inline keyboard button with callback data `data` on a
   * bot message (or inline message). Throws if no such button is shown, unless
   * `options.unchecked`. Returns the callback query id.
   */
  pressButton(target: PressTarget, data: string, options: { unchecked?: boolean } = {}): string {
    const { content, extra, chatInstance } = this.pressTarget(target);
    if (
      !options.unchecked &&
      !this.buttons(content.reply_markup).some((b) => "callback_data" in b && b.callback_data === data)
    ) {
      throw new Error(`emulator: no button with callback_data ${JSON.stringify(data)} on that message`);
    }
    const id = randomDigits(19);
    this.callbackQueries.set(id, { id, createdAt: Date.now(), answer: undefined });
    this.enqueue({ callback_query: { id, from: clone(target.from), ...extra, chat_instance: chatInstance, data } });
    return id;
  }

  /** Like {@link pressButton}, finding the callback button by its text. */
  pressButtonByText(target: PressTarget, text: string): string {
    const { content } = this.pressTarget(target);
    const button = this.buttons(content.reply_markup).find((b) => b.text === text);
    if (button === undefined) throw new Error(`emulator: no button with text ${JSON.stringify(text)} on that message`);
    if (!("callback_data" in button) || typeof button.callback_data !== "string") {
      throw new Error(`emulator: button ${JSON.stringify(text)} has no callback_data`);
    }
    return this.pressButton(target, button.callback_data);
  }

  private buttons(markup: InlineKeyboardMarkup | undefined): InlineKeyboardButton[] {
    return (markup?.inline_keyboard ?? []).flat();
  }

  private pressTarget(target: PressTarget): {
    content: MessageContent;
    extra: Record<string, unknown>;
    chatInstance: string;
  } {
    if ("inlineMessageId" in target) {
      const inline = this.inlineMessages.get(target.inlineMessageId);
      if (inline === undefined) throw new Error(`emulator: unknown inline message ${target.inlineMessageId}`);
      return {
        content: inline.message,
        extra: { inline_message_id: inline.message.inline_message_id },
        chatInstance: inline.chatInstance,
      };
    }
    const state = this.chats.get(target.message.chat.id);
    const msg = state?.messages.find((m) => m.message_id === target.message.message_id);
    if (state === undefined || msg === undefined) {
      throw new Error(`emulator: no message ${target.message.message_id} in chat ${target.message.chat.id}`);
    }
    if (msg.from?.id !== this.botInfo.id && msg.via_bot?.id !== this.botInfo.id) {
      throw new Error("emulator: callback buttons can only be pressed on messages sent by (or via) the bot");
    }
    return { content: msg, extra: { message: clone(msg) }, chatInstance: state.chatInstance };
  }

  /** A user types an inline query. Returns the inline query id. */
  inlineQuery(options: {
    from: User;
    query: string;
    offset?: string;
    chat_type?: "sender" | "private" | "group" | "supergroup" | "channel";
  }): string {
    if (!this.botInfo.supports_inline_queries)
      throw new Error("emulator: inline mode is disabled for this bot (supportsInlineQueries: false)");
    if (options.query.length > 256) throw new Error("emulator: inline queries are at most 256 characters");
    if (isIllFormed(options.query)) throw new Error("emulator: Telegram never delivers text with a lone surrogate");
    this.users.set(options.from.id, { ...(this.users.get(options.from.id) ?? {}), ...options.from });
    const id = randomDigits(19);
    this.inlineQueries.set(id, {
      id,
      from: clone(options.from),
      query: options.query,
      createdAt: Date.now(),
      answer: undefined,
      processed: [],
    });
    const iq: Record<string, unknown> = {
      id,
      from: clone(options.from),
      query: options.query,
      offset: options.offset ?? "",
    };
    if (options.chat_type !== undefined) iq.chat_type = options.chat_type;
    this.enqueue({ inline_query: iq });
    return id;
  }

  /**
   * The user picks result `resultId` of an answered inline query and posts it
   * (into `chat` if given). Creates the inline message and returns its
   * `inline_message_id`. With `inlineFeedback` on, queues a
   * `chosen_inline_result` update, which carries the inline_message_id only
   * when the result has a reply_markup.
   */
  chooseInlineResult(options: { from: User; inlineQueryId: string; resultId: string; chat?: Chat }): string {
    const iq = this.inlineQueries.get(options.inlineQueryId);
    if (iq === undefined) throw new Error(`emulator: unknown inline query ${options.inlineQueryId}`);
    if (iq.answer === undefined || !iq.answer.answered)
      throw new Error(`emulator: inline query ${options.inlineQueryId} has not been answered`);
    const picked = iq.processed.find((p) => p.result.id === options.resultId);
    if (picked === undefined)
      throw new Error(
        `emulator: inline query ${options.inlineQueryId} has no result ${JSON.stringify(options.resultId)}`,
      );
    if (picked.content === undefined)
      throw new Error(`emulator: posting ${picked.result.type} results is not supported by the emulator`);
    const inlineMessageId = `AgAAA${randomId(24)}`;
    const content = clone(picked.content);
    const markup = (picked.result as { reply_markup?: InlineKeyboardMarkup }).reply_markup;
    if (markup !== undefined && markup.inline_keyboard.length > 0) content.reply_markup = clone(markup);
    const message: InlineMessage = {
      inline_message_id: inlineMessageId,
      from: clone(options.from),
      via_bot: this.botUser,
      result_id: options.resultId,
      ...content,
    };
    const inline: InlineState = { message, chatInstance: randomDigits(19) };
    if (options.chat !== undefined) {
      message.chat = clone(options.chat);
      const state = this.chats.get(options.chat.id);
      if (state !== undefined) {
        const posted: StoredMessage = {
          message_id: 0,
          date: now(),
          chat: clone(state.chat),
          from: clone(options.from),
          via_bot: this.botUser,
          ...clone(content),
        };
        this.addMessage(state, posted);
        message.message_id = posted.message_id;
        inline.chatRef = { chatId: state.chat.id, messageId: posted.message_id };
        inline.chatInstance = state.chatInstance;
      }
    }
    this.inlineMessages.set(inlineMessageId, inline);
    if (this.options.inlineFeedback) {
      const chosen: Record<string, unknown> = {
        result_id: options.resultId,
        from: clone(options.from),
        query: iq.query,
      };
      if (content.reply_markup !== undefined) chosen.inline_message_id = inlineMessageId;
      this.enqueue({ chosen_inline_result: chosen });
    }
    return inlineMessageId;
  }

  /**
   * A user sends a document (or a photo) known only by its size, e.g. 30 MB
   * to see getFile refuse it. Returns the user's message; privacy mode
   * applies to its caption as to a text.
   */
  sendFile(options: UserFileOptions): StoredMessage {
    return this.methods.files.send(options);
  }

  /** A user shares their own contact, as pressing a `request_contact` button does. Returns the message. */
  shareContact(options: ShareContactOptions): StoredMessage {
    return this.methods.messages.shareContact(options);
  }

  /** Makes a user a member of a group (for getChatMember and the counts); `silent` adds members no method names. */
  addMember(chatId: number, user?: User, role: MemberRole = "member", silent = 0): void {
    this.methods.members.add(chatId, user, role, silent);
  }

  /** Promotes the bot to administrator of a group (it then sees every message there), or demotes it. */
  setBotAdmin(chatId: number, isAdmin: boolean): void {
    this.methods.members.setBotAdmin(chatId, isAdmin);
  }

  /** The reactions the bot has set on a message with setMessageReaction. */
  reactions(chatId: number, messageId: number): ReactionType[] {
    return this.methods.messages.reactions(chatId, messageId);
  }

  /** Queues an arbitrary update (update_id is assigned). Returns its update_id. */
  enqueueUpdate(update: object): number {
    const raw: Record<string, unknown> = { ...(update as Record<string, unknown>) };
    delete raw.update_id;
    return this.enqueue(raw);
  }

  private enqueue(body: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    const type = Object.keys(body)[0] ?? "unknown";
    const allowed = this.webhook?.allowedUpdates ?? this.allowedUpdates;
    const wanted =
      allowed === undefined || allowed.length === 0 ? !DEFAULT_UPDATE_TYPES_EXCLUDED.has(type) : allowed.includes(type);
    if (!wanted) return update_id;
    this.queue.push({ update: { update_id, ...body }, type, delivered: false });
    for (const l of this.updateListeners) l(clone({ update_id, ...body }));
    this.activity.changed();
    if (this.poll !== undefined) setImmediate(() => this.flushPoll());
    this.dispatcher?.pump();
    return update_id;
  }

  // ------------------------------------------------------------ observing

  /** Messages of a chat, oldest first, edits applied, deleted ones left out. */
  chatMessages(chatId: number): StoredMessage[] {
    return clone(this.chats.get(chatId)?.messages ?? []);
  }

  /** The newest message the bot sent to a chat. */
  lastBotMessage(chatId: number): StoredMessage | undefined {
    const msgs = this.chats.get(chatId)?.messages ?? [];
    for (let i = msgs.length - 1; i >= 0; i--) {
      const m = msgs[i];
      if (m?.from?.id === this.botInfo.id) return clone(m);
    }
    return undefined;
  }

  /** The reply keyboard (or removal / force reply) the bot last sent to a chat. */
  replyKeyboard(chatId: number): ReplyKeyboard | undefined {
    const k = this.chats.get(chatId)?.replyKeyboard;
    return k === undefined ? undefined : clone(k);
  }

  inlineMessage(inlineMessageId: string): InlineMessage | undefined {
    const m = this.inlineMessages.get(inlineMessageId)?.message;
    return m === undefined ? undefined : clone(m);
  }

  /** Undefined until the bot called answerCallbackQuery for this id. */
  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    const a = this.callbackQueries.get(callbackQueryId)?.answer;
    return a === undefined ? undefined : clone(a);
  }

  /** Undefined until the bot called answerInlineQuery for this id. */
  inlineAnswer(inlineQueryId: string): InlineAnswer | undefined {
    const a = this.inlineQueries.get(inlineQueryId)?.answer;
    return a === undefined ? undefined : clone(a);
  }

  /** Every call received, in order. */
  get calls(): ApiCall[] {
    return [...this.callLog];
  }

  /** The calls that were answered with an error. */
  get errors(): ApiCall[] {
    return this.callLog.filter((c) => !c.ok);
  }

  /** Calls `listener` for every answered call. Returns an unsubscribe function. */
  onCall(listener: (call: ApiCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` with every update queued for the bot, when it is queued.
   * Updates Telegram would not deliver (privacy mode, allowed_updates) are not
   * queued, so they are not reported. Returns an unsubscribe function.
   */
  onUpdate(listener: (update: Update) => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Updates queued and not yet confirmed (polling) or accepted (webhook). */
  get pendingUpdateCount(): number {
    return this.queue.length;
  }

  /** Commands set with setMyCommands for a scope (default: `{ type: "default" }`) and language (default ""). */
  commands(scope: BotCommandScope = { type: "default" }, languageCode = ""): BotCommand[] {
    return clone(this.commandSets.get(this.scopeKey(scope as unknown as Record<string, unknown>, languageCode)) ?? []);
  }

  /**
   * The menu button a private chat shows: its own if one was set for it,
   * else the bot's default (without a chat id).
   */
  menuButton(chatId?: number): MenuButton {
    return clone(this.menuButtons.get(chatId ?? 0) ?? this.menuButtons.get(0) ?? { type: "default" });
  }

  description(languageCode = ""): string {
    return this.descriptions.get(languageCode) ?? "";
  }

  shortDescription(languageCode = ""): string {
    return this.shortDescriptions.get(languageCode) ?? "";
  }

  name(languageCode = ""): string {
    return this.names.get(languageCode) ?? (languageCode === "" ? this.botInfo.first_name : "");
  }

  /** The current webhook URL, or "" when polling. */
  get webhookUrl(): string {
    return this.webhook?.url ?? "";
  }

  // ------------------------------------------------------------ waiting

  /**
   * Resolves with the first truthy value of `condition`, checked now and
   * again whenever something happens in the emulator (a call answered, a
   * request starting or ending, an update queued, handed out or handled).
   * Rejects after `timeout` ms (default 30000) with the last calls in the
   * message. A condition on anything else (a test's own server, a file) is
   * looked at every 100 ms too.
   */
  waitFor<T>(condition: () => T | undefined | null | false, options: WaitOptions = {}): Promise<T> {
    return this.activity.waitFor(condition, options);
  }

  /** True while a getUpdates long poll is waiting for updates. */
  get isPolling(): boolean {
    return this.poll !== undefined;
  }

  /**
   * Resolves once a getUpdates long poll is waiting, i.e. a polling bot has
   * finished its start-up (including `deleteWebhook({ drop_pending_updates })`).
   */
  waitForPolling(options: WaitOptions = {}): Promise<true> {
    return this.waitFor(() => this.poll !== undefined, { message: "a pending getUpdates long poll", ...options });
  }

  /** Resolves when the bot has answered the callback query. */
  waitForCallbackAnswer(callbackQueryId: string, options: WaitOptions = {}): Promise<CallbackAnswer> {
    return this.waitFor(
      () => {
        const a = this.callbackAnswer(callbackQueryId);
        return a?.answered ? a : undefined;
      },
      { message: `an answer to callback query ${callbackQueryId}`, ...options },
    );
  }

  /** Resolves when the bot has answered the inline query. */
  waitForInlineAnswer(inlineQueryId: string, options: WaitOptions = {}): Promise<InlineAnswer> {
    return this.waitFor(
      () => {
        const a = this.inlineAnswer(inlineQueryId);
        return a?.answered ? a : undefined;
      },
      { message: `an answer to inline query ${inlineQueryId}`, ...options },
    );
  }

  /** Resolves with the first bot message in the chat whose message_id is greater than `afterMessageId` (default 0). */
  waitForBotMessage(chatId: number, afterMessageId = 0, options: WaitOptions = {}): Promise<StoredMessage> {
    return this.waitFor(
      () => {
        const m = this.chats
          .get(chatId)
          ?.messages.find((x) => x.message_id > afterMessageId && x.from?.id === this.botInfo.id);
        return m === undefined ? undefined : clone(m);
      },
      { message: `a bot message in chat ${chatId} after message ${afterMessageId}`, ...options },
    );
  }

  /**
   * Resolves once the bot is idle: every queued update handed to it, no
   * call in progress (a waiting getUpdates aside), no webhook delivery
   * waiting for its answer, and, once {@link trackHandling} wraps the bot's
   * `handleUpdate`, no update being handled. Without that, a bot computing
   * between two calls looks idle; `quietMs` (default 50 then, else 0) only
   * makes that less likely.
   */
  waitUntilIdle(options: IdleOptions = {}): Promise<void> {
    return this.activity.waitUntilIdle(options);
  }

  /**
   * Wraps the bot's `handleUpdate` so that the emulator knows what the bot
   * is working on: from then on an update handed to the bot counts as in
   * progress until its handling ends, and {@link waitUntilIdle} waits for it.
   *
   * @example
   * ```ts
   * bot.handleUpdate = emu.trackHandling(bot.handleUpdate.bind(bot));
   * ```
   */
  trackHandling<A extends unknown[]>(
    handle: (update: Update, ...rest: A) => Promise<void>,
  ): (update: Update, ...rest: A) => Promise<void> {
    return this.activity.trackHandling(handle);
  }

  /** Updates a bot wrapped with {@link trackHandling} is handling, or was handed and has not begun. */
  get handlingCount(): number {
    return this.activity.handlingCount;
  }

  // ------------------------------------------------------------ faults

  /**
   * Starts an outage of the whole Bot API: every open connection is reset
   * (calls in progress fail, a waiting getUpdates too) and so is every new
   * one, until `end()` is called.
   */
  outage(): Outage {
    return this.cutter.start();
  }

  /** Makes the next matching call(s) fail, hang or drop the connection. */
  injectFault(spec: FaultSpec): InjectedFault {
    const state: FaultState = { spec, remaining: spec.times ?? 1, hits: 0 };
    this.faults.push(state);
    const faults = this.faults;
    return {
      get hits() {
        return state.hits;
      },
      get remaining() {
        return state.remaining;
      },
      cancel() {
        state.remaining = 0;
        const i = faults.indexOf(state);
        if (i >= 0) faults.splice(i, 1);
      },
    };
  }

  private takeFault(method: string, params: Record<string, unknown>): FaultSpec | undefined {
    const i = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        f.spec.method.toLowerCase() === method.toLowerCase() &&
        (f.spec.chatId === undefined || String(params.chat_id) === String(f.spec.chatId)),
    );
    const f = this.faults[i];
    if (f === undefined) return undefined;
    f.hits++;
    f.remaining--;
    if (f.remaining <= 0) this.faults.splice(i, 1);
    this.activity.changed();
    return f.spec;
  }

  // ------------------------------------------------------------ HTTP

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const fileRoute = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (fileRoute) {
      this.serveFile(fileRoute[1] ?? "", decodeURIComponent(fileRoute[2] ?? ""), res);
      return;
    }
    const route = /^\/bot([^/]*)\/([^/]*)\/?$/.exec(url.pathname);
    if (!route) {
      this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const methodName = route[2] ?? "";
    const isPoll = methodName.toLowerCase() === "getupdates";
    if (!isPoll) this.inflight++;
    this.activity.changed();
    try {
      if (route[1] !== this.token) {
        req.resume();
        const error = new ApiError(401, "Unauthorized");
        this.record(methodName, {}, { kind: "error", error }, "http");
        this.sendOutcome(res, { kind: "error", error });
        return;
      }
      const method = this.validator.resolveMethod(methodName);
      if (method === undefined) {
        req.resume();
        const error = new ApiError(404, "Not Found");
        this.record(methodName, {}, { kind: "error", error }, "http");
        this.sendOutcome(res, { kind: "error", error });
        return;
      }
      let body: ParsedBody;
      try {
        body = await parseRequest(req, url);
      } catch (err) {
        const error = err instanceof ApiError ? err : badRequest(String(err));
        this.record(method, {}, { kind: "error", error }, "http");
        this.sendOutcome(res, { kind: "error", error });
        return;
      }
      const outcome = await this.execute(method, body, { res, files: body.files, source: "http" });
      this.sendOutcome(res, outcome);
    } finally {
      if (!isPoll) this.inflight--;
      this.activity.changed();
    }
  }

  private send(res: ServerResponse, status: number, payload: unknown): void {
    if (res.destroyed || res.writableEnded) return;
    const body = JSON.stringify(payload);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  }

  private sendOutcome(res: ServerResponse, outcome: Outcome): void {
    if (outcome.kind === "drop") {
      res.socket?.destroy();
      return;
    }
    if (outcome.kind === "reset") {
      res.socket?.resetAndDestroy();
      return;
    }
    if (outcome.kind === "hang") return;
    if (outcome.kind === "raw") {
      this.send(res, 200, outcome.body);
      return;
    }
    if (outcome.kind === "ok") {
      const payload: Record<string, unknown> = { ok: true, result: outcome.result };
      if (outcome.description !== undefined) payload.description = outcome.description;
      this.send(res, 200, payload);
      return;
    }
    const { error } = outcome;
    const payload: Record<string, unknown> = { ok: false, error_code: error.errorCode, description: error.description };
    if (error.parameters !== undefined) payload.parameters = error.parameters;
    this.send(res, error.errorCode, payload);
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    if (token !== this.token) {
      this.send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    if (this.methods.serveFile(path, res)) return;
    const record = [...this.photos.values()].find((p) => p.filePath === path);
    if (record?.data === undefined) {
      this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": record.data.byteLength });
    res.end(Buffer.from(record.data));
  }

  /** Runs one call: fault injection, validation, Telegram's rules, state change. */
  private async execute(method: string, body: ParsedBody, ctx: CallContext): Promise<Outcome> {
    let params: Record<string, unknown> = body.params;
    let outcome: Outcome;
    this.countAnswerAttempt(method, params);
    const fault = this.takeFault(method, params);
    if (fault?.delayMs !== undefined) await sleep(fault.delayMs);
    const illFormed = fault === undefined ? illFormedStrings(body.params) : undefined;
    if (fault?.dropConnection) {
      outcome = { kind: "drop" };
    } else if (fault?.resetConnection) {
      outcome = { kind: "reset" };
    } else if (fault?.hang) {
      outcome = { kind: "hang" };
    } else if (fault !== undefined && "body" in fault) {
      outcome = { kind: "raw", body: fault.body };
    } else if (illFormed !== undefined) {
      outcome = { kind: "error", error: illFormed };
    } else if (fault?.response !== undefined) {
      const r = fault.response;
      outcome = {
        kind: "error",
        error: new ApiError(
          r.error_code,
          r.description ?? defaultDescription(r.error_code, r.parameters?.retry_after),
          r.parameters,
        ),
      };
    } else {
      try {
        const validated = this.validator.validateMethod(method, body.params, body.form, body.files);
        params = validated.params;
        checkVisits(validated.visits, botApiSpec);
        const result = await this.dispatch(method, params, ctx);
        outcome = { kind: "ok", ...result };
      } catch (err) {
        outcome = {
          kind: "error",
          error:
            err instanceof ApiError
              ? err
              : new ApiError(500, `Internal Server Error: emulator failure: ${String(err)}`),
        };
      }
    }
    if (ctx.res === undefined || (!ctx.res.destroyed && !ctx.res.writableEnded))
      this.record(method, params, outcome, ctx.source);
    return outcome;
  }

  /** Every answerCallbackQuery / answerInlineQuery call naming a known query counts, whatever its outcome. */
  private countAnswerAttempt(method: string, params: Record<string, unknown>): void {
    if (method === "answerCallbackQuery") {
      const cq = this.callbackQueries.get(String(params.callback_query_id));
      if (cq !== undefined) {
        cq.answer ??= { answered: false, count: 0 };
        cq.answer.count++;
      }
    } else if (method === "answerInlineQuery") {
      const iq = this.inlineQueries.get(String(params.inline_query_id));
      if (iq !== undefined) {
        iq.answer ??= { answered: false, results: [], count: 0 };
        iq.answer.count++;
      }
    }
  }

  private record(method: string, params: Record<string, unknown>, outcome: Outcome, source: ApiCall["source"]): void {
    const call: ApiCall = { method, params, ok: outcome.kind === "ok", at: Date.now(), source };
    if (outcome.kind === "ok") call.result = outcome.result;
    else if (outcome.kind === "error") {
      call.error = { error_code: outcome.error.errorCode, description: outcome.error.description };
      if (outcome.error.parameters !== undefined) call.error.parameters = outcome.error.parameters;
    } else {
      const what = {
        drop: "connection dropped",
        reset: "connection reset",
        hang: "no answer",
        raw: `answered ${JSON.stringify(outcome.kind === "raw" ? outcome.body : null)}`,
      }[outcome.kind];
      call.error = { error_code: 0, description: `${what} (injected fault)` };
    }
    this.callLog.push(call);
    for (const l of this.listeners) l(call);
    this.activity.changed();
  }

  // ------------------------------------------------------------ methods

  private async dispatch(
    method: string,
    p: Record<string, unknown>,
    ctx: CallContext,
  ): Promise<{ result: unknown; description?: string }> {
    const handler = this.methods.handler(method);
    if (handler !== undefined) return { result: await handler(p, ctx) };
    switch (method) {
      case "getMe":
        return { result: clone(this.botInfo) };
      case "logOut":
      case "close":
        return { result: true };
      case "getUpdates":
        return { result: await this.getUpdates(p, ctx) };
      case "setWebhook":
        return this.setWebhook(p);
      case "deleteWebhook":
        return this.deleteWebhook(p);
      case "getWebhookInfo":
        return { result: this.webhookInfo() };
      case "sendMessage":
        return { result: this.sendBotMessage(p) };
      case "sendPhoto":
        return { result: this.sendPhoto(p, ctx) };
      case "sendChatAction":
        return { result: this.sendChatAction(p) };
      case "deleteMessage":
        return { result: this.deleteMessage(p) };
      case "deleteMessages":
        return { result: this.deleteMessages(p) };
      case "getChat":
        return { result: this.getChat(p) };
      case "getFile":
        return { result: this.getFile(p) };
      case "editMessageText":
        return { result: this.editMessageText(p) };
      case "editMessageReplyMarkup":
        return { result: this.editMessageReplyMarkup(p) };
      case "editMessageCaption":
        return { result: this.editMessageCaption(p) };
      case "editMessageMedia":
        return { result: this.editMessageMedia(p, ctx) };
      case "answerCallbackQuery":
        return { result: this.answerCallbackQuery(p) };
      case "answerInlineQuery":
        return { result: this.answerInlineQuery(p) };
      case "setMyCommands":
        return { result: this.setMyCommands(p) };
      case "getMyCommands":
        return { result: clone(this.commandSets.get(this.scopeKeyFromParams(p)) ?? []) };
      case "deleteMyCommands":
        this.commandSets.delete(this.scopeKeyFromParams(p));
        return { result: true };
      case "setChatMenuButton":
        return { result: this.setChatMenuButton(p) };
      case "getChatMenuButton":
        return { result: this.menuButton(p.chat_id === undefined ? undefined : this.privateChatId(p.chat_id)) };
      case "setMyDescription":
        return { result: this.setLocalized(p, "description", this.descriptions, 512) };
      case "getMyDescription":
        return { result: { description: this.descriptions.get(this.langParam(p)) ?? "" } };
      case "setMyShortDescription":
        return { result: this.setLocalized(p, "short_description", this.shortDescriptions, 120) };
      case "getMyShortDescription":
        return { result: { short_description: this.shortDescriptions.get(this.langParam(p)) ?? "" } };
      case "setMyName":
        return { result: this.setLocalized(p, "name", this.names, 64) };
      case "getMyName":
        return { result: { name: this.name(this.langParam(p)) } };
      default:
        return this.media.call(method, p, ctx.files) ?? throwNotImplemented(method);
    }
  }

  // ---- updates

  private async getUpdates(p: Record<string, unknown>, ctx: CallContext): Promise<RawUpdate[]> {
    if (this.webhook !== undefined) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    if (this.poll !== undefined) {
      const old = this.poll;
      this.poll = undefined;
      clearTimeout(old.timer);
      old.reject(
        new ApiError(
          409,
          "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        ),
      );
    }
    const offset = typeof p.offset === "number" ? p.offset : undefined;
    if (offset !== undefined) {
      if (offset < 0) this.queue = this.queue.slice(Math.max(0, this.queue.length + offset));
      else this.queue = this.queue.filter((u) => u.update.update_id >= offset);
    }
    if (Array.isArray(p.allowed_updates))
      this.allowedUpdates = p.allowed_updates.filter((x): x is string => typeof x === "string");
    const limit = Math.min(100, Math.max(1, typeof p.limit === "number" ? p.limit : 100));
    const timeout = Math.max(0, typeof p.timeout === "number" ? p.timeout : 0);
    const ready = this.take(limit);
    if (ready.length > 0 || timeout === 0 || this.closing || ctx.res?.destroyed === true) return ready;
    return new Promise<RawUpdate[]>((resolve, reject) => {
      const poll: PendingPoll = {
        res: ctx.res,
        resolve,
        reject,
        limit,
        timer: setTimeout(() => {
          if (this.poll === poll) this.poll = undefined;
          resolve([]);
        }, timeout * 1000),
      };
      this.poll = poll;
      this.activity.changed();
      ctx.res?.on("close", () => {
        if (this.poll === poll) {
          this.poll = undefined;
          clearTimeout(poll.timer);
          resolve([]);
        }
      });
    });
  }

  private take(limit: number): RawUpdate[] {
    const batch = this.queue.slice(0, limit);
    for (const u of batch) u.delivered = true;
    this.activity.handedOut(batch.map((u) => u.update.update_id));
    return batch.map((u) => clone(u.update));
  }

  private flushPoll(): void {
    const poll = this.poll;
    if (poll === undefined || this.queue.length === 0) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    // A client that went away gets nothing, so nothing counts as handed out.
    poll.resolve(poll.res?.destroyed === true ? [] : this.take(poll.limit));
  }

  private releasePoll(): void {
    const poll = this.poll;
    if (poll === undefined) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    poll.resolve([]);
  }

  // ---- webhook

  private setWebhook(p: Record<string, unknown>): { result: unknown; description?: string } {
    const url = str(p.url) ?? "";
    if (url === "") {
      const had = this.webhook !== undefined;
      this.removeWebhook(p.drop_pending_updates === true);
      return { result: true, description: had ? "Webhook was deleted" : "Webhook is already deleted" };
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: invalid webhook URL specified");
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    if (!isLoopback(parsed.hostname))
      throw badRequest("bad webhook: the emulator only delivers webhooks to 127.0.0.1, ::1 or localhost");
    if (p.certificate !== undefined)
      throw badRequest("bad webhook: custom certificates are not supported by the emulator");
    const secret = str(p.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
      throw badRequest("secret token contains unallowed characters");
    const same = this.webhook?.url === url;
    if (this.poll !== undefined) {
      const old = this.poll;
      this.poll = undefined;
      clearTimeout(old.timer);
      old.reject(new ApiError(409, "Conflict: terminated by setWebhook request"));
    }
    if (p.drop_pending_updates === true) this.queue = [];
    const maxConnections = Math.min(100, Math.max(1, typeof p.max_connections === "number" ? p.max_connections : 40));
    const allowed = Array.isArray(p.allowed_updates)
      ? p.allowed_updates.filter((x): x is string => typeof x === "string")
      : this.webhook?.allowedUpdates;
    const w: WebhookState = { url, maxConnections };
    if (secret !== undefined) w.secretToken = secret;
    if (allowed !== undefined) w.allowedUpdates = allowed;
    this.webhook = w;
    this.dispatcher?.close();
    for (const u of this.queue) u.delivered = false;
    const target = { url, maxConnections, ...(secret === undefined ? {} : { secretToken: secret }) };
    const dispatcher = new WebhookDispatcher(
      target,
      {
        queued: () => this.queue,
        sent: (item) => this.activity.handedOut([item.update.update_id]),
        accepted: async (item, body) => {
          this.queue = this.queue.filter((u) => u !== item);
          // A method in the answer runs as part of the delivery.
          this.webhookReplies++;
          try {
            if (body.trim().startsWith("{")) await this.webhookReply(body);
          } finally {
            this.webhookReplies--;
            this.activity.changed();
          }
        },
        failed: (_item, error) => {
          w.lastErrorDate = now();
          w.lastErrorMessage = error;
          this.activity.changed();
        },
      },
      { timeoutMs: this.options.webhookTimeoutMs, retryMs: this.options.webhookRetryMs },
    );
    this.dispatcher = dispatcher;
    if (!this.closing) setImmediate(() => dispatcher.pump());
    return { result: true, description: same ? "Webhook is already set" : "Webhook was set" };
  }

  private deleteWebhook(p: Record<string, unknown>): { result: unknown; description?: string } {
    const had = this.webhook !== undefined;
    this.removeWebhook(p.drop_pending_updates === true);
    return { result: true, description: had ? "Webhook was deleted" : "Webhook is already deleted" };
  }

  private removeWebhook(dropPending: boolean): void {
    this.webhook = undefined;
    this.dispatcher?.close();
    this.dispatcher = undefined;
    for (const u of this.queue) u.delivered = false;
    if (dropPending) this.queue = [];
  }

  private webhookInfo(): Record<string, unknown> {
    const info: Record<string, unknown> = {
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    };
    const w = this.webhook;
    if (w !== undefined) {
      info.ip_address = "127.0.0.1";
      info.max_connections = w.maxConnections;
      if (w.allowedUpdates !== undefined) info.allowed_updates = clone(w.allowedUpdates);
      if (w.lastErrorDate !== undefined) info.last_error_date = w.lastErrorDate;
      if (w.lastErrorMessage !== undefined) info.last_error_message = w.lastErrorMessage;
    }
    return info;
  }

  /**
   * Delivers queued updates to the webhook now (without waiting for a retry
   * timer). Resolves with the number of updates the webhook accepted.
   */
  async deliverPending(): Promise<number> {
    return this.dispatcher === undefined ? 0 : this.dispatcher.flush();
  }

  /** Webhook deliveries in progress right now (at most the webhook's max_connections). */
  get webhookDeliveries(): number {
    return this.dispatcher?.active ?? 0;
  }

  /** Runs a method returned in a webhook response body, as Telegram does. */
  private async webhookReply(body: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (!isRecord(parsed) || typeof parsed.method !== "string") return;
    const { method: name, ...params } = parsed;
    const method = this.validator.resolveMethod(name);
    if (method === undefined) {
      this.record(name, params, { kind: "error", error: new ApiError(404, "Not Found") }, "webhook-reply");
      return;
    }
    await this.execute(
      method,
      { params, form: false, files: new Map() },
      { files: new Map(), source: "webhook-reply" },
    );
  }

  // ---- chats and messages

  private resolveChat(chatId: unknown): ChatState {
    if (typeof chatId === "string" && chatId.startsWith("@")) {
      const name = chatId.slice(1).toLowerCase();
      for (const s of this.chats.values()) {
        if (s.chat.type !== "private" && "username" in s.chat && s.chat.username?.toLowerCase() === name) return s;
      }
      throw badRequest("chat not found");
    }
    const id =
      typeof chatId === "number" ? chatId : typeof chatId === "string" && /^-?\d+$/.test(chatId) ? Number(chatId) : NaN;
    const state = this.chats.get(id);
    if (state !== undefined) return state;
    if (this.users.has(id)) throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
    throw badRequest("chat not found");
  }

  private addMessage(state: ChatState, msg: StoredMessage): StoredMessage {
    msg.message_id = state.nextMessageId++;
    state.messages.push(msg);
    return msg;
  }

  private replySnapshot(msg: StoredMessage): StoredMessage {
    const snap = clone(msg);
    delete snap.reply_to_message;
    return snap;
  }

  private resolveReply(state: ChatState, rp: unknown): StoredMessage | undefined {
    if (!isRecord(rp)) return undefined;
    const target = rp.chat_id !== undefined ? this.resolveChat(rp.chat_id) : state;
    const msg = target.messages.find((m) => m.message_id === rp.message_id);
    if (msg === undefined) {
      if (rp.allow_sending_without_reply === true) return undefined;
      throw badRequest("message to be replied not found");
    }
    return this.replySnapshot(msg);
  }

  /**
   * Splits reply_markup into the inline keyboard (part of the message) and a
   * reply keyboard (kept per chat). Web app buttons of an inline keyboard
   * work only in private chats: anywhere else (`inPrivate` false: groups,
   * channels, inline messages) Telegram refuses them.
   */
  private markup(value: unknown, inPrivate: boolean): { inline?: InlineKeyboardMarkup; reply?: ReplyKeyboard } {
    if (!isRecord(value)) return {};
    if (!inPrivate && hasWebAppButton(value)) throw badRequest("BUTTON_TYPE_INVALID");
    if (Array.isArray(value.inline_keyboard)) {
      const inline = value as unknown as InlineKeyboardMarkup;
      return inline.inline_keyboard.some((row) => row.length > 0) ? { inline: clone(inline) } : {};
    }
    return { reply: clone(value) as unknown as ReplyKeyboard };
  }

  private formatMessageText(
    raw: string,
    p: Record<string, unknown>,
    entitiesKey: string,
    tooLong: string,
  ): FormattedText {
    const f = formatText(raw, p.parse_mode, p[entitiesKey], { detect: true });
    if (f.text.length === 0) throw badRequest("message text is empty");
    if (f.text.length > 4096) throw badRequest(tooLong);
    return f;
  }

  private formatCaption(raw: string | undefined, p: Record<string, unknown>): FormattedText | undefined {
    if (raw === undefined) return undefined;
    const f = formatText(raw, p.parse_mode, p.caption_entities, { detect: true });
    if (f.text.length > 1024) throw badRequest("message caption is too long");
    return f.text.length === 0 ? undefined : f;
  }

  private sendBotMessage(p: Record<string, unknown>): StoredMessage {
    const state = this.resolveChat(p.chat_id);
    const f = this.formatMessageText(str(p.text) ?? "", p, "entities", "message is too long");
    const { inline, reply } = this.markup(p.reply_markup, state.chat.type === "private");
    const replyTo = this.resolveReply(state, p.reply_parameters);
    const msg: StoredMessage = {
      message_id: 0,
      from: this.botUser,
      chat: clone(state.chat),
      date: now(),
      text: f.text,
    };
    if (f.entities.length > 0) msg.entities = f.entities;
    if (isRecord(p.link_preview_options)) msg.link_preview_options = clone(p.link_preview_options);
    if (inline !== undefined) msg.reply_markup = inline;
    if (replyTo !== undefined) msg.reply_to_message = replyTo;
    if (reply !== undefined) state.replyKeyboard = reply;
    this.addMessage(state, msg);
    return clone(msg);
  }

  private newPhoto(data: Uint8Array | undefined): PhotoRecord {
    let width = 800;
    let height = 600;
    if (data !== undefined) {
      if (data.byteLength === 0) throw badRequest("file must be non-empty");
      const size = imageSize(data);
      if (size === undefined) throw badRequest("IMAGE_PROCESS_FAILED");
      ({ width, height } = size);
      // sendPhoto: "at most 10 MB in size".
      if (data.byteLength > 10 * 1024 * 1024) throw badRequest("PHOTO_SAVE_FILE_INVALID");
      checkPhotoDimensions(width, height);
    }
    const no = this.nextFileNo++;
    const sizes: PhotoSize[] = [];
    const scaled = (max: number): { width: number; height: number } => {
      const k = Math.min(1, max / Math.max(width, height));
      return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
    };
    const fileSize = data?.byteLength ?? 50_000;
    if (Math.max(width, height) > 320) {
      const t = scaled(320);
      sizes.push({
        file_id: `AgACAgIAAxkBAAI${randomId(45)}`,
        file_unique_id: `AQAD${randomId(12)}`,
        ...t,
        file_size: Math.max(1, Math.round((fileSize * t.width * t.height) / (width * height))),
      });
    }
    sizes.push({
      file_id: `AgACAgIAAxkBAAI${randomId(45)}`,
      file_unique_id: `AQAD${randomId(12)}`,
      ...scaled(1280),
      file_size: fileSize,
    });
    const record: PhotoRecord = { sizes, filePath: `photos/file_${no}.jpg` };
    if (data !== undefined) record.data = data;
    for (const s of sizes) this.photos.set(s.file_id, record);
    return record;
  }

  /** Photo sizes for a sendPhoto/InputMedia value: an upload, a known file_id or an HTTP URL. */
  private photoFrom(value: unknown, files: ReadonlyMap<string, UploadedFile>): PhotoSize[] {
    if (value instanceof UploadedFile) return clone(this.newPhoto(value.data).sizes);
    const s = str(value) ?? "";
    if (s.startsWith("attach://")) {
      const file = files.get(s.slice("attach://".length));
      if (file === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
      return clone(this.newPhoto(file.data).sizes);
    }
    const known = this.photos.get(s);
    if (known !== undefined) return clone(known.sizes);
    if (/^https?:\/\/\S+$/i.test(s)) return clone(this.newPhoto(undefined).sizes);
    throw badRequest("wrong file identifier/HTTP URL specified");
  }

  private sendPhoto(p: Record<string, unknown>, ctx: CallContext): StoredMessage {
    const state = this.resolveChat(p.chat_id);
    const caption = this.formatCaption(str(p.caption), p);
    const { inline, reply } = this.markup(p.reply_markup, state.chat.type === "private");
    const replyTo = this.resolveReply(state, p.reply_parameters);
    const photo = this.photoFrom(p.photo, ctx.files);
    const msg: StoredMessage = { message_id: 0, from: this.botUser, chat: clone(state.chat), date: now(), photo };
    if (caption !== undefined) {
      msg.caption = caption.text;
      if (caption.entities.length > 0) msg.caption_entities = caption.entities;
    }
    if (p.show_caption_above_media === true) msg.show_caption_above_media = true;
    if (p.has_spoiler === true) msg.has_media_spoiler = true;
    if (inline !== undefined) msg.reply_markup = inline;
    if (replyTo !== undefined) msg.reply_to_message = replyTo;
    if (reply !== undefined) state.replyKeyboard = reply;
    this.addMessage(state, msg);
    return clone(msg);
  }

  /** Stores a message of the media methods: a document, or an item of an album. */
  private sendMedia(
    state: ChatState,
    content: MediaContent,
    extra: { replyTo?: StoredMessage; replyMarkup?: unknown },
  ): StoredMessage {
    const { inline, reply } = this.markup(extra.replyMarkup, state.chat.type === "private");
    const msg: StoredMessage = { message_id: 0, from: this.botUser, chat: clone(state.chat), date: now(), ...content };
    if (inline !== undefined) msg.reply_markup = inline;
    if (extra.replyTo !== undefined) msg.reply_to_message = extra.replyTo;
    if (reply !== undefined) state.replyKeyboard = reply;
    this.addMessage(state, msg);
    return clone(msg);
  }

  private sendChatAction(p: Record<string, unknown>): true {
    this.resolveChat(p.chat_id);
    if (!CHAT_ACTIONS.has(str(p.action) ?? "")) throw badRequest("wrong parameter action in request");
    return true;
  }

  private deleteMessage(p: Record<string, unknown>): true {
    const state = this.resolveChat(p.chat_id);
    const i = state.messages.findIndex((m) => m.message_id === p.message_id);
    const msg = state.messages[i];
    if (msg === undefined) throw badRequest("message to delete not found");
    const own = msg.from?.id === this.botInfo.id;
    if (!own && state.chat.type !== "private" && !state.botIsAdmin) throw badRequest("message can't be deleted");
    state.messages.splice(i, 1);
    return true;
  }

  private deleteMessages(p: Record<string, unknown>): true {
    const state = this.resolveChat(p.chat_id);
    const ids = Array.isArray(p.message_ids) ? p.message_ids : [];
    if (ids.length < 1 || ids.length > 100) throw badRequest("message_ids must contain 1-100 message identifiers");
    state.messages = state.messages.filter((m) => {
      if (!ids.includes(m.message_id)) return true;
      return !(m.from?.id === this.botInfo.id || state.chat.type === "private" || state.botIsAdmin);
    });
    return true;
  }

  private getChat(p: Record<string, unknown>): Record<string, unknown> {
    const { chat } = this.resolveChat(p.chat_id);
    return {
      ...clone(chat),
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
        gifts_from_channels: false,
      },
    };
  }

  private getFile(p: Record<string, unknown>): Record<string, unknown> {
    const id = str(p.file_id) ?? "";
    const record = this.photos.get(id);
    const size = record?.sizes.find((s) => s.file_id === id);
    if (record === undefined || size === undefined) throw badRequest("invalid file_id");
    const file: Record<string, unknown> = { file_id: size.file_id, file_unique_id: size.file_unique_id };
    if (size.file_size !== undefined) file.file_size = size.file_size;
    if (record.data !== undefined) file.file_path = record.filePath;
    return file;
  }

  // ---- editing

  private editTarget(p: Record<string, unknown>): {
    content: MessageContent;
    /** Whether the message is in a private chat (an inline message is in none). */
    inPrivate: boolean;
    apply: (next: ContentPatch) => unknown;
  } {
    const inlineId = str(p.inline_message_id);
    const byChat = p.chat_id !== undefined || p.message_id !== undefined;
    if (inlineId !== undefined && byChat)
      throw badRequest("specify either chat_id and message_id or inline_message_id, not both");
    if (inlineId !== undefined) {
      const inline = this.inlineMessages.get(inlineId);
      if (inline === undefined) throw badRequest("message to edit not found");
      return {
        content: inline.message,
        inPrivate: false,
        apply: (next) => {
          this.applyContent(inline.message, next);
          const ref = inline.chatRef;
          const posted =
            ref === undefined
              ? undefined
              : this.chats.get(ref.chatId)?.messages.find((m) => m.message_id === ref.messageId);
          if (posted !== undefined) this.applyContent(posted, next);
          return true;
        },
      };
    }
    if (p.chat_id === undefined && p.message_id === undefined)
      throw badRequest("either chat_id and message_id or inline_message_id must be specified");
    if (p.chat_id === undefined) throw badRequest('parameter "chat_id" is required');
    if (p.message_id === undefined) throw badRequest("message identifier is not specified");
    const state = this.resolveChat(p.chat_id);
    const msg = state.messages.find((m) => m.message_id === p.message_id);
    if (msg === undefined) throw badRequest("message to edit not found");
    if (msg.from?.id !== this.botInfo.id) throw badRequest("message can't be edited");
    return {
      content: msg,
      inPrivate: state.chat.type === "private",
      apply: (next) => {
        this.applyContent(msg, next);
        return clone(msg);
      },
    };
  }

  private applyContent(target: MessageContent, next: ContentPatch): void {
    const keys: Array<keyof MessageContent> = [
      "text",
      "entities",
      "caption",
      "caption_entities",
      "photo",
      "reply_markup",
      "link_preview_options",
      "show_caption_above_media",
    ];
    const t = target as Record<string, unknown>;
    for (const k of keys) {
      if (k in next) {
        const v = next[k];
        if (v === undefined) delete t[k];
        else t[k] = clone(v);
      }
    }
    target.edit_date = now();
  }

  private sameMarkup(a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined): boolean {
    return canonical(a ?? null) === canonical(b ?? null);
  }

  private editMessageText(p: Record<string, unknown>): unknown {
    if (p.rich_message !== undefined) throw badRequest("rich_message is not implemented by the emulator");
    const target = this.editTarget(p);
    if (p.text === undefined) throw badRequest("message text is empty");
    if (target.content.text === undefined) throw badRequest("there is no text in the message to edit");
    const f = this.formatMessageText(str(p.text) ?? "", p, "entities", "MESSAGE_TOO_LONG");
    const { inline } = this.markup(p.reply_markup, target.inPrivate);
    const cur = target.content;
    if (cur.text === f.text && sameEntities(cur.entities, f.entities) && this.sameMarkup(cur.reply_markup, inline))
      throw badRequest(NOT_MODIFIED);
    const next: ContentPatch = {
      text: f.text,
      entities: f.entities.length > 0 ? f.entities : undefined,
      reply_markup: inline,
    };
    if (isRecord(p.link_preview_options)) next.link_preview_options = clone(p.link_preview_options);
    return target.apply(next);
  }

  private editMessageReplyMarkup(p: Record<string, unknown>): unknown {
    const target = this.editTarget(p);
    const { inline } = this.markup(p.reply_markup, target.inPrivate);
    if (this.sameMarkup(target.content.reply_markup, inline)) throw badRequest(NOT_MODIFIED);
    return target.apply({ reply_markup: inline });
  }

  private editMessageCaption(p: Record<string, unknown>): unknown {
    const target = this.editTarget(p);
    if (target.content.photo === undefined) throw badRequest("there is no caption in the message to edit");
    const caption = this.formatCaption(str(p.caption) ?? "", p);
    const { inline } = this.markup(p.reply_markup, target.inPrivate);
    const cur = target.content;
    if (
      (cur.caption ?? "") === (caption?.text ?? "") &&
      sameEntities(cur.caption_entities, caption?.entities) &&
      this.sameMarkup(cur.reply_markup, inline)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    const next: ContentPatch = {
      caption: caption?.text,
      caption_entities: caption !== undefined && caption.entities.length > 0 ? caption.entities : undefined,
      reply_markup: inline,
    };
    if (typeof p.show_caption_above_media === "boolean")
      next.show_caption_above_media = p.show_caption_above_media || undefined;
    return target.apply(next);
  }

  private editMessageMedia(p: Record<string, unknown>, ctx: CallContext): unknown {
    const target = this.editTarget(p);
    const media = isRecord(p.media) ? p.media : {};
    if (media.type !== "photo")
      throw badRequest(
        `editMessageMedia with media of type "${String(media.type)}" is not implemented by the emulator`,
      );
    if (target.content.photo === undefined) throw badRequest("there is no media in the message to edit");
    const photo = this.photoFrom(media.media, ctx.files);
    const caption = this.formatCaption(str(media.caption), {
      parse_mode: media.parse_mode,
      caption_entities: media.caption_entities,
    });
    const { inline } = this.markup(p.reply_markup, target.inPrivate);
    const cur = target.content;
    const last = (sizes: PhotoSize[] | undefined): string | undefined => sizes?.[sizes.length - 1]?.file_unique_id;
    if (
      last(cur.photo) === last(photo) &&
      (cur.caption ?? "") === (caption?.text ?? "") &&
      sameEntities(cur.caption_entities, caption?.entities) &&
      this.sameMarkup(cur.reply_markup, inline)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    return target.apply({
      photo,
      caption: caption?.text,
      caption_entities: caption !== undefined && caption.entities.length > 0 ? caption.entities : undefined,
      reply_markup: inline,
    });
  }

  // ---- queries

  private answerCallbackQuery(p: Record<string, unknown>): true {
    const cq = this.callbackQueries.get(str(p.callback_query_id) ?? "");
    if (cq === undefined) throw badRequest(QUERY_INVALID);
    const answer: CallbackAnswer = cq.answer ?? { answered: false, count: 1 };
    cq.answer = answer;
    const text = str(p.text);
    if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
    if (answer.answered || Date.now() - cq.createdAt > this.options.queryTimeoutMs) throw badRequest(QUERY_INVALID);
    answer.answered = true;
    if (text !== undefined) answer.text = text;
    if (typeof p.show_alert === "boolean") answer.show_alert = p.show_alert;
    if (typeof p.url === "string") answer.url = p.url;
    if (typeof p.cache_time === "number") answer.cache_time = p.cache_time;
    return true;
  }

  private answerInlineQuery(p: Record<string, unknown>): true {
    const iq = this.inlineQueries.get(str(p.inline_query_id) ?? "");
    if (iq === undefined) throw badRequest(QUERY_INVALID);
    const answer: InlineAnswer = iq.answer ?? { answered: false, results: [], count: 1 };
    iq.answer = answer;
    const results = (Array.isArray(p.results) ? p.results : []) as InlineQueryResult[];
    if (results.length > 50) throw badRequest("RESULTS_TOO_MUCH");
    const ids = new Set<string>();
    const processed: ProcessedResult[] = [];
    for (const r of results) {
      const bytes = utf8Length(r.id);
      if (bytes < 1 || bytes > 64) throw badRequest("RESULT_ID_INVALID");
      if (ids.has(r.id)) throw badRequest("RESULT_ID_DUPLICATE");
      // A posted result is an inline message, where web app buttons do not work.
      if (hasWebAppButton((r as { reply_markup?: unknown }).reply_markup)) throw badRequest("BUTTON_TYPE_INVALID");
      ids.add(r.id);
      processed.push({ result: r, content: this.resultContent(r) });
    }
    const nextOffset = str(p.next_offset);
    if (nextOffset !== undefined && utf8Length(nextOffset) > 64) throw badRequest("NEXT_OFFSET_INVALID");
    if (answer.answered || Date.now() - iq.createdAt > this.options.queryTimeoutMs) throw badRequest(QUERY_INVALID);
    answer.answered = true;
    answer.results = clone(results);
    if (isRecord(p.button)) answer.button = clone(p.button) as unknown as InlineQueryResultsButton;
    if (nextOffset !== undefined) answer.next_offset = nextOffset;
    if (typeof p.cache_time === "number") answer.cache_time = p.cache_time;
    if (typeof p.is_personal === "boolean") answer.is_personal = p.is_personal;
    iq.processed = processed;
    return true;
  }

  /** Validates a result's message content and returns what posting it produces. */
  private resultContent(r: InlineQueryResult): MessageContent | undefined {
    const raw = r as unknown as Record<string, unknown>;
    const imc = isRecord(raw.input_message_content) ? raw.input_message_content : undefined;
    let content: MessageContent | undefined;
    if (imc !== undefined && typeof imc.message_text === "string") {
      const f = this.formatMessageText(imc.message_text, imc, "entities", "message is too long");
      content = { text: f.text };
      if (f.entities.length > 0) content.entities = f.entities;
      if (isRecord(imc.link_preview_options)) content.link_preview_options = clone(imc.link_preview_options);
    }
    if (r.type === "photo") {
      const fileId = str(raw.photo_file_id);
      let photo: PhotoSize[];
      if (fileId !== undefined) {
        const known = this.photos.get(fileId);
        if (known === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
        photo = clone(known.sizes);
      } else {
        const url = str(raw.photo_url) ?? "";
        if (!/^https?:\/\/\S+$/i.test(url)) throw badRequest("PHOTO_INVALID");
        photo = clone(this.newPhoto(undefined).sizes);
      }
      const caption = this.formatCaption(str(raw.caption), raw);
      if (content === undefined) {
        content = { photo };
        if (caption !== undefined) {
          content.caption = caption.text;
          if (caption.entities.length > 0) content.caption_entities = caption.entities;
        }
      }
    } else if (r.type === "document") {
      const document = this.media.inlineResultContent(raw);
      if (content === undefined && document !== undefined) content = document;
    } else if (typeof raw.caption === "string") {
      this.formatCaption(raw.caption, raw);
    }
    return content;
  }

  // ---- bot settings

  private langParam(p: Record<string, unknown>): string {
    const lang = str(p.language_code) ?? "";
    if (lang !== "" && !LANG_RE.test(lang))
      throw badRequest("language_code must be a two-letter ISO 639-1 code or empty");
    return lang;
  }

  private scopeKey(scope: Record<string, unknown> | undefined, lang: string): string {
    const s = scope ?? { type: "default" };
    const key: Record<string, unknown> = { type: s.type };
    if (s.chat_id !== undefined) key.chat_id = this.resolveChat(s.chat_id).chat.id;
    if (s.user_id !== undefined) key.user_id = s.user_id;
    return canonical({ scope: key, lang });
  }

  private scopeKeyFromParams(p: Record<string, unknown>): string {
    return this.scopeKey(isRecord(p.scope) ? p.scope : undefined, this.langParam(p));
  }

  private setMyCommands(p: Record<string, unknown>): true {
    const commands = (Array.isArray(p.commands) ? p.commands : []) as BotCommand[];
    if (commands.length > 100) throw badRequest("BOT_COMMANDS_TOO_MUCH");
    for (const c of commands) {
      if (!COMMAND_RE.test(c.command)) throw badRequest("BOT_COMMAND_INVALID");
      if (c.description.trim().length < 1 || c.description.length > 256)
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    const key = this.scopeKeyFromParams(p);
    if (commands.length === 0) this.commandSets.delete(key);
    else
      this.commandSets.set(
        key,
        commands.map((c) => ({ command: c.command, description: c.description })),
      );
    return true;
  }

  /** The id of a private chat with a user, as setChatMenuButton and getChatMenuButton take it. */
  private privateChatId(chatId: unknown): number {
    const state = this.resolveChat(chatId);
    if (state.chat.type !== "private") throw badRequest("chat not found");
    return state.chat.id;
  }

  private setChatMenuButton(p: Record<string, unknown>): true {
    const chatId = p.chat_id === undefined ? 0 : this.privateChatId(p.chat_id);
    const button = (isRecord(p.menu_button) ? p.menu_button : { type: "default" }) as unknown as MenuButton;
    if (button.type === "web_app") {
      if (button.text.trim() === "") throw badRequest("BUTTON_TEXT_INVALID");
      if (!/^https:\/\/\S+$/i.test(button.web_app.url)) throw badRequest("BUTTON_URL_INVALID");
    }
    if (button.type === "default") this.menuButtons.delete(chatId);
    else this.menuButtons.set(chatId, clone(button));
    return true;
  }

  private setLocalized(p: Record<string, unknown>, field: string, store: Map<string, string>, max: number): true {
    const lang = this.langParam(p);
    const value = str(p[field]) ?? "";
    if (value.length > max) throw badRequest(`${field.replace("_", " ")} is too long`);
    if (value === "") store.delete(lang);
    else store.set(lang, value);
    return true;
  }
}

/** Whether a reply_markup holds an inline keyboard button that opens a web app. */
function hasWebAppButton(markup: unknown): boolean {
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return false;
  return (markup.inline_keyboard as unknown[]).some(
    (row) => Array.isArray(row) && row.some((b) => isRecord(b) && b.web_app !== undefined && b.web_app !== null),
  );
}
