import type { Chat, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, User } from "grammy/types";
import { detectEntities } from "./text.js";
import type { InlineMessage, InlineState, MessageContent, PressTarget, StoredMessage } from "./types.js";
import { isIllFormed } from "./unicode.js";
import { clone, now, randomDigits, randomId } from "./util.js";
import type { World } from "./world.js";

/** Inline queries: "Text of the query (up to 256 characters)" (a type's description, not a field limit of the spec). */
const QUERY_MAX = 256;

function buttons(markup: InlineKeyboardMarkup | undefined): InlineKeyboardButton[] {
  return (markup?.inline_keyboard ?? []).flat();
}

/**
 * What users do: write, press buttons, type inline queries and pick their
 * results. Each action changes the world and queues the update Telegram
 * would send the bot; misuse (a button that is not there) throws at once.
 */
export class UserActions {
  constructor(
    private readonly world: World,
    private readonly inlineFeedback: boolean,
  ) {}

  /** A user sends a text message (default: in their private chat with the bot). */
  sendMessage(options: {
    from: User;
    chat?: Chat;
    text: string;
    entities?: MessageEntity[];
    reply_to_message_id?: number;
  }): StoredMessage {
    if (options.text === "") throw new Error("emulator: a message needs text");
    if (isIllFormed(options.text)) throw new Error("emulator: Telegram never delivers text with a lone surrogate");
    const state = this.world.chatFor(options.from, options.chat);
    const msg: StoredMessage = {
      message_id: 0,
      date: now(),
      chat: clone(state.chat),
      from: clone(options.from),
      text: options.text,
    };
    const entities = options.entities ?? detectEntities(options.text);
    if (entities.length > 0) msg.entities = clone(entities);
    return this.world.postUserMessage(state, msg, options.reply_to_message_id);
  }

  /** A user presses the callback button with `data`; returns the callback query id. */
  pressButton(target: PressTarget, data: string, options: { unchecked?: boolean } = {}): string {
    const { content, extra, chatInstance } = this.pressTarget(target);
    if (
      !options.unchecked &&
      !buttons(content.reply_markup).some((b) => "callback_data" in b && b.callback_data === data)
    ) {
      throw new Error(`emulator: no button with callback_data ${JSON.stringify(data)} on that message`);
    }
    const id = randomDigits(19);
    this.world.callbackQueries.set(id, { id, createdAt: Date.now(), answer: undefined });
    this.world.enqueue({
      callback_query: { id, from: clone(target.from), ...extra, chat_instance: chatInstance, data },
    });
    return id;
  }

  /** Like {@link pressButton}, finding the callback button by its text. */
  pressButtonByText(target: PressTarget, text: string): string {
    const { content } = this.pressTarget(target);
    const button = buttons(content.reply_markup).find((b) => b.text === text);
    if (button === undefined) throw new Error(`emulator: no button with text ${JSON.stringify(text)} on that message`);
    if (!("callback_data" in button) || typeof button.callback_data !== "string") {
      throw new Error(`emulator: button ${JSON.stringify(text)} has no callback_data`);
    }
    return this.pressButton(target, button.callback_data);
  }

  private pressTarget(target: PressTarget): {
    content: MessageContent;
    extra: Record<string, unknown>;
    chatInstance: string;
  } {
    if ("inlineMessageId" in target) {
      const inline = this.world.inlineMessages.get(target.inlineMessageId);
      if (inline === undefined) throw new Error(`emulator: unknown inline message ${target.inlineMessageId}`);
      return {
        content: inline.message,
        extra: { inline_message_id: inline.message.inline_message_id },
        chatInstance: inline.chatInstance,
      };
    }
    const state = this.world.chats.get(target.message.chat.id);
    const msg = state?.messages.find((m) => m.message_id === target.message.message_id);
    if (state === undefined || msg === undefined) {
      throw new Error(`emulator: no message ${target.message.message_id} in chat ${target.message.chat.id}`);
    }
    const botId = this.world.botInfo.id;
    if (msg.from?.id !== botId && msg.via_bot?.id !== botId) {
      throw new Error("emulator: callback buttons can only be pressed on messages sent by (or via) the bot");
    }
    return { content: msg, extra: { message: clone(msg) }, chatInstance: state.chatInstance };
  }

