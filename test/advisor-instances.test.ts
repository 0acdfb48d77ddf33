import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiEmulator, type StoredMessage } from "../emulator/index.js";
import { RoundRobin } from "./support/balancer.js";
import { type BotProcess, startProcess } from "./support/process.js";
import { freePort, RedisServer } from "./support/redis.js";
import { buttonData, tr } from "./harness.js";

/**
 * /choose across two webhook instances behind a round-robin balancer,
 * sharing Redis, with the emulator delivering updates as Telegram does:
 * over up to max_connections connections at once, a chat's updates one
 * after the other. Each instance answers Telegram after 1 s at the latest
 * and finishes the work in the background, so a slow step lets the next
 * update of the same chat in on the other instance while it still runs.
 */
describe("/choose on two webhook instances", () => {
  let emu: BotApiEmulator;
  let redis: RedisServer;
  let balancer: RoundRobin;
  const instances: BotProcess[] = [];

  beforeAll(async () => {
    emu = await BotApiEmulator.start();
    redis = await RedisServer.start();
    const ports = [await freePort(), await freePort()];
    balancer = await RoundRobin.start(ports);
    for (const port of ports) {
      instances.push(
        startProcess({
          BOT_TOKEN: emu.token,
          BOT_API_ROOT: emu.apiRoot,
          WEBHOOK_URL: `http://127.0.0.1:${balancer.port}/hook`,
          WEBHOOK_SECRET: "shared-secret",
          WEBHOOK_TIMEOUT_S: "1",
          PORT: String(port),
          HOST: "127.0.0.1",
          REDIS_URL: redis.url,
          LOG_LEVEL: "debug",
        }),
      );
    }
    await Promise.all(instances.map((i) => i.waitForLog('"msg":"bot started"', 30_000)));
  }, 60_000);

  afterAll(async () => {
    for (const i of instances) i.child.kill("SIGKILL");
    await balancer.close();
    await redis.kill();
    await emu.close();
  });

  const question = (chatId: number, messageId: number) =>
    emu.chatMessages(chatId).find((m) => m.message_id === messageId) as StoredMessage;
  const edits = (message: StoredMessage) =>
    emu.calls.filter(
      (c) =>
        c.method === "editMessageText" &&
        c.params.chat_id === message.chat.id &&
        c.params.message_id === message.message_id,
    ).length;

  /** Starts /choose for a new user and taps twice at once on its first question. */
  async function doubleTap(name: string, first: string, second: string) {
    const user = emu.user({ first_name: name, language_code: "en" });
    const sent = emu.sendMessage({ from: user, text: "/choose" });
    const asked = await emu.waitForBotMessage(user.id, sent.message_id, { timeout: 10_000 });
    const taps = [first, second].map((label) =>
      emu.pressButton({ from: user, message: asked }, buttonData(asked, label)),
    );
    const answers = await Promise.all(taps.map((id) => emu.waitForCallbackAnswer(id, { timeout: 20_000 })));
    await emu.waitUntilIdle({ timeout: 20_000, quietMs: 300 });
    return { user, asked, answers, now: question(user.id, asked.message_id) };
  }

  it("handles two quick taps on the same question in order and once", async () => {
    const { asked, answers, now } = await doubleTap("Alice", "No", "Yes");
    // The first tap moved on to the next question; the second met a closed question.
    expect(answers.map((a) => a.text)).toEqual([undefined, tr("en", "advisor-closed")]);
    expect(now.text).toContain(tr("en", "advisor-progress", { step: 2, total: 8 }));
    expect(edits(asked)).toBe(1);
    expect(emu.errors).toEqual([]);
  }, 60_000);

  it("still handles them in order and once when the first is slow and the second reaches the other instance", async () => {
    // The first tap's answer to Telegram takes 2.5 s: its instance answers the webhook after 1 s and
    // carries on, so the second tap is delivered, to the other instance, while the first still runs.
    emu.injectFault({ method: "answerCallbackQuery", delayMs: 2_500 });
    const routed = balancer.routed.length;
    const { user, asked, answers, now } = await doubleTap("Bob", "No", "Yes");
    expect(new Set(balancer.routed.slice(routed))).toEqual(new Set([0, 1]));
    expect(answers.map((a) => a.text)).toEqual([undefined, tr("en", "advisor-closed")]);
    expect(now.text).toContain(tr("en", "advisor-progress", { step: 2, total: 8 }));
    expect(edits(asked)).toBe(1);
    // The run goes on from there on either instance.
    const id = emu.pressButton({ from: user, message: now }, buttonData(now, "No"));
    await emu.waitForCallbackAnswer(id, { timeout: 20_000 });
    await emu.waitUntilIdle({ timeout: 20_000, quietMs: 300 });
    expect(question(asked.chat.id, asked.message_id).text).toContain(
      tr("en", "advisor-progress", { step: 3, total: 8 }),
    );
    expect(emu.errors).toEqual([]);
  }, 60_000);
});
