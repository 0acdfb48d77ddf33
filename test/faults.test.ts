import { inspect } from "node:util";
import type { Update, User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StoredMessage } from "../emulator/index.js";
import { encodeCallback } from "../src/callback-data.js";
import { type Harness, type LogLine, startHarness, TestChat, testCatalog, tr } from "./harness.js";

const OVERVIEW = tr("en", "overview-title");
const SECTION = testCatalog().get("en").sections[0];
const ROW = testCatalog().get("en").rows[0];

/**
 * Telegram failing in the ways it does, through the emulator's injectFault:
 * throttling, server errors, dropped connections, slow answers, a user who
 * blocked the bot, and the same on getUpdates itself. Auto-retry waits
 * 3 s before repeating a call after a 5xx or a network failure, so the
 * tests run concurrently, each with its own emulator and bot.
 */

const RETRYING = "Bot API call failed; retrying";
/** What the runner and anything else printed to stderr through console.error during the file. */
const printed: string[] = [];
/** Every harness of the file, for the token check at the end. */
const harnesses: Harness[] = [];

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(
    (...args: unknown[]) => void printed.push(args.map((a) => inspect(a, { depth: 8 })).join(" ")),
  );
});

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all(harnesses.map((h) => h.stop()));
});

async function bot(): Promise<Harness> {
  const h = await startHarness();
  harnesses.push(h);
  return h;
}

function chatOf(h: Harness, name: string): TestChat {
  return new TestChat(h, h.emu.user({ first_name: name, language_code: "en" }));
}

/** The bot's messages in a chat after `after`, its replies to it. */
function repliesTo(chat: TestChat, after: StoredMessage): StoredMessage[] {
  return chat.botMessages().filter((m) => m.message_id > after.message_id);
}

