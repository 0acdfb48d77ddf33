import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator, type StoredMessage } from "../emulator/index.js";
import { buttonData } from "./harness.js";
import { RoundRobin } from "./support/balancer.js";
import { type BotProcess, startProcess } from "./support/process.js";
import { canRestartRedis, freePort, RedisServer } from "./support/redis.js";

/**
 * The compiled bot with a real redis-server that is frozen, full, or asks
 * for a password, and instances that stop or die while updates come: the
 * bot keeps answering within its time, tells the truth about what it could
 * not save, and no update is lost or handled twice.
 */

const SECRET = "redis-faults-secret";

let emu: BotApiEmulator;
let redis: RedisServer;
const running: BotProcess[] = [];
let balancer: RoundRobin | undefined;

beforeEach(async (ctx) => {
  // Every test here needs a redis-server of its own; without one, a line at the start says how to get it.
  if (!canRestartRedis) ctx.skip();
  emu = await BotApiEmulator.start();
  redis = await RedisServer.start();
});

afterEach(async () => {
  if (!canRestartRedis) return;
  for (const run of running.splice(0)) run.child.kill("SIGKILL");
  await balancer?.close();
  balancer = undefined;
  redis.thaw();
  await redis.kill();
  await emu.close();
});

function start(env: Record<string, string>): BotProcess {
  const run = startProcess({
    BOT_TOKEN: emu.token,
    BOT_API_ROOT: emu.apiRoot,
    REDIS_URL: redis.url,
    LOG_LEVEL: "debug",
    ...env,
  });
  running.push(run);
  return run;
}

/** One instance in webhook mode on its own port, Telegram posting to `publicPort` (itself unless given). */
async function webhookInstance(
  env: Record<string, string> = {},
  publicPort?: number,
): Promise<BotProcess & { port: number }> {
  const port = await freePort();
  const run = start({
    WEBHOOK_URL: `http://127.0.0.1:${publicPort ?? port}/hook`,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    HOST: "127.0.0.1",
    ...env,
  });
  return Object.assign(run, { port });
}

/** The exit code, or "running" if the process is still up after `ms`. */
async function exitWithin(run: BotProcess, ms: number): Promise<number | null | "running"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"running">((resolve) => (timer = setTimeout(() => resolve("running"), ms)));
  try {
    return await Promise.race([run.exit, late]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bot's messages in a user's private chat. */
function botMessages(user: User): StoredMessage[] {
  return emu.chatMessages(user.id).filter((m) => m.from?.id === emu.botInfo.id);
}

const UNAVAILABLE = "temporarily unavailable";

describe("a Redis that does not answer", () => {
  it("slows no update past a few seconds in webhook mode; what needs state says so", async () => {
    const run = await webhookInstance();
    await run.waitForLog('"msg":"bot started"');
    const alice = emu.user({ first_name: "Alice" });
    await emu.waitForBotMessage(alice.id, emu.sendMessage({ from: alice, text: "/compare" }).message_id, {
      timeout: 5000,
    });

    redis.freeze();
    for (const text of ["/compare", "/compare files"]) {
      const started = Date.now();
      const sent = emu.sendMessage({ from: alice, text });
      expect((await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 10_000 })).text).toBeDefined();
      // REDIS_TIMEOUT_MS is 1 s: the de-duplication and the language read give up, the rest needs no Redis.
      expect(Date.now() - started).toBeLessThan(4000);
    }
    const started = Date.now();
    const iq = emu.inlineQuery({ from: alice, query: "files" });
    expect((await emu.waitForInlineAnswer(iq, { timeout: 10_000 })).results[0]?.id).toBe("files");
    expect(Date.now() - started).toBeLessThan(4000);
    const choose = emu.sendMessage({ from: alice, text: "/choose" });
    expect((await emu.waitForBotMessage(alice.id, choose.message_id, { timeout: 10_000 })).text).toContain(UNAVAILABLE);

    redis.thaw();
    const deadline = Date.now() + 10_000;
    let reply: StoredMessage | undefined;
    while (Date.now() < deadline && !(reply?.text ?? "").includes("Question 1 of")) {
      const again = emu.sendMessage({ from: alice, text: "/choose" });
      reply = await emu.waitForBotMessage(alice.id, again.message_id, { timeout: 5000 });
      await sleep(200);
    }
    expect(reply?.text).toContain("Question 1 of");
    expect(run.logs().filter((l) => (l.level as number) >= 50)).toEqual([]);
  }, 60_000);
});

