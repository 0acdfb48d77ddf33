#!/usr/bin/env node
// Splits the question set (test/questions/questions.yaml) into a tuning half and a held-out half.
//
// Usage: node scripts/split-questions.mjs [path/to/questions.yaml]
//
// Every entry gets `set: tune` or `set: held`. The draw is random but reproducible (a fixed seed)
// and stratified by `expect`: within each row slug, and within out, smalltalk and overview, the
// entries are shuffled and dealt to the two halves in turn, so both halves hold every kind in
// proportion. English/Russian twins (a shared `pair`) are dealt together and stay in one half.
//
// The split is done once. Entries that already have a `set` keep it; only entries without one are
// dealt (so questions added later join a half without moving any other), and a file where every
// entry has a set is left as it is.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import prettier from "prettier";

const SEED = 20261201;
const SETS = /** @type {const} */ (["tune", "held"]);

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const file = resolve(process.argv[2] ?? resolve(root, "test/questions/questions.yaml"));

/** mulberry32: a small seeded generator, so the same file always splits the same way. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place. */
function shuffle(list, next) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

const doc = parseDocument(readFileSync(file, "utf8"));
if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
const items = doc.contents?.items;
if (!Array.isArray(items)) throw new Error(`${file}: expected a list of questions`);

// Units: a pair of twins, or a single entry. Each unit belongs to the stratum of its `expect`.
/** @type {Map<string, { stratum: string, entries: any[] }>} */
const units = new Map();
items.forEach((entry, index) => {
  const q = entry.get("q");
  const expect = entry.get("expect");
  const set = entry.get("set");
  if (typeof q !== "string" || q.trim() === "") throw new Error(`entry ${index + 1}: no q`);
  if (entry.get("lang") !== "en" && entry.get("lang") !== "ru") throw new Error(`"${q}": lang must be en or ru`);
  if (typeof expect !== "string" || expect === "") throw new Error(`"${q}": no expect`);
  if (set !== undefined && !SETS.includes(set)) throw new Error(`"${q}": set must be tune or held`);
  const pair = entry.get("pair");
  const key = pair === undefined ? `#${index}` : `pair:${pair}`;
  const unit = units.get(key) ?? { stratum: expect, entries: [] };
  if (unit.stratum !== expect) throw new Error(`twins "${pair}" expect different rows`);
  unit.entries.push(entry);
  units.set(key, unit);
});

// What the halves already hold, per stratum and in all.
/** @type {Map<string, Record<string, number>>} */
const counts = new Map();
const totals = { tune: 0, held: 0 };
const undealt = [];
for (const unit of units.values()) {
  const sets = new Set(unit.entries.map((e) => e.get("set")).filter((s) => s !== undefined));
  if (sets.size > 1) throw new Error(`twins of "${unit.entries[0].get("q")}" are in different halves`);
  const stratum = counts.get(unit.stratum) ?? { tune: 0, held: 0 };
  counts.set(unit.stratum, stratum);
  const [set] = sets;
  if (set === undefined) {
    undealt.push(unit);
  } else {
    // A twin added next to one that already has a half joins that half.
    for (const entry of unit.entries) entry.set("set", set);
    stratum[set] += unit.entries.length;
    totals[set] += unit.entries.length;
  }
}

// Deal the rest in a seeded random order: each unit goes to the half that holds fewer of its
// stratum, then to the smaller half overall, then by a coin toss.
const next = random(SEED);
for (const unit of shuffle(undealt, next)) {
  const stratum = /** @type {Record<string, number>} */ (counts.get(unit.stratum));
  const coin = next() < 0.5 ? "tune" : "held";
  const set =
    stratum.tune !== stratum.held
      ? stratum.tune < stratum.held
        ? "tune"
        : "held"
      : totals.tune !== totals.held
        ? totals.tune < totals.held
          ? "tune"
          : "held"
        : coin;
  for (const entry of unit.entries) entry.set("set", set);
  stratum[set] += unit.entries.length;
  totals[set] += unit.entries.length;
}

if (undealt.length === 0) {
  console.log(`${file}: every entry already has a set; nothing changed`);
} else {
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  console.log(`${file}: dealt ${undealt.length} units; tune ${totals.tune}, held ${totals.held}`);
}
