import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiEmulator, type StoredMessage } from "../emulator/index.js";
import { RoundRobin } from "./support/balancer.js";
import { type BotProcess, startProcess } from "./support/process.js";
import { freePort, RedisServer } from "./support/redis.js";
import { askingOrder } from "../src/matrix/advisor.js";
import { buttonData, testCatalog, tr } from "./harness.js";

const en = testCatalog().get("en");
const ru = testCatalog().get("ru");

/**
 * Two instances of the bot in webhook mode behind a round-robin balancer,
 * sharing a real redis-server, as a scaled-out deployment runs.
 */
describe("two instances sharing Redis", () => {
  let emu: BotApiEmulator;
  let redis: RedisServer;
  let balancer: RoundRobin;
  let ports: number[] = [];
  const instances: BotProcess[] = [];

  beforeAll(async () => {
    emu = await BotApiEmulator.start();
    redis = await RedisServer.start();
    ports = [await freePort(), await freePort()];
    balancer = await RoundRobin.start(ports);
    for (const port of ports) {
      instances.push(
        startProcess({
          BOT_TOKEN: emu.token,
          BOT_API_ROOT: emu.apiRoot,
          WEBHOOK_URL: `http://127.0.0.1:${balancer.port}/hook`,
          WEBHOOK_SECRET: "shared-secret",
          PORT: String(port),
          HOST: "127.0.0.1",
          REDIS_URL: redis.url,
          LOG_LEVEL: "debug",
        }),
      );
    }
    await Promise.all(instances.map((i) => i.waitForLog('"msg":"bot started"')));
  }, 30000);

  afterAll(async () => {
    for (const i of instances) i.child.kill("SIGKILL");
    await balancer.close();
    await redis.kill();
    await emu.close();
  });

  /** Taps a button and waits until the bot answered and settled. */
  async function tap(
    from: Parameters<BotApiEmulator["pressButton"]>[0]["from"],
    message: StoredMessage,
    label: string,
  ) {
    const id = emu.pressButton({ from, message }, buttonData(message, label));
    const answer = await emu.waitForCallbackAnswer(id, { timeout: 5000 });
    await emu.waitUntilIdle({ timeout: 5000 });
    return {
      toast: answer.text,
      message: emu.chatMessages(message.chat.id).find((m) => m.message_id === message.message_id) as StoredMessage,
    };
  }

  it("completes one /choose conversation whose updates alternate between the instances", async () => {
    const alice = emu.user({ first_name: "Alice", language_code: "en" });
    const sent = emu.sendMessage({ from: alice, text: "/choose" });
    let question = await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 5000 });
    const before = balancer.routed.length;
    // "Not sure" to every question: as many steps as the questions that can change the verdict.
    while (question.text?.includes(tr("en", "advisor-title")))
      ({ message: question } = await tap(alice, question, "Not sure"));
    expect(question.text?.split("\n")[0]).toBe(tr("en", "advisor-bot-api-title"));
    const first = askingOrder(en.questions)[0]?.rows[0];
    expect(question.text).toContain(`${tr("en", "advisor-unsure-list")}\n• ${first?.title}:`);
    // Both instances took part.
    expect(new Set(balancer.routed.slice(before))).toEqual(new Set([0, 1]));
    expect(emu.errors).toEqual([]);
  }, 20000);

  it("keeps a language chosen on one instance on the other", async () => {
    const ivan = emu.user({ first_name: "Ivan", language_code: "en" });
    const sent = emu.sendMessage({ from: ivan, text: "/language" });
    const menu = await emu.waitForBotMessage(ivan.id, sent.message_id, { timeout: 5000 });
    await tap(ivan, menu, "Русский");
    for (let n = 0; n < 2; n++) {
      const again = emu.sendMessage({ from: ivan, text: "/compare" });
      const overview = await emu.waitForBotMessage(ivan.id, again.message_id, { timeout: 5000 });
      expect(overview.text).toContain(ru.sections[0]?.title);
    }
    expect(new Set(balancer.routed.slice(-3))).toEqual(new Set([0, 1]));
  }, 20000);

  it("handles an update delivered to both instances once", async () => {
    const dave = emu.user({ first_name: "Dave", language_code: "en" });
    const first = emu.sendMessage({ from: dave, text: "/help" });
    await emu.waitForBotMessage(dave.id, first.message_id, { timeout: 5000 });
    const before = emu.chatMessages(dave.id).length;
    // A retried delivery, as Telegram makes after a slow answer, landing on the other instance.
    const update = {
      update_id: 900_001,
      message: {
        message_id: 90_001,
        date: Math.floor(Date.now() / 1000),
        chat: { id: dave.id, type: "private", first_name: "Dave" },
        from: dave,
        text: "/about",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    };
    for (const port of ports) {
      const res = await fetch(`http://127.0.0.1:${port}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "shared-secret" },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    }
    await emu.waitUntilIdle({ timeout: 5000 });
    const replies = emu
      .chatMessages(dave.id)
      .slice(before)
      .filter((m) => m.text?.startsWith("About this bot"));
    expect(replies).toHaveLength(1);
  }, 20000);

  it("draws and uploads the table's pictures once for both instances", async () => {
    const carol = emu.user({ first_name: "Carol", language_code: "en" });
    for (let n = 0; n < 3; n++) {
      const sent = emu.sendMessage({ from: carol, text: "/table" });
      // The document comes last, after the album.
      await emu.waitFor(
        () => emu.chatMessages(carol.id).find((m) => m.message_id > sent.message_id && m.document !== undefined),
        { message: "the table's document", timeout: 50_000 },
      );
    }
    const calls = (method: string) => emu.calls.filter((c) => c.method === method).map((c) => c.params);
    const albumUploads = calls("sendMediaGroup").map((p) =>
      (p.media as { media: string }[]).some((m) => m.media.startsWith("attach://")),
    );
    expect(albumUploads).toEqual([true, false, false]);
    expect(calls("sendDocument").map((p) => typeof p.document !== "string")).toEqual([true, false, false]);
    expect(new Set(balancer.routed.slice(-3))).toEqual(new Set([0, 1]));
    expect(emu.errors).toEqual([]);
  }, 90_000);

  it("keeps stateless features up while Redis is down, and recovers when it is back", async () => {
    const bob = emu.user({ first_name: "Bob", language_code: "en" });
    await redis.kill();

    // /compare, browsing and inline mode need no state.
    for (let n = 0; n < 2; n++) {
      const sent = emu.sendMessage({ from: bob, text: "/compare" });
      const overview = await emu.waitForBotMessage(bob.id, sent.message_id, { timeout: 5000 });
      expect(overview.text).toContain(tr("en", "overview-title"));
      const section = en.sections[0];
      const { message } = await tap(bob, overview, section?.title ?? "");
      expect(message.text?.split("\n")[0]).toBe(section?.title);
    }
    const row = en.rows[0];
    const iq = emu.inlineQuery({ from: bob, query: row?.title ?? "" });
    expect((await emu.waitForInlineAnswer(iq, { timeout: 5000 })).results[0]?.id).toBe(row?.slug);

    // What needs state says so, on both instances.
    for (let n = 0; n < 2; n++) {
      const sent = emu.sendMessage({ from: bob, text: "/choose" });
      const reply = await emu.waitForBotMessage(bob.id, sent.message_id, { timeout: 5000 });
      expect(reply.text).toContain("temporarily unavailable");
    }
    // Nothing of that failed an update: the outage is not an error of the bot.
    expect(instances.filter((i) => i.stdout().includes('"msg":"update failed"'))).toEqual([]);
    const health = await fetch(`http://127.0.0.1:${balancer.port}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", redis: "down" });

    await redis.resume();
    // The clients reconnect by themselves within moments; then everything works again.
    const deadline = Date.now() + 8000;
    let reply: StoredMessage | undefined;
    while (Date.now() < deadline) {
      const sent = emu.sendMessage({ from: bob, text: "/choose" });
      reply = await emu.waitForBotMessage(bob.id, sent.message_id, { timeout: 5000 });
      if (reply.text?.includes(tr("en", "advisor-title"))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(reply?.text).toContain(askingOrder(en.questions)[0]?.text);
    const question = reply as StoredMessage;
    await tap(bob, question, "No");
    // The next question replaces this one (the tap is answered before the edit).
    await emu.waitFor(
      () => emu.chatMessages(bob.id).find((m) => m.message_id === question.message_id)?.text !== question.text,
      { timeout: 5000 },
    );
    expect(instances.every((i) => i.child.exitCode === null)).toBe(true);
    expect(instances.map((i) => i.stderr())).toEqual(["", ""]);
  }, 40000);
});

describe("Redis down at start", () => {
  it("stops with a clear line and a non-zero exit", async () => {
    const port = await freePort();
    const run = startProcess({
      BOT_TOKEN: "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toMatch(new RegExp(`^Cannot start: cannot reach Redis at 127\\.0\\.0\\.1:${port}: .+\\n$`));
  }, 20000);
});
