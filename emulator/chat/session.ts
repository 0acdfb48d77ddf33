import type {
  Chat,
  InlineKeyboardButton,
  InlineQueryResult,
  InlineQueryResultsButton,
  Message,
  Update,
  User,
} from "grammy/types";
import type { ApiCall, BotApiEmulator, MessageContent } from "../emulator.js";
import { parseSize, replyKeyboardButtons, replyKeyboardLines, sizeLabel } from "./extras.js";
import {
  keyboardButtons,
  paint,
  renderAlbum,
  renderCallError,
  renderContent,
  renderInlineResult,
  type Style,
} from "./render.js";

/** A message whose buttons can be pressed: a chat message, possibly posted through inline mode. */
interface Target {
  chatId: number;
  messageId: number;
  inlineMessageId?: string;
}

/** The inline query whose results were listed last. */
interface ListedQuery {
  id: string;
  query: string;
  results: InlineQueryResult[];
  button?: InlineQueryResultsButton;
  /** The bot's next_offset: where the next page starts, if there is one. */
  nextOffset?: string;
}

/** Options of {@link ChatSession}. */
export interface ChatSessionOptions {
  emu: BotApiEmulator;
  style: Style;
  /** A person at a terminal: no echo of the input, switch-inline buttons prefill the prompt. */
  interactive: boolean;
  /** Receives the output: lines, without the final newline. */
  write: (text: string) => void;
  /**
   * How long one input may keep the bot busy, in ms. Default 60000: drawing
   * the /table pictures takes seconds. Work that makes no API call for a
   * while, such as drawing a picture, is seen by the emulator only when the
   * bot's `handleUpdate` is wrapped with `emu.trackHandling`; that keeps the
   * output in order.
   */
  idleTimeoutMs?: number;
}

/** What {@link ChatSession.handle} asks of the terminal after an input. */
export type HandleResult = { quit: true } | { quit: false; prefill?: string };

const GROUP_TITLE = "Test group";
/** Members of the group nobody has seen write: they count in getChatMemberCount only. */
const SILENT_MEMBERS = 12;
/** Size of `:photo` without one. */
const DEFAULT_PHOTO_SIZE = 2 * 1024 * 1024;
const LANGUAGE_RE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** What can be typed besides messages, and what it does. */
const HELP_ROWS: Array<[string, string]> = [
  ["N", "press button N of the last message shown with buttons"],
  ["M.N", 'press button N of message M ("msg M" in its header)'],
  ["@ QUERY", "inline query (also @<bot> QUERY); the results are listed as #1, #2, …"],
  ["@+", "the next page of the last inline query's results, as a client asks while scrolling"],
  ["#N", "post inline result N into this chat (#0: the button above the results)"],
  [":group", "switch to a group with the bot (privacy mode: try /compare@<bot>, mentions)"],
  [":private", "switch back to the private chat with the bot"],
  [":lang [CODE]", "show or set your Telegram app's language, e.g. :lang ru"],
  [":reply M TEXT", "send TEXT as a reply to message M (:reply M @<bot> asks the bot about it)"],
  [":file SIZE [NAME.EXT] [CAPTION]", "send a file of SIZE, e.g. :file 30MB video.mp4 (1 MB = 1024×1024 bytes)"],
  [":photo [SIZE] [CAPTION]", "send a photo (2MB unless given)"],
  [":contact", "share your phone number, as a request_contact button does"],
  ["kN", "press button N of the keyboard under the input line (⌨ [kN])"],
  [":as NAME TEXT", "in the group: another member, NAME, sends TEXT"],
  [":promote, :demote", "make the bot an admin of the group (it then sees every message), or not"],
  [":say TEXT", "send TEXT as it is (a number, or a line starting with @ or :)"],
  [":data DATA", "press a forged button with callback data DATA on the last bot message"],
  [":fail METHOD [CODE] [TEXT]", "make the bot's next METHOD call fail with that error"],
  [":help, :quit", "this help; leave (Ctrl-D too)"],
];

