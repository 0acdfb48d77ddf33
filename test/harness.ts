import type { Bot } from "grammy";
import type { Chat, User } from "grammy/types";
import { pino } from "pino";
import { afterEach, beforeEach, expect } from "vitest";
import { BotApiEmulator, type EmulatorOptions, type IdleOptions, type StoredMessage } from "../emulator/index.js";
import { type BotDeps, createBot } from "../src/bot.js";
import type { BotContext } from "../src/context.js";
import { createI18n } from "../src/i18n.js";
import { type Catalog, loadCatalog } from "../src/matrix/load.js";
import { type Polling, startPolling } from "../src/polling.js";
import { DEFAULT_LIMITS } from "../src/retries.js";
import type { Draw } from "../src/table/drawing.js";
import { drawPictures, type DrawResult } from "../src/table/render.js";

/** Loaded once per test file: the data does not change between tests. */
let catalog: Catalog | undefined;
export function testCatalog(): Catalog {
  catalog ??= loadCatalog("data");
  return catalog;
}

let translations: ReturnType<typeof createI18n> | undefined;
/** A string of the bot's Fluent files, as the bot says it. */
export function tr(locale: string, key: string, variables?: Record<string, string | number>): string {
  translations ??= createI18n("locales");
  return translations.t(locale, key, variables);
}

/** A PNG of 1×1 px: what a test bot sends for /table when the pictures themselves do not matter. */
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * Stands in for drawing /table's pictures where they do not matter: a tiny
 * PNG per section asked for, and one for the whole table, at once. Drawing
 * for real takes seconds, in which a test's bot would answer nothing else.
 */
export const drawTiny: Draw = (request) =>
  Promise.resolve({
    sections: request.draw.map((index) => ({ index, pngs: [TINY_PNG] })),
    ...(request.full ? { full: TINY_PNG } : {}),
  });

const drawn = new Map<string, DrawResult>();
/**
 * Draws /table's pictures in this process, each request once per test
 * file: the bots of the tests draw the same data again and again. Drawing
 * in a child process, as the bot does by default, is tested on its own and
 * by the process tests.
 */
export const drawOnce: Draw = (request) => {
  const key = JSON.stringify(request);
  let result = drawn.get(key);
  if (result === undefined) {
    result = drawPictures(request);
    drawn.set(key, result);
  }
  return Promise.resolve(result);
};

/** Characters a button label may have on a 390-pt-wide phone, by the number of buttons on its line. */
const PHONE_LABEL = [0, 52, 24, 14] as const;

/**
 * The labels of a keyboard that would not fit a 390-pt-wide phone: more
 * than three buttons on a line, or a label longer than its share of it.
 */
export function cutOnPhone(message: { reply_markup?: { inline_keyboard: { text: string }[][] } }): string[] {
  const cut: string[] = [];
  for (const line of message.reply_markup?.inline_keyboard ?? []) {
    const room = PHONE_LABEL[line.length as 1 | 2 | 3] as number | undefined;
    for (const b of line) if (room === undefined || [...b.text].length > room) cut.push(b.text);
  }
  return cut;
}

