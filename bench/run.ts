/**
 * `npm run bench`: every figure of the performance table, measured in this
 * run, printed as Markdown tables with the machine they were measured on.
 * Takes about six minutes. `npm run bench` compiles the benchmark and the
 * bot with tsc first and runs plain JavaScript, as `npm start` runs the bot:
 * the loader of the TypeScript sources would add its own cost to both.
 */
import { cpus, platform, arch } from "node:os";
import { benchInProcess, CONCURRENCY } from "./inprocess.js";
import { benchMiniAppPaint, CPU_SLOWDOWN } from "./miniapp.js";
import { runScript, START_NODE_OPTIONS } from "./spawn.js";
import { benchFloor } from "./floor.js";
import { benchStartup } from "./startup.js";
import { int, table } from "./stats.js";
import { benchWebhook, CONNECTIONS } from "./webhook.js";
import { benchWebhookMemory } from "./webhook-memory.js";

const ROUNDS = 11;
const ROUND_MS = 300;

/** The floors of DEVELOPERS' performance section, each printed beside what it bounds. */
const WEBHOOK_FLOOR = 0.6;
const STARTUP_FLOOR_MS = 300;
const MEMORY_FLOOR_MB = 100;
const PAINT_FLOOR_MS = 1000;
const met = (ok: boolean) => (ok ? "yes" : "NO");

const say = (text = "") => process.stdout.write(`${text}\n`);
const status = (text: string) => process.stderr.write(`… ${text}\n`);
const mb = (value: number) => value.toFixed(1);

interface MemoryPoint {
  rssMb: number;
  heapMb: number;
  sessions: number;
  advisors: number;
}
interface MemoryResult {
  before: MemoryPoint;
  first: MemoryPoint;
  second: MemoryPoint;
  third: MemoryPoint;
  users: number;
  phase: number;
  logged: number;
}

const cpu = cpus();
say(
  `Machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, Node ${process.version}, ${platform()} ${arch()}`,
);
say();

status(`in-process: ${ROUNDS} rounds + warm-up`);
const inProcess = await benchInProcess({ rounds: ROUNDS, ms: ROUND_MS });
say(
  `In process: bot.handleUpdate with the Bot API answered in-process, against a bare grammY bot making the same ` +
    `Bot API calls with fixed content (a reply, a one-result inline list, a tap's answer and an edit of its message); ` +
    `updates/s with ${CONCURRENCY} updates in flight ` +
    `(median of ${ROUNDS} rounds, real and bare bot taking turns; the ratio is the median of each round's ratio); ` +
    `latency of one update alone, in µs. ` +
    `Compiled JavaScript, node's default options${process.execArgv.length > 0 ? ` plus ${process.execArgv.join(" ")}` : ""}.`,
);
say();
say(
  table(
    ["path", "real upd/s", "bare upd/s", "ratio", "real p50", "real p99", "bare p50", "bare p99", "floor", "met"],
    inProcess.paths.map(({ path, real, bare, ratio: perRound }) => [
      path.name,
      int(real.perSecond),
      int(bare.perSecond),
      perRound.toFixed(2),
      int(real.p50),
      int(real.p99),
      int(bare.p50),
      int(bare.p99),
      "ratio" in path.floor ? `ratio ${path.floor.ratio.toFixed(2)}` : `p99 ${int(path.floor.p99Us)} µs`,
      met("ratio" in path.floor ? perRound >= path.floor.ratio : real.p99 <= path.floor.p99Us),
    ]),
    new Set([1, 2, 3, 4, 5, 6, 7, 8]),
  ),
);
say();
for (const { path } of inProcess.paths) say(`- ${path.name}: ${path.what}`);
if (inProcess.botErrors > 0) say(`\nWARNING: the bot logged ${inProcess.botErrors} warnings or errors during the run.`);
say();

status("webhook: warm-up + 8 rounds of 2 s per server");
const webhook = await benchWebhook({ rounds: 8, seconds: 2, warmup: 2 });
say(
  `Webhook over loopback: autocannon (another process, ${CONNECTIONS} connections) posting /compare updates; ` +
    `median of ${webhook.rounds} runs of ${webhook.seconds} s per server after one uncounted run each to warm up, the two taking turns; ` +
    `the ratio is the median of each round's ratio. ` +
    `Both servers in one fresh process, with node's default options.`,
);
say();
say(
  table(
    ["server", "requests/s", "p50 ms", "p99 ms", "non-2xx", "errors"],
    [
      [
        "src/server.ts + bot",
        int(webhook.real.perSecond),
        String(webhook.real.p50),
        String(webhook.real.p99),
        int(webhook.real.non2xx),
        int(webhook.real.errors),
      ],
      [
        "bare node:http, 200",
        int(webhook.bare.perSecond),
        String(webhook.bare.p50),
        String(webhook.bare.p99),
        int(webhook.bare.non2xx),
        int(webhook.bare.errors),
      ],
      ["ratio", webhook.ratio.toFixed(2), "", "", "", ""],
      [`ratio at least ${WEBHOOK_FLOOR}: met`, met(webhook.ratio >= WEBHOOK_FLOOR), "", "", "", ""],
    ],
    new Set([1, 2, 3, 4, 5]),
  ),
);
say();

