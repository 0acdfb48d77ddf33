#!/usr/bin/env node
// Copies the handbook's headings into emulator/spec/handbook-anchors.json, so
// that the data checks can tell offline whether a link such as
// https://papercraft.tmat.me/book/users#seen-users points at a heading that exists.
//
// The input is anchors.json: every page of the Papercraft handbook (formerly
// the Telegram Bot Handbook, github.com/tm-a-t/papercraft, pages/, at the
// commit named below) with the ids of its headings, keyed by URL path
// (/book/users, /ru/book/users). Heading ids are the custom `{ #id }` where a
// heading has one, else VitePress's slug of the heading text. It holds only
// paths and ids, none of the handbook's text (CC BY-NC 4.0, Artem Ivanov).
//
//   npm run anchors -- path/to/anchors.json [output.json]

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE = "tm-a-t/papercraft commit 5058d85 (2026-06-20), pages/";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

if (process.argv[2] === undefined) {
  console.error(
    `Usage: npm run anchors -- path/to/anchors.json [output.json]\nanchors.json: the headings of ${SOURCE}`,
  );
  process.exit(2);
}
const input = resolve(process.argv[2]);
const output = resolve(process.argv[3] ?? resolve(root, "emulator/spec/handbook-anchors.json"));

const pages = JSON.parse(readFileSync(input, "utf8"));
const valid =
  typeof pages === "object" &&
  pages !== null &&
  Object.entries(pages).every(
    ([path, ids]) =>
      /^(\/[a-z]{2})?\/book\//.test(path) && Array.isArray(ids) && ids.every((id) => typeof id === "string"),
  );
if (!valid)
  throw new Error(`${input} does not look like the handbook's anchors.json ({ "/book/page": ["heading-id"] })`);

const sorted = Object.fromEntries(Object.entries(pages).sort(([a], [b]) => a.localeCompare(b)));
const copy = {
  source: `Headings of the Papercraft handbook, ${SOURCE}; copied by scripts/copy-anchors.mjs, do not edit by hand`,
  pages: sorted,
};
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(copy, null, 1) + "\n");
console.log(`wrote ${output}: ${Object.keys(sorted).length} pages`);
