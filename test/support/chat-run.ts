import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(".");
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const ENTRY = join(ROOT, "emulator/chat/main.ts");

/** What a piped `npm run chat` printed, and how it ended. */
export interface ChatRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run chat` as a pipe would: the lines on stdin, then EOF. */
export function pipeChat(lines: string[], env: Record<string, string> = {}): Promise<ChatRun> {
  const child = spawn(process.execPath, ["--import", TSX, ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(lines.map((l) => `${l}\n`).join(""));
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

/** The output of each input line, in order, as echoed (`> line`). */
export function chatBlocks(stdout: string): Array<{ input: string; output: string }> {
  return stdout
    .split(/^> /m)
    .slice(1)
    .map((b) => {
      const nl = b.indexOf("\n");
      return { input: b.slice(0, nl), output: b.slice(nl + 1).trimEnd() };
    });
}
