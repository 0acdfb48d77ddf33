/**
 * Checks a data folder the way the bot and `npm test` do, and lists every
 * problem, one line each, naming the file, the row and the field:
 *
 *   npx tsx scripts/check-data.ts <dataDir>      (npm run check-data checks data/)
 *
 * The rows must follow data/README.md; every Bot API method, type and field
 * must exist in the Bot API spec, every MTProto method in the layer 223
 * schema, every handbook link in the handbook's headings and every botapi
 * anchor on core.telegram.org/bots/api; the numbers of each English text
 * must appear in its Russian twin. Exits 1 when anything is wrong.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkFacts } from "../src/matrix/facts.js";
import { buildCatalog, readData } from "../src/matrix/load.js";
import { loadReferences } from "./references.js";

const dir = process.argv[2];
if (dir === undefined) {
  console.error("Usage: npx tsx scripts/check-data.ts <dataDir>");
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const refs = loadReferences(root);
// A folder of rows written elsewhere may not have the advisor's questions yet.
const { files, problems } = readData(resolve(dir), { advisorOptional: true });
problems.push(...checkFacts(files, refs));

const rows = files.tables.reduce((sum, t) => sum + t.data.length, 0);
for (const problem of problems) console.log(problem.message);
const sections = files.sections?.data.sections.length ?? 0;
const summary = `${rows} rows in ${files.tables.length} of ${sections} sections; checked against ${refs.botApi.version} and MTProto layer ${refs.mtproto.layer}`;
if (problems.length === 0 && files.sections !== undefined) {
  buildCatalog(files);
  console.log(`OK: ${summary}${files.advisor === undefined ? " (no advisor.yaml)" : ""}`);
} else {
  console.log(`${problems.length} problem${problems.length === 1 ? "" : "s"}: ${summary}`);
  process.exitCode = 1;
}
