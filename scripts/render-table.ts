/**
 * Writes the comparison table as `table.<locale>.png` for every language in
 * data/, to preview the picture the bot sends.
 *
 *   npx tsx scripts/render-table.ts [outDir]     (default: docs/)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCatalog } from "../src/matrix/load.js";
import { renderTablePng, type TableLabels } from "../src/table/render.js";

const FOOTER_CREDIT = "papercraft.tmat.me/book/api-comparison · table by @vanutp · CC BY-NC 4.0";

const LABELS: Record<string, TableLabels> = {
  en: {
    title: "Bot API vs Telegram API: what each can do",
    feature: "Feature",
    botApi: "Bot API",
    telegramApi: "Telegram API",
    footer: `Source: ${FOOTER_CREDIT}`,
    abilities: { yes: "Yes", partly: "Partly", no: "No" },
  },
  ru: {
    title: "Bot API и Telegram API: что умеет каждый",
    feature: "Возможность",
    botApi: "Bot API",
    telegramApi: "Telegram API",
    footer: `Источник: ${FOOTER_CREDIT}`,
    abilities: { yes: "Да", partly: "Частично", no: "Нет" },
  },
};

const outDir = process.argv[2] ?? "docs";
const catalog = loadCatalog("data");
mkdirSync(outDir, { recursive: true });
for (const locale of catalog.locales) {
  const labels = LABELS[locale] ?? LABELS.en;
  if (labels === undefined) throw new Error("English labels are missing");
  const file = join(outDir, `table.${locale}.png`);
  const started = performance.now();
  writeFileSync(file, renderTablePng(catalog.get(locale), labels));
  console.log(`${file} (${Math.round(performance.now() - started)} ms)`);
}