describe("a Redis that refuses writes (full)", () => {
  it("never says a choice was saved when it was not, and answers each tap once", async () => {
    const run = start({});
    await run.waitForLog('"msg":"bot started"');
    const ivan = emu.user({ first_name: "Ivan" });
    const menu = await emu.waitForBotMessage(ivan.id, emu.sendMessage({ from: ivan, text: "/language" }).message_id, {
      timeout: 5000,
    });
    expect(await redis.command("CONFIG", "SET", "maxmemory", "1")).toBe("+OK\r\n");

    const tap = emu.pressButton({ from: ivan, message: menu }, buttonData(menu, "Русский"));
    const answer = await emu.waitForCallbackAnswer(tap, { timeout: 5000 });
    expect(answer.text).toContain(UNAVAILABLE);
    await emu.waitUntilIdle({ timeout: 5000, quietMs: 300 });
    expect(emu.callbackAnswer(tap)?.count).toBe(1);
    expect(emu.chatMessages(ivan.id).find((m) => m.message_id === menu.message_id)?.text).toBe(menu.text);

    const before = botMessages(ivan).length;
    emu.sendMessage({ from: ivan, text: "/choose" });
    await emu.waitFor(() => botMessages(ivan).length > before, { timeout: 5000 });
    await emu.waitUntilIdle({ timeout: 5000, quietMs: 300 });
    expect(
      botMessages(ivan)
        .slice(before)
        .map((m) => m.text),
    ).toEqual([expect.stringContaining(UNAVAILABLE) as string]);

    // Room again: the same tap works, and the choice holds.
    expect(await redis.command("CONFIG", "SET", "maxmemory", "0")).toBe("+OK\r\n");
    const again = emu.pressButton({ from: ivan, message: menu }, buttonData(menu, "Русский"));
    expect((await emu.waitForCallbackAnswer(again, { timeout: 5000 })).text).toContain("Готово");
    const overview = emu.sendMessage({ from: ivan, text: "/compare" });
    expect((await emu.waitForBotMessage(ivan.id, overview.message_id, { timeout: 5000 })).text).toContain(
      "Bot API, бот через MTProto",
    );
    expect(emu.errors).toEqual([]);
  }, 30_000);
});

