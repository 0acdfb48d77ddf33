import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A numeric limit stated in the Bot API documentation of a field. */
export interface SpecLimit {
  min: number;
  max: number;
  unit: "characters" | "bytes" | "items" | "value";
  afterEntitiesParsing?: boolean;
}

export interface SpecField {
  name: string;
  /** e.g. `["Integer", "String"]`, `["Array of Array of InlineKeyboardButton"]` */
  types: string[];
  required: boolean;
  /** Fixed value of a discriminator field (`type`, `source`, `status`) of a union member. */
  const?: string;
  limit?: SpecLimit;
  /** The only values a string field takes ('Currently, it can be one of "❤", "👍", ...'). */
  oneOf?: string[];
}

export interface SpecType {
  fields?: SpecField[];
  /** Members of a union type such as InlineQueryResult or BotCommandScope. */
  subtypes?: string[];
}

export interface SpecMethod {
  fields: SpecField[];
  returns: string[];
  /** The size of the files the method handles, in MB ("bots can download files of up to 20MB"). */
  sizeLimitMb?: number;
}

export interface BotApiSpec {
  source: string;
  version: string;
  release_date: string;
  methods: Record<string, SpecMethod>;
  types: Record<string, SpecType>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The spec next to this file, or, when this file runs compiled elsewhere
 * (as the benchmark does), the one in the project's emulator/ folder.
 */
function specFile(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, "spec/botapi.json"), join(dir, "emulator/spec/botapi.json")]) {
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) throw new Error(`emulator/spec/botapi.json not found above ${here}`);
  }
}

function loadSpec(): BotApiSpec {
  const file = specFile();
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isRecord(raw) || typeof raw.version !== "string" || !isRecord(raw.methods) || !isRecord(raw.types)) {
    throw new Error(`${file} is not a derived Bot API spec; run npm run spec`);
  }
  return raw as unknown as BotApiSpec;
}

/** The Bot API spec derived by scripts/derive-spec.mjs. */
export const botApiSpec: BotApiSpec = loadSpec();

/** Primitive type names used by the spec. */
export const PRIMITIVES = new Set(["Integer", "Float", "String", "Boolean", "InputFile"]);

/**
 * The limit the spec states for a field of a method or type, such as
 * `specLimit("sendMessage", "text")` for "1-4096 characters". Throws when the
 * spec has none, so that a rule built on it cannot silently lose its number.
 */
export function specLimit(owner: string, field: string, spec: BotApiSpec = botApiSpec): SpecLimit {
  const fields = spec.methods[owner]?.fields ?? spec.types[owner]?.fields ?? [];
  const limit = fields.find((f) => f.name === field)?.limit;
  if (limit === undefined) throw new Error(`the Bot API spec states no limit for ${owner}.${field}`);
  return limit;
}
