#!/usr/bin/env node
// Derives emulator/spec/botapi.json from a copy of the machine-readable Bot API
// specification (api.json), version 10.1: the api.json of
// github.com/PaulSonOfLars/telegram-bot-api-spec (MIT licence) at the commit
// named below, which lists every method and type with its fields, types,
// required flags and official descriptions. Nothing is downloaded: pass the
// path of your copy (the same input gives the same output, byte for byte):
//
//   npm run spec -- path/to/api.json [output.json]
//
// The derived file keeps only what the emulator and the data checks need:
// for every method and type, its fields with their types and required
// flags, the subtypes of union types, the constant value of discriminator
// fields ("must be photo", 'always "user"'), the numeric limits stated in
// the field descriptions ("1-64 bytes", "0-1024 characters", "1-100", which
// the emulator's validator enforces), the values a string field allows
// ('Currently, it can be one of "❤", "👍", ...') and the file size a method
// handles ("bots can download files of up to 20MB"); and the anchors of
// core.telegram.org/bots/api that read-more links may use.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE_COMMIT = "160fd99507e1c7c77e92dc90f5993d724735b51c";
/** The version the emulator and its tests are written for. */
const EXPECTED_VERSION = "Bot API 10.1";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
if (process.argv[2] === undefined) {
  console.error(
    "Usage: npm run spec -- path/to/api.json [output.json]\n" +
      `api.json: a copy of the machine-readable Bot API specification (${EXPECTED_VERSION}), ` +
      `https://github.com/PaulSonOfLars/telegram-bot-api-spec/blob/${SOURCE_COMMIT}/api.json`,
  );
  process.exit(2);
}
const input = resolve(process.argv[2]);
const output = resolve(process.argv[3] ?? resolve(root, "emulator/spec/botapi.json"));

const api = JSON.parse(readFileSync(input, "utf8"));
if (typeof api !== "object" || api === null || !api.methods || !api.types) {
  throw new Error(`${input} does not look like telegram-bot-api-spec api.json`);
}
if (api.version !== EXPECTED_VERSION) {
  console.error(`warning: ${input} is ${api.version}; the emulator and its tests are written for ${EXPECTED_VERSION}`);
}

/** Extracts "must be photo" / 'always "user"' discriminator values. */
function constValue(field) {
  if (field.types.length !== 1 || field.types[0] !== "String") return undefined;
  const d = field.description ?? "";
  const m = /(?:must be|always) [“"]?([a-z_0-9]+)[”"]?(?:$|[.,;\s])/.exec(d);
  if (!m) return undefined;
  // Only type-tag style fields carry such a constant.
  if (!field.required || !["type", "source", "status"].includes(field.name)) return undefined;
  if (m[1] === "one") return undefined;
  return m[1];
}

/** Extracts a "N-M characters|bytes" or plain "N-M" range from a description. */
function limitOf(field) {
  const d = field.description ?? "";
  const m = /(?<![\d+-])\b(\d+)-(\d+)(?![\d-])( characters| bytes)?/.exec(d);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (!(max > min)) return undefined;
  const isArray = field.types.some((t) => t.startsWith("Array of"));
  const isString = field.types.includes("String");
  let unit;
  if (m[3] === " characters") unit = "characters";
  else if (m[3] === " bytes") unit = "bytes";
  else if (isArray) unit = "items";
  else if (field.types.includes("Integer") || field.types.includes("Float")) unit = "value";
  else if (isString) unit = "characters";
  else return undefined;
  const limit = { min, max, unit };
  if (/after entit(y|ies) parsing/.test(d)) limit.afterEntitiesParsing = true;
  return limit;
}

