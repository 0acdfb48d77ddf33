import type { Activity, WaitOptions } from "./activity.js";
import type { CallbackAnswer, InlineAnswer, InlineMessage, ReplyKeyboard, StoredMessage } from "./types.js";
import { clone } from "./util.js";
import type { World } from "./world.js";

/**
 * What a test sees of the world, always as copies: messages, keyboards,
 * inline messages and the answers to queries; and the waits on them, which
 * look again whenever something happens in the emulator.
 */
export class Observer {
  constructor(
    private readonly world: World,
    private readonly activity: Activity,
  ) {}

  chatMessages(chatId: number): StoredMessage[] {
    return clone(this.world.chats.get(chatId)?.messages ?? []);
  }

  lastBotMessage(chatId: number): StoredMessage | undefined {
    const msgs = this.world.chats.get(chatId)?.messages ?? [];
    for (let i = msgs.length - 1; i >= 0; i--) {
      const m = msgs[i];
      if (m?.from?.id === this.world.botInfo.id) return clone(m);
    }
    return undefined;
  }

  replyKeyboard(chatId: number): ReplyKeyboard | undefined {
    const k = this.world.chats.get(chatId)?.replyKeyboard;
    return k === undefined ? undefined : clone(k);
  }

  inlineMessage(inlineMessageId: string): InlineMessage | undefined {
    const m = this.world.inlineMessages.get(inlineMessageId)?.message;
    return m === undefined ? undefined : clone(m);
  }

  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    const a = this.world.callbackQueries.get(callbackQueryId)?.answer;
    return a === undefined ? undefined : clone(a);
  }

  inlineAnswer(inlineQueryId: string): InlineAnswer | undefined {
    const a = this.world.inlineQueries.get(inlineQueryId)?.answer;
    return a === undefined ? undefined : clone(a);
  }

  waitForCallbackAnswer(callbackQueryId: string, options: WaitOptions): Promise<CallbackAnswer> {
    return this.activity.waitFor(
      () => {
        const a = this.callbackAnswer(callbackQueryId);
        return a?.answered ? a : undefined;
      },
      { message: `an answer to callback query ${callbackQueryId}`, ...options },
    );
  }

  waitForInlineAnswer(inlineQueryId: string, options: WaitOptions): Promise<InlineAnswer> {
    return this.activity.waitFor(
      () => {
        const a = this.inlineAnswer(inlineQueryId);
        return a?.answered ? a : undefined;
      },
      { message: `an answer to inline query ${inlineQueryId}`, ...options },
    );
  }

  waitForBotMessage(chatId: number, afterMessageId: number, options: WaitOptions): Promise<StoredMessage> {
    return this.activity.waitFor(
      () => {
        const m = this.world.chats
          .get(chatId)
          ?.messages.find((x) => x.message_id > afterMessageId && x.from?.id === this.world.botInfo.id);
        return m === undefined ? undefined : clone(m);
      },
      { message: `a bot message in chat ${chatId} after message ${afterMessageId}`, ...options },
    );
  }
}
