/**
 * The format of data/ as plain constants: what every part of the bot may
 * import without loading the validation (zod), which only reading the YAML
 * needs.
 */
import { RESERVED_WORDS } from "../routes.js";

/** The languages of the reference: every text in data/ is written in each of them. */
export const LOCALES = ["en", "ru"] as const;
/** A language of the reference. */
export type Locale = (typeof LOCALES)[number];

/** How far one side of a row goes: fully, with limits, only with a local Bot API server, or not at all. */
export const MARKS = ["yes", "partly", "local", "no"] as const;
/** How far one side of a row goes. */
export type Mark = (typeof MARKS)[number];

/**
 * The least a project needing a row gets by with, from the plain Bot API up
 * to a user account; `bot` is what only a bot account can do.
 */
export const NEEDS = ["bot_api", "local_server", "mtproto_bot", "user_account", "bot"] as const;
/** The least a project needing a row gets by with. */
export type Need = (typeof NEEDS)[number];

/** The three sides of every row, in the order they are shown. */
export const SIDES = ["bot_api", "mtproto_bot", "mtproto_user"] as const;
/** One of the three sides of a row. */
export type SideName = (typeof SIDES)[number];

/** Slugs end up in callback data, deep links and inline result ids, so they stay short and plain. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$/;

/**
 * Words a row's slug may not be: the bot's own deep-link payloads
 * (t.me/<bot>?start=<payload>) and command names, from the bot's table of
 * routes. A row slugged `table` could never be deep-linked, since /start
 * table sends the pictures.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = RESERVED_WORDS;

/** Limits of the format, as data/README.md documents them. */
export const LIMITS = {
  slug: 24,
  title: 48,
  short: 20,
  summary: 100,
  headline: 32,
  sentence: 200,
  sentences: 5,
  linkLabel: 40,
  links: 4,
  keyword: 64,
  keywords: 40,
  sectionTitle: 32,
  rowsPerSection: 16,
  changes: 5,
  advisorQuestion: 200,
  advisorQuestions: 10,
  advisorRows: 6,
  /** A question of data/asked.yaml: the bot reads no further into a message. */
  askedQuestion: 400,
} as const;

/**
 * Compares two Bot API versions such as "9.2" and "10.0": negative when
 * `a` is older, positive when newer.
 */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
