/**
 * Reads and checks data/ once, at build time, and writes what it read as
 * JSON to dist/reference.json, which the compiled bot loads instead of the
 * YAML while data/ is unchanged (see `loadReference` in src/matrix/catalog.ts).
 * Checks the Fluent files of locales/ too, and records in dist/locales.json
 * that they passed, so that the bot skips the check (and the Fluent parser)
 * while they are unchanged (see `checkLocalesOnce` in src/i18n.ts). Files
 * that fail are left for the bot to report when it starts.
 *
 *   tsx scripts/compile-reference.ts [dataDir] [outFile] [localesDir]
 */
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type CheckedLocales, hashLocales, LocaleError } from "../src/i18n.js";
import { checkLocales } from "../src/locale-check.js";
import { loadReference } from "../src/matrix/catalog.js";
import { compileReference, MatrixError } from "../src/matrix/load.js";

const ROOT = join(import.meta.dirname, "..");
const [dir = join(ROOT, "data"), out = join(ROOT, "dist", "reference.json"), locales = join(ROOT, "locales")] =
  process.argv.slice(2);
const checked = join(dirname(out), "locales.json");
try {
  writeFileSync(out, JSON.stringify(compileReference(dir)));
  const { defaultLocale } = await loadReference(dir, out);
  rmSync(checked, { force: true });
  try {
    checkLocales(locales, defaultLocale);
    const hash = hashLocales(locales, defaultLocale);
    if (hash !== undefined) writeFileSync(checked, JSON.stringify({ hash } satisfies CheckedLocales));
  } catch (err) {
    if (!(err instanceof LocaleError)) throw err;
    process.stderr.write(`${err.message} (the bot will refuse to start)\n`);
  }
} catch (err) {
  if (!(err instanceof MatrixError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
