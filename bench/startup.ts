import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BotApiEmulator } from "../emulator/index.js";
import { buildBot, ROOT, START_NODE_OPTIONS, START_SCRIPT, TSX_LOADER } from "./spawn.js";
import { median } from "./stats.js";

/** What {@link benchStartup} measured, medians in milliseconds. */
export interface StartupResult {
  /** `node -e` printing a line: the process itself. */
  node: number;
  /** node with the tsx loader running an empty TypeScript file. */
  tsx: number;
  /** `node dist/main.cjs` (what `npm start` runs) until its first getUpdates waits at the Bot API. */
  bot: number;
  /** The same from the TypeScript sources through tsx, as in development. */
  botTsx: number;
  runs: number;
}

/** Starts a process with only PATH and `env`, from an empty folder, as the process tests do. */
function start(args: readonly string[], env: Record<string, string>): { child: ChildProcess; cwd: string } {
  const cwd = mkdtempSync(join(tmpdir(), "bench-start-"));
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return { child, cwd };
}

function stop({ child, cwd }: { child: ChildProcess; cwd: string }): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      rmSync(cwd, { recursive: true, force: true });
      done();
    };
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once("exit", finish);
    child.kill("SIGTERM");
  });
}

/** Milliseconds until the process prints its first output. */
async function untilOutput(args: readonly string[]): Promise<number> {
  const t0 = performance.now();
  const run = start(args, {});
  await new Promise<void>((done, fail) => {
    run.child.stdout?.once("data", () => done());
    run.child.once("exit", (code) => fail(new Error(`exited with ${code} before printing`)));
  });
  const ms = performance.now() - t0;
  await stop(run);
  return ms;
}

/** Milliseconds from spawning the bot until the emulator holds its first long poll. */
async function untilPolling(args: readonly string[]): Promise<number> {
  const emu = await BotApiEmulator.start();
  try {
    const t0 = performance.now();
    const run = start(args, {
      BOT_TOKEN: emu.token,
      BOT_API_ROOT: emu.apiRoot,
      LOG_LEVEL: "warn",
    });
    try {
      return await new Promise<number>((done, fail) => {
        const timer = setInterval(() => {
          if (emu.isPolling) {
            clearInterval(timer);
            done(performance.now() - t0);
          }
        }, 1);
        run.child.once("exit", (code) => {
          clearInterval(timer);
          fail(new Error(`the bot exited with ${code} before polling`));
        });
      });
    } finally {
      await stop(run);
    }
  } finally {
    await emu.close();
  }
}

/**
 * Start-up time, with what node and tsx take by themselves, so the bot's
 * own part (loading its modules and data, building the search index,
 * getMe, deleteWebhook) is the difference.
 */
export async function benchStartup(runs: number): Promise<StartupResult> {
  buildBot();
  const node: number[] = [];
  const tsx: number[] = [];
  const bot: number[] = [];
  const botTsx: number[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(await untilOutput(["-e", "process.stdout.write('ready\\n')"]));
    tsx.push(await untilOutput(["--import", TSX_LOADER, join(ROOT, "bench/noop.ts")]));
    bot.push(await untilPolling([...START_NODE_OPTIONS, START_SCRIPT]));
    botTsx.push(await untilPolling(["--import", TSX_LOADER, join(ROOT, "src/main.ts")]));
  }
  return { node: median(node), tsx: median(tsx), bot: median(bot), botTsx: median(botTsx), runs };
}
