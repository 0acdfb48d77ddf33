import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createWebhookServer } from "../src/server.js";
import { FakeApi, realBot } from "./fixtures.js";
import { runScript } from "./spawn.js";
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

function listen(server: Server): Promise<string> {
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`)),
  );
}

function close(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

async function load(url: string, seconds: number): Promise<LoadFigures> {
  const out = await runScript("load.ts", [url, SECRET, String(seconds), String(CONNECTIONS)]);
  return JSON.parse(out) as LoadFigures;
}

function medians(runs: readonly LoadFigures[]): LoadFigures {
  const of = (key: keyof LoadFigures) => median(runs.map((r) => r[key]));
  return { perSecond: of("perSecond"), p50: of("p50"), p99: of("p99"), non2xx: of("non2xx"), errors: of("errors") };
}

/**
 * Webhook mode over loopback: the project's webhook server (src/server.ts)
 * in front of the real bot, against a bare node:http server that reads the
 * body and answers 200. The load comes from another process; the two
 * servers take turns, `rounds` times each, each going first every other
 * round.
 */
export async function benchWebhook(options: { rounds: number; seconds: number }): Promise<WebhookResult> {
  const bot = realBot(new FakeApi());
  const endpoint = createWebhookServer({
    handleUpdate: (update) => bot.handleUpdate(update),
    path: PATH,
    secret: SECRET,
    logger: pino({ level: "silent" }),
  });
  const bare = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end());
  });
  const realUrl = await listen(endpoint.server);
  const bareUrl = await listen(bare);
  const real: LoadFigures[] = [];
  const plain: LoadFigures[] = [];
  try {
    for (let round = 0; round < options.rounds; round++) {
      if (round % 2 === 0) {
        real.push(await load(realUrl, options.seconds));
        plain.push(await load(bareUrl, options.seconds));
      } else {
        plain.push(await load(bareUrl, options.seconds));
        real.push(await load(realUrl, options.seconds));
      }
    }
  } finally {
    await endpoint.close();
    await close(bare);
  }
  return {
    real: medians(real),
    bare: medians(plain),
    ratio: median(real.map((r, i) => r.perSecond / (plain[i]?.perSecond ?? r.perSecond))),
    rounds: options.rounds,
    seconds: options.seconds,
  };
}
