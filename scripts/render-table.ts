/**
 * Writes the matrix picture the bot sends, as `table.<locale>.png` for every
 * language in data/, with the same labels the bot uses.
 *
 *   npm run table [-- outDir]     (default: docs/)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createI18n } from "../src/i18n.js";
import { loadCatalog } from "../src/matrix/load.js";
import { Renderer } from "../src/render/renderer.js";
import { TablePictures } from "../src/table/pictures.js";

const outDir = process.argv[2] ?? "docs";
const catalog = loadCatalog("data");
const i18n = createI18n("locales", catalog.defaultLocale);
const pictures = new TablePictures(new Renderer(catalog, (l, k, v) => i18n.t(l, k, v)), (l, k, v) => i18n.t(l, k, v));
mkdirSync(outDir, { recursive: true });
for (const locale of catalog.locales) {
  const file = join(outDir, `table.${locale}.png`);
  const started = performance.now();
  writeFileSync(file, pictures.png(locale));
  console.log(`${file} (${Math.round(performance.now() - started)} ms)`);
}