/** The quoted values of 'must be one of "a", "b" or "c"' in a string field's description. */
function oneOfValues(field) {
  if (field.types.length !== 1 || field.types[0] !== "String") return undefined;
  const d = field.description ?? "";
  const m = /\b(?:can|must) be one of\b/i.exec(d);
  if (!m) return undefined;
  const rest = d.slice(m.index + m[0].length);
  const end = /\.(?:\s|$)/.exec(rest);
  const list = end ? rest.slice(0, end.index) : rest;
  const values = [...list.matchAll(/[“"]([^”"]+)[”"]/g)].map((v) => v[1]);
  return values.length > 1 ? values : undefined;
}

/** "up to 20MB" / "up to 50 MB" in a method's description: the size of the files it handles, in MB. */
function sizeLimitMb(method) {
  const d = (method.description ?? []).join(" ");
  const m = /\bup to (\d+) ?MB\b/.exec(d);
  return m ? Number(m[1]) : undefined;
}

function deriveFields(fields) {
  return (fields ?? []).map((f) => {
    const out = { name: f.name, types: f.types, required: f.required };
    const c = constValue(f);
    if (c !== undefined) out.const = c;
    const l = limitOf(f);
    if (l !== undefined) out.limit = l;
    const values = oneOfValues(f);
    if (values !== undefined) out.oneOf = values;
    return out;
  });
}

const methods = {};
for (const [name, m] of Object.entries(api.methods)) {
  methods[name] = { fields: deriveFields(m.fields), returns: m.returns };
  const mb = sizeLimitMb(m);
  if (mb !== undefined) methods[name].sizeLimitMb = mb;
}

const types = {};
for (const [name, t] of Object.entries(api.types)) {
  const out = {};
  if (t.fields) out.fields = deriveFields(t.fields);
  if (t.subtypes) out.subtypes = t.subtypes;
  if (!t.fields && !t.subtypes) out.fields = [];
  types[name] = out;
}

/**
 * Section headings of core.telegram.org/bots/api, which api.json does not
 * list (it holds methods and types only), as the page has them in Bot API 10.1.
 */
const SECTION_ANCHORS = [
  "recent-changes",
  "authorizing-your-bot",
  "making-requests",
  "using-a-local-bot-api-server",
  "getting-updates",
  "available-types",
  "available-methods",
  "formatting-options",
  "paid-broadcasts",
  "sending-files",
  "updating-messages",
  "stickers",
  "inline-mode",
  "payments",
  "telegram-passport",
  "games",
];

/** The anchor of a method's or type's href, such as "getfile" for #getfile. */
function anchorOf(entry) {
  const href = entry.href ?? "";
  const at = href.indexOf("#");
  if (!href.startsWith("https://core.telegram.org/bots/api#") || at === -1) {
    throw new Error(`${entry.name} has no anchor of core.telegram.org/bots/api: ${href}`);
  }
  return href.slice(at + 1);
}

const anchors = [
  ...SECTION_ANCHORS,
  ...Object.values(api.methods).map(anchorOf),
  ...Object.values(api.types).map(anchorOf),
];

const derived = {
  source: `${api.version} spec from PaulSonOfLars/telegram-bot-api-spec commit ${SOURCE_COMMIT} (api.json), MIT licence; derived by scripts/derive-spec.mjs, do not edit by hand`,
  version: api.version,
  release_date: api.release_date,
  anchors,
  methods,
  types,
};

// One field per line: small enough, and diffs stay readable when the spec moves.
function render(value) {
  const lines = ["{"];
  const top = Object.entries(value);
  top.forEach(([key, v], i) => {
    const comma = i < top.length - 1 ? "," : "";
    if (key !== "methods" && key !== "types") {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(v)}${comma}`);
      return;
    }
    lines.push(`  ${JSON.stringify(key)}: {`);
    const entries = Object.entries(v);
    entries.forEach(([name, def], j) => {
      const c2 = j < entries.length - 1 ? "," : "";
      const parts = [];
      if (def.fields) {
        if (def.fields.length === 0) parts.push(`    "fields": []`);
        else parts.push(`    "fields": [\n${def.fields.map((f) => `      ${JSON.stringify(f)}`).join(",\n")}\n    ]`);
      }
      if (def.subtypes) parts.push(`    "subtypes": ${JSON.stringify(def.subtypes)}`);
      if (def.returns) parts.push(`    "returns": ${JSON.stringify(def.returns)}`);
      if (def.sizeLimitMb !== undefined) parts.push(`    "sizeLimitMb": ${JSON.stringify(def.sizeLimitMb)}`);
      lines.push(`   ${JSON.stringify(name)}: {\n${parts.join(",\n")}\n   }${c2}`);
    });
    lines.push(`  }${comma}`);
  });
  lines.push("}");
  return lines.join("\n") + "\n";
}

const text = render(derived);
JSON.parse(text); // sanity check
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, text);
console.log(
  `wrote ${output}: ${Object.keys(methods).length} methods, ${Object.keys(types).length} types, ${text.length} bytes`,
);