/** The chat tool's own commands; `/group`, `/private`, `/lang` and `/quit` also work with a slash. */
export const TOOL_HELP = [
  "Type a message or a command to send it to the bot (/start, /compare, /choose, /language, /help, …).",
  ...HELP_ROWS.map(([what, does]) => `  ${what.padEnd(34)}${does}`),
  "/group, /private, /lang and /quit work too; /help and /language go to the bot.",
].join("\n");

/**
 * A Telegram user chatting with the bot through the emulator, driven by
 * lines of input. Everything the bot does in reply (messages, edits,
 * toasts, inline results, rejected calls) is collected as it happens and
 * written once the bot is idle, in the order it happened.
 */
export class ChatSession {
  private readonly emu: BotApiEmulator;
  private readonly style: Style;
  private readonly interactive: boolean;
  private readonly write: (text: string) => void;
  private readonly idleTimeoutMs: number;
  private readonly bot: string;
  private readonly pending: string[] = [];
  /** Per chat: the message whose buttons bare numbers press. */
  private readonly current = new Map<number, Target>();
  /** Per chat: the bot message shown last, for :data. */
  private readonly lastShown = new Map<number, Target>();
  private readonly inlineByMessage = new Map<string, string>();
  private readonly delivered = new Set<string>();
  /** Inline queries sent and not yet listed: id -> query. */
  private readonly queries = new Map<string, string>();
  /** Checks to run once the bot is idle after an input. */
  private readonly afterIdle: Array<() => void> = [];
  /** Calls the bot made other than getUpdates. */
  private callCount = 0;
  private readonly unsubscribe: Array<() => void>;
  private user: User;
  private group: Chat | undefined;
  private chat: Chat;
  private listed: ListedQuery | undefined;
  private hinted = false;
  /** Per chat: the bot message a force_reply asked the user to answer; their next message replies to it. */
  private readonly forceReply = new Map<number, number>();
  /** Other members of the group, by name (:as). */
  private readonly others = new Map<string, User>();

  constructor(options: ChatSessionOptions) {
    this.emu = options.emu;
    this.style = options.style;
    this.interactive = options.interactive;
    this.write = options.write;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.bot = this.emu.botInfo.username;
    this.user = this.emu.user({ first_name: "Alice", username: "alice", language_code: "en" });
    this.chat = this.privateChat();
    this.unsubscribe = [
      this.emu.onCall((call) => this.onCall(call)),
      this.emu.onUpdate((update) => this.onUpdate(update)),
    ];
  }

  /** The prompt for the current chat. */
  get prompt(): string {
    const where = this.chat.type === "private" ? "" : ` @ ${this.chat.title}`;
    return `${paint(this.style, ["bold", "cyan"], `you${where} ›`)} `;
  }

  /** The simulated user, as the emulator records it in updates. */
  get from(): User {
    return { ...this.user };
  }

  /** Stops listening to the emulator. */
  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  /** Reports a failure of the bot that is not a rejected call (those are shown as they happen). */
  botError(text: string): void {
    this.pending.push(paint(this.style, ["bold", "red"], `✖ bot: ${text}`));
  }

  /** Writes what happened since the last flush, then a blank line. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.write(`${this.pending.join("\n")}\n`);
    this.pending.length = 0;
  }

  /** Handles one line of input, waits until the bot is idle, and writes the outcome. */
  async handle(input: string): Promise<HandleResult> {
    const line = input.trim();
    if (line === "") return { quit: false };
    if (!this.interactive) this.pending.push(paint(this.style, "dim", `> ${line}`));
    let result: HandleResult = { quit: false };
    try {
      result = this.dispatch(line);
    } catch (err) {
      this.note(`✖ ${err instanceof Error ? err.message.replace(/^emulator: /, "") : String(err)}`, ["red"]);
    }
    await this.settle();
    for (const check of this.afterIdle.splice(0)) check();
    this.flush();
    return result;
  }

  // ------------------------------------------------------------ input

