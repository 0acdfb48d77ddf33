import { pino } from "pino";
import { bareBot, FakeApi, realBot } from "./fixtures.js";
import { type BenchPath, type Flavour, type NextUpdate, PATHS, type UpdateHandler } from "./paths.js";
import { median, percentile } from "./stats.js";

/** Updates in flight at once while measuring throughput, from as many clients. */
export const CONCURRENCY = 32;

/** Figures of one path for one bot. */
export interface PathFigures {
  /** Median over the rounds of updates handled per second. */
  perSecond: number;
  /** Latency of one update handled alone, in microseconds. */
  p50: number;
  p99: number;
}

/** What {@link benchInProcess} measured. */
export interface InProcessResult {
  rounds: number;
  /**
   * Per path, `ratio` is the median over the rounds of the real bot's rate
   * divided by the bare bot's in the same round: measured back to back, the
   * two share the machine's state of the moment, which a ratio of medians
   * over the whole run does not cancel.
   */
  paths: { path: BenchPath; real: PathFigures; bare: PathFigures; ratio: number }[];
  /** Warnings and errors the real bot logged; none are expected. */
  botErrors: number;
}

interface Side {
  bot: UpdateHandler;
  clients: NextUpdate[];
  /** The client whose updates are timed one at a time. */
  solo: NextUpdate;
  rates: number[];
  latencies: number[];
}

/** Updates per second with {@link CONCURRENCY} clients, each awaiting its last update. */
async function throughput(side: Side, ms: number): Promise<number> {
  let count = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    side.clients.map(async (next) => {
      while (performance.now() < end) {
        await side.bot.handleUpdate(next());
        count++;
      }
    }),
  );
  return (count / (performance.now() - start)) * 1000;
}

/** Times updates handled one at a time, nothing else running; pushes microseconds. */
async function latency(side: Side, ms: number, into: number[]): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const update = side.solo();
    const t0 = performance.now();
    await side.bot.handleUpdate(update);
    into.push((performance.now() - t0) * 1000);
  }
}

/**
 * Runs every path through the real bot and the bare one, in rounds: each
 * round gives each path `ms` of throughput and `ms` of latency measurement
 * on both bots, which take turns going first. The first round warms up and
 * is not counted.
 */
export async function benchInProcess(options: { rounds: number; ms: number }): Promise<InProcessResult> {
  let botErrors = 0;
  const logger = pino({ level: "warn" }, { write: () => void botErrors++ });
  const realApi = new FakeApi();
  const bareApi = new FakeApi();
  const bots: Record<Flavour, UpdateHandler> = { real: realBot(realApi, logger), bare: bareBot(bareApi) };
  const apis: Record<Flavour, FakeApi> = { real: realApi, bare: bareApi };

  const sides = PATHS.map((path) => {
    const side = (flavour: Flavour): Side => ({
      bot: bots[flavour],
      clients: Array.from({ length: CONCURRENCY }, (_, i) => path.client(apis[flavour], flavour, i)),
      solo: path.client(apis[flavour], flavour, CONCURRENCY),
      rates: [],
      latencies: [],
    });
    return { path, real: side("real"), bare: side("bare") };
  });

  for (let round = 0; round <= options.rounds; round++) {
    const warmup = round === 0;
    for (const { real, bare } of sides) {
      const order = round % 2 === 0 ? [real, bare] : [bare, real];
      for (const side of order) {
        // Each measurement starts from a collected heap, so that neither bot pays for the other's garbage.
        (globalThis as { gc?: () => void }).gc?.();
        const rate = await throughput(side, warmup ? options.ms / 2 : options.ms);
        const samples: number[] = [];
        await latency(side, warmup ? options.ms / 2 : options.ms, samples);
        if (!warmup) {
          side.rates.push(rate);
          side.latencies.push(...samples);
        }
      }
    }
  }

  const figures = (side: Side): PathFigures => ({
    perSecond: median(side.rates),
    p50: percentile(side.latencies, 50),
    p99: percentile(side.latencies, 99),
  });
  return {
    rounds: options.rounds,
    paths: sides.map(({ path, real, bare }) => ({
      path,
      real: figures(real),
      bare: figures(bare),
      ratio: median(real.rates.map((rate, i) => rate / (bare.rates[i] ?? rate))),
    })),
    botErrors,
  };
}
