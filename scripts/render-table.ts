/**
 * Writes the pictures /table sends, for every language in data/, with the
 * same labels the bot uses: one per section (`table.<locale>.<n>.png`, or
 * `table.<locale>.<n>-<part>.png` for a section in several parts) and the
 * whole table sent as a document (`table.<locale>.png`). Pictures of an
 * earlier run that no longer exist are removed. Prints each file's size
 * and the size its text has once Telegram has scaled the photo.
 *
 *   npm run table [-- outDir [dataDir]]     (defaults: docs/ and data/)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createI18n } from "../src/i18n.js";
import { loadCatalog } from "../src/matrix/load.js";
import { Renderer } from "../src/render/renderer.js";
import { TablePictures } from "../src/table/pictures.js";
import { buildSectionPages, drawPictures, telegramScale } from "../src/table/render.js";
import { releaseFonts } from "../src/table/fonts.js";

const outDir = process.argv[2] ?? "docs";
const catalog = loadCatalog(process.argv[3] ?? "data");
const i18n = createI18n("locales", catalog.defaultLocale);
const t = (l: string, k: string, v?: Record<string, string | number>) => i18n.t(l, k, v);
const pictures = new TablePictures(new Renderer(catalog, t), t);
mkdirSync(outDir, { recursive: true });
for (const locale of catalog.locales) {
  for (const old of readdirSync(outDir).filter((f) => f.startsWith(`table.${locale}.`) && f.endsWith(".png"))) {
    rmSync(join(outDir, old));
  }
  const plan = pictures.plan(locale);
  const started = performance.now();
  const all = plan.sections.map((_, i) => i);
  const drawn = drawPictures({ sections: plan.sections, labels: plan.labels, draw: all, full: true });
  const layouts = plan.sections.map((s, i) => buildSectionPages(s, plan.labels, i + 1, plan.sections.length));
  releaseFonts();
  for (const { index, pngs } of drawn.sections) {
    pngs.forEach((png, part) => {
      const name = `table.${locale}.${index + 1}${pngs.length > 1 ? `-${part + 1}` : ""}.png`;
      writeFileSync(join(outDir, name), png);
      const layout = layouts[index]?.[part];
      const scale = layout === undefined ? 1 : telegramScale(layout.width, layout.height);
      const size = layout === undefined ? "" : `${layout.width}×${layout.height}`;
      const text = layout === undefined ? "" : `, text ${Math.round(layout.bodySize * scale * 10) / 10} px in Telegram`;
      console.log(`${join(outDir, name)} ${size}${text}`);
    });
  }
  if (drawn.full !== undefined) writeFileSync(join(outDir, `table.${locale}.png`), drawn.full);
  console.log(`${join(outDir, `table.${locale}.png`)} (${Math.round(performance.now() - started)} ms in all)`);
}
