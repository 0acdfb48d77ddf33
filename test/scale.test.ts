import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "grammy/types";
import { BotApiEmulator, type StoredMessage } from "../emulator/index.js";
import { RoundRobin } from "./support/balancer.js";
import { type BotProcess, startProcess } from "./support/process.js";
import {
  canRestartRedis,
  canShareRedis,
  freePort,
  RedisServer,
  startTestRedis,
  type TestRedis,
} from "./support/redis.js";
import { askingOrder } from "../src/matrix/advisor.js";
import { buttonData, testCatalog, tr } from "./harness.js";

const en = testCatalog().get("en");
const ru = testCatalog().get("ru");

/** Two instances of the bot in webhook mode behind a round-robin balancer, sharing a real Redis. */
interface Deployment<R extends TestRedis> {
  emu: BotApiEmulator;
  redis: R;
  balancer: RoundRobin;
  /** The instances' own ports, behind the balancer. */
  ports: number[];
  instances: BotProcess[];
  /** Taps a button and waits until the bot answered and settled. */
  tap(from: User, message: StoredMessage, label: string): Promise<{ toast?: string; message: StoredMessage }>;
}

/** Starts a deployment on the Redis `startRedis` gives before the tests of the enclosing describe, and stops it after them. */
function useDeployment<R extends TestRedis>(startRedis: () => Promise<R>): Deployment<R> {
  const d = { ports: [] as number[], instances: [] as BotProcess[] } as unknown as Deployment<R>;
  beforeAll(async () => {
    d.emu = await BotApiEmulator.start();
    d.redis = await startRedis();
    d.ports = [await freePort(), await freePort()];
    d.balancer = await RoundRobin.start(d.ports);
    for (const port of d.ports) {
      d.instances.push(
        startProcess({
          BOT_TOKEN: d.emu.token,
          BOT_API_ROOT: d.emu.apiRoot,
          WEBHOOK_URL: `http://127.0.0.1:${d.balancer.port}/hook`,
          WEBHOOK_SECRET: "shared-secret",
          PORT: String(port),
          HOST: "127.0.0.1",
          REDIS_URL: d.redis.url,
          LOG_LEVEL: "debug",
        }),
      );
    }
    await Promise.all(d.instances.map((i) => i.waitForLog('"msg":"bot started"')));
  });

  afterAll(async () => {
    for (const i of d.instances) i.child.kill("SIGKILL");
    await d.balancer?.close();
    await d.redis?.kill();
    await d.emu?.close();
  });

  d.tap = async (from, message, label) => {
    const id = d.emu.pressButton({ from, message }, buttonData(message, label));
    const answer = await d.emu.waitForCallbackAnswer(id);
    await d.emu.waitUntilIdle();
    return {
      ...(answer.text === undefined ? {} : { toast: answer.text }),
      message: d.emu.chatMessages(message.chat.id).find((m) => m.message_id === message.message_id) as StoredMessage,
    };
  };
  return d;
}

/**
 * Two instances of the bot in webhook mode behind a round-robin balancer,
 * sharing a real redis-server, as a scaled-out deployment runs.
 */
