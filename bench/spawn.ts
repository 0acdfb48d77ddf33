import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The project's root: benchmarks run from it. */
export const ROOT = resolve(import.meta.dirname, "..");
/** tsx's loader, as `npm start` and the process tests use it. */
export const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** Runs a TypeScript file of this folder in a new node process and resolves with its stdout. */
export function runTs(file: string, args: readonly string[], nodeOptions: readonly string[] = []): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeOptions, "--import", TSX_LOADER, join(ROOT, "bench", file), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done(out) : fail(new Error(`bench/${file} exited with code ${code}`))));
  });
}

/** The node options `npm start` runs the bot with, read from package.json. */
export const START_NODE_OPTIONS: readonly string[] = (
  (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start
)
  .split(/\s+/)
  .filter((arg) => arg.startsWith("--"));

/**
 * Compiles `file` of this folder with the bot's sources to plain JavaScript
 * and runs it with node alone, as the bot runs in production (`npm start`),
 * so that the loader of the TypeScript sources does not count.
 */
export function runCompiled(file: string, args: readonly string[], nodeOptions: readonly string[] = []): Promise<string> {
  nodeOptions = [...START_NODE_OPTIONS, ...nodeOptions];
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "bench/tsconfig.json")]);
  const compiled = join(ROOT, "out/build/bench", file.replace(/\.ts$/, ".js"));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeOptions, compiled, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done(out) : fail(new Error(`${compiled} exited with code ${code}`))));
  });
}
