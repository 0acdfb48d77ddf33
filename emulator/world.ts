import type { Chat, InlineKeyboardMarkup, User, UserFromGetMe } from "grammy/types";
import { ApiError, badRequest } from "./errors.js";
import type { EmulatorCore } from "./methods/core.js";
import type { Photos } from "./photos.js";
import { specLimit } from "./spec.js";
import { formatText, type FormattedText } from "./text.js";
import type { CallbackState, ChatState, InlineQueryState, InlineState, ReplyKeyboard, StoredMessage } from "./types.js";
import { clone, hasWebAppButton, randomDigits } from "./util.js";
import { isRecord } from "./validate.js";

/** The longest text of a message, counted after entity parsing. */
const TEXT_MAX = specLimit("sendMessage", "text").max;
/** The longest caption, counted after entity parsing. */
const CAPTION_MAX = specLimit("sendPhoto", "caption").max;

/**
 * Everything the emulator knows about: users, chats with their messages,
 * inline messages, and the queries users made. It applies the rules that
 * every method shares (how `chat_id`, replies, keyboards and texts are read,
 * and what a bot in a group with privacy mode sees), and is what the method
 * tables in methods/ work on.
 */
export class World implements EmulatorCore {
  readonly users = new Map<number, User>();
  readonly chats = new Map<number, ChatState>();
  readonly inlineMessages = new Map<string, InlineState>();
  readonly callbackQueries = new Map<string, CallbackState>();
  readonly inlineQueries = new Map<string, InlineQueryState>();
  private nextUserId = 100_000_001;
  private nextGroupId = 1;

  constructor(
    readonly botInfo: UserFromGetMe,
    private readonly privacyMode: boolean,
    readonly photos: Photos,
    /** Queues an update for the bot; returns its update_id. */
    readonly enqueue: (body: Record<string, unknown>) => number,
  ) {}

  /** The bot as the `from` of its messages (a new object each time). */
  get botUser(): User {
    const { id, first_name, username } = this.botInfo;
    return { id, is_bot: true, first_name, username };
  }

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

  /** Remembers a user, merging what is new about them. */
  remember(user: User): void {
    this.users.set(user.id, { ...(this.users.get(user.id) ?? {}), ...user });
  }

  private privateChat(user: User): ChatState {
    this.remember(user);
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

  chat(chatId: number): ChatState | undefined {
    return this.chats.get(chatId);
  }

  knownUser(userId: number): User | undefined {
    return this.users.get(userId);
  }

  /** The user's private chat with the bot, or a known group; the user is remembered. */
  chatFor(from: User, chat: Chat | undefined): ChatState {
    const state = chat === undefined || chat.type === "private" ? this.privateChat(from) : this.chats.get(chat.id);
    if (state === undefined) throw new Error(`emulator: unknown chat ${chat?.id}; create it with emu.group()`);
    this.remember(from);
    return state;
  }

  /** Stores a user's message and queues it as an update when Telegram would deliver it. */
  postUserMessage(state: ChatState, msg: StoredMessage, replyToMessageId?: number): StoredMessage {
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

  /** Whether a message reaches the bot: in groups with privacy mode, only commands, replies and mentions. */
  private botSees(state: ChatState, msg: StoredMessage): boolean {
    if (state.chat.type === "private" || !this.privacyMode || state.botIsAdmin) return true;
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

  resolveChat(chatId: unknown): ChatState {
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

  addMessage(state: ChatState, msg: StoredMessage): StoredMessage {
    msg.message_id = state.nextMessageId++;
    state.messages.push(msg);
    return msg;
  }

  /** A message as a reply shows it: without what it replied to. */
  private replySnapshot(msg: StoredMessage): StoredMessage {
    const snap = clone(msg);
    delete snap.reply_to_message;
    return snap;
  }

  resolveReply(state: ChatState, rp: unknown): StoredMessage | undefined {
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
  markup(value: unknown, inPrivate: boolean): { inline?: InlineKeyboardMarkup; reply?: ReplyKeyboard } {
    if (!isRecord(value)) return {};
    if (!inPrivate && hasWebAppButton(value)) throw badRequest("BUTTON_TYPE_INVALID");
    if (Array.isArray(value.inline_keyboard)) {
      const inline = value as unknown as InlineKeyboardMarkup;
      return inline.inline_keyboard.some((row) => row.length > 0) ? { inline: clone(inline) } : {};
    }
    return { reply: clone(value) as unknown as ReplyKeyboard };
  }

  /** A message text with parse_mode / entities applied, checked against the spec's length after parsing. */
  formatMessageText(raw: string, p: Record<string, unknown>, entitiesKey: string, tooLong: string): FormattedText {
    const f = formatText(raw, p.parse_mode, p[entitiesKey], { detect: true });
    if (f.text.length === 0) throw badRequest("message text is empty");
    if (f.text.length > TEXT_MAX) throw badRequest(tooLong);
    return f;
  }

  formatCaption(raw: string | undefined, p: Record<string, unknown>): FormattedText | undefined {
    if (raw === undefined) return undefined;
    const f = formatText(raw, p.parse_mode, p.caption_entities, { detect: true });
    if (f.text.length > CAPTION_MAX) throw badRequest("message caption is too long");
    return f.text.length === 0 ? undefined : f;
  }

  photoFile(p: Record<string, unknown>): Record<string, unknown> {
    return this.photos.getFile(p);
  }
}
