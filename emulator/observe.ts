import type { BotCommand, BotCommandScope, MenuButton, Update } from "grammy/types";
import type { IdleOptions, WaitOptions } from "./activity.js";
import type { EmulatorParts } from "./parts.js";
import type { ApiCall, CallbackAnswer, InlineAnswer, InlineMessage, ReplyKeyboard, StoredMessage } from "./types.js";
import { clone } from "./util.js";

/**
 * What a test sees of the emulator, always as copies (messages, keyboards,
 * answers to queries, calls, the bot's settings), and the waits on it, which
 * look again whenever something happens in the emulator. The base of
 * {@link BotApiEmulator}.
 */
export class EmulatorView {
  protected constructor(protected readonly parts: EmulatorParts) {}

  /** Messages of a chat, oldest first, edits applied, deleted ones left out. */
  chatMessages(chatId: number): StoredMessage[] {
    return clone(this.parts.world.chats.get(chatId)?.messages ?? []);
  }

  /** The newest message the bot sent to a chat. */
  lastBotMessage(chatId: number): StoredMessage | undefined {
    const msgs = this.parts.world.chats.get(chatId)?.messages ?? [];
    for (let i = msgs.length - 1; i >= 0; i--) {
      const m = msgs[i];
      if (m?.from?.id === this.parts.config.botInfo.id) return clone(m);
    }
    return undefined;
  }

  /** The reply keyboard (or removal / force reply) the bot last sent to a chat. */
  replyKeyboard(chatId: number): ReplyKeyboard | undefined {
    const k = this.parts.world.chats.get(chatId)?.replyKeyboard;
    return k === undefined ? undefined : clone(k);
  }

  /** An inline message as it is now, edits applied. */
  inlineMessage(inlineMessageId: string): InlineMessage | undefined {
    const m = this.parts.world.inlineMessages.get(inlineMessageId)?.message;
    return m === undefined ? undefined : clone(m);
  }

  /** Undefined until the bot called answerCallbackQuery for this id. */
  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    const a = this.parts.world.callbackQueries.get(callbackQueryId)?.answer;
    return a === undefined ? undefined : clone(a);
  }

  /** Undefined until the bot called answerInlineQuery for this id. */
  inlineAnswer(inlineQueryId: string): InlineAnswer | undefined {
    const a = this.parts.world.inlineQueries.get(inlineQueryId)?.answer;
    return a === undefined ? undefined : clone(a);
  }

  /** Every call received, in order. */
  get calls(): ApiCall[] {
    return [...this.parts.calls.log];
  }

  /** The calls that were answered with an error. */
  get errors(): ApiCall[] {
    return this.parts.calls.log.filter((c) => !c.ok);
  }

  /** Calls `listener` for every answered call. Returns an unsubscribe function. */
  onCall(listener: (call: ApiCall) => void): () => void {
    this.parts.calls.listeners.add(listener);
    return () => this.parts.calls.listeners.delete(listener);
  }

  /**
   * Calls `listener` with every update queued for the bot, when it is queued.
   * Updates Telegram would not deliver (privacy mode, allowed_updates) are not
   * queued, so they are not reported. Returns an unsubscribe function.
   */
  onUpdate(listener: (update: Update) => void): () => void {
    this.parts.updates.listeners.add(listener);
    return () => this.parts.updates.listeners.delete(listener);
  }

  /** Updates queued and not yet confirmed (polling) or accepted (webhook). */
  get pendingUpdateCount(): number {
    return this.parts.updates.queue.length;
  }

  /** Commands set with setMyCommands for a scope (default: `{ type: "default" }`) and language (default ""). */
  commands(scope: BotCommandScope = { type: "default" }, languageCode = ""): BotCommand[] {
    return this.parts.settings.commands(scope, languageCode);
  }

  /**
   * The menu button a private chat shows: its own if one was set for it,
   * else the bot's default (without a chat id).
   */
  menuButton(chatId?: number): MenuButton {
    return this.parts.settings.menuButton(chatId);
  }

  /** The description set with setMyDescription for a language (default ""). */
  description(languageCode = ""): string {
    return this.parts.settings.description(languageCode);
  }

  /** The short description set with setMyShortDescription for a language (default ""). */
  shortDescription(languageCode = ""): string {
    return this.parts.settings.shortDescription(languageCode);
  }

  /** The name set with setMyName for a language; for "" the bot's first name when none was set. */
  name(languageCode = ""): string {
    return this.parts.settings.name(languageCode);
  }

  /** The current webhook URL, or "" when polling. */
  get webhookUrl(): string {
    return this.parts.webhooks.url;
  }

  /** Webhook deliveries in progress right now (at most the webhook's max_connections). */
  get webhookDeliveries(): number {
    return this.parts.webhooks.deliveries;
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
    return this.parts.activity.waitFor(condition, options);
  }

  /** True while a getUpdates long poll is waiting for updates. */
  get isPolling(): boolean {
    return this.parts.updates.polling;
  }

  /**
   * Resolves once a getUpdates long poll is waiting, i.e. a polling bot has
   * finished its start-up (including `deleteWebhook({ drop_pending_updates })`).
   */
  waitForPolling(options: WaitOptions = {}): Promise<true> {
    return this.waitFor(() => this.parts.updates.polling, { message: "a pending getUpdates long poll", ...options });
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
    const botId = this.parts.config.botInfo.id;
    return this.waitFor(
      () => {
        const msgs = this.parts.world.chats.get(chatId)?.messages;
        const m = msgs?.find((x) => x.message_id > afterMessageId && x.from?.id === botId);
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
    return this.parts.activity.waitUntilIdle(options);
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
    return this.parts.activity.trackHandling(handle);
  }

  /** Updates a bot wrapped with {@link trackHandling} is handling, or was handed and has not begun. */
  get handlingCount(): number {
    return this.parts.activity.handlingCount;
  }
}
