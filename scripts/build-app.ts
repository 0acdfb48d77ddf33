/**
 * Builds the Mini App.
 *
 *   npm run build:app [-- --out=<folder>] [--bot=<username>] [--data=<folder>]
 *
 * Compiles app/ into dist/app/ (what the bot's own server serves) and writes
 * a static copy, one index.html holding the app and the reference of data/,
 * to out/app/ or --out, for any static host. --bot names the bot that
 * "Open in chat" opens; a `?bot=` in the page's address works too.
 * With --bundle-only (as `npm run build` runs it) only dist/app/ is written.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { loadCatalog } from "../src/matrix/load.js";
import { appData } from "../src/miniapp/data.js";
import { ASSET_FILES, renderPage } from "../src/miniapp/page.js";
import { USERNAME } from "../app/rows.js";
import { bundleApp } from "./app-bundle.js";

const ROOT = join(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: join(ROOT, "out", "app") },
    data: { type: "string", default: join(ROOT, "data") },
    bot: { type: "string" },
    "bundle-only": { type: "boolean", default: false },
  },
});

const bot = values.bot?.replace(/^@/, "");
if (bot !== undefined && !USERNAME.test(bot)) {
  process.stderr.write(`--bot must be a bot's username, such as compare_bot\n`);
  process.exit(1);
}

const assets = await bundleApp();
const dist = join(ROOT, "dist", "app");
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, ASSET_FILES.script), assets.script);
writeFileSync(join(dist, ASSET_FILES.search), assets.search);
writeFileSync(join(dist, ASSET_FILES.style), assets.style);

if (!values["bundle-only"]) {
  const page = renderPage(assets, appData(loadCatalog(values.data), bot));
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, "index.html");
  writeFileSync(file, page.html);
  const size = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const bytes = Buffer.byteLength(page.html);
  process.stdout.write(
    `${relative(process.cwd(), file) || file}: ${size(bytes)}, ${size(gzipSync(page.html, { level: 9 }).length)} gzipped\n`,
  );
}
