import { type Answer, conclude } from "../src/matrix/ask.js";
import { loadCatalog } from "../src/matrix/load.js";
import { MatrixSearch } from "../src/matrix/search.js";
import type { Scoring } from "../src/matrix/question-index.js";
import { inCheck, judge, type Question, tuningQuestions } from "./tune-set.js";

const tune = tuningQuestions();
const fit = tune.filter((q) => !inCheck(q));
const check = tune.filter(inCheck);
const catalog = loadCatalog("data");
const search = new MatrixSearch(catalog);
const index = search.questions;
const keysOf = (text: string) => {
  const m = new Map<string, number>();
  for (const w of index.analyzer.read(text).words) m.set(w.key, index.weightOf(w.key) ?? index.unknownWeight);
  return m;
};
const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((a, b) => a + b * b, 0));
type Ex = { q: Question; keys: Map<string, number>; n: number };
const exOf = (set: Question[]): Ex[] => set.filter((q) => q.expect !== "smalltalk").map((q) => { const keys = keysOf(q.q); return { q, keys, n: norm(keys) }; });

function knn(ex: Ex[], text: string, skip?: Question) {
  const k = keysOf(text);
  const nk = norm(k);
  const per = new Map<string, number>();
  for (const e of ex) {
    if (e.q === skip || (skip?.pair !== undefined && e.q.pair === skip.pair)) continue;
    let dot = 0;
    for (const [key, w] of k) { const v = e.keys.get(key); if (v !== undefined) dot += w * v; }
    const sim = nk && e.n ? dot / (nk * e.n) : 0;
    if (sim > (per.get(e.q.expect) ?? 0)) per.set(e.q.expect, sim);
  }
  return [...per].sort((a, b) => b[1] - a[1]);
}

interface Case { q: Question; fixed?: Answer; scoring?: Scoring; x: number[]; y: number; top?: string; base: Answer }
function cases(set: Question[], ex: Ex[], loo: boolean): Case[] {
  return set.map((q) => {
    const reading = index.analyzer.read(q.q);
    const right = [q.expect, ...(q.also ?? [])];
    if (reading.onlySmalltalk) return { q, fixed: { kind: "smalltalk", tone: "ack" }, x: [], y: 0, base: { kind: "smalltalk", tone: "ack" } };
    const scoring = index.score(reading);
    const base = conclude(scoring);
    const [b, s] = scoring.rows;
    const nn = knn(ex, q.q, loo ? q : undefined);
    const simOf = (slug?: string) => nn.find(([r]) => r === slug)?.[1] ?? 0;
    const x = b === undefined ? [] : [
      Math.log(1 + b.score),
      b.matched / scoring.mass,
      s ? s.score / b.score : 0,
      b.phrases > (s?.phrases ?? 0) ? 1 : 0,
      b.ident ? 1 : 0,
      scoring.unknown / Math.max(1, reading.words.length),
      reading.outOfScope > 0 ? 1 : 0,
      nn[0]?.[0] === b.slug ? 1 : 0,
      nn[0]?.[1] ?? 0,
      simOf(b.slug),
      simOf(b.slug) - (nn.find(([r]) => r !== b.slug)?.[1] ?? 0),
      base.kind === "row" ? 1 : 0,
    ];
    return { q, scoring, x, y: b !== undefined && right.includes(b.slug) && q.expect !== "out" ? 1 : 0, top: b?.slug, base };
  });
}

function train(cs: Case[]) {
  const data = cs.filter((c) => c.x.length > 0);
  const d = data[0]!.x.length;
  const mean = Array(d).fill(0), sd = Array(d).fill(0);
  for (const c of data) c.x.forEach((v, i) => (mean[i] += v / data.length));
  for (const c of data) c.x.forEach((v, i) => (sd[i] += (v - mean[i]) ** 2 / data.length));
  for (let i = 0; i < d; i++) sd[i] = Math.sqrt(sd[i]) || 1;
  const w = Array(d + 1).fill(0);
  const z = (x: number[]) => x.map((v, i) => (v - mean[i]) / sd[i]);
  const lr = 0.1, l2 = 0.01;
  for (let it = 0; it < 3000; it++) {
    const g = Array(d + 1).fill(0);
    for (const c of data) {
      const zx = z(c.x);
      const p = 1 / (1 + Math.exp(-(w[d] + zx.reduce((a, v, i) => a + v * w[i], 0))));
      const e = p - c.y;
      zx.forEach((v, i) => (g[i] += e * v));
      g[d] += e;
    }
    for (let i = 0; i <= d; i++) w[i] -= lr * (g[i] / data.length + (i < d ? l2 * w[i] : 0));
  }
  return (x: number[]) => 1 / (1 + Math.exp(-(w[d] + z(x).reduce((a, v, i) => a + v * w[i], 0))));
}

function evaluate(cs: Case[], p: (x: number[]) => number, t: number) {
  let correct = 0, wrong = 0, out = 0, honest = 0, inScope = 0;
  for (const c of cs) {
    let a: Answer = c.base;
    if (c.x.length > 0 && a.kind !== "overview" && p(c.x) >= t) a = { kind: "row", slug: c.top! };
    else if (c.x.length > 0 && a.kind === "row" && p(c.x) < t) a = { kind: "unsure", slugs: c.scoring!.rows.slice(0, 3).map((r) => r.slug) };
    const o = judge(c.q, a);
    if (c.q.expect === "out") out++; else inScope++;
    if (o === "correct") correct++;
    if (o === "wrong") wrong++;
    if (o === "honest") honest++;
  }
  return { correct: +(100 * correct / inScope).toFixed(1), wrong: +(100 * wrong / cs.length).toFixed(1), honest: +(100 * honest / out).toFixed(1), score: correct - 5 * wrong };
}

const exFit = exOf(fit);
const fitCases = cases(fit, exFit, true);
const checkCases = cases(check, exFit, false);
const p = train(fitCases);
const base = (cs: Case[]) => evaluate(cs, () => 0.5, 2);
console.log("base fit", base(fitCases), "check", base(checkCases));
for (const t of [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]) console.log(t, "fit", evaluate(fitCases, p, t), "check", evaluate(checkCases, p, t));

function rankTest(cs: Case[], ex: Ex[], loo: boolean, beta: number) {
  let top = 0, n = 0;
  for (const c of cs) {
    if (c.q.expect === "out" || c.x.length === 0 || !c.scoring) continue;
    const right = [c.q.expect, ...(c.q.also ?? [])];
    if (!catalog.slugs.includes(c.q.expect)) continue;
    n++;
    const nn = new Map(knn(ex, c.q.q, loo ? c.q : undefined));
    const best = c.scoring.rows[0]!.score;
    const cand = new Map<string, number>();
    for (const r of c.scoring.rows.slice(0, 10)) cand.set(r.slug, r.score / best + beta * (nn.get(r.slug) ?? 0));
    const win = [...cand].sort((a, b) => b[1] - a[1])[0]![0];
    if (right.includes(win)) top++;
  }
  return `${top}/${n}`;
}
for (const beta of [0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2]) console.log("beta", beta, "fit", rankTest(fitCases, exFit, true, beta), "check", rankTest(checkCases, exFit, false, beta));
