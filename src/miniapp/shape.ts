/**
 * The data the Mini App is given, as JSON embedded in its page. It is made
 * from the loaded reference on the server (or by `npm run build:app`) and
 * read in the browser, so this file imports types only: the browser's
 * bundle must not pull in the loader or its validation.
 */
import type { Locale, Mark, Need, SideName } from "../matrix/schema.js";

/** The app's languages, those of the reference; the first is the default. */
export const APP_LOCALES = ["en", "ru"] as const satisfies readonly Locale[];
/** One of the app's languages. */
export type AppLocale = Locale;

/** The id of the page's element carrying the search engine's script as text (see app/search.ts). */
export const SEARCH_ENGINE_ID = "search-engine";

/** The three sides every row compares, in the order they are shown. */
export const APP_SIDES = ["bot_api", "mtproto_bot", "mtproto_user"] as const satisfies readonly SideName[];
/** One side of a row. */
export type AppSideKey = SideName;

/** How far a side goes: fully, with limits, with a local Bot API server, or not at all. */
export type AppMark = Mark;

/** A link, ready to show: its label in the row's language and its address. */
export interface AppLink {
  label: string;
  url: string;
}

/** One side of a row in one language. */
export interface AppSide {
  mark: AppMark;
  /** Replaces the mark's own word where the data gives one. */
  headline?: string;
  /** Sentences, in order; may be empty where `same` says it all. */
  lines: string[];
  /** Method, type and field names this side relies on. */
  methods: string[];
  /** The same as the side before it (the Bot API, or the bot over MTProto). */
  same?: boolean;
}

/** One row in one language. */
export interface AppRow {
  slug: string;
  /** The slug of its section. */
  section: string;
  /** The least a project needing this gets by with; "bot" where only a bot account can do it. */
  needs: Need;
  title: string;
  summary: string;
  keywords: string[];
  /** The Bot API version where this row last changed. */
  since?: string;
  /** What versions changed, newest first. */
  changes: { version: string; text: string }[];
  sides: Record<AppSideKey, AppSide>;
  links: AppLink[];
}

/** A section in one language. */
export interface AppSection {
  slug: string;
  title: string;
  summary: string;
}

/** Everything the app shows in one language. */
export interface AppLocaleData {
  sections: AppSection[];
  /** In the order they are shown, section after section. */
  rows: AppRow[];
  /** Where the facts come from, in this language. */
  source: AppLink;
}

/** The whole payload of the page. */
export interface AppData {
  /** The date the facts were last checked at their sources (YYYY-MM-DD). */
  checked: string;
  /** Who made the table the facts come from, such as "@vanutp". */
  tableAuthor: string;
  /** The bot's username without "@", for "Open in chat"; a `?bot=` in the page's address wins. */
  bot?: string;
  locales: Record<AppLocale, AppLocaleData>;
}
