/**
 * Figures of the free-text answering on the tuning half of the question set
 * (test/questions/questions.yaml, `set: tune`), split once more into a fit
 * part, to change things by, and a check part, to accept a change only when
 * it helps there too:
 *
 *   npx tsx scripts/tune-report.ts [--fails] [--new]
 *
 * The split is fixed: a question (or its English/Russian pair) is in the
 * check part when a hash of its pair name (or its text) falls in one third.
 * Prints the fit and check figures, and with --fails the fit questions not
 * answered right (never the check ones). --new limits both parts to the
 * questions that follow the `# new:` mark in the file (when there is one).
 * The held-out half is never read here.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type Answer, answerQuestion } from "../src/matrix/ask.js";
import { loadCatalog } from "../src/matrix/load.js";
import { MatrixSearch } from "../src/matrix/search.js";

interface Question {
  q: string;
  lang: "en" | "ru";
  expect: string;
  also?: string[];
  pair?: string;
  set: "tune" | "held";
}

type Outcome = "correct" | "offered" | "wrong" | "missed" | "honest";

const file = "test/questions/questions.yaml";
const flags = new Set(process.argv.slice(2));
const text = readFileSync(file, "utf8");
const all = (parse(text) as Question[]).filter((q) => q.set === "tune");
const mark = text.indexOf("\n# new:");
const newer = mark < 0 ? undefined : new Set((parse(text.slice(mark)) as Question[] | null)?.map((q) => q.q));
const tune = flags.has("--new") && newer !== undefined ? all.filter((q) => newer.has(q.q)) : all;

/** FNV-1a, 32 bits: a stable hash, so the parts never move. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const inCheck = (q: Question) => hash(q.pair ?? q.q) % 3 === 0;

const search = new MatrixSearch(loadCatalog("data"));

function judge(question: Question, answer: Answer): Outcome {
  const right = [question.expect, ...(question.also ?? [])];
  const sure = answer.kind === "row" || answer.kind === "overview" || answer.kind === "smalltalk";
  if (question.expect === "out") return sure ? "wrong" : "honest";
  if (answer.kind === "row") return right.includes(answer.slug) ? "correct" : "wrong";
  if (sure) return right.includes(answer.kind) ? "correct" : "wrong";
  if (answer.kind === "unsure" && answer.slugs.some((slug) => right.includes(slug))) return "offered";
  return "missed";
}

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
