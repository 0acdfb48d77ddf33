import { spawn } from "node:child_process";
import { outputUntil, ROOT, runScript, scriptArgs } from "./spawn.js";
import { median } from "./stats.js";

/** Connections the load generator keeps open: Telegram's default max_connections. */
export const CONNECTIONS = 40;

/** Figures of one server under load. */
export interface LoadFigures {
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** What {@link benchWebhook} measured: medians over the rounds. */
export interface WebhookResult {
  real: LoadFigures;
  bare: LoadFigures;
  /**
   * The median over the rounds of the real server's rate divided by the
   * bare one's in the same round: measured back to back, the two share the
   * machine's state of the moment, which a ratio of medians does not cancel.
   */
  ratio: number;
  rounds: number;
  seconds: number;
}

const SECRET = "bench-secret";
const PATH = "/telegram";

async function load(url: string, seconds: number): Promise<LoadFigures> {
  const out = await runScript("load.ts", [url, SECRET, String(seconds), String(CONNECTIONS)]);
  return JSON.parse(out) as LoadFigures;
}

function medians(runs: readonly LoadFigures[]): LoadFigures {
  const of = (key: keyof LoadFigures) => median(runs.map((r) => r[key]));
  return { perSecond: of("perSecond"), p50: of("p50"), p99: of("p99"), non2xx: of("non2xx"), errors: of("errors") };
}

/** Starts bench/webhook-servers.ts in its own process; resolves with its servers' URLs and a way to stop it. */
async function startServers(): Promise<{ real: string; bare: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...scriptArgs("webhook-servers.ts"), PATH, SECRET], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const out = await outputUntil(child, (text) => text.includes("\n"));
  const urls = JSON.parse(out.split("\n", 1)[0] ?? "") as { real: string; bare: string };
  return {
    ...urls,
    stop: () => {
      child.stdin.end();
      return exited;
    },
  };
}

/**
 * Webhook mode over loopback: the project's webhook server (src/server.ts)
 * in front of the real bot, against a bare node:http server that reads the
 * body and answers 200, both in a fresh process of their own
 * (bench/webhook-servers.ts). The load comes from another process; the two
 * servers take turns, `rounds` times each, each going first every other
 * round, after one uncounted round each of `warmup` seconds, as the
 * in-process benchmark's first round: a fresh process serves its first
 * seconds slowest (0.50-0.58 of the bare server, against some 0.75 after),
 * while V8 compiles and optimises the bot's code, which a deployed bot does
 * once.
 */
export async function benchWebhook(options: {
  rounds: number;
  seconds: number;
  warmup: number;
}): Promise<WebhookResult> {
  const servers = await startServers();
  const real: LoadFigures[] = [];
  const plain: LoadFigures[] = [];
  try {
    await load(servers.real, options.warmup);
    await load(servers.bare, options.warmup);
    for (let round = 0; round < options.rounds; round++) {
      if (round % 2 === 0) {
        real.push(await load(servers.real, options.seconds));
        plain.push(await load(servers.bare, options.seconds));
      } else {
        plain.push(await load(servers.bare, options.seconds));
        real.push(await load(servers.real, options.seconds));
      }
    }
  } finally {
    await servers.stop();
  }
  return {
    real: medians(real),
    bare: medians(plain),
    ratio: median(real.map((r, i) => r.perSecond / (plain[i]?.perSecond ?? r.perSecond))),
    rounds: options.rounds,
    seconds: options.seconds,
  };
}
