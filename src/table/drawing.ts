import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DrawRequest, DrawResult } from "./render.js";

/** Draws table pictures: in a child process for the bot, directly in tests that pass their own. */
export type Draw = (request: DrawRequest) => Promise<DrawResult>;

/** Options of {@link drawInChildProcess}. */
export interface ChildOptions {
  /** How long the drawing may take before the child is killed, in ms. Default 120000. */
  timeoutMs?: number;
}

const here = fileURLToPath(import.meta.url);
/**
 * The child's entry point: beside this module while it is a file of its
 * own (TypeScript from the sources, JavaScript compiled file by file); in
 * the bundle `npm run build` makes, where this code sits in dist/main.cjs,
 * dist/draw-child.cjs.
 */
const entry = /[\\/]drawing\.[cm]?[jt]s$/.test(here)
  ? here.replace(/drawing\.([cm]?[jt]s)$/, "draw-child.$1")
  : join(dirname(here), `draw-child${extname(here)}`);

/** Node options for the child: run from the sources, it needs tsx's loader, as the parent has it. */
function execArgv(): string[] {
  if (!entry.endsWith(".ts")) return [];
  return ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];
}

/** A PNG as received over IPC (a Uint8Array) turned back into a Buffer without copying. */
function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Draws in a short-lived child process and hands back the PNGs. The
 * rasteriser keeps tens of megabytes of native memory after drawing that a
 * long-running bot would never get back; a child gives all of it back when
 * it exits, and it draws without holding up the bot's event loop.
 */
export async function drawInChildProcess(request: DrawRequest, options: ChildOptions = {}): Promise<DrawResult> {
  // Loaded on the first drawing: most runs never draw, and the bot need not load it to start.
  const { fork } = await import("node:child_process");
  return new Promise<DrawResult>((resolve, reject) => {
    const child = fork(entry, [], {
      execArgv: execArgv(),
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    let settled = false;
    const finish = (error: Error | undefined, result?: DrawResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) {
        child.kill();
        reject(error);
      } else if (result !== undefined) resolve(result);
    };
    const timer = setTimeout(
      () => finish(new Error(`drawing the table took longer than ${options.timeoutMs ?? 120_000} ms`)),
      options.timeoutMs ?? 120_000,
    );
    child.once("message", (answer: { ok: true; result: DrawResult } | { ok: false; error: string }) => {
      if (!answer.ok) {
        finish(new Error(`drawing the table failed: ${answer.error}`));
        return;
      }
      const { sections, full } = answer.result;
      const result: DrawResult = { sections: sections.map((s) => ({ index: s.index, pngs: s.pngs.map(buffer) })) };
      if (full !== undefined) result.full = buffer(full);
      finish(undefined, result);
    });
    child.once("error", (err) => finish(err));
    child.once("close", (code, signal) =>
      finish(new Error(`the drawing process exited (${signal ?? `code ${code ?? "?"}`}): ${stderr.trim()}`)),
    );
    child.send(request);
  });
}
