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
import { keyboardButtons, paint, renderCallError, renderContent, renderInlineResult, type Style } from "./render.js";

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
  /** How long one input may keep the bot busy, in ms. Default 15000. */
  idleTimeoutMs?: number;
  /**
   * Whether the bot is still working on an update (e.g. the runner's
   * `size() > 0`). Work that makes no API call for a while, such as drawing
   * a picture, is invisible to the emulator; this keeps the output in order.
   */
  isBotBusy?: () => boolean;
}

/** What {@link ChatSession.handle} asks of the terminal after an input. */
export type HandleResult = { quit: true } | { quit: false; prefill?: string };

const GROUP_TITLE = "Test group";
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
  [":reply M TEXT", "send TEXT as a reply to message M"],
  [":say TEXT", "send TEXT as it is (a number, or a line starting with @ or :)"],
  [":data DATA", "press a forged button with callback data DATA on the last bot message"],
  [":fail METHOD [CODE] [TEXT]", "make the bot's next METHOD call fail with that error"],
  [":help, :quit", "this help; leave (Ctrl-D too)"],
];

/** The chat tool's own commands; `/group`, `/private`, `/lang` and `/quit` also work with a slash. */
export const TOOL_HELP = [
  "Type a message or a command to send it to the bot (/start, /compare, /choose, /language, /help, …).",
  ...HELP_ROWS.map(([what, does]) => `  ${what.padEnd(28)}${does}`),
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
  private readonly isBotBusy: () => boolean;
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

  constructor(options: ChatSessionOptions) {
    this.emu = options.emu;
    this.style = options.style;
    this.interactive = options.interactive;
    this.write = options.write;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 15_000;
    this.isBotBusy = options.isBotBusy ?? (() => false);
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
        this.group ??= this.emu.group({ title: GROUP_TITLE });
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
    const sent = this.emu.sendMessage({
      from: this.user,
      chat: this.chat,
      text,
      ...(replyTo !== undefined ? { reply_to_message_id: replyTo } : {}),
    });
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
    const deadline = Date.now() + this.idleTimeoutMs;
    try {
      for (;;) {
        await this.emu.waitUntilIdle({ timeout: Math.max(1, deadline - Date.now()) });
        if (!this.isBotBusy()) return;
        await this.emu.waitFor(() => !this.isBotBusy(), { timeout: Math.max(1, deadline - Date.now()) });
      }
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
      const start = this.deepLinkPayload(b.url);
      if (start === undefined) {
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
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (!/^(?:t\.me|telegram\.me)$/i.test(parsed.hostname)) return undefined;
    if (parsed.pathname.replace(/^\//, "").toLowerCase() !== this.bot.toLowerCase()) return undefined;
    return parsed.searchParams.get("start") ?? "";
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
      case "sendPhoto": {
        const m = call.result as Message;
        this.show({ chatId: m.chat.id, messageId: m.message_id }, m, false, m);
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
