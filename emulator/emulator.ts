import type { Chat, ReactionType, User, UserFromGetMe } from "grammy/types";
import type { UserActions } from "./actions.js";
import { configure } from "./config.js";
import { listen } from "./http.js";
import type { MemberRole, ShareContactOptions, UserFileOptions } from "./methods/index.js";
import type { Outage } from "./network.js";
import { EmulatorView } from "./observe.js";
import { assemble, type EmulatorParts } from "./parts.js";
import type { EmulatorOptions, FaultSpec, InjectedFault, PressTarget, StoredMessage } from "./types.js";
import type { World } from "./world.js";

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
 * limits; failures are answered with Telegram's error bodies.
 *
 * This class is a facade: what users do is here, what tests see and wait for
 * is in {@link EmulatorView} (observe.ts), and the parts it drives are wired
 * in parts.ts (the world, the calls and their method tables, HTTP, faults,
 * polling and webhook delivery).
 */
export class BotApiEmulator extends EmulatorView {
  /** Base URL for grammY's `client.apiRoot`, e.g. `http://127.0.0.1:41234`. */
  readonly apiRoot: string;
  /** The token the emulator accepts. */
  readonly token: string;
  /** What getMe returns. */
  readonly botInfo: UserFromGetMe;
  private closing = false;

  private constructor(parts: EmulatorParts, port: number) {
    super(parts);
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = parts.config.token;
    this.botInfo = parts.config.botInfo;
  }

  /** Starts an emulator on 127.0.0.1 with a free port. */
  static async start(options: EmulatorOptions = {}): Promise<BotApiEmulator> {
    const config = configure(options);
    const { server, port } = await listen();
    return new BotApiEmulator(assemble(server, config), port);
  }

  /**
   * Stops the server. Pending long polls are answered with an empty array
   * first, so stop polling bots before (or right after) calling this.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.parts.updates.closing = true;
    this.parts.updates.releasePoll();
    this.parts.activity.changed();
    this.parts.webhooks.close();
    await this.parts.http.close();
  }

  // ------------------------------------------------------------ users and chats

  /** Creates (or updates, when `id` is known) a Telegram user. */
  user(options: Parameters<World["user"]>[0] = {}): User {
    return this.parts.world.user(options);
  }

  /** Creates a group or supergroup the bot is a member of. */
  group(options: Parameters<World["group"]>[0] = {}): Chat {
    return this.parts.world.group(options);
  }

  /** Makes a user a member of a group (for getChatMember and the counts); `silent` adds members no method names. */
  addMember(chatId: number, user?: User, role: MemberRole = "member", silent = 0): void {
    this.parts.extra.members.add(chatId, user, role, silent);
  }

  /** Promotes the bot to administrator of a group (it then sees every message there), or demotes it. */
  setBotAdmin(chatId: number, isAdmin: boolean): void {
    this.parts.extra.members.setBotAdmin(chatId, isAdmin);
  }

  // ------------------------------------------------------------ user actions

  /**
   * A user sends a text message (default: in their private chat with the bot).
   * `bot_command`, url, mention, hashtag and email entities are detected unless
   * `entities` is given. Returns the user's message. In groups with privacy mode
   * on, the update is only queued when Telegram would deliver it.
   */
  sendMessage(options: Parameters<UserActions["sendMessage"]>[0]): StoredMessage {
    return this.parts.actions.sendMessage(options);
  }

  /**
   * A user presses the inline keyboard button with callback data `data` on a
   * bot message (or inline message). Throws if no such button is shown, unless
   * `options.unchecked`. Returns the callback query id.
   */
  pressButton(target: PressTarget, data: string, options: { unchecked?: boolean } = {}): string {
    return this.parts.actions.pressButton(target, data, options);
  }

  /** Like {@link pressButton}, finding the callback button by its text. */
  pressButtonByText(target: PressTarget, text: string): string {
    return this.parts.actions.pressButtonByText(target, text);
  }

  /** A user types an inline query. Returns the inline query id. */
  inlineQuery(options: Parameters<UserActions["inlineQuery"]>[0]): string {
    return this.parts.actions.inlineQuery(options);
  }

  /**
   * The user picks result `resultId` of an answered inline query and posts it
   * (into `chat` if given). Creates the inline message and returns its
   * `inline_message_id`. With `inlineFeedback` on, queues a
   * `chosen_inline_result` update, which carries the inline_message_id only
   * when the result has a reply_markup.
   */
  chooseInlineResult(options: { from: User; inlineQueryId: string; resultId: string; chat?: Chat }): string {
    return this.parts.actions.chooseInlineResult(options);
  }

  /**
   * A user sends a document (or a photo) known only by its size, e.g. 30 MB
   * to see getFile refuse it. Returns the user's message; privacy mode
   * applies to its caption as to a text.
   */
  sendFile(options: UserFileOptions): StoredMessage {
    return this.parts.extra.files.send(options);
  }

  /** A user shares their own contact, as pressing a `request_contact` button does. Returns the message. */
  shareContact(options: ShareContactOptions): StoredMessage {
    return this.parts.extra.messages.shareContact(options);
  }

  /** The reactions the bot has set on a message with setMessageReaction. */
  reactions(chatId: number, messageId: number): ReactionType[] {
    return this.parts.extra.messages.reactions(chatId, messageId);
  }

  /** Queues an arbitrary update (update_id is assigned). Returns its update_id. */
  enqueueUpdate(update: object): number {
    const raw: Record<string, unknown> = { ...(update as Record<string, unknown>) };
    delete raw.update_id;
    return this.parts.updates.enqueue(raw);
  }

  // ------------------------------------------------------------ faults and delivery

  /**
   * Starts an outage of the whole Bot API: every open connection is reset
   * (calls in progress fail, a waiting getUpdates too) and so is every new
   * one, until `end()` is called.
   */
  outage(): Outage {
    return this.parts.cutter.start();
  }

  /** Makes the next matching call(s) fail, hang or drop the connection. */
  injectFault(spec: FaultSpec): InjectedFault {
    return this.parts.faults.inject(spec);
  }

  /**
   * Delivers queued updates to the webhook now (without waiting for a retry
   * timer). Resolves with the number of updates the webhook accepted.
   */
  deliverPending(): Promise<number> {
    return this.parts.webhooks.flush();
  }
}