status(`plugin floor: ${ROUNDS} rounds`);
const floor = await benchFloor(ROUNDS, ROUND_MS);
say(
  "The floor under any bot on the same layers: the bare bot answering /compare with a fixed text, with auto-retry, " +
    "then the flood limit and per-chat ordering every message and button update of the real bot passes: the bot's own, " +
    `and the plugins they stand in for (updates/s, median of ${ROUNDS} rounds; ratio: median of each round's ratio).`,
);
say();
say(
  table(
    ["bare grammY", "upd/s", "ratio to bare"],
    floor.bots.map(({ name, perSecond, ratio: r }) => [name, int(perSecond), r.toFixed(2)]),
    new Set([1, 2]),
  ),
);
say();

status("start-up: 5 runs");
const startup = await benchStartup(5);
say(
  `Start-up: spawn to first output (baselines) or to the first getUpdates waiting at the emulator (bot); median of ${startup.runs}, ms.`,
);
say();
say(
  table(
    ["what", "ms"],
    [
      ["node -e (process alone)", int(startup.node)],
      ["node + tsx, empty .ts file", int(startup.tsx)],
      ["npm start (node dist/main.cjs) until polling", int(startup.bot)],
      ["the bot's own part (minus node alone)", int(startup.bot - startup.node)],
      ["from the sources through tsx (development)", int(startup.botTsx)],
      [`npm start under ${STARTUP_FLOOR_MS} ms: met`, met(startup.bot < STARTUP_FLOOR_MS)],
    ],
    new Set([1]),
  ),
);
say();

status("Mini App: 5 loads in Chromium");
const paint = await benchMiniAppPaint(5);
if (paint === undefined) say("Mini App: skipped, no Chromium (apt-get install chromium, or set CHROMIUM_PATH).");
else {
  say(
    `Mini App: the page npm run build compiled, opened as Telegram opens it in headless Chromium at a phone's size, ` +
      `the CPU slowed down ${CPU_SLOWDOWN} times (a mid-range phone); ms from navigation, ${paint.loads} loads in fresh tabs.`,
  );
  say();
  say(
    table(
      ["paint", "best", "median"],
      [
        ["first contentful", int(paint.fcp.best), int(paint.fcp.median)],
        ["largest contentful", int(paint.lcp.best), int(paint.lcp.median)],
        [`first paint under ${PAINT_FLOOR_MS} ms: met`, met(paint.fcp.best < PAINT_FLOOR_MS), ""],
      ],
      new Set([1, 2]),
    ),
  );
}
say();

status("memory: 300,000 updates in a child process");
const memory = JSON.parse(await runScript("memory.ts", [], [...START_NODE_OPTIONS, "--expose-gc"])) as MemoryResult;
say(
  `Memory: a child process (compiled, node ${START_NODE_OPTIONS.join(" ")}, as npm start runs) fed a mix of updates (bench/memory.ts), measured after a full GC. ` +
    `Phases of ${int(memory.phase)} updates: ${int(memory.users)} users, the same users again, ${int(memory.users)} new users.`,
);
say();
const point = (name: string, p: MemoryPoint) => [name, mb(p.rssMb), mb(p.heapMb), int(p.sessions), int(p.advisors)];
say(
  table(
    ["after", "RSS MB", "heap MB", "sessions", "advisor runs"],
    [
      point("start (no update yet)", memory.before),
      point("100k updates", memory.first),
      point("200k (same users)", memory.second),
      point("300k (+ new users)", memory.third),
    ],
    new Set([1, 2, 3, 4]),
  ),
);
say();
say(
  `Growth 100k → 200k, same users: RSS ${mb(memory.second.rssMb - memory.first.rssMb)} MB, ` +
    `heap ${mb(memory.second.heapMb - memory.first.heapMb)} MB. ` +
    `Per new user (200k → 300k): ${int(((memory.third.heapMb - memory.second.heapMb) * 2 ** 20) / memory.users)} bytes of heap. ` +
    `Under ${MEMORY_FLOOR_MB} MB RSS at every point: ${met(Math.max(memory.first.rssMb, memory.second.rssMb, memory.third.rssMb) < MEMORY_FLOOR_MB)}.`,
);
if (memory.logged > 0) say(`\nWARNING: the bot logged ${memory.logged} warnings or errors during the memory run.`);

status("memory under webhook load: 30 s");
const loaded = await benchWebhookMemory({ seconds: 30, connections: CONNECTIONS });
say();
say(
  `Memory under webhook load: npm start in webhook mode (its own process, a Bot API stub answering at once), ` +
    `autocannon posting /compare updates over ${loaded.connections} connections for ${loaded.seconds} s ` +
    `(${int(loaded.load.perSecond)} requests/s, p99 ${loaded.load.p99} ms); RSS read from /proc, no forced GC.`,
);
say();
say(
  table(
    ["when", "RSS MB"],
    [
      ["idle, before the load", mb(loaded.idle)],
      ["under load, median", mb(loaded.loadMedian)],
      ["under load, highest", mb(loaded.loadMax)],
      [`under ${MEMORY_FLOOR_MB} MB: met`, met(loaded.loadMax < MEMORY_FLOOR_MB)],
      ["5 s after the load", mb(loaded.after)],
    ],
    new Set([1]),
  ),
);