  /** A user types an inline query; returns the inline query id. */
  inlineQuery(options: {
    from: User;
    query: string;
    offset?: string;
    chat_type?: "sender" | "private" | "group" | "supergroup" | "channel";
  }): string {
    if (!this.world.botInfo.supports_inline_queries)
      throw new Error("emulator: inline mode is disabled for this bot (supportsInlineQueries: false)");
    if (options.query.length > QUERY_MAX)
      throw new Error(`emulator: inline queries are at most ${QUERY_MAX} characters`);
    if (isIllFormed(options.query)) throw new Error("emulator: Telegram never delivers text with a lone surrogate");
    this.world.remember(options.from);
    const id = randomDigits(19);
    this.world.inlineQueries.set(id, {
      id,
      from: clone(options.from),
      query: options.query,
      createdAt: Date.now(),
      answer: undefined,
      processed: [],
    });
    const iq: Record<string, unknown> = {
      id,
      from: clone(options.from),
      query: options.query,
      offset: options.offset ?? "",
    };
    if (options.chat_type !== undefined) iq.chat_type = options.chat_type;
    this.world.enqueue({ inline_query: iq });
    return id;
  }

  /** The user posts result `resultId` of an answered inline query; returns the inline_message_id. */
  chooseInlineResult(options: { from: User; inlineQueryId: string; resultId: string; chat?: Chat }): string {
    const iq = this.world.inlineQueries.get(options.inlineQueryId);
    if (iq === undefined) throw new Error(`emulator: unknown inline query ${options.inlineQueryId}`);
    if (iq.answer === undefined || !iq.answer.answered)
      throw new Error(`emulator: inline query ${options.inlineQueryId} has not been answered`);
    const picked = iq.processed.find((p) => p.result.id === options.resultId);
    if (picked === undefined)
      throw new Error(
        `emulator: inline query ${options.inlineQueryId} has no result ${JSON.stringify(options.resultId)}`,
      );
    if (picked.content === undefined)
      throw new Error(`emulator: posting ${picked.result.type} results is not supported by the emulator`);
    const inlineMessageId = `AgAAA${randomId(24)}`;
    const content = clone(picked.content);
    const markup = (picked.result as { reply_markup?: InlineKeyboardMarkup }).reply_markup;
    if (markup !== undefined && markup.inline_keyboard.length > 0) content.reply_markup = clone(markup);
    const message: InlineMessage = {
      inline_message_id: inlineMessageId,
      from: clone(options.from),
      via_bot: this.world.botUser,
      result_id: options.resultId,
      ...content,
    };
    const inline: InlineState = { message, chatInstance: randomDigits(19) };
    if (options.chat !== undefined) {
      message.chat = clone(options.chat);
      const state = this.world.chats.get(options.chat.id);
      if (state !== undefined) {
        const posted: StoredMessage = {
          message_id: 0,
          date: now(),
          chat: clone(state.chat),
          from: clone(options.from),
          via_bot: this.world.botUser,
          ...clone(content),
        };
        this.world.addMessage(state, posted);
        message.message_id = posted.message_id;
        inline.chatRef = { chatId: state.chat.id, messageId: posted.message_id };
        inline.chatInstance = state.chatInstance;
      }
    }
    this.world.inlineMessages.set(inlineMessageId, inline);
    if (this.inlineFeedback) {
      const chosen: Record<string, unknown> = {
        result_id: options.resultId,
        from: clone(options.from),
        query: iq.query,
      };
      if (content.reply_markup !== undefined) chosen.inline_message_id = inlineMessageId;
      this.world.enqueue({ chosen_inline_result: chosen });
    }
    return inlineMessageId;
  }
}
