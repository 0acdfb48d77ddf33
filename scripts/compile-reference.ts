/**
 * Reads and checks data/ once, at build time, and writes what it read as
 * JSON to dist/reference.json, which the compiled bot loads instead of the
 * YAML while data/ is unchanged (see `loadReference` in src/matrix/catalog.ts).
 *
 *   tsx scripts/compile-reference.ts [dataDir] [outFile]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { compileReference, MatrixError } from "../src/matrix/load.js";

const ROOT = join(import.meta.dirname, "..");
const [dir = join(ROOT, "data"), out = join(ROOT, "dist", "reference.json")] = process.argv.slice(2);
try {
  writeFileSync(out, JSON.stringify(compileReference(dir)));
} catch (err) {
  if (!(err instanceof MatrixError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
