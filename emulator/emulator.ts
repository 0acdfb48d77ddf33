import type { Server } from "node:http";
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  MenuButton,
  ReactionType,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { UserActions } from "./actions.js";
import { Activity, type IdleOptions, type WaitOptions } from "./activity.js";
import { Calls } from "./calls.js";
import { configure, type EmulatorConfig } from "./config.js";
import { ApiError } from "./errors.js";
import { Faults } from "./faults.js";
import { HttpFront, listen } from "./http.js";
import { MediaMethods } from "./media.js";
import type { MethodHandler } from "./methods/core.js";
import { Editing } from "./methods/editing.js";
import { EmulatorMethods, type MemberRole, type ShareContactOptions, type UserFileOptions } from "./methods/index.js";
import { Queries } from "./methods/queries.js";
import { Sending } from "./methods/sending.js";
import { Settings } from "./methods/settings.js";
import { ConnectionCutter, type Outage } from "./network.js";
import { Observer } from "./observe.js";
import { Photos } from "./photos.js";
import { botApiSpec } from "./spec.js";
import type * as T from "./types.js";
import { Updates } from "./updates.js";
import { type UploadedFile, Validator } from "./validate.js";
import { Webhooks } from "./webhooks.js";
import { World } from "./world.js";

export type {
  ApiCall,
  CallbackAnswer,
  ChatState,
  EmulatorOptions,
  FaultSpec,
  InjectedFault,
  InlineAnswer,
  InlineMessage,
  MessageContent,
  PressTarget,
  ReplyKeyboard,
  StoredMessage,
} from "./types.js";

/**
 * A local Telegram Bot API server for tests and development. Point grammY at
 * it with `new Bot(emu.token, { client: { apiRoot: emu.apiRoot } })`, drive it
 * with user actions (`sendMessage`, `pressButton`, `inlineQuery`, ...) and
 * observe what the bot did (`chatMessages`, `callbackAnswer`, `calls`, ...).
 *
 * Every call is validated against the Bot API 10.1 spec and Telegram's
 * limits; failures are answered with Telegram's error bodies. This class only
 * wires the parts together: the world (world.ts), what users do (actions.ts),
 * what tests see (observe.ts), the calls (calls.ts, http.ts), the updates
 * (updates.ts, webhooks.ts), faults (faults.ts) and the method tables (methods/).
 */
export class BotApiEmulator {
  /** Base URL for grammY's `client.apiRoot`, e.g. `http://127.0.0.1:41234`. */
  readonly apiRoot: string;
  /** The token the emulator accepts. */
  readonly token: string;
  /** What getMe returns. */
  readonly botInfo: UserFromGetMe;

  private readonly activity: Activity;
  private readonly world: World;
  private readonly updates: Updates;
  private readonly webhooks: Webhooks;
  private readonly calls_: Calls;
  private readonly http: HttpFront;
  private readonly cutter: ConnectionCutter;
  private readonly faults: Faults;
  private readonly actions: UserActions;
  private readonly observer: Observer;
  private readonly settings: Settings;
  /** Files users sent, group members, reactions, copies and contacts (methods/index.ts). */
  private readonly extra: EmulatorMethods;
  private closing = false;

