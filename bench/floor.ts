import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import { pino } from "pino";
import { floodLimit } from "../src/features/flood.js";
import { inOrder } from "../src/in-order.js";
import { CONCURRENCY } from "./inprocess.js";
import { BENCH_TOKEN, BOT_INFO, FakeApi, messageUpdate, NOWHERE, user } from "./fixtures.js";
import { median } from "./stats.js";

/**
 * The layers every message and button update of the real bot passes before
 * its own work, on a bare bot, and the plugins the bot's flood limit and
 * ordering replace, in their place: the first row is the bare bot itself.
 */
export const FLOOR_BOTS = [
  "(nothing)",
  "+ auto-retry",
  "+ auto-retry, the bot's flood limit and ordering",
  "+ auto-retry, @grammyjs/ratelimiter and sequentialize",
] as const;

/** What {@link benchFloor} measured: per bot, updates/s and the median of its per-round ratio to the bare bot. */
export interface FloorResult {
  bots: { name: (typeof FLOOR_BOTS)[number]; perSecond: number; ratio: number }[];
}

const NEVER = { limit: Number.MAX_SAFE_INTEGER, windowMs: 10_000 };

function bot(name: (typeof FLOOR_BOTS)[number]): Bot {
  const api = new FakeApi();
  const b = new Bot(BENCH_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: NOWHERE } });
  if (name !== "(nothing)") b.api.config.use(autoRetry());
  b.api.config.use(api.transformer);
  if (name === "+ auto-retry, the bot's flood limit and ordering") {
    const quiet = pino({ level: "silent" });
    b.use(
      floodLimit(
        NEVER,
        () => "en",
        () => "",
        quiet,
      ),
    );
    b.use(inOrder((ctx) => ctx.chatId ?? ctx.from?.id));
  }
  if (name === "+ auto-retry, @grammyjs/ratelimiter and sequentialize") {
    b.use(limit({ limit: NEVER.limit, timeFrame: NEVER.windowMs, keyGenerator: (ctx) => ctx.from?.id.toString() }));
    b.use(sequentialize((ctx) => [String(ctx.chatId ?? ctx.from?.id)]));
  }
  b.on("message", (ctx) => ctx.reply("ok"));
  return b;
}

async function rate(b: Bot, ms: number): Promise<number> {
  const users = Array.from({ length: CONCURRENCY }, (_, i) => user(900_000 + i));
  let count = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    users.map(async (u) => {
      while (performance.now() < end) {
        await b.handleUpdate(messageUpdate(u, "/compare"));
        count++;
      }
    }),
  );
  return (count / (performance.now() - start)) * 1000;
}

/**
 * The floor the layers put under any bot built on them: the bare bot of the
 * in-process table, still answering /compare with a fixed text, with
 * auto-retry, then the flood limit and per-chat ordering added: the bot's
 * own, and the plugins they stand in for. Each round measures every bot in
 * turn from a collected heap, after a warm-up; the ratio is the median of
 * the rounds' ratios to the bare bot.
 */
export async function benchFloor(rounds: number, ms: number): Promise<FloorResult> {
  const bots = FLOOR_BOTS.map(bot);
  const rates: number[][] = bots.map(() => []);
  for (const b of bots) await rate(b, ms);
  for (let r = 0; r < rounds; r++) {
    for (const [i, b] of bots.entries()) {
      (globalThis as { gc?: () => void }).gc?.();
      rates[i]?.push(await rate(b, ms));
    }
  }
  const bare = rates[0] ?? [];
  return {
    bots: FLOOR_BOTS.map((name, i) => ({
      name,
      perSecond: median(rates[i] ?? []),
      ratio: median((rates[i] ?? []).map((r, round) => r / (bare[round] ?? r))),
    })),
  };
}
