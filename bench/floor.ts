import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import { CONCURRENCY } from "./inprocess.js";
import { BENCH_TOKEN, BOT_INFO, FakeApi, messageUpdate, NOWHERE, user } from "./fixtures.js";
import { median } from "./stats.js";

/**
 * The plugins every message and button update of the real bot passes,
 * added one by one to a bare bot. (Its session is installed for /language
 * only, and inline queries skip the ratelimiter and sequentialize.)
 */
export const PLUGIN_STEPS = ["auto-retry", "ratelimiter", "sequentialize"] as const;

/** What {@link benchFloor} measured: updates/s of the bare bot and with each plugin added. */
export interface FloorResult {
  bare: number;
  steps: { added: (typeof PLUGIN_STEPS)[number]; perSecond: number }[];
}

function bot(plugins: number): Bot {
  const api = new FakeApi();
  const b = new Bot(BENCH_TOKEN, { botInfo: BOT_INFO, client: { apiRoot: NOWHERE } });
  if (plugins >= 1) b.api.config.use(autoRetry());
  b.api.config.use(api.transformer);
  if (plugins >= 2)
    b.use(limit({ limit: Number.MAX_SAFE_INTEGER, timeFrame: 10_000, keyGenerator: (ctx) => ctx.from?.id.toString() }));
  if (plugins >= 3) b.use(sequentialize((ctx) => [String(ctx.chatId ?? ctx.from?.id)]));
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
 * The floor the required plugins put under any bot built on them: the bare
 * bot of the in-process table with auto-retry, the flood limit and per-chat
 * ordering added in turn, still answering with a fixed
 * text. Medians of `rounds` rounds of `ms` each, after a warm-up.
 */
export async function benchFloor(rounds: number, ms: number): Promise<FloorResult> {
  const bots = [0, 1, 2, 3].map(bot);
  const rates: number[][] = bots.map(() => []);
  for (const b of bots) await rate(b, ms);
  for (let r = 0; r < rounds; r++) {
    for (const [i, b] of bots.entries()) rates[i]?.push(await rate(b, ms));
  }
  const [bare = [], ...steps] = rates;
  return { bare: median(bare), steps: PLUGIN_STEPS.map((added, i) => ({ added, perSecond: median(steps[i] ?? []) })) };
}
