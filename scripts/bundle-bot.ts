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
 * Its whitespace and syntax are minified, which halves what node decodes
 * and compiles at start (some 20 ms); identifiers are not, and grammY's and
 * the bot's names (of functions, classes, errors) stay as they are, so a
 * stack trace still names them; its source map (main.js.map) gives the
 * files and lines, with `node --enable-source-maps`. Run by `npm run
 * build`, after tsc has checked the types:
 *
 *   tsx scripts/bundle-bot.ts [outDir]
 *
 * Whatever else is in outDir goes, except what the other steps write there
 * (app/, reference.json, locales.json).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildOptions, type Plugin } from "esbuild";
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

/**
 * node-fetch 2, which grammY sends its requests with, requires whatwg-url
 * (with tr46 and its 300 KB table of Unicode mappings, a third of the time
 * the bot took to load) only for a `URL` class that it takes from node's
 * own `url` module whenever there is one (`Url.URL || whatwgUrl.URL`), as
 * on every node the bot runs on. In the bundle it is an empty module. The
 * file is checked, so that a node-fetch that uses whatwg-url for more
 * fails the build rather than the bot.
 */
function withoutWhatwgUrl(): Plugin {
  return {
    name: "without-whatwg-url",
    setup(b) {
      b.onResolve({ filter: /^whatwg-url$/ }, (args) => {
        if (!/[\\/]node_modules[\\/]node-fetch[\\/]/.test(args.importer)) {
          throw new Error(`whatwg-url is imported by ${args.importer}, not only by node-fetch`);
        }
        const uses = readFileSync(args.importer, "utf8").match(/whatwgUrl\b[^\n]*/g) ?? [];
        const onlyFallback = uses.slice(1).every((line) => line === "whatwgUrl.URL;");
        if (uses.length < 2 || !onlyFallback || !uses[0]?.includes("require('whatwg-url')")) {
          throw new Error(
            `${args.importer} uses whatwg-url for more than a fallback of node's URL: ${uses.join(" | ")}`,
          );
        }
        return { path: "whatwg-url", namespace: "unused" };
      });
      b.onLoad({ filter: /.*/, namespace: "unused" }, () => ({ contents: "module.exports = {};", loader: "js" }));
    },
  };
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
    // Whitespace and syntax minified; identifiers not, and the names of functions and classes kept where bundling renames them.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    sourcemap: true,
    external: [...EXTERNAL],
    // CommonJS code in the bundle (grammY, pino) calls require() for node's own modules.
    banner: {
      js: 'import { createRequire as createRequireOfBundle } from "node:module";\nconst require = createRequireOfBundle(import.meta.url);',
    },
    define: { BUNDLED_DRAWING_CODE: JSON.stringify(drawingCodeHash()) },
    plugins: [withoutWhatwgUrl()],
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
