/**
 * Drives one path of the in-process benchmark through the real bot for a
 * while, so that a CPU profile shows where its time goes. Compiled, as
 * `npm run bench` runs (through tsx, its helpers would show up too):
 *
 *   npx tsc -p bench/tsconfig.json
 *   node --cpu-prof --cpu-prof-dir=out/prof out/build/bench/profile.js "/compare" 5000
 */
import { CONCURRENCY } from "./inprocess.js";
import { FakeApi, realBot } from "./fixtures.js";
import { PATHS } from "./paths.js";

const [name = "/compare", ms = "5000"] = process.argv.slice(2);
const path = PATHS.find((p) => p.name === name);
if (path === undefined) throw new Error(`no path "${name}"; paths: ${PATHS.map((p) => p.name).join(", ")}`);
const api = new FakeApi();
const bot = realBot(api);
const clients = Array.from({ length: CONCURRENCY }, (_, i) => path.client(api, "real", i));
let count = 0;
const start = performance.now();
const end = start + Number(ms);
await Promise.all(
  clients.map(async (next) => {
    while (performance.now() < end) {
      await bot.handleUpdate(next());
      count++;
    }
  }),
);
process.stdout.write(`${name}: ${Math.round((count / (performance.now() - start)) * 1000)} updates/s\n`);
