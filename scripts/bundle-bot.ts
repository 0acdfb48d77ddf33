/**
 * Bundles the bot into dist/ for `npm start`: src/main.ts with grammY, its
 * plugins, pino and everything else it imports as one ES module,
 * dist/main.js, so that node neither resolves some 190 files nor scans
 * each CommonJS file for its exports as it starts. What the bot loads only
 * when used (the search, the webhook server, the Mini App, Redis, dotenv,
 * the check of the Fluent files, the YAML of data/) stays in chunks of its
 * own beside it, loaded on demand. The table's drawing process has its own
 * entry point, dist/draw-child.js.
 *
 * Not minified: grammY's and the bot's names (of classes, of errors) stay
 * as they are. Run by `npm run build`, after tsc has checked the types:
 *
 *   tsx scripts/bundle-bot.ts [outDir]
 *
 * Whatever else is in outDir goes, except what the other steps write there
 * (app/, reference.json, locales.json).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { DRAWING_MODULES } from "../src/table/render.js";

const ROOT = join(import.meta.dirname, "..");

/**
 * Packages left to node_modules, loaded from there at run time: the
 * rasteriser is a native addon, fontkit is loaded and let go again through
 * `require` (see src/table/fonts.ts), and ioredis finds its own folder
 * through `__dirname`, which a bundled ES module does not have. All are
 * production dependencies, installed where the bot runs.
 */
const EXTERNAL: readonly string[] = ["@resvg/resvg-js", "fontkit", "ioredis"];

/** Files of dist/ that other steps of `npm run build` write, kept when the bundle is made anew. */
const NOT_OURS = new Set(["app", "reference.json", "locales.json"]);

/** The hash of the table's drawing code, as src/table/render.ts would take it from its own files. */
function drawingCodeHash(): string {
  const hash = createHash("sha256");
  for (const module of DRAWING_MODULES) hash.update(readFileSync(join(ROOT, "src", "table", `${module}.ts`)));
  return hash.digest("hex");
}

/** esbuild's options for the bot's bundle in `outDir`. */
function bundleOptions(outDir: string): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: { main: "src/main.ts", "draw-child": "src/table/draw-child.ts" },
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // What is imported with import() stays a chunk of its own, loaded when the bot gets there.
    splitting: true,
    chunkNames: "[name]-[hash]",
    // Not minified, and the names of functions and classes kept where bundling renames them.
    keepNames: true,
    sourcemap: true,
    external: [...EXTERNAL],
    // CommonJS code in the bundle (grammY, pino) calls require() for node's own modules.
    banner: {
      js: 'import { createRequire as createRequireOfBundle } from "node:module";\nconst require = createRequireOfBundle(import.meta.url);',
    },
    define: { BUNDLED_DRAWING_CODE: JSON.stringify(drawingCodeHash()) },
    logLevel: "warning",
  };
}

const outDir = process.argv[2] ?? join(ROOT, "dist");
mkdirSync(outDir, { recursive: true });
// An earlier build's code goes: its chunks have other names.
for (const entry of readdirSync(outDir, { withFileTypes: true })) {
  if (!NOT_OURS.has(entry.name)) rmSync(join(outDir, entry.name), { recursive: true, force: true });
}
await build(bundleOptions(outDir));
