/**
 * The memory benchmark, run in a process of its own (with --expose-gc) so
 * that nothing else lives in its heap. Feeds the real bot a mix of updates
 * from many users in three phases of 100,000 updates each:
 *
 * 1. users 1-10,000;
 * 2. the same users again: growth here is a leak;
 * 3. 10,000 new users: growth here is what each new user costs.
 *
 * Prints one JSON line with RSS and heap after each phase (after a full GC)
 * and the sizes of the session and advisor stores.
 */
import { MemorySessionStorage } from "grammy";
import type { Update, User } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../src/bot.js";
import { MemoryAdvisorRuns } from "../src/advisor-runs.js";
import type { StoredSettings } from "../src/settings.js";
import { createI18n } from "../src/i18n.js";
import {
  ADVISOR_STEPS,
  BENCH_TOKEN,
  BOT_INFO,
  CATALOG,
  callbackUpdate,
  FakeApi,
  inlineUpdate,
  messageUpdate,
  NOWHERE,
  SLUGS,
  user,
} from "./fixtures.js";

const PHASE = 100_000;
const USERS = 10_000;
const CLIENTS = 16;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");

const api = new FakeApi();
const sessions = new MemorySessionStorage<StoredSettings>();
const advisors = new MemoryAdvisorRuns();
let logged = 0;
const bot = createBot({
  token: BENCH_TOKEN,
  catalog: CATALOG,
  i18n: createI18n("locales"),
  logger: pino({ level: "warn" }, { write: () => void logged++ }),
  botInfo: BOT_INFO,
  apiRoot: NOWHERE,
  settingsStorage: sessions,
  advisorRuns: advisors,
  rateLimit: { limit: Number.MAX_SAFE_INTEGER, windowMs: 10_000 },
});
bot.api.config.use(api.transformer);

/** A deterministic pseudo-random sequence, so every run feeds the same updates. */
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const WORDS = ["files", "members", "old updates", "fles", "users", "webhook", "история", "участники"];
const QUESTIONS = ["can my bot read old messages?", "how big can a file be", "hello", "why 409 conflict", "спасибо"];

/** Where each user's /choose run stands, by user id. */
const advisorRuns = new Map<number, { step: number; messageId: number }>();

/**
 * One user action, as shares of all updates: 24.5% /compare, 0.5% /table
 * (drawn once per language, then sent by file_id), 10% /compare
 * with words, 20% taps on a card button, 15% inline queries with words and
 * 5% empty ones, 12% free text, 3% /language (half of them then pick a
 * language), 10% /choose (start a run, or answer its next question).
 */
function action(from: User): Update {
  const r = random() * 100;
  if (r < 0.5) return messageUpdate(from, "/table");
  if (r < 25) return messageUpdate(from, "/compare");
  if (r < 35) return messageUpdate(from, `/compare ${pick(WORDS)}`);
  if (r < 55) return callbackUpdate(from, `1:c:en:${pick(SLUGS)}`, 1);
  if (r < 70) return inlineUpdate(from, pick(WORDS));
  if (r < 75) return inlineUpdate(from, "");
  if (r < 87) return messageUpdate(from, pick(QUESTIONS));
  if (r < 88.5) return messageUpdate(from, "/language");
  if (r < 90) return callbackUpdate(from, `1:l:en:${pick(["ru", "en", "auto"])}`, 1);
  const run = advisorRuns.get(from.id);
  if (run === undefined || run.step >= ADVISOR_STEPS) {
    advisorRuns.delete(from.id);
    return messageUpdate(from, "/choose");
  }
  return callbackUpdate(from, `1:a:en:${run.step++}-${pick(["y", "n", "u"])}`, run.messageId);
}

/**
 * After a /choose, remembers the run it started: the question's message,
 * found by its first button. Forgets what the fake API kept, which is the benchmark's own memory.
 */
function noteAdvisor(update: Update): void {
  const from = update.message?.from;
  const sent = from === undefined ? undefined : api.lastSent.get(from.id);
  if (from !== undefined) api.lastSent.delete(from.id);
  if (from === undefined || update.message?.text !== "/choose") return;
  const button = sent?.reply_markup?.inline_keyboard[0]?.[0];
  const data = button !== undefined && "callback_data" in button ? (button.callback_data ?? "") : "";
  if (sent !== undefined && /^1:a:\w+:0-/.test(data)) advisorRuns.set(from.id, { step: 0, messageId: sent.message_id });
}

async function phase(firstUser: number): Promise<void> {
  const users = Array.from({ length: USERS }, (_, i) => user(firstUser + i, i % 5 === 0 ? "ru" : "en"));
  let left = PHASE;
  // Each client serves its own slice of the users, so one user's updates stay in order.
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const mine = users.filter((_, i) => i % CLIENTS === c);
      while (left > 0) {
        left--;
        const update = action(pick(mine));
        await bot.handleUpdate(update);
        noteAdvisor(update);
      }
    }),
  );
}

/** Settles the heap (V8 gives pages back to the system a little after a GC), then reads. */
async function measure(): Promise<{
  rssMb: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
  sessions: number;
  advisors: number;
}> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((done) => setTimeout(done, 100));
  }
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return {
    rssMb: rss / 2 ** 20,
    heapMb: heapUsed / 2 ** 20,
    heapTotalMb: heapTotal / 2 ** 20,
    externalMb: external / 2 ** 20,
    sessions: sessions.readAllKeys().length,
    advisors: advisors.size,
  };
}

const before = await measure();
await phase(20_000_000);
const first = await measure();
await phase(20_000_000);
const second = await measure();
await phase(20_000_000 + USERS);
const third = await measure();
process.stdout.write(`${JSON.stringify({ before, first, second, third, users: USERS, phase: PHASE, logged })}\n`);
