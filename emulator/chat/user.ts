import type { Chat, Update, User } from "grammy/types";
import type { BotApiEmulator } from "../emulator.js";
import { sizeLabel } from "./extras.js";
import type { Screen, Target } from "./screen.js";

/** The group the user can switch to, and its title. */
export const GROUP_TITLE = "Test group";
/** Members of the group nobody has seen write: they count in getChatMemberCount only. */
const SILENT_MEMBERS = 12;

/**
 * The simulated Telegram user: who they are, which chat they are in, and
 * what they do there (messages, files, a contact, button presses, inline
 * queries). Each action notes on the {@link Screen} what the bot does not
 * see, and leaves a check in {@link ChatUser.afterIdle} for what the bot
 * should have answered.
 */
export class ChatUser {
  /** Checks to run once the bot is idle after an input. */
  readonly afterIdle: Array<() => void> = [];
  /** `chatId:messageId` of the user's messages the bot got as updates. */
  private readonly delivered = new Set<string>();
  /** Other members of the group, by name (:as). */
  private readonly others = new Map<string, User>();
  private readonly bot: string;
  /** The user as the emulator records it in updates. */
  user: User;
  /** The chat the user is in. */
  chat: Chat;
  /** The group with the bot, once the user has been there. */
  group: Chat | undefined;

  constructor(
    private readonly emu: BotApiEmulator,
    private readonly screen: Screen,
  ) {
    this.bot = emu.botInfo.username;
    this.user = emu.user({ first_name: "Alice", username: "alice", language_code: "en" });
    this.chat = this.privateChat();
  }

  /** Records a message the bot got as an update; wire it to `emu.onUpdate`. */
  onUpdate(update: Update): void {
    const m = update.message;
    if (m !== undefined) this.delivered.add(`${m.chat.id}:${m.message_id}`);
  }

  /** Goes to the group with the bot, creating it the first time. */
  enterGroup(): void {
    this.group ??= this.newGroup();
    this.chat = this.group;
  }

  /** Goes back to the private chat with the bot. */
  enterPrivate(): void {
    this.chat = this.privateChat();
  }

  /** Sets the language of the user's Telegram app, as updates carry it from now on. */
  setLanguage(code: string): void {
    const { id, first_name, username } = this.user;
    this.user = this.emu.user({ id, first_name, ...(username !== undefined ? { username } : {}), language_code: code });
  }

  /** Sends `text` in the current chat, as a reply to message `replyTo` or to what a force_reply asked for. */
  send(text: string, replyTo?: number): void {
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
    const id = this.screen.forceReply.get(this.chat.id);
    if (id === undefined) return undefined;
    this.screen.forceReply.delete(this.chat.id);
    this.note(`(as a reply to msg ${id}: the bot asked for one)`);
    return id;
  }

  /** Sends a document or a photo of `size` bytes in the current chat. */
  sendFile(kind: "document" | "photo", size: number, name: string | undefined, caption: string | undefined): void {
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

  /** Shares the user's phone number, as a request_contact key does. */
  shareContact(): void {
    const sent = this.emu.shareContact({ from: this.user, chat: this.chat });
    this.note(`(you shared your contact, ${sent.contact?.phone_number ?? ""} · msg ${sent.message_id})`);
    this.expectAnswer(sent);
  }

  /** Another member of the group, `name`, sends `text` in the current chat. */
  sendAs(name: string, text: string): void {
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
      const before = this.screen.callCount;
      this.afterIdle.push(() => this.checkAnswered(before));
    } else {
      this.note(
        `(the bot does not get this message: in groups with privacy mode it gets only commands for it, replies to its messages and mentions of @${this.bot})`,
      );
    }
  }

  /** Notes a message the bot got and did nothing about (ignored, or over its flood limit). */
  private checkAnswered(callsBefore: number): void {
    if (this.screen.callCount === callsBefore) this.note("(no answer from the bot)");
  }

  /** Presses a callback button (or forges one: `forged`) and checks, once the bot is idle, that it was answered. */
  pressCallback(target: Target, data: string, forged: boolean): void {
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

  /** Sends inline query `query` from the current chat, from `offset` (a page after the first). */
  runInlineQuery(query: string, offset = ""): void {
    const chatType = this.chat.type === "private" ? "sender" : this.chat.type;
    const id = this.emu.inlineQuery({ from: this.user, query, offset, chat_type: chatType });
    this.screen.listed = undefined;
    this.afterIdle.push(() => {
      if (this.emu.inlineAnswer(id)?.answered !== true) this.note("(the bot did not answer the inline query)", ["red"]);
    });
    this.screen.queries.set(id, query);
  }

  private privateChat(): Chat {
    return { id: this.user.id, type: "private", first_name: this.user.first_name };
  }

  private note(text: string, codes?: Parameters<Screen["note"]>[1]): void {
    this.screen.note(text, codes);
  }
}
