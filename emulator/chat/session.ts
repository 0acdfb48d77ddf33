import type { InlineKeyboardButton, User } from "grammy/types";
import type { BotApiEmulator, MessageContent } from "../emulator.js";
import { deepLinkPayload, parseInput, startGroupPayload, TOOL_HELP, type ToolCommand } from "./commands.js";
import { replyKeyboardButtons } from "./extras.js";
import { keyboardButtons, paint, type Style } from "./render.js";
import { Screen, type Target } from "./screen.js";
import { ChatUser, GROUP_TITLE } from "./user.js";

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

/**
 * A Telegram user chatting with the bot through the emulator, driven by
 * lines of input. Everything the bot does in reply (messages, edits,
 * toasts, inline results, rejected calls) is collected as it happens by a
 * {@link Screen} and written once the bot is idle, in the order it
 * happened. Lines are read by {@link parseInput}; this class acts on them.
 */
export class ChatSession {
  private readonly emu: BotApiEmulator;
  private readonly style: Style;
  private readonly interactive: boolean;
  private readonly write: (text: string) => void;
  private readonly idleTimeoutMs: number;
  private readonly bot: string;
  private readonly screen: Screen;
  private readonly me: ChatUser;
  private readonly unsubscribe: Array<() => void>;

  constructor(options: ChatSessionOptions) {
    this.emu = options.emu;
    this.style = options.style;
    this.interactive = options.interactive;
    this.write = options.write;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.bot = this.emu.botInfo.username;
    this.screen = new Screen(this.emu, this.style, this.interactive, () => this.me);
    this.me = new ChatUser(this.emu, this.screen);
    this.unsubscribe = [
      this.emu.onCall((call) => this.screen.onCall(call)),
      this.emu.onUpdate((update) => this.me.onUpdate(update)),
    ];
  }

  /** The prompt for the current chat. */
  get prompt(): string {
    const where = this.me.chat.type === "private" ? "" : ` @ ${this.me.chat.title}`;
    return `${paint(this.style, ["bold", "cyan"], `you${where} ›`)} `;
  }

  /** The simulated user, as the emulator records it in updates. */
  get from(): User {
    return { ...this.me.user };
  }

  /** Stops listening to the emulator. */
  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  /** Reports a failure of the bot that is not a rejected call (those are shown as they happen). */
  botError(text: string): void {
    this.note(`✖ bot: ${text}`, ["bold", "red"]);
  }

  /** Writes what happened since the last flush, then a blank line. */
  flush(): void {
    const pending = this.screen.pending;
    if (pending.length === 0) return;
    this.write(`${pending.join("\n")}\n`);
    pending.length = 0;
  }

  /** Handles one line of input, waits until the bot is idle, and writes the outcome. */
  async handle(input: string): Promise<HandleResult> {
    const line = input.trim();
    if (line === "") return { quit: false };
    if (!this.interactive) this.note(`> ${line}`);
    let result: HandleResult = { quit: false };
    try {
      result = this.dispatch(line);
    } catch (err) {
      this.note(`✖ ${err instanceof Error ? err.message.replace(/^emulator: /, "") : String(err)}`, ["red"]);
    }
    await this.settle();
    for (const check of this.me.afterIdle.splice(0)) check();
    this.flush();
    return result;
  }

  // ------------------------------------------------------------ input

  private dispatch(line: string): HandleResult {
    const input = parseInput(line, this.bot);
    switch (input.kind) {
      case "tool":
        return this.toolCommand(input.command);
      case "press":
        return this.pressNumbered(input.message, input.button);
      case "pick":
        return this.pick(input.result);
      case "key":
        return this.pressKey(input.key);
      case "more": {
        const listed = this.screen.listed;
        if (listed?.nextOffset === undefined) this.note("✖ no more inline results (type @ QUERY first)", ["red"]);
        else this.me.runInlineQuery(listed.query, listed.nextOffset);
        break;
      }
      case "inline":
        this.me.runInlineQuery(input.query);
        break;
      case "send":
        this.me.send(input.text);
        break;
    }
    return { quit: false };
  }

  private toolCommand(command: ToolCommand): HandleResult {
    switch (command.name) {
      case "quit":
        return { quit: true };
      case "error":
        this.note(`✖ ${command.message}`, ["red"]);
        break;
      case "help":
        this.screen.pending.push(TOOL_HELP);
        break;
      case "group":
        this.me.enterGroup();
        this.note(
          `(now in the group "${GROUP_TITLE}"; privacy mode is on: the bot gets commands, replies to its messages and mentions of @${this.bot})`,
        );
        break;
      case "private":
        this.me.enterPrivate();
        this.note(`(now in the private chat with @${this.bot})`);
        break;
      case "lang":
        if (command.code === undefined) {
          this.note(
            `(your Telegram app's language is ${this.me.user.language_code ?? "not set"}; :lang CODE changes it)`,
          );
        } else {
          this.me.setLanguage(command.code);
          this.note(`(your Telegram app's language is now ${command.code})`);
        }
        break;
      case "say":
        this.me.send(command.text);
        break;
      case "reply":
        this.me.send(command.text, command.to);
        break;
      case "file":
        this.me.sendFile("document", command.size, command.fileName, command.caption);
        break;
      case "photo":
        this.me.sendFile("photo", command.size, undefined, command.caption);
        break;
      case "contact":
        if (this.me.chat.type !== "private") {
          this.note("✖ Telegram shares a contact through a button in private chats only: /private first", ["red"]);
        } else {
          this.me.shareContact();
        }
        break;
      case "as":
        if (this.me.chat.type === "private")
          this.note("✖ only you and the bot are in this chat: :group first", ["red"]);
        else this.me.sendAs(command.member, command.text);
        break;
      case "promote":
      case "demote":
        if (this.me.group === undefined || this.me.chat.id !== this.me.group.id) {
          this.note("✖ go to the group first (:group)", ["red"]);
        } else {
          this.emu.setBotAdmin(this.me.group.id, command.name === "promote");
          this.note(
            command.name === "promote"
              ? `(@${this.bot} is now an admin of the group: it gets every message there)`
              : `(@${this.bot} is no longer an admin: privacy mode applies again)`,
          );
        }
        break;
      case "data": {
        const target = this.screen.lastShown.get(this.me.chat.id);
        if (target === undefined) this.note("✖ no bot message in this chat yet", ["red"]);
        else this.me.pressCallback(target, command.data, true);
        break;
      }
      case "fail": {
        const { method, code, description } = command;
        this.emu.injectFault({
          method,
          response: { error_code: code, ...(description !== undefined ? { description } : {}) },
        });
        this.note(
          `(the bot's next ${method} call will fail with ${code}${description !== undefined ? ` ${description}` : ""})`,
        );
        break;
      }
    }
    return { quit: false };
  }

