import type { ServerResponse } from "node:http";
import type { Chat, InlineKeyboardMarkup, User, UserFromGetMe } from "grammy/types";
import type { ChatState, ReplyKeyboard, StoredMessage } from "../types.js";
import type { FormattedText } from "../text.js";
import type { UploadedFile } from "../validate.js";

/**
 * What the methods in this folder may use of the emulator: its chats and
 * users, and the rules it already applies (who sees a message, how replies,
 * captions and keyboards are read). The world (world.ts) is one, handed to
 * {@link EmulatorMethods}; nothing here reaches into the emulator any other way.
 */
export interface EmulatorCore {
  readonly botInfo: UserFromGetMe;
  /** The bot as the `from` of its messages. */
  readonly botUser: User;
  /** A chat by `chat_id` as Telegram resolves it: "chat not found", or 403 for a user who never wrote. */
  resolveChat(chatId: unknown): ChatState;
  /** A known chat by id, without Telegram's errors. */
  chat(chatId: number): ChatState | undefined;
  /** Where a user acts: their private chat with the bot (made on first use) or a known group. */
  chatFor(from: User, chat?: Chat): ChatState;
  /** A user the emulator knows, by id. */
  knownUser(userId: number): User | undefined;
  /**
   * Stores a message a user sent (with `reply_to_message_id` resolved) and queues it as an update
   * when Telegram would deliver it to the bot (privacy mode). Returns the stored message.
   */
  postUserMessage(state: ChatState, msg: StoredMessage, replyToMessageId?: number): StoredMessage;
  /** Stores a message the bot sent, giving it the chat's next message_id. */
  addMessage(state: ChatState, msg: StoredMessage): StoredMessage;
  /** The message a `reply_parameters` value points to, as a reply shows it, or undefined. */
  resolveReply(state: ChatState, replyParameters: unknown): StoredMessage | undefined;
  /** Splits `reply_markup` into the message's inline keyboard and a reply keyboard kept per chat. */
  markup(value: unknown, inPrivate: boolean): { inline?: InlineKeyboardMarkup; reply?: ReplyKeyboard };
  /** A caption with parse_mode / caption_entities applied and checked, or undefined when empty. */
  formatCaption(raw: string | undefined, params: Record<string, unknown>): FormattedText | undefined;
  /** getFile for the photos the bot sent, as the emulator has always handled them. */
  photoFile(params: Record<string, unknown>): Record<string, unknown>;
}

/** What a call carries besides its parameters. */
export interface MethodContext {
  res?: ServerResponse;
  files: ReadonlyMap<string, UploadedFile>;
}

/** One Bot API method: its parameters, validated against the spec, in; its result out, or an ApiError thrown. */
export type MethodHandler = (params: Record<string, unknown>, ctx: MethodContext) => unknown;

/** Methods by name (as the spec spells them): one area of the Bot API. */
export type MethodTable = Readonly<Record<string, MethodHandler>>;

/** A result Telegram sends with a `description` besides, as setWebhook does ("Webhook was set"). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