  private dispatch(line: string): HandleResult {
    const tool = /^(?::(\w+)|\/(group|private|lang|quit))(?:\s+([\s\S]*))?$/i.exec(line);
    if (tool !== null) return this.toolCommand((tool[1] ?? tool[2] ?? "").toLowerCase(), (tool[3] ?? "").trim());
    let m = /^(\d+)$/.exec(line);
    if (m !== null) return this.pressNumbered(undefined, Number(m[1]));
    m = /^(\d+)\.(\d+)$/.exec(line);
    if (m !== null) return this.pressNumbered(Number(m[1]), Number(m[2]));
    m = /^#(\d+)$/.exec(line);
    if (m !== null) return this.pick(Number(m[1]));
    m = /^k(\d+)$/i.exec(line);
    if (m !== null) return this.pressKey(Number(m[1]));
    if (line.trim() === "@+") {
      const listed = this.listed;
      if (listed?.nextOffset === undefined) this.note("✖ no more inline results (type @ QUERY first)", ["red"]);
      else this.runInlineQuery(listed.query, listed.nextOffset);
      return { quit: false };
    }
    const inline = this.inlineQueryText(line);
    if (inline !== undefined) {
      this.runInlineQuery(inline);
      return { quit: false };
    }
    this.send(line);
    return { quit: false };
  }

  private toolCommand(name: string, arg: string): HandleResult {
    switch (name) {
      case "quit":
      case "exit":
        return { quit: true };
      case "help":
        this.pending.push(TOOL_HELP);
        break;
      case "group":
        this.group ??= this.newGroup();
        this.chat = this.group;
        this.note(
          `(now in the group "${GROUP_TITLE}"; privacy mode is on: the bot gets commands, replies to its messages and mentions of @${this.bot})`,
        );
        break;
      case "private":
        this.chat = this.privateChat();
        this.note(`(now in the private chat with @${this.bot})`);
        break;
      case "lang":
        if (arg === "") {
          this.note(`(your Telegram app's language is ${this.user.language_code ?? "not set"}; :lang CODE changes it)`);
        } else if (!LANGUAGE_RE.test(arg)) {
          this.note(`✖ not a language code: ${arg} (try :lang ru)`, ["red"]);
        } else {
          const { id, first_name, username } = this.user;
          this.user = this.emu.user({
            id,
            first_name,
            ...(username !== undefined ? { username } : {}),
            language_code: arg.toLowerCase(),
          });
          this.note(`(your Telegram app's language is now ${arg.toLowerCase()})`);
        }
        break;
      case "say":
        if (arg === "") this.note("✖ :say needs a text", ["red"]);
        else this.send(arg);
        break;
      case "reply": {
        const m = /^(\d+)\s+([\s\S]+)$/.exec(arg);
        if (m === null) this.note("✖ usage: :reply M TEXT", ["red"]);
        else this.send(m[2] ?? "", Number(m[1]));
        break;
      }
      case "file": {
        const m = /^(\S+)(?:\s+(\S+\.[A-Za-z0-9]{1,8}))?(?:\s+([\s\S]+))?$/.exec(arg);
        const size = parseSize(m?.[1] ?? "");
        if (m === null || size === undefined)
          this.note("✖ usage: :file SIZE [NAME.EXT] [CAPTION], e.g. :file 30MB", ["red"]);
        else this.sendFile("document", size, m[2], m[3]);
        break;
      }
      case "photo": {
        const m = /^(\d[\d.]*\s*[KMG]?i?B?)?(?:\s*([\s\S]+))?$/i.exec(arg);
        const size = m?.[1] === undefined ? DEFAULT_PHOTO_SIZE : parseSize(m[1]);
        if (m === null || size === undefined) this.note("✖ usage: :photo [SIZE] [CAPTION]", ["red"]);
        else this.sendFile("photo", size, undefined, m[2]);
        break;
      }
      case "contact":
        if (this.chat.type !== "private") {
          this.note("✖ Telegram shares a contact through a button in private chats only: /private first", ["red"]);
        } else {
          this.shareContact();
        }
        break;
      case "as": {
        const m = /^(\S+)\s+([\s\S]+)$/.exec(arg);
        if (m === null) this.note("✖ usage: :as NAME TEXT", ["red"]);
        else if (this.chat.type === "private")
          this.note("✖ only you and the bot are in this chat: :group first", ["red"]);
        else this.sendAs(m[1] ?? "", m[2] ?? "");
        break;
      }
      case "promote":
      case "demote":
        if (this.group === undefined || this.chat.id !== this.group.id) {
          this.note("✖ go to the group first (:group)", ["red"]);
        } else {
          this.emu.setBotAdmin(this.group.id, name === "promote");
          this.note(
            name === "promote"
              ? `(@${this.bot} is now an admin of the group: it gets every message there)`
              : `(@${this.bot} is no longer an admin: privacy mode applies again)`,
          );
        }
        break;
      case "data": {
        const target = this.lastShown.get(this.chat.id);
        if (arg === "") this.note("✖ usage: :data CALLBACK_DATA", ["red"]);
        else if (target === undefined) this.note("✖ no bot message in this chat yet", ["red"]);
        else this.pressCallback(target, arg, true);
        break;
      }
      case "fail": {
        const m = /^(\w+)(?:\s+(\d{3}))?(?:\s+([\s\S]+))?$/.exec(arg);
        if (m === null) {
          this.note("✖ usage: :fail METHOD [CODE] [DESCRIPTION]", ["red"]);
          break;
        }
        const method = m[1] ?? "";
        const code = Number(m[2] ?? 400);
        const description = m[3] ?? (code === 400 ? "Bad Request: injected by :fail" : undefined);
        this.emu.injectFault({
          method,
          response: { error_code: code, ...(description !== undefined ? { description } : {}) },
        });
        this.note(
          `(the bot's next ${method} call will fail with ${code}${description !== undefined ? ` ${description}` : ""})`,
        );
        break;
      }
      default:
        this.note(`✖ unknown command :${name} (:help lists them)`, ["red"]);
    }
    return { quit: false };
  }