  /** Waits until the emulator has nothing queued or in progress and the bot works on no update. */
  private async settle(): Promise<void> {
    try {
      await this.emu.waitUntilIdle({ timeout: this.idleTimeoutMs });
    } catch {
      this.note(`✖ the bot is still busy after ${this.idleTimeoutMs / 1000} s`, ["red"]);
    }
  }

  // ------------------------------------------------------------ buttons

  private pressNumbered(messageId: number | undefined, n: number): HandleResult {
    let target: Target | undefined;
    if (messageId === undefined) {
      target = this.screen.current.get(this.me.chat.id);
      if (target === undefined) throw new Error("no message with buttons here yet (or use :say to send a number)");
    } else {
      const inlineMessageId = this.screen.inlineByMessage.get(`${this.me.chat.id}:${messageId}`);
      target = { chatId: this.me.chat.id, messageId, ...(inlineMessageId !== undefined ? { inlineMessageId } : {}) };
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
      this.me.pressCallback(target, b.callback_data, false);
      return { quit: false };
    }
    if (typeof b.url === "string") {
      const group = startGroupPayload(b.url, this.bot);
      const start = deepLinkPayload(b.url, this.bot);
      if (group !== undefined) {
        this.me.enterGroup();
        const command = `/start@${this.bot}${group === "" ? "" : ` ${group}`}`;
        this.note(`(you add @${this.bot} to the group "${GROUP_TITLE}"; Telegram sends ${command} there)`);
        this.me.send(command);
      } else if (start === undefined) {
        this.note(`(opens ${b.url})`);
      } else {
        this.me.enterPrivate();
        this.note(`(opens the private chat with @${this.bot}, which sends /start${start === "" ? "" : ` ${start}`})`);
        this.me.send(start === "" ? "/start" : `/start ${start}`);
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
      this.screen.pending.push(paint(this.style, "dim", `> ${text}`));
      this.me.runInlineQuery(query);
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
    const buttons = replyKeyboardButtons(this.emu.replyKeyboard(this.me.chat.id));
    const button = buttons[n - 1];
    if (button === undefined)
      throw new Error(buttons.length === 0 ? "no keyboard under the input line here" : `keys k1 to k${buttons.length}`);
    if (typeof button === "string" || Object.keys(button).length === 1) {
      this.me.send(typeof button === "string" ? button : button.text);
    } else if ("request_contact" in button && button.request_contact === true) {
      this.me.shareContact();
    } else {
      this.note("(this kind of key is not emulated)");
    }
    return { quit: false };
  }

  // ------------------------------------------------------------ inline mode

  private pick(n: number): HandleResult {
    const listed = this.screen.listed;
    if (listed === undefined) throw new Error("no inline results to pick from (type @ QUERY first)");
    if (n === 0) {
      const button = listed.button;
      if (button?.start_parameter === undefined) throw new Error("the results have no button (#0)");
      this.me.enterPrivate();
      this.note(`(opens the private chat with @${this.bot}, which sends /start ${button.start_parameter})`);
      this.me.send(`/start ${button.start_parameter}`);
      return { quit: false };
    }
    const result = listed.results[n - 1];
    if (result === undefined)
      throw new Error(listed.results.length === 0 ? "there were no results" : `pick #1 to #${listed.results.length}`);
    const inlineMessageId = this.emu.chooseInlineResult({
      from: this.me.user,
      inlineQueryId: listed.id,
      resultId: result.id,
      chat: this.me.chat,
    });
    const message = this.emu.inlineMessage(inlineMessageId);
    if (message?.message_id !== undefined) {
      this.screen.inlineByMessage.set(`${this.me.chat.id}:${message.message_id}`, inlineMessageId);
      this.screen.show({ chatId: this.me.chat.id, messageId: message.message_id, inlineMessageId }, message, false);
    }
    return { quit: false };
  }

  // ------------------------------------------------------------ helpers

  private content(target: Target): MessageContent | undefined {
    if (target.inlineMessageId !== undefined) return this.emu.inlineMessage(target.inlineMessageId);
    return this.emu.chatMessages(target.chatId).find((m) => m.message_id === target.messageId);
  }

  private note(text: string, codes: Parameters<typeof paint>[1] = "dim"): void {
    this.screen.note(text, codes);
  }
}