  private constructor(server: Server, port: number, config: EmulatorConfig) {
    this.token = config.token;
    this.botInfo = config.botInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.cutter = new ConnectionCutter(server);
    this.activity = new Activity(
      {
        undelivered: () => this.updates.undelivered,
        inFlight: () => this.http.inflight + this.webhooks.deliveries + this.webhooks.replies,
      },
      () => this.calls_.summary(),
    );
    this.faults = new Faults(() => this.activity.changed());
    this.updates = new Updates(this.activity, {
      allowedUpdates: () => this.webhooks.allowedUpdates,
      webhookSet: () => this.webhooks.isSet,
      pump: () => this.webhooks.pump(),
    });
    const photos = new Photos();
    const world = new World(this.botInfo, config.privacyMode, photos, (body) => this.updates.enqueue(body));
    this.world = world;
    const sending = new Sending(world, photos);
    const media = new MediaMethods<T.ChatState, T.StoredMessage>({
      resolveChat: (chatId) => world.resolveChat(chatId),
      formatCaption: (raw, p) => world.formatCaption(raw, p),
      resolveReply: (state, rp) => world.resolveReply(state, rp),
      photoFrom: (value, files) => photos.from(value, files),
      send: (state, content, extra) => sending.sendMedia(state, content, extra),
    });
    const queries = new Queries(world, photos, media, config.queryTimeoutMs);
    this.settings = new Settings(world);
    this.extra = new EmulatorMethods(world);
    const validator = new Validator(botApiSpec, config.extraFields);
    this.webhooks = new Webhooks(
      this.updates,
      this.activity,
      { timeoutMs: config.webhookTimeoutMs, retryMs: config.webhookRetryMs },
      (method, params) => this.webhookReply(validator, method, params),
    );
    const table = new Map<string, MethodHandler>(
      Object.entries({
        ...this.updates.methods,
        ...this.webhooks.methods,
        ...this.settings.methods,
        ...sending.methods(media),
        ...new Editing(world, photos).methods,
        ...queries.methods,
        ...this.extra.methods,
      }),
    );
    this.calls_ = new Calls({
      faults: this.faults,
      validator,
      handler: (method) => table.get(method),
      before: (method, params) => queries.countAttempt(method, params),
      changed: () => this.activity.changed(),
    });
    this.http = new HttpFront(server, {
      token: this.token,
      validator,
      calls: this.calls_,
      activity: this.activity,
      serveFile: (path, res) => this.extra.serveFile(path, res) || photos.serve(path, res),
    });
    this.actions = new UserActions(world, config.inlineFeedback);
    this.observer = new Observer(world, this.activity);
  }

  /** Starts an emulator on 127.0.0.1 with a free port. */
  static async start(options: T.EmulatorOptions = {}): Promise<BotApiEmulator> {
    const config = configure(options);
    const { server, port } = await listen();
    return new BotApiEmulator(server, port, config);
  }

  /**
   * Stops the server. Pending long polls are answered with an empty array
   * first, so stop polling bots before (or right after) calling this.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.updates.closing = true;
    this.updates.releasePoll();
    this.activity.changed();
    this.webhooks.close();
    await this.http.close();
  }

  private async webhookReply(validator: Validator, name: string, params: Record<string, unknown>): Promise<void> {
    const method = validator.resolveMethod(name);
    if (method === undefined) {
      this.calls_.record(name, params, { kind: "error", error: new ApiError(404, "Not Found") }, "webhook-reply");
      return;
    }
    const files = new Map<string, UploadedFile>();
    await this.calls_.execute(method, { params, form: false, files }, { files, source: "webhook-reply" });
  }

  // ------------------------------------------------------------ the world and what users do

  /** Creates (or updates, when `id` is known) a Telegram user. */
  user(options: Parameters<World["user"]>[0] = {}): User {
    return this.world.user(options);
  }

  /** Creates a group or supergroup the bot is a member of. */
  group(options: Parameters<World["group"]>[0] = {}): Chat {
    return this.world.group(options);
  }

  /**
   * A user sends a text message (default: in their private chat with the bot).
   * `bot_command`, url, mention, hashtag and email entities are detected unless
   * `entities` is given. Returns the user's message. In groups with privacy mode
   * on, the update is only queued when Telegram would deliver it.
   */
  sendMessage(options: Parameters<UserActions["sendMessage"]>[0]): T.StoredMessage {
    return this.actions.sendMessage(options);
  }

  /**
   * A user presses the inline keyboard button with callback data `data` on a
   * bot message (or inline message). Throws if no such button is shown, unless
   * `options.unchecked`. Returns the callback query id.
   */
  pressButton(target: T.PressTarget, data: string, options: { unchecked?: boolean } = {}): string {
    return this.actions.pressButton(target, data, options);
  }