  /** The query of an inline-mode line (`@ q`, `@<bot> q`), or undefined for an ordinary message. */
  private inlineQueryText(line: string): string | undefined {
    const m = /^@(\w*)(?:\s+([\s\S]*))?$/.exec(line);
    if (m === null) return undefined;
    const name = m[1] ?? "";
    if (name !== "" && name.toLowerCase() !== this.bot.toLowerCase()) return undefined;
    return (m[2] ?? "").trim();
  }

  private send(text: string, replyTo?: number): void {
    const to = replyTo ?? this.forcedReply();
    const sent = this.emu.sendMessage({
      from: this.user,
      chat: this.chat,
      text,
      ...(to !== undefined ? { reply_to_message_id: to } : {}),
    });
    this.expectAnswer(sent);
  }

  /** The bot message a force_reply asked to answer in this chat, once; the next message is sent as its reply. */
  private forcedReply(): number | undefined {
    const id = this.forceReply.get(this.chat.id);
    if (id === undefined) return undefined;
    this.forceReply.delete(this.chat.id);
    this.note(`(as a reply to msg ${id}: the bot asked for one)`);
    return id;
  }

  private sendFile(
    kind: "document" | "photo",
    size: number,
    name: string | undefined,
    caption: string | undefined,
  ): void {
    const to = this.forcedReply();
    const sent = this.emu.sendFile({
      from: this.user,
      chat: this.chat,
      kind,
      size,
      ...(name !== undefined ? { file_name: name } : {}),
      ...(caption !== undefined ? { caption } : {}),
      ...(to !== undefined ? { reply_to_message_id: to } : {}),
    });
    const what = kind === "photo" ? "a photo" : (sent.document?.file_name ?? "a file");
    this.note(`(you sent ${what}, ${sizeLabel(size)} · msg ${sent.message_id})`);
    this.expectAnswer(sent);
  }

  private shareContact(): void {
    const sent = this.emu.shareContact({ from: this.user, chat: this.chat });
    this.note(`(you shared your contact, ${sent.contact?.phone_number ?? ""} · msg ${sent.message_id})`);
    this.expectAnswer(sent);
  }