/** The update that carried a user's message, from what getUpdates handed out. */
function updateOf(h: Harness, message: StoredMessage): Update | undefined {
  for (const call of h.emu.calls) {
    if (call.method !== "getUpdates" || !call.ok) continue;
    const found = (call.result as Update[]).find(
      (u) => u.message?.message_id === message.message_id && u.message.chat.id === message.chat.id,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

const retries = (h: Harness, method: string): LogLine[] =>
  h.logs.filter((l) => l.msg === RETRYING && l.method === method);
const errors = (h: Harness): LogLine[] => h.logs.filter((l) => l.level >= 50);

describe.concurrent("faults of the Bot API", () => {
  it("429 with retry_after: the chat's reply waits and comes once, other chats are served meanwhile", async () => {
    const h = await bot();
    const alice = chatOf(h, "Alice");
    const bob = chatOf(h, "Bob");
    const fault = h.emu.injectFault({
      method: "sendMessage",
      chatId: alice.user.id,
      response: { error_code: 429, parameters: { retry_after: 1 } },
    });
    const started = Date.now();
    const asked = alice.post("/compare");
    const bobReply = await bob.send("/compare");
    expect(bobReply.text).toContain(OVERVIEW);
    // Bob was served while Alice's reply waited for Telegram's second.
    expect(repliesTo(alice, asked)).toEqual([]);
    const reply = await h.emu.waitForBotMessage(alice.chat.id, asked.message_id, { timeout: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(reply.text).toContain(OVERVIEW);
    await h.emu.waitUntilIdle();
    expect(fault.hits).toBe(1);
    expect(repliesTo(alice, asked)).toHaveLength(1);
    expect(retries(h, "sendMessage")).toMatchObject([{ level: 40, error_code: 429, retry_after: 1 }]);
    expect(errors(h)).toEqual([]);
  });

  it("500 on a reply and 502 on an edit: both are retried and the updates answered", async () => {
    const h = await bot();
    const alice = chatOf(h, "Alice");
    const overview = await alice.send("/compare");
    const sendFault = h.emu.injectFault({ method: "sendMessage", response: { error_code: 500 } });
    const editFault = h.emu.injectFault({ method: "editMessageText", response: { error_code: 502 } });
    const asked = alice.post("/help");
    const tap = h.emu.pressButton(
      { from: alice.user, message: overview },
      encodeCallback({ kind: "section", locale: "en", section: SECTION?.slug ?? "" }),
    );
    // One chat's updates run in order: the tap waits for /help's retry, then retries its edit.
    expect((await h.emu.waitForCallbackAnswer(tap, { timeout: 10_000 })).count).toBe(1);
    await h.emu.waitForBotMessage(alice.chat.id, asked.message_id, { timeout: 8000 });
    await h.emu.waitFor(() => alice.message(overview.message_id).text?.startsWith(SECTION?.title ?? "?"), {
      timeout: 10_000,
    });
    await h.emu.waitUntilIdle();
    expect([sendFault.hits, editFault.hits]).toEqual([1, 1]);
    expect(repliesTo(alice, asked)).toHaveLength(1);
    expect(h.emu.callbackAnswer(tap)?.count).toBe(1);
    expect(retries(h, "sendMessage")).toMatchObject([{ error_code: 500 }]);
    expect(retries(h, "editMessageText")).toMatchObject([{ error_code: 502 }]);
    expect(errors(h)).toEqual([]);
  }, 20_000);

  it("a dropped connection: the call is made again and the reply comes once", async () => {
    const h = await bot();
    const alice = chatOf(h, "Alice");
    const fault = h.emu.injectFault({ method: "sendMessage", dropConnection: true });
    const asked = alice.post(`/compare ${ROW?.slug}`);
    const reply = await h.emu.waitForBotMessage(alice.chat.id, asked.message_id, { timeout: 8000 });
    expect(reply.text?.split("\n")[0]).toBe(ROW?.title);
    await h.emu.waitUntilIdle();
    expect(fault.hits).toBe(1);
    expect(repliesTo(alice, asked)).toHaveLength(1);
    expect(retries(h, "sendMessage")).toMatchObject([{ level: 40, err: { type: "HttpError" } }]);
    expect(errors(h)).toEqual([]);
  }, 20_000);

  it("a slow answer holds only its own chat", async () => {
    const h = await bot();
    const alice = chatOf(h, "Alice");
    const bob = chatOf(h, "Bob");
    const fault = h.emu.injectFault({ method: "sendMessage", chatId: alice.user.id, delayMs: 1500 });
    const started = Date.now();
    const asked = alice.post("/compare");
    await bob.send("/compare");
    expect(repliesTo(alice, asked)).toEqual([]);
    await h.emu.waitForBotMessage(alice.chat.id, asked.message_id, { timeout: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    await h.emu.waitUntilIdle();
    expect(fault.hits).toBe(1);
    expect(repliesTo(alice, asked)).toHaveLength(1);
    expect(h.logs.filter((l) => l.level >= 40)).toEqual([]);
  });

  it("403 from a user who blocked the bot: not retried, logged once with the update, others served", async () => {
    const h = await bot();
    const alice = chatOf(h, "Alice");
    const bob = chatOf(h, "Bob");
    const blocked = h.emu.injectFault({
      method: "sendMessage",
      chatId: alice.user.id,
      times: Infinity,
      response: { error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    const asked = alice.post("/compare");
    expect((await bob.send("/compare")).text).toContain(OVERVIEW);
    await h.emu.waitUntilIdle();
    expect(blocked.hits).toBe(1);
    const update = updateOf(h, asked);
    expect(update).toBeDefined();
    const logged = h.logs.filter((l) => l.level >= 40);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      update_id: update?.update_id,
      err: { error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    blocked.cancel();
  });

  it("faults on getUpdates itself (502, a dropped connection, 429): every update is handled exactly once", async () => {
    const h = await bot();
    const users: User[] = ["Ann", "Ben", "Cid", "Dee"].map((name) => h.emu.user({ first_name: name }));
    const sent: StoredMessage[] = [];
    const post = (round: number) => {
      for (const from of users) sent.push(h.emu.sendMessage({ from, text: round % 2 === 0 ? "/compare" : "/help" }));
    };
    const faults = [
      { response: { error_code: 502 } },
      { dropConnection: true },
      { response: { error_code: 429, parameters: { retry_after: 1 } } },
    ];
    for (const [round, spec] of faults.entries()) {
      await h.emu.waitForPolling();
      const fault = h.emu.injectFault({ method: "getUpdates", ...spec });
      // The poll waiting now returns these; the next getUpdates fails, and the retry brings the rest.
      post(round);
      await h.emu.waitFor(() => fault.hits === 1, { timeout: 5000 });
      post(round + 10);
      await h.emu.waitFor(() => h.emu.pendingUpdateCount === 0 && h.emu.isPolling, { timeout: 10_000 });
    }
    post(99);
    await h.emu.waitFor(() => h.emu.pendingUpdateCount === 0, { timeout: 5000 });
    await h.emu.waitUntilIdle();
    // One reply per message sent, in every chat: nothing lost, nothing twice.
    for (const from of users) {
      const chat = h.emu.chatMessages(from.id);
      expect(chat.filter((m) => m.from?.is_bot === true)).toHaveLength(
        chat.filter((m) => m.from?.id === from.id).length,
      );
    }
    const handled = h.emu.calls
      .filter((c) => c.method === "getUpdates" && c.ok)
      .flatMap((c) => (c.result as Update[]).map((u) => u.update_id));
    expect(new Set(handled).size).toBe(handled.length);
    expect(handled).toHaveLength(sent.length);
    expect(retries(h, "getUpdates").map((l) => l.error_code ?? (l.err as { type?: string } | undefined)?.type)).toEqual(
      [502, "HttpError", 429],
    );
    expect(errors(h)).toEqual([]);
  }, 30_000);
});

it("never writes the token, or its secret part, in a log line or an error, failures included", () => {
  expect(harnesses.flatMap((h) => h.logs).filter((l) => l.level >= 40).length).toBeGreaterThan(5);
  for (const h of harnesses) {
    const secret = h.emu.token.split(":")[1] ?? h.emu.token;
    const text = [...h.logs.map((l) => JSON.stringify(l)), ...printed].join("\n");
    expect(text).not.toContain(h.emu.token);
    expect(text).not.toContain(secret);
  }
});