  /** Like {@link pressButton}, finding the callback button by its text. */
  pressButtonByText(target: T.PressTarget, text: string): string {
    return this.actions.pressButtonByText(target, text);
  }

  /** A user types an inline query. Returns the inline query id. */
  inlineQuery(options: Parameters<UserActions["inlineQuery"]>[0]): string {
    return this.actions.inlineQuery(options);
  }

  /**
   * The user picks result `resultId` of an answered inline query and posts it
   * (into `chat` if given). Creates the inline message and returns its
   * `inline_message_id`. With `inlineFeedback` on, queues a
   * `chosen_inline_result` update, which carries the inline_message_id only
   * when the result has a reply_markup.
   */
  chooseInlineResult(options: { from: User; inlineQueryId: string; resultId: string; chat?: Chat }): string {
    return this.actions.chooseInlineResult(options);
  }

  /**
   * A user sends a document (or a photo) known only by its size, e.g. 30 MB
   * to see getFile refuse it. Returns the user's message; privacy mode
   * applies to its caption as to a text.
   */
  sendFile(options: UserFileOptions): T.StoredMessage {
    return this.extra.files.send(options);
  }

  /** A user shares their own contact, as pressing a `request_contact` button does. Returns the message. */
  shareContact(options: ShareContactOptions): T.StoredMessage {
    return this.extra.messages.shareContact(options);
  }

  /** Makes a user a member of a group (for getChatMember and the counts); `silent` adds members no method names. */
  addMember(chatId: number, user?: User, role: MemberRole = "member", silent = 0): void {
    this.extra.members.add(chatId, user, role, silent);
  }

  /** Promotes the bot to administrator of a group (it then sees every message there), or demotes it. */
  setBotAdmin(chatId: number, isAdmin: boolean): void {
    this.extra.members.setBotAdmin(chatId, isAdmin);
  }

  /** The reactions the bot has set on a message with setMessageReaction. */
  reactions(chatId: number, messageId: number): ReactionType[] {
    return this.extra.messages.reactions(chatId, messageId);
  }

  /** Queues an arbitrary update (update_id is assigned). Returns its update_id. */
  enqueueUpdate(update: object): number {
    const raw: Record<string, unknown> = { ...(update as Record<string, unknown>) };
    delete raw.update_id;
    return this.updates.enqueue(raw);
  }

  // ------------------------------------------------------------ observing

  /** Messages of a chat, oldest first, edits applied, deleted ones left out. */
  chatMessages(chatId: number): T.StoredMessage[] {
    return this.observer.chatMessages(chatId);
  }

  /** The newest message the bot sent to a chat. */
  lastBotMessage(chatId: number): T.StoredMessage | undefined {
    return this.observer.lastBotMessage(chatId);
  }

  /** The reply keyboard (or removal / force reply) the bot last sent to a chat. */
  replyKeyboard(chatId: number): T.ReplyKeyboard | undefined {
    return this.observer.replyKeyboard(chatId);
  }

  /** An inline message as it is now, edits applied. */
  inlineMessage(inlineMessageId: string): T.InlineMessage | undefined {
    return this.observer.inlineMessage(inlineMessageId);
  }

  /** Undefined until the bot called answerCallbackQuery for this id. */
  callbackAnswer(callbackQueryId: string): T.CallbackAnswer | undefined {
    return this.observer.callbackAnswer(callbackQueryId);
  }

  /** Undefined until the bot called answerInlineQuery for this id. */
  inlineAnswer(inlineQueryId: string): T.InlineAnswer | undefined {
    return this.observer.inlineAnswer(inlineQueryId);
  }

  /** Every call received, in order. */
  get calls(): T.ApiCall[] {
    return [...this.calls_.log];
  }

  /** The calls that were answered with an error. */
  get errors(): T.ApiCall[] {
    return this.calls_.log.filter((c) => !c.ok);
  }

  /** Calls `listener` for every answered call. Returns an unsubscribe function. */
  onCall(listener: (call: T.ApiCall) => void): () => void {
    this.calls_.listeners.add(listener);
    return () => this.calls_.listeners.delete(listener);
  }