  private sendAs(name: string, text: string): void {
    let other = this.others.get(name.toLowerCase());
    if (other === undefined) {
      other = this.emu.user({ first_name: name, language_code: this.user.language_code ?? "en" });
      this.others.set(name.toLowerCase(), other);
    }
    const sent = this.emu.sendMessage({ from: other, chat: this.chat, text });
    this.note(`(${name} · msg ${sent.message_id}: ${text})`);
    this.expectAnswer(sent);
  }

  /** A group where the user is the creator, with some members who never write. */
  private newGroup(): Chat {
    const group = this.emu.group({ title: GROUP_TITLE });
    this.emu.addMember(group.id, this.user, "creator", SILENT_MEMBERS);
    return group;
  }

  /** Notes, once the bot is idle, whether it got a message and answered it. */
  private expectAnswer(sent: { chat: { id: number }; message_id: number }): void {
    if (this.delivered.delete(`${sent.chat.id}:${sent.message_id}`)) {
      const before = this.callCount;
      this.afterIdle.push(() => this.checkAnswered(before));
    } else {
      this.note(
        `(the bot does not get this message: in groups with privacy mode it gets only commands for it, replies to its messages and mentions of @${this.bot})`,
      );
    }
  }

  /** Waits until the emulator has nothing queued or in progress and the bot works on no update. */
  private async settle(): Promise<void> {
    try {
      await this.emu.waitUntilIdle({ timeout: this.idleTimeoutMs });
    } catch {
      this.note(`✖ the bot is still busy after ${this.idleTimeoutMs / 1000} s`, ["red"]);
    }
  }

  /** Notes a message the bot got and did nothing about (ignored, or over its flood limit). */
  private checkAnswered(callsBefore: number): void {
    if (this.callCount === callsBefore) this.note("(no answer from the bot)");
  }

  // ------------------------------------------------------------ buttons

  private pressNumbered(messageId: number | undefined, n: number): HandleResult {
    let target: Target | undefined;
    if (messageId === undefined) {
      target = this.current.get(this.chat.id);
      if (target === undefined) throw new Error("no message with buttons here yet (or use :say to send a number)");
    } else {
      const inlineMessageId = this.inlineByMessage.get(`${this.chat.id}:${messageId}`);
      target = { chatId: this.chat.id, messageId, ...(inlineMessageId !== undefined ? { inlineMessageId } : {}) };
    }
    const content = this.content(target);
    if (content === undefined) throw new Error(`no message ${target.messageId} in this chat`);
    const buttons = keyboardButtons(content.reply_markup);
    const button = buttons[n - 1];
    if (button === undefined) {
      throw new Error(
        buttons.length === 0
          ? `message ${target.messageId} has no buttons`
          : `message ${target.messageId} has buttons 1 to ${buttons.length}`,
      );
    }
    return this.press(target, button);
  }

  private press(target: Target, button: InlineKeyboardButton): HandleResult {
    const b = button as InlineKeyboardButton & Record<string, unknown>;
    if (typeof b.callback_data === "string") {
      this.pressCallback(target, b.callback_data, false);
      return { quit: false };
    }
    if (typeof b.url === "string") {
      const group = this.startGroupPayload(b.url);
      const start = this.deepLinkPayload(b.url);
      if (group !== undefined) {
        this.group ??= this.newGroup();
        this.chat = this.group;
        const command = `/start@${this.bot}${group === "" ? "" : ` ${group}`}`;
        this.note(`(you add @${this.bot} to the group "${GROUP_TITLE}"; Telegram sends ${command} there)`);
        this.send(command);
      } else if (start === undefined) {
        this.note(`(opens ${b.url})`);
      } else {
        this.chat = this.privateChat();
        this.note(`(opens the private chat with @${this.bot}, which sends /start${start === "" ? "" : ` ${start}`})`);
        this.send(start === "" ? "/start" : `/start ${start}`);
      }
      return { quit: false };
    }
    const query =
      typeof b.switch_inline_query === "string"
        ? b.switch_inline_query
        : typeof b.switch_inline_query_current_chat === "string"
          ? b.switch_inline_query_current_chat
          : b.switch_inline_query_chosen_chat !== undefined
            ? ((b.switch_inline_query_chosen_chat as { query?: string }).query ?? "")
            : undefined;
    if (query !== undefined) {
      const text = `@${this.bot} ${query}`;
      if (this.interactive) {
        this.note("(the inline query is in your input line: edit it or press Enter)");
        return { quit: false, prefill: text };
      }
      this.pending.push(paint(this.style, "dim", `> ${text}`));
      this.runInlineQuery(query);
      return { quit: false };
    }
    if (b.copy_text !== undefined) {
      this.note(`(copied: ${(b.copy_text as { text?: string }).text ?? ""})`);
      return { quit: false };
    }
    this.note("(this kind of button is not emulated)");
    return { quit: false };
  }