describe.skipIf(!canShareRedis)("two instances sharing Redis", () => {
  const d = useDeployment(startTestRedis);

  it("completes one /choose conversation whose updates alternate between the instances", async () => {
    const alice = d.emu.user({ first_name: "Alice", language_code: "en" });
    const sent = d.emu.sendMessage({ from: alice, text: "/choose" });
    let question = await d.emu.waitForBotMessage(alice.id, sent.message_id);
    const before = d.balancer.routed.length;
    // "Not sure" to every question: as many steps as the questions that can change the verdict.
    while (question.text?.includes(tr("en", "advisor-title")))
      ({ message: question } = await d.tap(alice, question, "Not sure"));
    expect(question.text?.split("\n")[0]).toBe(tr("en", "advisor-bot-api-title"));
    const first = askingOrder(en.questions)[0]?.rows[0];
    expect(question.text).toContain(`${tr("en", "advisor-unsure-list")}\n• ${first?.title}:`);
    // Both instances took part.
    expect(new Set(d.balancer.routed.slice(before))).toEqual(new Set([0, 1]));
    expect(d.emu.errors).toEqual([]);
  });

  it("keeps a language chosen on one instance on the other", async () => {
    const ivan = d.emu.user({ first_name: "Ivan", language_code: "en" });
    const sent = d.emu.sendMessage({ from: ivan, text: "/language" });
    const menu = await d.emu.waitForBotMessage(ivan.id, sent.message_id);
    await d.tap(ivan, menu, "Русский");
    for (let n = 0; n < 2; n++) {
      const again = d.emu.sendMessage({ from: ivan, text: "/compare" });
      const overview = await d.emu.waitForBotMessage(ivan.id, again.message_id);
      expect(overview.text).toContain(ru.sections[0]?.title);
    }
    expect(new Set(d.balancer.routed.slice(-3))).toEqual(new Set([0, 1]));
  });

  it("handles an update delivered to both instances once", async () => {
    const dave = d.emu.user({ first_name: "Dave", language_code: "en" });
    const first = d.emu.sendMessage({ from: dave, text: "/help" });
    await d.emu.waitForBotMessage(dave.id, first.message_id);
    const before = d.emu.chatMessages(dave.id).length;
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
    for (const port of d.ports) {
      const res = await fetch(`http://127.0.0.1:${port}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "shared-secret" },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    }
    await d.emu.waitUntilIdle();
    const replies = d.emu
      .chatMessages(dave.id)
      .slice(before)
      .filter((m) => m.text?.startsWith("About this bot"));
    expect(replies).toHaveLength(1);
  });

  it("draws and uploads the table's pictures once for both instances", async () => {
    const carol = d.emu.user({ first_name: "Carol", language_code: "en" });
    const callsBefore = d.emu.calls.length;
    for (let n = 0; n < 3; n++) {
      const sent = d.emu.sendMessage({ from: carol, text: "/table" });
      // The document comes last, after the album.
      await d.emu.waitFor(
        () => d.emu.chatMessages(carol.id).find((m) => m.message_id > sent.message_id && m.document !== undefined),
        { message: "the table's document" },
      );
    }
    const calls = (method: string) =>
      d.emu.calls
        .slice(callsBefore)
        .filter((c) => c.method === method)
        .map((c) => c.params);
    const albumUploads = calls("sendMediaGroup").map((p) =>
      (p.media as { media: string }[]).some((m) => m.media.startsWith("attach://")),
    );
    expect(albumUploads).toEqual([true, false, false]);
    expect(calls("sendDocument").map((p) => typeof p.document !== "string")).toEqual([true, false, false]);
    expect(new Set(d.balancer.routed.slice(-3))).toEqual(new Set([0, 1]));
    expect(d.emu.errors).toEqual([]);
  });
});

/** Its own deployment: the outage must not reach the other tests' Redis. */
describe.skipIf(!canRestartRedis)("two instances while Redis is down", () => {
  const d = useDeployment(() => RedisServer.start());

  it("keeps stateless features up while Redis is down, and recovers when it is back", async () => {
    const bob = d.emu.user({ first_name: "Bob", language_code: "en" });
    await d.redis.kill();

    // /compare, browsing and inline mode need no state.
    for (let n = 0; n < 2; n++) {
      const sent = d.emu.sendMessage({ from: bob, text: "/compare" });
      const overview = await d.emu.waitForBotMessage(bob.id, sent.message_id);
      expect(overview.text).toContain(tr("en", "overview-title"));
      const section = en.sections[0];
      const { message } = await d.tap(bob, overview, section?.title ?? "");
      expect(message.text?.split("\n")[0]).toBe(section?.title);
    }
    const row = en.rows[0];
    const iq = d.emu.inlineQuery({ from: bob, query: row?.title ?? "" });
    expect((await d.emu.waitForInlineAnswer(iq)).results[0]?.id).toBe(row?.slug);

    // What needs state says so, on both instances.
    for (let n = 0; n < 2; n++) {
      const sent = d.emu.sendMessage({ from: bob, text: "/choose" });
      const reply = await d.emu.waitForBotMessage(bob.id, sent.message_id);
      expect(reply.text).toContain("temporarily unavailable");
    }
    // Nothing of that failed an update: the outage is not an error of the bot.
    expect(d.instances.filter((i) => i.stdout().includes('"msg":"update failed"'))).toEqual([]);
    const health = await fetch(`http://127.0.0.1:${d.balancer.port}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", redis: "down" });

    await d.redis.resume();
    // Each instance's client reconnects by itself, on its own backoff: wait until both say so,
    // since the balancer may send the question and the tap on it to different instances.
    for (const port of d.ports) {
      const deadline = Date.now() + 8000;
      const redisOf = async () =>
        ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { redis?: string }).redis;
      while ((await redisOf()) !== "up") {
        if (Date.now() > deadline) throw new Error(`the instance on port ${port} did not reconnect to Redis`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // Then everything works again.
    const sent = d.emu.sendMessage({ from: bob, text: "/choose" });
    const reply = await d.emu.waitForBotMessage(bob.id, sent.message_id);
    expect(reply.text).toContain(askingOrder(en.questions)[0]?.text);
    const question = reply;
    await d.tap(bob, question, "No");
    // The next question replaces this one (the d.tap is answered before the edit).
    await d.emu.waitFor(
      () => d.emu.chatMessages(bob.id).find((m) => m.message_id === question.message_id)?.text !== question.text,
    );
    expect(d.instances.every((i) => i.child.exitCode === null)).toBe(true);
    expect(d.instances.map((i) => i.stderr())).toEqual(["", ""]);
  });
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
  });
});
