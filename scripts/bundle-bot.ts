/**
 * Bundles the bot into dist/ for `npm start`: src/main.ts with grammY, its
 * plugins, pino and everything else it imports as one CommonJS script,
 * dist/main.cjs. Node's CommonJS loader starts it about 20 ms sooner than
 * the same code as ES modules (measured in turns): there is no module graph
 * to link and no loader of its own to load first.
 *
 * What the bot runs only when used (the search, the webhook server, the
 * Mini App, Redis, the check of the Fluent files, the reading of data/) is
 * in the script too, and runs on first use. The large packages of those
 * parts (the Snowball stemmers, zod, yaml, Fluent's parser) are scripts of
 * their own, dist/vendor/*.cjs, loaded when first required: in main.cjs,
 * node would read and parse their 1.3 MB at every start; from node_modules,
 * zod alone is some 100 files. The table's drawing process has its own
 * entry point, dist/draw-child.cjs.
 *
 * Its whitespace and syntax are minified, which halves what node decodes
 * and compiles at start; identifiers are not, and grammY's and the bot's
 * names (of functions, classes, errors) stay as they are, so a stack trace
 * still names them; its source map (main.cjs.map) gives the files and
 * lines, with `node --enable-source-maps`. Run by `npm run build`, after
 * tsc has checked the types:
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
 * `require` (see src/table/fonts.ts), and ioredis finds files of its own
 * folder through `__dirname`, which in a bundle is dist/. All are
 * production dependencies, installed where the bot runs.
 */
const EXTERNAL: readonly string[] = ["@resvg/resvg-js", "fontkit", "ioredis"];

/**
 * Packages of the parts loaded on first use, bundled each into a script of
 * its own, dist/vendor/<name>.cjs, that the bot requires when it gets
 * there: the search's stemmers (once the bot serves), and what reads and
 * checks data/ and the Fluent files anew (only when they changed since the
 * build).
 */
const VENDORED: readonly string[] = ["snowball-stemmers", "zod", "yaml", "@fluent/syntax"];

/** The file of a vendored package in dist/, relative to the bundle. */
const vendorFile = (name: string) => `vendor/${name.replace(/^@/, "").replace(/\//g, "-")}.cjs`;

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

/** The vendored packages, required from their own files in dist/vendor/ (see {@link VENDORED}). */
function vendored(): Plugin {
  const names = new Set(VENDORED);
  return {
    name: "vendored",
    setup(b) {
      b.onResolve({ filter: /^[@a-z]/ }, (args) =>
        names.has(args.path) ? { path: `./${vendorFile(args.path)}`, external: true } : undefined,
      );
    },
  };
}

/** What every script of the bundle is built with. */
const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outExtension: { ".js": ".cjs" },
  // Whitespace and syntax minified; identifiers not, and the names of functions and classes kept where bundling renames them.
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  sourcemap: true,
  logLevel: "warning",
};

/** esbuild's options for the bot's scripts in `outDir`. */
function bundleOptions(outDir: string): BuildOptions {
  return {
    ...COMMON,
    entryPoints: { main: "src/main.ts", "draw-child": "src/table/draw-child.ts" },
    outdir: outDir,
    external: [...EXTERNAL],
    // A CommonJS script has no import.meta: its URL is worked out from __filename, once.
    define: { "import.meta.url": "importMetaUrl", BUNDLED_DRAWING_CODE: JSON.stringify(drawingCodeHash()) },
    banner: { js: 'var importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [withoutWhatwgUrl(), vendored()],
  };
}

/** esbuild's options for the script of a vendored package in `outDir`. */
function vendorOptions(name: string, outDir: string): BuildOptions {
  return {
    ...COMMON,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ROOT, loader: "js" },
    outfile: join(outDir, vendorFile(name)),
  };
}

const outDir = process.argv[2] ?? join(ROOT, "dist");
mkdirSync(outDir, { recursive: true });
// An earlier build's code goes, whatever its files were named.
for (const entry of readdirSync(outDir, { withFileTypes: true })) {
  if (!NOT_OURS.has(entry.name)) rmSync(join(outDir, entry.name), { recursive: true, force: true });
}
await Promise.all([build(bundleOptions(outDir)), ...VENDORED.map((name) => build(vendorOptions(name, outDir)))]);