describe("stopping with Redis", () => {
  it("finishes the /choose runs in flight before closing Redis (long polling)", async () => {
    const run = start({});
    await run.waitForLog('"msg":"bot started"');
    const users = Array.from({ length: 40 }, (_, n) => emu.user({ first_name: `User${n}` }));
    // Each first question takes a second to send: they are all in flight when SIGTERM comes.
    emu.injectFault({ method: "sendMessage", times: 40, delayMs: 1000 });
    for (const from of users) emu.sendMessage({ from, text: "/choose" });
    await emu.waitFor(() => emu.pendingUpdateCount === 0, { timeout: 5000 });
    await sleep(200);
    run.child.kill("SIGTERM");
    expect(await exitWithin(run, 15_000)).toBe(0);
    for (const user of users) {
      const texts = botMessages(user).map((m) => m.text ?? "");
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain("Question 1 of");
    }
  }, 40_000);

  it("loses nothing in a rolling restart under traffic: every update answered once", async () => {
    const ports = [await freePort(), await freePort()];
    balancer = await RoundRobin.start(ports);
    const env = (port: number) => ({
      WEBHOOK_URL: `http://127.0.0.1:${balancer?.port}/hook`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      DRAIN_TIMEOUT_S: "3",
      LOG_LEVEL: "info",
    });
    const [a, b] = ports.map((port) => start(env(port))) as [BotProcess, BotProcess];
    await Promise.all([a.waitForLog('"msg":"bot started"'), b.waitForLog('"msg":"bot started"')]);
    const users = Array.from({ length: 20 }, (_, n) => emu.user({ first_name: `U${n}` }));
    const sent: StoredMessage[] = [];
    let traffic = true;
    const flow = (async () => {
      for (let n = 0; traffic; n++) {
        sent.push(emu.sendMessage({ from: users[n % users.length] as User, text: "/help" }));
        await sleep(20);
      }
    })();
    await sleep(1000);
    const signalled = Date.now();
    a.child.kill("SIGTERM");
    // A stops taking updates at once and goes within DRAIN_TIMEOUT_S, although they keep coming.
    expect(await exitWithin(a, 8000)).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(6000);
    await sleep(1000);
    traffic = false;
    await flow;
    await emu.waitFor(() => emu.pendingUpdateCount === 0, { timeout: 30_000 });
    await emu.waitUntilIdle({ timeout: 10_000, quietMs: 300 });
    expect(sent.length).toBeGreaterThan(20);
    for (const user of users) {
      const chat = emu.chatMessages(user.id);
      const asked = chat.filter((m) => m.from?.id === user.id).length;
      expect(chat.filter((m) => m.from?.id === emu.botInfo.id)).toHaveLength(asked);
    }
    expect(a.stdout()).toContain('"msg":"stopped"');
  }, 60_000);

  it("hands an update over to another instance when the one handling it dies", async () => {
    const [a, b] = [
      await webhookInstance({ WEBHOOK_TIMEOUT_S: "2" }),
      await webhookInstance({ WEBHOOK_TIMEOUT_S: "2" }),
    ];
    await Promise.all([a.waitForLog('"msg":"bot started"'), b.waitForLog('"msg":"bot started"')]);
    const dave = emu.user({ first_name: "Dave" });
    emu.sendMessage({ from: dave, text: "/start" });
    await emu.waitFor(() => botMessages(dave).length === 1, { timeout: 5000 });
    // Delivered by hand, as Telegram does, to one instance then (after it died) to the other.
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
    const deliver = (port: number) =>
      fetch(`http://127.0.0.1:${port}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      }).then(
        (res) => res.status,
        () => 0,
      );
    // A's reply never gets through: it is killed in the middle of the update.
    emu.injectFault({ method: "sendMessage", chatId: dave.id, hang: true });
    const first = deliver(a.port);
    await emu.waitFor(() => emu.calls.some((c) => c.error?.description === "no answer (injected fault)"), {
      timeout: 5000,
    });
    a.child.kill("SIGKILL");
    expect(await first).toBe(0);
    // B sees A's claim until it expires (WEBHOOK_TIMEOUT_S and 2 s), then handles the update.
    const statuses: number[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && statuses.at(-1) !== 200) {
      statuses.push(await deliver(b.port));
      if (statuses.at(-1) !== 200) await sleep(300);
    }
    expect(statuses.at(-1)).toBe(200);
    expect(statuses[0]).toBe(503);
    await emu.waitUntilIdle({ timeout: 5000 });
    expect(botMessages(dave).filter((m) => m.text?.startsWith("About this bot"))).toHaveLength(1);
    // A third delivery is a duplicate.
    expect(await deliver(b.port)).toBe(200);
    await emu.waitUntilIdle({ timeout: 5000 });
    expect(botMessages(dave).filter((m) => m.text?.startsWith("About this bot"))).toHaveLength(1);
  }, 40_000);
});

describe("Redis at start", () => {
  it("names a wrong or missing password", async () => {
    const locked = await RedisServer.start({ password: "right-password" });
    try {
      for (const [url, cause] of [
        [
          `redis://:wrong-password@127.0.0.1:${locked.port}`,
          "the password (or user) in REDIS_URL was refused (WRONGPASS)",
        ],
        [
          `redis://127.0.0.1:${locked.port}`,
          "Redis requires a password: put it in REDIS_URL, redis://:password@host:port (NOAUTH)",
        ],
      ] as const) {
        const run = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot, REDIS_URL: url });
        expect(await exitWithin(run, 10_000)).toBe(1);
        expect(run.stderr()).toBe(`Cannot start: cannot reach Redis at 127.0.0.1:${locked.port}: ${cause}\n`);
        expect(run.stderr()).not.toContain("wrong-password");
      }
    } finally {
      await locked.kill();
    }
  }, 30_000);
});