  /**
   * Calls `listener` with every update queued for the bot, when it is queued.
   * Updates Telegram would not deliver (privacy mode, allowed_updates) are not
   * queued, so they are not reported. Returns an unsubscribe function.
   */
  onUpdate(listener: (update: Update) => void): () => void {
    this.updates.listeners.add(listener);
    return () => this.updates.listeners.delete(listener);
  }

  /** Updates queued and not yet confirmed (polling) or accepted (webhook). */
  get pendingUpdateCount(): number {
    return this.updates.queue.length;
  }

  /** Commands set with setMyCommands for a scope (default: `{ type: "default" }`) and language (default ""). */
  commands(scope: BotCommandScope = { type: "default" }, languageCode = ""): BotCommand[] {
    return this.settings.commands(scope, languageCode);
  }

  /** The menu button a private chat shows: its own if one was set for it, else the bot's default. */
  menuButton(chatId?: number): MenuButton {
    return this.settings.menuButton(chatId);
  }

  /** The description set with setMyDescription for a language (default ""). */
  description(languageCode = ""): string {
    return this.settings.description(languageCode);
  }

  /** The short description set with setMyShortDescription for a language (default ""). */
  shortDescription(languageCode = ""): string {
    return this.settings.shortDescription(languageCode);
  }

  /** The name set with setMyName for a language; the bot's first name for "" when none was set. */
  name(languageCode = ""): string {
    return this.settings.name(languageCode);
  }

  /** The current webhook URL, or "" when polling. */
  get webhookUrl(): string {
    return this.webhooks.url;
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
  waitFor<R>(condition: () => R | undefined | null | false, options: WaitOptions = {}): Promise<R> {
    return this.activity.waitFor(condition, options);
  }

  /** True while a getUpdates long poll is waiting for updates. */
  get isPolling(): boolean {
    return this.updates.polling;
  }

  /**
   * Resolves once a getUpdates long poll is waiting, i.e. a polling bot has
   * finished its start-up (including `deleteWebhook({ drop_pending_updates })`).
   */
  waitForPolling(options: WaitOptions = {}): Promise<true> {
    return this.waitFor(() => this.updates.polling, { message: "a pending getUpdates long poll", ...options });
  }

  /** Resolves when the bot has answered the callback query. */
  waitForCallbackAnswer(callbackQueryId: string, options: WaitOptions = {}): Promise<T.CallbackAnswer> {
    return this.observer.waitForCallbackAnswer(callbackQueryId, options);
  }

  /** Resolves when the bot has answered the inline query. */
  waitForInlineAnswer(inlineQueryId: string, options: WaitOptions = {}): Promise<T.InlineAnswer> {
    return this.observer.waitForInlineAnswer(inlineQueryId, options);
  }

  /** Resolves with the first bot message in the chat whose message_id is greater than `afterMessageId` (default 0). */
  waitForBotMessage(chatId: number, afterMessageId = 0, options: WaitOptions = {}): Promise<T.StoredMessage> {
    return this.observer.waitForBotMessage(chatId, afterMessageId, options);
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

  // ------------------------------------------------------------ faults and webhook delivery

  /**
   * Starts an outage of the whole Bot API: every open connection is reset
   * (calls in progress fail, a waiting getUpdates too) and so is every new
   * one, until `end()` is called.
   */
  outage(): Outage {
    return this.cutter.start();
  }

  /** Makes the next matching call(s) fail, hang or drop the connection. */
  injectFault(spec: T.FaultSpec): T.InjectedFault {
    return this.faults.inject(spec);
  }

  /**
   * Delivers queued updates to the webhook now (without waiting for a retry
   * timer). Resolves with the number of updates the webhook accepted.
   */
  deliverPending(): Promise<number> {
    return this.webhooks.flush();
  }

  /** Webhook deliveries in progress right now (at most the webhook's max_connections). */
  get webhookDeliveries(): number {
    return this.webhooks.deliveries;
  }
}
