import type { Chat, InlineQueryResult, InlineQueryResultsButton, Message, User } from "grammy/types";
import type { ApiCall, BotApiEmulator, MessageContent } from "../emulator.js";
import { replyKeyboardLines } from "./extras.js";
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
export interface Target {
  chatId: number;
  messageId: number;
  inlineMessageId?: string;
}

/** The inline query whose results were listed last. */
export interface ListedQuery {
  id: string;
  query: string;
  results: InlineQueryResult[];
  button?: InlineQueryResultsButton;
  /** The bot's next_offset: where the next page starts, if there is one. */
  nextOffset?: string;
}

/** Where the user is: the screen names other chats by how they relate to this one. */
export interface Whereabouts {
  user: User;
  chat: Chat;
  group: Chat | undefined;
}

/**
 * What the terminal shows of the bot: every call it makes (messages, edits,
 * toasts, inline results, rejected calls) becomes lines, collected until the
 * session flushes them, and what can be pressed next is remembered: the
 * message whose buttons bare numbers press, the listed inline results, the
 * message a force_reply asked to answer.
 */
export class Screen {
  /** Lines not written yet, in the order things happened. */
  readonly pending: string[] = [];
  /** Per chat: the message whose buttons bare numbers press. */
  readonly current = new Map<number, Target>();
  /** Per chat: the bot message shown last, for :data. */
  readonly lastShown = new Map<number, Target>();
  /** `chatId:messageId` of a message posted through inline mode -> its inline_message_id. */
  readonly inlineByMessage = new Map<string, string>();
  /** Inline queries sent and not yet listed: id -> query. */
  readonly queries = new Map<string, string>();
  /** Per chat: the bot message a force_reply asked the user to answer; their next message replies to it. */
  readonly forceReply = new Map<number, number>();
  /** The inline query whose results were listed last. */
  listed: ListedQuery | undefined;
  /** Calls the bot made other than getUpdates. */
  callCount = 0;
  private hinted = false;

  constructor(
    private readonly emu: BotApiEmulator,
    private readonly style: Style,
    /** A person at a terminal: the hint on how to pick an inline result comes every time. */
    private readonly interactive: boolean,
    private readonly where: () => Whereabouts,
  ) {}

  private get bot(): string {
    return this.emu.botInfo.username;
  }

  /** Adds a line in `codes` (dim unless given). */
  note(text: string, codes: Parameters<typeof paint>[1] = "dim"): void {
    this.pending.push(paint(this.style, codes, text));
  }

  /** Shows what one call of the bot did; wire it to `emu.onCall`. */
  onCall(call: ApiCall): void {
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
        if (first.chat.id !== this.where().chat.id) parts.push(`in ${this.chatTitleById(first.chat.id)}`);
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

  /** Lists the results of inline query `id`, if it was sent from this session. */
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

  /** Shows a message of the bot (or one posted through inline mode) and remembers its buttons. */
  show(target: Target, content: MessageContent, edited: boolean, message?: Message): void {
    const parts = [
      target.inlineMessageId !== undefined ? `${this.where().user.first_name} via @${this.bot}` : "bot",
      `msg ${target.messageId}`,
    ];
    if (message?.reply_to_message !== undefined) parts.push(`reply to ${message.reply_to_message.message_id}`);
    if (edited) parts.push("edited");
    if (target.chatId !== this.where().chat.id) parts.push(`in ${this.chatTitleById(target.chatId)}`);
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

  private sameTarget(a: Target | undefined, b: Target): boolean {
    return a !== undefined && a.chatId === b.chatId && a.messageId === b.messageId;
  }

  private chatTitleById(chatId: number): string {
    const { user, group } = this.where();
    if (group !== undefined && group.id === chatId && group.type !== "private") return `"${group.title}"`;
    return chatId === user.id ? "the private chat" : `chat ${chatId}`;
  }
}