/** A log line the bot wrote, parsed. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A running bot (long polling through the runner) against a fresh emulator. */
export interface Harness {
  emu: BotApiEmulator;
  bot: Bot<BotContext>;
  logs: LogLine[];
  polling: Polling;
  /**
   * Waits until the bot has handled every update and finished its calls:
   * the emulator's waitUntilIdle, which sees the bot's handling (see startHarness).
   */
  settle(options?: IdleOptions): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the emulator and the real bot against it, as `npm start` would. */
export async function startHarness(
  options: { emulator?: EmulatorOptions; deps?: Partial<BotDeps>; pollingRetryMs?: number } = {},
): Promise<Harness> {
  const emu = await BotApiEmulator.start(options.emulator);
  const logs: LogLine[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const bot = createBot({
    token: emu.token,
    apiRoot: emu.apiRoot,
    catalog: testCatalog(),
    i18n: createI18n("locales"),
    logger,
    drawTable: drawTiny,
    ...options.deps,
  });
  await bot.init();
  // The emulator's waitUntilIdle then also waits for updates the bot is still working on.
  bot.handleUpdate = emu.trackHandling(bot.handleUpdate.bind(bot));
  const polling = startPolling(bot, {
    retryMs: options.pollingRetryMs ?? 60_000,
    limits: options.deps?.limits ?? DEFAULT_LIMITS,
    logger,
    apiRoot: emu.apiRoot,
  });
  return {
    emu,
    bot,
    logs,
    polling,
    settle: (options) => emu.waitUntilIdle(options),
    async stop() {
      await polling.stop();
      await emu.close();
    },
  };
}

/** A user talking to the bot in one chat, as a Telegram client would. */
export class TestChat {
  readonly chat: Chat;
  constructor(
    readonly h: Harness,
    readonly user: User,
    chat?: Chat,
  ) {
    this.chat = chat ?? { id: user.id, type: "private", first_name: user.first_name };
  }

  /** Sends a message without waiting for anything. */
  post(text: string, extra: { reply_to_message_id?: number } = {}): StoredMessage {
    return this.h.emu.sendMessage({ from: this.user, chat: this.chat, text, ...extra });
  }

  /** Sends a message and resolves with the bot's first message after it. */
  async send(text: string, extra: { reply_to_message_id?: number } = {}): Promise<StoredMessage> {
    const sent = this.post(text, extra);
    return this.h.emu.waitForBotMessage(this.chat.id, sent.message_id);
  }

  /**
   * Sends a message and returns what the bot sent to the chat after it once
   * the bot has handled it and every other update: empty when it stayed silent.
   */
  async sendUnanswered(text: string): Promise<StoredMessage[]> {
    const sent = this.post(text);
    await this.h.settle();
    return this.h.emu.chatMessages(this.chat.id).filter((m) => m.message_id > sent.message_id);
  }

  /** The current state of a message of this chat, edits applied. */
  message(messageId: number): StoredMessage {
    const found = this.h.emu.chatMessages(this.chat.id).find((m) => m.message_id === messageId);
    if (found === undefined) throw new Error(`no message ${messageId} in chat ${this.chat.id}`);
    return found;
  }

  /** All bot messages of this chat, in order. */
  botMessages(): StoredMessage[] {
    return this.h.emu.chatMessages(this.chat.id).filter((m) => m.from?.id === this.h.emu.botInfo.id);
  }

  /**
   * Taps the button labelled `text` (or whose label contains it) on a bot
   * message, waits for the answer and for the bot to settle, and returns
   * the toast and the message as it is now.
   */
  async tap(message: StoredMessage, text: string): Promise<{ toast: string | undefined; message: StoredMessage }> {
    return this.press(message, buttonData(message, text));
  }

  /** Like {@link tap}, for the button with this callback data, which must be on the message. */
  async press(message: StoredMessage, data: string): Promise<{ toast: string | undefined; message: StoredMessage }> {
    const buttons = (message.reply_markup?.inline_keyboard ?? []).flat();
    if (!buttons.some((b) => "callback_data" in b && b.callback_data === data)) {
      throw new Error(`no button with data "${data}" among ${JSON.stringify(buttons.map((b) => b.text))}`);
    }
    const id = this.h.emu.pressButton({ from: this.user, message }, data);
    const answer = await this.h.emu.waitForCallbackAnswer(id);
    // The bot answers the tap first and edits after: wait until it is done with the update.
    await this.h.settle();
    return { toast: answer.text, message: this.message(message.message_id) };
  }
}

/** Labels of a message's buttons, row by row. */
export function buttonLabels(message: { reply_markup?: { inline_keyboard: { text: string }[][] } }): string[][] {
  return (message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
}

/** The callback data of the button whose label is, or contains, `text`. */
export function buttonData(message: Pick<StoredMessage, "reply_markup">, text: string): string {
  const buttons = (message.reply_markup?.inline_keyboard ?? []).flat();
  const button = buttons.find((b) => b.text === text) ?? buttons.find((b) => b.text.includes(text));
  if (button === undefined || !("callback_data" in button) || button.callback_data === undefined) {
    throw new Error(`no callback button "${text}" among ${JSON.stringify(buttons.map((b) => b.text))}`);
  }
  return button.callback_data;
}

/** A fresh bot for each test, a user talking to it in private, and the checks every test ends with. */
export interface BotUnderTest {
  h: Harness;
  user: User;
  chat: TestChat;
  /** Expects Telegram to reject a call with this description once in the test, on purpose. */
  provoke(description: string): void;
}

/**
 * Registers a bot per test of the file: started before each test, and after
 * each checked for calls Telegram would reject and for errors it logged,
 * then stopped.
 */
export function useBot(
  options: { languageCode?: string; firstName?: string; harness?: Parameters<typeof startHarness>[0] } = {},
): BotUnderTest {
  let provoked: string[] = [];
  const env = {
    provoke: (description: string) => void provoked.push(description),
  } as BotUnderTest;
  beforeEach(async () => {
    provoked = [];
    env.h = await startHarness(options.harness);
    env.user = env.h.emu.user({
      first_name: options.firstName ?? "Alice",
      language_code: options.languageCode ?? "en",
    });
    env.chat = new TestChat(env.h, env.user);
  });
  afterEach(async () => {
    const errors = env.h.emu.errors.map((c) => `${c.method}: ${c.error?.description}`);
    expect(errors.filter((e) => !provoked.some((p) => e.includes(p)))).toEqual([]);
    expect(env.h.logs.filter((l) => l.level >= 50)).toEqual([]);
    await env.h.stop();
  });
  return env;
}
