import type { ServerResponse } from "node:http";
import type {
  Chat,
  Contact,
  Document,
  ForceReply,
  InlineKeyboardMarkup,
  InlineQueryResult,
  InlineQueryResultsButton,
  LinkPreviewOptions,
  MessageEntity,
  PhotoSize,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  User,
} from "grammy/types";
import type { ApiError, ResponseParameters } from "./errors.js";
import type { UploadedFile } from "./validate.js";

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

/** An update as queued: its fields, with the id the emulator gave it. */
export type RawUpdate = Record<string, unknown> & { update_id: number };

/** A chat as the emulator keeps it. */
export interface ChatState {
  chat: Chat;
  messages: StoredMessage[];
  nextMessageId: number;
  botIsAdmin: boolean;
  chatInstance: string;
  replyKeyboard?: ReplyKeyboard;
}

/** A callback query a user made, and what the bot answered. */
export interface CallbackState {
  id: string;
  createdAt: number;
  answer: CallbackAnswer | undefined;
}

/** An inline query result as answered, with what posting it produces. */
export interface ProcessedResult {
  result: InlineQueryResult;
  content: MessageContent | undefined;
}

/** A change to a message's content: a field set to `undefined` is removed. */
export type ContentPatch = { [K in keyof MessageContent]?: MessageContent[K] | undefined };

/** An inline query a user typed, and what the bot answered. */
export interface InlineQueryState {
  id: string;
  from: User;
  query: string;
  createdAt: number;
  answer: InlineAnswer | undefined;
  processed: ProcessedResult[];
}

/** An inline message, with the chat message it also is when it was posted in a known chat. */
export interface InlineState {
  message: InlineMessage;
  chatInstance: string;
  chatRef?: { chatId: number; messageId: number };
}

/** A photo the bot sent: its sizes, and its bytes when it was uploaded. */
export interface PhotoRecord {
  sizes: PhotoSize[];
  data?: Uint8Array;
  filePath: string;
}

/** What a call carries besides its parameters. */
export interface CallContext {
  res?: ServerResponse;
  files: ReadonlyMap<string, UploadedFile>;
  source: ApiCall["source"];
}

/** How a call ends: a result, an error, or one of the injected faults. */
export type Outcome =
  | { kind: "ok"; result: unknown; description?: string }
  | { kind: "error"; error: ApiError }
  | { kind: "drop" }
  | { kind: "reset" }
  | { kind: "hang" }
  | { kind: "raw"; body: unknown };