  /** Presses button N of the reply keyboard the bot shows in this chat. */
  private pressKey(n: number): HandleResult {
    const buttons = replyKeyboardButtons(this.emu.replyKeyboard(this.chat.id));
    const button = buttons[n - 1];
    if (button === undefined)
      throw new Error(buttons.length === 0 ? "no keyboard under the input line here" : `keys k1 to k${buttons.length}`);
    if (typeof button === "string" || Object.keys(button).length === 1) {
      this.send(typeof button === "string" ? button : button.text);
    } else if ("request_contact" in button && button.request_contact === true) {
      this.shareContact();
    } else {
      this.note("(this kind of key is not emulated)");
    }
    return { quit: false };
  }

  private pressCallback(target: Target, data: string, forged: boolean): void {
    const where =
      target.inlineMessageId !== undefined
        ? { inlineMessageId: target.inlineMessageId }
        : { message: { chat: { id: target.chatId }, message_id: target.messageId } };
    const id = this.emu.pressButton({ from: this.user, ...where }, data, { unchecked: forged });
    this.afterIdle.push(() => {
      if (this.emu.callbackAnswer(id)?.answered !== true) {
        this.note("(the bot did not answer the callback query: Telegram would show a spinner on the button)", ["red"]);
      }
    });
  }

  /** `start` payload of a t.me link that opens this bot, or undefined for other links. */
  private deepLinkPayload(url: string): string | undefined {
    const parsed = this.botLink(url);
    return parsed === undefined ? undefined : (parsed.searchParams.get("start") ?? "");
  }

  /** `startgroup` payload of a t.me link that adds this bot to a group, or undefined for other links. */
  private startGroupPayload(url: string): string | undefined {
    return this.botLink(url)?.searchParams.get("startgroup") ?? undefined;
  }

