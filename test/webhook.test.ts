import { request } from "node:http";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../emulator/index.js";
import { createWebhookServer, MemoryDeduplicator, type WebhookServer } from "../src/server.js";
import { tr } from "./harness.js";
import { startProcess, type BotProcess } from "./support/process.js";
import { freePort } from "./support/redis.js";

const SECRET = "s3cret_token-for-tests";

interface Reply {
  status: number;
  body: string;
}

function post(
  port: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
  method = "POST",
  path = "/hook",
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("MemoryDeduplicator", () => {
  it("remembers at least the last `capacity` ids and forgets older ones", async () => {
    const dedupe = new MemoryDeduplicator(100);
    for (let id = 1; id <= 250; id++) expect(await dedupe.firstTime(id)).toBe(true);
    // The last 100 are surely remembered; the first ones were forgotten.
    for (let id = 151; id <= 250; id++) expect(await dedupe.firstTime(id)).toBe(false);
    expect(await dedupe.firstTime(1)).toBe(true);
  });
});

describe("the webhook endpoint", () => {
  let endpoint: WebhookServer;
  let port: number;
  let handled: Update[];
  let logs: string[];

  beforeEach(async () => {
    handled = [];
    logs = [];
    endpoint = createWebhookServer({
      handleUpdate: async (update) => {
        handled.push(update);
        if ("message" in update && update.message?.text === "slow") await new Promise((r) => setTimeout(r, 400));
      },
      path: "/hook",
      secret: SECRET,
      previousSecrets: ["the-old-secret"],
      logger: pino({ level: "debug" }, { write: (line: string) => void logs.push(line) }),
      timeoutMs: 100,
    });
    await new Promise<void>((resolve) => endpoint.server.listen(0, "127.0.0.1", resolve));
    const address = endpoint.server.address();
    port = typeof address === "object" && address !== null ? address.port : 0;
  });

  afterEach(async () => {
    await endpoint.close();
  });

  const update = (id: number, text = "/compare") =>
    JSON.stringify({
      update_id: id,
      message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "A" }, text },
    });
  const secret = { "x-telegram-bot-api-secret-token": SECRET };

  it("handles an update with the right secret", async () => {
    expect(await post(port, update(1), secret)).toEqual({ status: 200, body: "" });
    expect(handled.map((u) => u.update_id)).toEqual([1]);
  });

  it("accepts the previous secret while a new one rolls out", async () => {
    expect((await post(port, update(5), { "x-telegram-bot-api-secret-token": "the-old-secret" })).status).toBe(200);
    expect(handled.map((u) => u.update_id)).toEqual([5]);
  });

  it("refuses a wrong or missing secret with 401 and does not handle the update", async () => {
    expect((await post(port, update(2), { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect((await post(port, update(3), { "x-telegram-bot-api-secret-token": SECRET.slice(0, -1) })).status).toBe(401);
    expect((await post(port, update(4))).status).toBe(401);
    expect(handled).toEqual([]);
  });

  it("refuses a body that is not JSON or not an update with 400, without logging it", async () => {
    expect((await post(port, "{not json", secret)).status).toBe(400);
    expect((await post(port, "[]", secret)).status).toBe(400);
    expect((await post(port, '{"message":{}}', secret)).status).toBe(400);
    expect((await post(port, '{"update_id":"7"}', secret)).status).toBe(400);
    expect(handled).toEqual([]);
    expect(logs.join("")).not.toContain("not json");
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    expect((await post(port, big, secret)).status).toBe(413);
    // Also when the sender does not declare the length up front.
    expect((await post(port, big, { ...secret, "transfer-encoding": "chunked" })).status).toBe(413);
    expect(handled).toEqual([]);
    // The server keeps serving.
    expect((await post(port, update(8), secret)).status).toBe(200);
  });

  it("refuses other methods than POST with 405", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) expect((await post(port, "", secret, method)).status).toBe(405);
    expect((await post(port, update(9), secret, "POST", "/elsewhere")).status).toBe(404);
    expect(handled).toEqual([]);
  });

  it("handles a duplicate update_id once", async () => {
    for (let n = 0; n < 3; n++) expect((await post(port, update(10), secret)).status).toBe(200);
    expect(handled.map((u) => u.update_id)).toEqual([10]);
  });

  it("answers Telegram within its time budget and finishes slow work before closing", async () => {
    const started = Date.now();
    expect((await post(port, update(11, "slow"), secret)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(350);
    expect(endpoint.inFlight()).toBe(1);
    await endpoint.close();
    expect(endpoint.inFlight()).toBe(0);
  });

  it("reports its health", async () => {
    const health = await post(port, "", {}, "GET", "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok", mode: "webhook" });
  });
});

describe("webhook mode, as a process", () => {
  let emu: BotApiEmulator;
  let bot: BotProcess | undefined;
  beforeEach(async () => {
    emu = await BotApiEmulator.start();
  });
  afterEach(async () => {
    bot?.child.kill("SIGKILL");
    await emu.close();
  });

  it("requires a well-formed secret", async () => {
    for (const [secret, pattern] of [
      [undefined, /^Cannot start: WEBHOOK_SECRET is required when WEBHOOK_URL is set/],
      ["has spaces in it", /^Cannot start: WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -\n$/],
      ["x".repeat(257), /^Cannot start: WEBHOOK_SECRET must be 1-256 characters/],
    ] as const) {
      const run = startProcess({
        BOT_TOKEN: emu.token,
        WEBHOOK_URL: "https://bot.example.com/hook",
        ...(secret === undefined ? {} : { WEBHOOK_SECRET: secret }),
      });
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toMatch(pattern);
    }
  }, 30000);

  it("sets the webhook, serves through it, and stops on SIGTERM with exit code 0", async () => {
    const port = await freePort();
    bot = startProcess({
      BOT_TOKEN: emu.token,
      BOT_API_ROOT: emu.apiRoot,
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_MAX_CONNECTIONS: "7",
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    await bot.waitForLog('"msg":"bot started"');
    const setWebhook = emu.calls.find((c) => c.method === "setWebhook");
    expect(setWebhook?.params).toEqual({
      url: `http://127.0.0.1:${port}/telegram/hook`,
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "inline_query"],
      max_connections: 7,
    });
    const alice = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: alice, text: "/compare" });
    expect((await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 5000 })).text).toContain(
      tr("en", "overview-title"),
    );
    const health = await post(port, "", {}, "GET", "/healthz");
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok", mode: "webhook" });
    bot.child.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
    expect(bot.stdout()).toContain('"msg":"stopped"');
    expect(bot.stdout()).not.toContain(emu.token);
  }, 30000);
});
