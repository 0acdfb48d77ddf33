/**
 * Figures of the free-text answering on the tuning half of the question set
 * (data/asked.yaml), split once more into a fit
 * part, to change things by, and a check part, to accept a change only when
 * it helps there too:
 *
 *   npx tsx scripts/tune-report.ts [--fails]
 *
 * The split is fixed (scripts/tune-set.ts). Prints the fit and check figures, and with --fails the fit questions not
 * answered right (never the check ones). --new limits both parts to the
 * questions that follow the `# new:` mark in the file (when there is one).
 * The held-out half is never read here.
 */
import { type Answer, answerQuestion } from "../src/matrix/ask.js";
import { loadCatalog } from "../src/matrix/load.js";
import { MatrixSearch } from "../src/matrix/search.js";
import { inCheck, judge, type Question, tuningQuestions } from "./tune-set.js";

const flags = new Set(process.argv.slice(2));
const tune = tuningQuestions();
const search = new MatrixSearch(loadCatalog("data"));

function said(answer: Answer): string {
  if (answer.kind === "row")
    return `row ${answer.slug}${answer.runnerUp === undefined ? "" : ` (+${answer.runnerUp})`}`;
  if (answer.kind === "unsure") return `unsure ${answer.slugs.join(",")}`;
  return answer.kind;
}

function figures(name: string, set: Question[]): void {
  const count = { correct: 0, offered: 0, wrong: 0, missed: 0, honest: 0 };
  let out = 0;
  for (const q of set) {
    if (q.expect === "out") out++;
    count[judge(q, answerQuestion(search, q.q))]++;
  }
  const inScope = set.length - out;
  const pct = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);
  const score = count.correct - 5 * count.wrong;
  console.log(
    `${name}: ${set.length} (${inScope} in scope, ${out} out). correct ${pct(count.correct, inScope)}% (${count.correct}), ` +
      `offered ${count.offered}, missed ${count.missed}, wrong ${pct(count.wrong, set.length)}% (${count.wrong}), ` +
      `honest ${pct(count.honest, out)}% (${count.honest}); score ${score}`,
  );
}

const fit = tune.filter((q) => !inCheck(q));
const check = tune.filter(inCheck);
figures("fit", fit);
figures("check", check);
if (flags.has("--fails")) {
  for (const q of fit) {
    const answer = answerQuestion(search, q.q);
    const outcome = judge(q, answer);
    if (outcome === "correct" || outcome === "honest") continue;
    console.log(`${outcome.padEnd(7)} ${q.expect.padEnd(22)} ${said(answer).padEnd(60)} ${q.q}`);
  }
}