  /** A t.me link to this bot, parsed; undefined for other links. */
  private botLink(url: string): URL | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (!/^(?:t\.me|telegram\.me)$/i.test(parsed.hostname)) return undefined;
    if (parsed.pathname.replace(/^\//, "").toLowerCase() !== this.bot.toLowerCase()) return undefined;
    return parsed;
  }

  // ------------------------------------------------------------ inline mode

  private runInlineQuery(query: string, offset = ""): void {
    const chatType = this.chat.type === "private" ? "sender" : this.chat.type;
    const id = this.emu.inlineQuery({ from: this.user, query, offset, chat_type: chatType });
    this.listed = undefined;
    this.afterIdle.push(() => {
      if (this.emu.inlineAnswer(id)?.answered !== true) this.note("(the bot did not answer the inline query)", ["red"]);
    });
    this.queries.set(id, query);
  }

  private pick(n: number): HandleResult {
    const listed = this.listed;
    if (listed === undefined) throw new Error("no inline results to pick from (type @ QUERY first)");
    if (n === 0) {
      const button = listed.button;
      if (button?.start_parameter === undefined) throw new Error("the results have no button (#0)");
      this.chat = this.privateChat();
      this.note(`(opens the private chat with @${this.bot}, which sends /start ${button.start_parameter})`);
      this.send(`/start ${button.start_parameter}`);
      return { quit: false };
    }
    const result = listed.results[n - 1];
    if (result === undefined)
      throw new Error(listed.results.length === 0 ? "there were no results" : `pick #1 to #${listed.results.length}`);
    const inlineMessageId = this.emu.chooseInlineResult({
      from: this.user,
      inlineQueryId: listed.id,
      resultId: result.id,
      chat: this.chat,
    });
    const message = this.emu.inlineMessage(inlineMessageId);
    if (message?.message_id !== undefined) {
      this.inlineByMessage.set(`${this.chat.id}:${message.message_id}`, inlineMessageId);
      this.show({ chatId: this.chat.id, messageId: message.message_id, inlineMessageId }, message, false);
    }
    return { quit: false };
  }

  // ------------------------------------------------------------ what the bot does

  private onUpdate(update: Update): void {
    const m = update.message;
    if (m !== undefined) this.delivered.add(`${m.chat.id}:${m.message_id}`);
  }

  private onCall(call: ApiCall): void {
    if (call.method !== "getUpdates") this.callCount++;
    if (!call.ok) {
      this.pending.push(renderCallError(call, this.style));
      return;
    }
    const p = call.params;
    switch (call.method) {
      case "sendMessage":
      case "sendPhoto":
      case "sendDocument": {
        const m = call.result as Message;
        this.show({ chatId: m.chat.id, messageId: m.message_id }, m, false, m);
        this.replyMarkup(p.reply_markup, m);
        break;
      }
      case "copyMessage": {
        const chatId = typeof p.chat_id === "number" ? p.chat_id : Number(p.chat_id);
        const id = (call.result as { message_id: number }).message_id;
        const m = this.emu.chatMessages(chatId).find((x) => x.message_id === id);
        if (m !== undefined) this.show({ chatId, messageId: id }, m, false, m as unknown as Message);
        this.replyMarkup(p.reply_markup, m as unknown as Message | undefined);
        break;
      }
      case "setMessageReaction": {
        const reaction = Array.isArray(p.reaction) ? (p.reaction as Array<{ emoji?: string }>) : [];
        const emoji = reaction.map((r) => r.emoji ?? "custom emoji").join(" ");
        this.note(
          reaction.length === 0
            ? `(the bot took its reaction off msg ${String(p.message_id)})`
            : `(the bot reacted ${emoji} to msg ${String(p.message_id)})`,
        );
        break;
      }
      case "sendMediaGroup": {
        const items = call.result as Message[];
        const first = items[0];
        const last = items.at(-1);
        if (first === undefined || last === undefined) break;
        const parts = [`bot · msgs ${first.message_id}-${last.message_id}`, `album of ${items.length}`];
        if (first.chat.id !== this.chat.id) parts.push(`in ${this.chatTitleById(first.chat.id)}`);
        this.pending.push(renderAlbum(parts.join(" · "), items, this.style));
        break;
      }
      case "editMessageText":
      case "editMessageCaption":
      case "editMessageMedia":
      case "editMessageReplyMarkup": {
        if (typeof p.inline_message_id === "string") {
          const inline = this.emu.inlineMessage(p.inline_message_id);
          if (inline === undefined) break;
          const chatId = inline.chat?.id;
          const messageId = inline.message_id;
          if (chatId === undefined || messageId === undefined) {
            this.pending.push(
              renderContent(`inline message ${p.inline_message_id} · edited`, inline, this.bot, this.style),
            );
          } else {
            this.show({ chatId, messageId, inlineMessageId: p.inline_message_id }, inline, true);
          }
        } else if (typeof call.result === "object" && call.result !== null) {
          const m = call.result as Message;
          this.show({ chatId: m.chat.id, messageId: m.message_id }, m, true, m);
        }
        break;
      }
      case "deleteMessage":
        this.note(`(the bot deleted msg ${String(p.message_id)})`);
        break;
      case "deleteMessages":
        this.note(`(the bot deleted msgs ${Array.isArray(p.message_ids) ? p.message_ids.join(", ") : ""})`);
        break;
      case "answerCallbackQuery": {
        if (typeof p.text === "string" && p.text !== "")
          this.pending.push(paint(this.style, "yellow", `(${p.show_alert === true ? "alert" : "toast"}) ${p.text}`));
        if (typeof p.url === "string") this.note(`(opens ${p.url})`);
        break;
      }
      case "answerInlineQuery":
        this.listInline(String(p.inline_query_id));
        break;
      default:
        break;
    }
  }

  private listInline(id: string): void {
    const query = this.queries.get(id);
    if (query === undefined) return;
    this.queries.delete(id);
    const answer = this.emu.inlineAnswer(id);
    const results = answer?.results ?? [];
    this.listed = { id, query, results, ...(answer?.button !== undefined ? { button: answer.button } : {}) };
    if (answer?.next_offset !== undefined && answer.next_offset !== "") this.listed.nextOffset = answer.next_offset;
    const lines = [
      paint(this.style, ["bold", "magenta"], `inline results for "${query}"${results.length === 0 ? ": none" : ":"}`),
    ];
    results.forEach((r, i) => lines.push(renderInlineResult(r, i + 1, this.style)));
    const button = answer?.button;
    if (button !== undefined) {
      const opens = button.start_parameter !== undefined ? ` → /start ${button.start_parameter}` : " (web app)";
      lines.push(`  ${paint(this.style, ["bold", "magenta"], "#0")} ${button.text}${opens}`);
    }
    if (results.length > 0 && (this.interactive || !this.hinted)) {
      const which = results.length === 1 ? "#1 to send it" : `#1…#${results.length} to send one`;
      lines.push(paint(this.style, "dim", `(type ${which} into this chat; plain numbers still press message buttons)`));
      this.hinted = true;
    }
    if (this.listed.nextOffset !== undefined) lines.push(paint(this.style, "dim", "(more results: type @+)"));
    this.pending.push(lines.join("\n"));
  }

  private show(target: Target, content: MessageContent, edited: boolean, message?: Message): void {
    const parts = [
      target.inlineMessageId !== undefined ? `${this.user.first_name} via @${this.bot}` : "bot",
      `msg ${target.messageId}`,
    ];
    if (message?.reply_to_message !== undefined) parts.push(`reply to ${message.reply_to_message.message_id}`);
    if (edited) parts.push("edited");
    if (target.chatId !== this.chat.id) parts.push(`in ${this.chatTitleById(target.chatId)}`);
    this.pending.push(renderContent(parts.join(" · "), content, this.bot, this.style));
    this.lastShown.set(target.chatId, target);
    if (keyboardButtons(content.reply_markup).length > 0) this.current.set(target.chatId, target);
    else if (this.sameTarget(this.current.get(target.chatId), target)) this.current.delete(target.chatId);
  }

  /** What a reply keyboard, its removal or a force_reply sent with a message changes under the input line. */
  private replyMarkup(markup: unknown, message: Message | undefined): void {
    if (typeof markup !== "object" || markup === null || message === undefined) return;
    const m = markup as Record<string, unknown>;
    if (m.force_reply === true) {
      this.forceReply.set(message.chat.id, message.message_id);
      this.note(`(the bot asks for a reply: your next message here answers msg ${message.message_id})`);
    } else if (m.remove_keyboard === true) {
      this.note("(the bot removed its keyboard)");
    } else if (Array.isArray(m.keyboard)) {
      this.pending.push(replyKeyboardLines(this.emu.replyKeyboard(message.chat.id), this.style).join("\n"));
    }
  }

  // ------------------------------------------------------------ helpers

  private sameTarget(a: Target | undefined, b: Target): boolean {
    return a !== undefined && a.chatId === b.chatId && a.messageId === b.messageId;
  }

  private content(target: Target): MessageContent | undefined {
    if (target.inlineMessageId !== undefined) return this.emu.inlineMessage(target.inlineMessageId);
    return this.emu.chatMessages(target.chatId).find((m) => m.message_id === target.messageId);
  }

  private privateChat(): Chat {
    return { id: this.user.id, type: "private", first_name: this.user.first_name };
  }

  private chatTitleById(chatId: number): string {
    if (this.group !== undefined && this.group.id === chatId && this.group.type !== "private")
      return `"${this.group.title}"`;
    return chatId === this.user.id ? "the private chat" : `chat ${chatId}`;
  }

  private note(text: string, codes: Parameters<typeof paint>[1] = "dim"): void {
    this.pending.push(paint(this.style, codes, text));
  }
}
