import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { START_NODE_OPTIONS, START_SCRIPT } from "../../bench/spawn.js";

/** The bot running as its own process. */
export interface BotProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  /** Resolves once the process logged `text`. */
  waitForLog: (text: string, timeoutMs?: number) => Promise<void>;
  /** The JSON lines logged so far, parsed; anything else on stdout is kept as `{ raw }`. */
  logs: () => Record<string, unknown>[];
}

/**
 * Starts the bot as `npm start` does, from an empty folder so that no
 * developer's .env leaks in, with only the given environment.
 */
export function startProcess(env: Record<string, string>): BotProcess {
  const cwd = mkdtempSync(join(tmpdir(), "bot-run-"));
  const child = spawn(process.execPath, [...START_NODE_OPTIONS, START_SCRIPT], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((done) =>
    child.on("exit", (code) => {
      rmSync(cwd, { recursive: true, force: true });
      done(code);
    }),
  );
  const waitForLog = (text: string, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.includes(text)) done(resolve);
        else if (child.exitCode !== null) done(() => reject(new Error(`the bot exited (${child.exitCode}): ${err}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no "${text}" in the log within ${timeoutMs} ms:\n${out}\n${err}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        child.stdout?.off("data", check);
        child.off("exit", check);
        settle();
      };
      // After the listeners that collect the output, so each check sees the new chunk.
      child.stdout?.on("data", check);
      child.on("exit", check);
      check();
    });
  const logs = () =>
    out
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return { raw: line };
        }
      });
  return { child, stdout: () => out, stderr: () => err, exit, waitForLog, logs };
}
