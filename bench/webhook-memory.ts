/**
 * Resident memory of the bot in webhook mode under load, as `npm start`
 * runs it: the compiled bot (dist/, with npm start's node options) in a
 * process of its own, a Bot API stub answering every call at once in this
 * process, and autocannon posting /compare updates from another. The bot's
 * RSS is read from /proc while it is idle, every 250 ms under load, and
 * again once the load stopped.
 *
 * Usage (after `npm run build` and `npx tsc -p bench/tsconfig.json`):
 * node out/build/bench/webhook-memory.js [seconds] [connections]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { BENCH_TOKEN, BOT_INFO } from "./fixtures.js";
import { buildBot, outputUntil, runScript, START_NODE_OPTIONS, START_SCRIPT } from "./spawn.js";
import { median } from "./stats.js";

const SECRET = "bench-secret";

/** What {@link benchWebhookMemory} measured, in MB. */
export interface WebhookMemoryResult {
  idle: number;
  /** Median and highest RSS while the load ran. */
  loadMedian: number;
  loadMax: number;
  /** Five seconds after the load stopped. */
  after: number;
  /** What the load generator measured meanwhile. */
  load: { perSecond: number; p50: number; p99: number; non2xx: number; errors: number };
  seconds: number;
  connections: number;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** A Bot API that answers every call at once: a Message for sendMessage, the bot for getMe, `true` otherwise. */
function stubApi(): Server {
  let messageId = 1;
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").at(-1) ?? "";
      let result: unknown = true;
      if (method === "getMe") result = BOT_INFO;
      else if (method === "sendMessage") {
        const p = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { chat_id?: number; text?: string };
        result = {
          message_id: messageId++,
          date: 1_700_000_000,
          chat: { id: p.chat_id ?? 1, type: "private", first_name: "User" },
          text: p.text ?? "",
        };
      }
      const body = JSON.stringify({ ok: true, result });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    });
  });
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done((server.address() as AddressInfo).port)));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((done) => probe.close(done));
  return port;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Runs the measurement; the bot is compiled to dist/ first, as `npm start` does. */
export async function benchWebhookMemory(options: {
  seconds: number;
  connections: number;
}): Promise<WebhookMemoryResult> {
  buildBot();
  const api = stubApi();
  const apiPort = await listen(api);
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), "bench-memory-"));
  const url = `http://127.0.0.1:${port}/telegram`;
  const bot = spawn(process.execPath, [...START_NODE_OPTIONS, START_SCRIPT], {
    // From an empty folder: a developer's .env must not change the figures.
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      BOT_TOKEN: BENCH_TOKEN,
      BOT_API_ROOT: `http://127.0.0.1:${apiPort}`,
      WEBHOOK_URL: url,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      // The load comes from 10,000 users in turn, faster than the flood limit allows.
      RATE_LIMIT: "10000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const pid = bot.pid ?? 0;
  try {
    await outputUntil(bot, (out) => out.includes('"msg":"bot started"'));
    await sleep(2000);
    const idle = rssMb(pid);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(pid)), 250);
    const out = await runScript("load.ts", [url, SECRET, String(options.seconds), String(options.connections)]);
    clearInterval(sampler);
    await sleep(5000);
    const after = rssMb(pid);
    const load = JSON.parse(out) as WebhookMemoryResult["load"];
    return {
      idle,
      loadMedian: median(samples),
      loadMax: Math.max(...samples),
      after,
      load,
      seconds: options.seconds,
      connections: options.connections,
    };
  } finally {
    bot.kill("SIGKILL");
    rmSync(cwd, { recursive: true, force: true });
    await new Promise((done) => api.close(done));
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  const [seconds = "20", connections = "40"] = process.argv.slice(2);
  const result = await benchWebhookMemory({ seconds: Number(seconds), connections: Number(connections) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
