import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Whether this runs compiled (`npm run bench`) rather than from the TypeScript sources. */
const COMPILED = import.meta.url.endsWith(".js");

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The project's root: benchmarks run from it, compiled or not. */
export const ROOT = projectRoot(HERE);
/** tsx's loader, for what the benchmark measures from the TypeScript sources. */
export const TSX_LOADER = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** What `npm start` runs, read from package.json: `node`, its options, the script. */
const START: readonly string[] = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }
).scripts.start.split(/\s+/);

/** The node options `npm start` runs the bot with. */
export const START_NODE_OPTIONS: readonly string[] = START.filter((arg) => arg.startsWith("--"));

/** The script `npm start` runs (the bundle `npm run build` makes), as an absolute path. */
export const START_SCRIPT: string = join(ROOT, START.at(-1) ?? "");

/**
 * The node arguments that run another script of this folder (named by its
 * `.ts` source) the way this one runs: compiled when `npm run bench` runs,
 * through tsx otherwise.
 */
export function scriptArgs(file: string): string[] {
  return COMPILED ? [join(HERE, file.replace(/\.ts$/, ".js"))] : ["--import", TSX_LOADER, join(HERE, file)];
}

/** Runs another script of this folder in a new node process (see {@link scriptArgs}). Resolves with its stdout. */
export function runScript(file: string, args: readonly string[], nodeOptions: readonly string[] = []): Promise<string> {
  const script = scriptArgs(file);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeOptions, ...script, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done(out) : fail(new Error(`bench/${file} exited with code ${code}`))));
  });
}

/**
 * Builds the bot as `npm run build` does for `npm start`: its types
 * checked, bundled to dist/, with the Mini App and the reference compiled too.
 */
export function buildBot(): void {
  execFileSync(process.execPath, [
    join(ROOT, "node_modules/typescript/bin/tsc"),
    "-p",
    join(ROOT, "tsconfig.build.json"),
  ]);
  for (const script of ["scripts/bundle-bot.ts", "scripts/build-app.ts", "scripts/compile-reference.ts"]) {
    const args = script.endsWith("build-app.ts") ? ["--bundle-only"] : [];
    execFileSync(process.execPath, ["--import", TSX_LOADER, join(ROOT, script), ...args], { cwd: ROOT });
  }
}

/**
 * Resolves with what a child printed so far once `enough` accepts it;
 * fails if the child exits first.
 */
export function outputUntil(child: ChildProcess, enough: (out: string) => boolean): Promise<string> {
  return new Promise((done, fail) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (enough(out)) done(out);
    });
    child.once("exit", (code) => fail(new Error(`the child exited (${code}): ${out}`)));
  });
}
