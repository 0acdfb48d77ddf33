import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { LOCALES, type Locale, type Mark, type Need, type SideName, SIDES } from "./format.js";
import type { AdvisorFile, LinkData, RowData, SectionsFile, SideData } from "./schema.js";

/**
 * Thrown when a file in data/ cannot be used. The message is one line that
 * names the file, the row and the field, so whoever edits the file can fix it
 * without reading a stack trace.
 */
export class MatrixError extends Error {
  override name = "MatrixError";
  constructor(
    /** The file at fault, relative to the working directory. */
    readonly file: string,
    /** What is wrong, naming the row and the field. */
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** Where the handbook lives; links name a page and a heading of it. */
export const HANDBOOK_ORIGIN = "https://papercraft.tmat.me";
/** The Bot API documentation; `botapi` links name an anchor of it. */
export const BOT_API_DOCS = "https://core.telegram.org/bots/api";
/** Telegram's documentation site; `core` links name a page of it. */
export const CORE_ORIGIN = "https://core.telegram.org";

/** A read-more link, in one language. */
export interface Link {
  /** Where it points: a handbook heading, a Bot API anchor or a page of core.telegram.org. */
  kind: "handbook" | "botapi" | "core";
  label: string;
  url: string;
}

/** One side of a row, in one language. */
export interface RowSide {
  name: SideName;
  mark: Mark;
  /** The row's own headline for this side; without it, the mark's word is shown. */
  headline?: string;
  /** The side is the same as the one before it (the Bot API, or the bot over MTProto). */
  same: boolean;
  /** Bot API methods, types and fields, or MTProto methods, as written in data/. */
  methods: readonly string[];
  /** The facts, one sentence each; empty when `same` says it all. */
  lines: readonly string[];
}

/** What a Bot API version changed about a row. */
export interface Change {
  version: string;
  text: string;
}

/** One row of the reference, in one language. */
export interface Row {
  slug: string;
  /** Zero-based position among all rows, across sections; the same in every language. */
  index: number;
  /** The slug of the section it belongs to. */
  section: string;
  needs: Need;
  /** The Bot API version where the row last changed. */
  since?: string;
  /** What Bot API versions changed, newest first. */
  changes: readonly Change[];
  title: string;
  /** The label of its button: at most 20 characters. */
  short: string;
  summary: string;
  keywords: readonly string[];
  /** Bot API, bot over MTProto, user account over MTProto, in that order. */
  sides: readonly [RowSide, RowSide, RowSide];
  links: readonly Link[];
}

/** A section of the reference, in one language. */
export interface Section {
  slug: string;
  /** Zero-based position among the sections. */
  index: number;
  title: string;
  summary: string;
  rows: readonly Row[];
}

/** A title and where it lives. */
export interface Source {
  title: string;
  url: string;
}

/** Where the facts come from, for /about. */
export interface Sources {
  /** The handbook, in this language. */
  handbook: Source;
  /** The author of the handbook's table, as a Telegram username. */
  tableAuthor: string;
  botApi: Source;
  mtproto: Source;
  /** The date the facts were last checked at their sources (YYYY-MM-DD). */
  checked: string;
}

/** One yes/no question of /choose, in one language. */
export interface AdvisorQuestion {
  /** Zero-based position in data/advisor.yaml. */
  index: number;
  /** What a "yes" means the project needs. */
  needs: Exclude<Need, "bot_api">;
  text: string;
  /** The rows that decide it. */
  rows: readonly Row[];
}

/** The whole reference in one language. */
export interface Matrix {
  locale: Locale;
  sections: readonly Section[];
  /** Every row, section after section. */
  rows: readonly Row[];
  bySlug: ReadonlyMap<string, Row>;
  sectionBySlug: ReadonlyMap<string, Section>;
  sources: Sources;
  /** The /choose questions, in the order of data/advisor.yaml. */
  questions: readonly AdvisorQuestion[];
}

/** The reference in every language: the same rows, sections and sides, worded in each. */
export interface Catalog {
  /** The language used when a user's language has no text. */
  defaultLocale: Locale;
  locales: readonly Locale[];
  /** The reference in `locale`, or in the default language. */
  get(locale: string): Matrix;
  /** Row slugs, section after section. */
  slugs: readonly string[];
  /** Section slugs in order. */
  sectionSlugs: readonly string[];
  /** Questions developers asked, each with what answers it (data/asked.yaml): how questions about each row are phrased. */
  asked: readonly AskedQuestion[];
}

/** A question of data/asked.yaml, as answering learns from it: a row's slug, or "overview" or "out", answers it. */
export interface AskedQuestion {
  q: string;
  expect: string;
}

/** One file of data/ as written, after validation, with its name for messages. */
export interface DataFile<T> {
  /** The file's path as messages name it (relative to the working directory). */
  file: string;
  data: T;
}

/** The rows of one section file. */
export interface SectionFile extends DataFile<RowData[]> {
  section: string;
}

/** Everything in a data folder that passed the schema. */
export interface DataFiles {
  dir: string;
  sections?: DataFile<SectionsFile>;
  tables: SectionFile[];
  advisor?: DataFile<AdvisorFile>;
  /** data/asked.yaml: what the bot learns from how developers ask. */
  asked?: DataFile<readonly AskedQuestion[]>;
}

/** A path as messages name it: relative to the working directory when inside it, else as given. */
export function displayName(path: string): string {
  const near = relative(process.cwd(), path);
  return near === "" || near.startsWith("..") || isAbsolute(near) ? path : near;
}

/** The name among the Bot API side's methods that a `botapi` anchor points at, as written there. */
export function botApiLinkName(row: RowData, anchor: string): string | undefined {
  return row.sides.bot_api.methods.find((m) => (m.split(".")[0] ?? "").toLowerCase() === anchor);
}

function toLink(row: RowData, link: LinkData, locale: Locale): Link {
  if ("handbook" in link) {
    const [page = "", anchor = ""] = link.handbook.split("#");
    const url =
      locale === "en" || link.ru_anchor === false
        ? `${HANDBOOK_ORIGIN}/book/${page}#${anchor}`
        : `${HANDBOOK_ORIGIN}/${locale}/book/${page}#${encodeURIComponent(link.ru_anchor ?? anchor)}`;
    return { kind: "handbook", label: link[locale], url };
  }
  if ("botapi" in link) {
    const name = botApiLinkName(row, link.botapi)?.split(".")[0];
    return { kind: "botapi", label: link[locale] ?? name ?? link.botapi, url: `${BOT_API_DOCS}#${link.botapi}` };
  }
  return { kind: "core", label: link[locale], url: `${CORE_ORIGIN}/${link.core}` };
}

function toSide(name: SideName, side: SideData, locale: Locale): RowSide {
  const out: RowSide = {
    name,
    mark: side.mark,
    same: side.same === true,
    methods: side.methods,
    lines: side[locale] ?? [],
  };
  if (side.headline !== undefined) out.headline = side.headline[locale];
  return out;
}

function toRow(data: RowData, index: number, section: string, locale: Locale): Row {
  const text = data[locale];
  const sides = SIDES.map((name) => toSide(name, data.sides[name], locale)) as [RowSide, RowSide, RowSide];
  const row: Row = {
    slug: data.slug,
    index,
    section,
    needs: data.needs,
    changes: (data.changes ?? []).map((c) => ({ version: c.version, text: c[locale] })),
    title: text.title,
    short: text.short,
    summary: text.summary,
    keywords: text.keywords,
    sides,
    links: data.links.map((l) => toLink(data, l, locale)),
  };
  if (data.since !== undefined) row.since = data.since;
  return row;
}

function toMatrix(files: DataFiles, sections: SectionsFile, locale: Locale): Matrix {
  const rows: Row[] = [];
  const byTable = new Map(files.tables.map((t) => [t.section, t]));
  const built = sections.sections.map((s, index): Section => {
    const sectionRows = (byTable.get(s.slug)?.data ?? []).map((r, i) => toRow(r, rows.length + i, s.slug, locale));
    rows.push(...sectionRows);
    return { slug: s.slug, index, title: s[locale].title, summary: s[locale].summary, rows: sectionRows };
  });
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  const { handbook, table_author, botapi, mtproto } = sections.sources;
  return {
    locale,
    sections: built,
    rows,
    bySlug,
    sectionBySlug: new Map(built.map((s) => [s.slug, s])),
    sources: {
      handbook: handbook[locale],
      tableAuthor: table_author,
      botApi: botapi,
      mtproto,
      checked: sections.checked,
    },
    questions: (files.advisor?.data ?? []).map((q, index) => ({
      index,
      needs: q.needs,
      text: q[locale],
      rows: q.rows.flatMap((slug) => bySlug.get(slug) ?? []),
    })),
  };
}

/**
 * Builds the catalog from files that passed {@link readData} without
 * problems.
 */
export function buildCatalog(files: DataFiles): Catalog {
  const sections = files.sections;
  if (sections === undefined) throw new MatrixError(files.dir, "sections.yaml was not read");
  const matrices = new Map(LOCALES.map((locale) => [locale, toMatrix(files, sections.data, locale)]));
  const defaultLocale: Locale = "en";
  const base = matrices.get(defaultLocale) as Matrix;
  return {
    defaultLocale,
    locales: LOCALES,
    get: (locale) => matrices.get(locale as Locale) ?? base,
    slugs: base.rows.map((r) => r.slug),
    sectionSlugs: base.sections.map((s) => s.slug),
    asked: files.asked?.data ?? [],
  };
}

/**
 * A data folder as {@link readData} read and checked it, kept as JSON with a
 * hash of its YAML files: reading YAML is the costliest part of starting
 * (a few hundred ms for the full reference), parsing this JSON a few ms.
 */
export interface CompiledReference {
  /** {@link hashData} of the folder the files were read from. */
  hash: string;
  files: Omit<DataFiles, "dir">;
}

/** A hash of every YAML file of a data folder: their names and contents. */
export function hashData(dir: string): string {
  const hash = createHash("sha256");
  const add = (folder: string, name: string) => {
    hash
      .update(`${folder}/${name}\0`)
      .update(readFileSync(join(dir, folder, name)))
      .update("\0");
  };
  for (const folder of [".", "matrix"]) {
    let names: string[];
    try {
      names = readdirSync(join(dir, folder)).filter((f) => /\.ya?ml$/.test(f));
    } catch {
      continue;
    }
    for (const name of names.sort()) add(folder, name);
  }
  return hash.digest("hex");
}

/** The compiled reference at `path`, if there is one and it was made from the folder as it is now. */
export function readCompiled(path: string, dir: string): DataFiles | undefined {
  let compiled: CompiledReference;
  try {
    compiled = JSON.parse(readFileSync(path, "utf8")) as CompiledReference;
  } catch {
    return undefined;
  }
  return compiled.hash === hashData(dir) ? { dir, ...compiled.files } : undefined;
}

/**
 * The reference of a data folder, from the compiled copy at `compiled` (see
 * `compileReference`) while it was made from the folder as it is now, else
 * read and checked from the YAML, which loads the YAML parser and the
 * validation only then.
 *
 * @throws {MatrixError} naming the first problem of a folder read anew
 */
export async function loadReference(dir: string, compiled: string): Promise<Catalog> {
  const files = readCompiled(compiled, dir);
  if (files !== undefined) return buildCatalog(files);
  return (await import("./load.js")).loadCatalog(dir);
}
