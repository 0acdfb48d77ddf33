import { readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { type Ability, type Link, matrixFileSchema, type MatrixFile } from "./schema.js";

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

/** One side of a row, with its text always as a list. */
export interface RowSide {
  can: Ability;
  lines: readonly string[];
}

/** One feature of the matrix in one language. */
export interface Row {
  slug: string;
  /** Zero-based position in the matrix, the same in every language. */
  index: number;
  title: string;
  botApi: RowSide;
  telegramApi: RowSide;
  verdict: string;
  /** The /choose question for a need only the Telegram API meets; absent where the Bot API is not limited. */
  question?: string;
  links: readonly Link[];
  keywords: readonly string[];
}

/** The whole matrix in one language. */
export interface Matrix {
  locale: string;
  source: Link;
  seeAlso: readonly Link[];
  rows: readonly Row[];
  bySlug: ReadonlyMap<string, Row>;
}

/**
 * Every language of the matrix. All languages hold the same rows, in the
 * same order, with the same abilities: only the wording differs.
 */
export interface Catalog {
  /** The language used when a user's language has no matrix. */
  defaultLocale: string;
  locales: readonly string[];
  /** The matrix in `locale`, or in the default language. */
  get(locale: string): Matrix;
  /** Row slugs in matrix order. */
  slugs: readonly string[];
}

const FILE_PATTERN = /^matrix\.([a-z]{2,3})\.ya?ml$/;

function describeIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (path[0] === "rows" && path.length >= 2) {
    const index = Number(path[1]);
    const rows = (data as { rows?: unknown[] } | undefined)?.rows;
    const slug = (rows?.[index] as { slug?: unknown } | undefined)?.slug;
    const name = typeof slug === "string" ? ` (${slug})` : "";
    const field = path.slice(2).join(".") || "(the row itself)";
    return `row ${index + 1}${name}, field ${field}: ${issue.message}`;
  }
  return `field ${path.join(".") || "(top level)"}: ${issue.message}`;
}

function toMatrix(locale: string, file: MatrixFile): Matrix {
  const side = (s: MatrixFile["rows"][number]["bot_api"]): RowSide => ({
    can: s.can,
    lines: typeof s.text === "string" ? [s.text] : s.text,
  });
  const rows = file.rows.map((r, index): Row => ({
    slug: r.slug,
    index,
    title: r.title,
    botApi: side(r.bot_api),
    telegramApi: side(r.telegram_api),
    verdict: r.verdict,
    ...(r.question !== undefined ? { question: r.question } : {}),
    links: r.links,
    keywords: r.keywords,
  }));
  return {
    locale,
    source: { label: file.source.title, url: file.source.url },
    seeAlso: file.see_also,
    rows,
    bySlug: new Map(rows.map((r) => [r.slug, r])),
  };
}

/**
 * Reads and validates one matrix file.
 *
 * @throws {MatrixError} when the file is missing, is not YAML or breaks the schema
 */
export function loadMatrixFile(path: string, locale: string): Matrix {
  const name = relative(process.cwd(), path) || path;
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, "utf8"));
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new MatrixError(name, `cannot read the file: ${reason}`);
  }
  const parsed = matrixFileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new MatrixError(name, first ? describeIssue(data, first) : "invalid content");
  }
  return toMatrix(locale, parsed.data);
}

/**
 * Loads every `matrix.<locale>.yaml` in `dir` and checks that the languages
 * agree with each other.
 *
 * @param dir folder holding the files, usually `data/`
 * @param defaultLocale language that must exist and serves everyone else
 * @throws {MatrixError} naming the first problem found
 */
export function loadCatalog(dir: string, defaultLocale = "en"): Catalog {
  let entries: string[];
  try {
    entries = readdirSync(dir)
      .filter((f) => FILE_PATTERN.test(f))
      .sort();
  } catch {
    throw new MatrixError(dir, "the data folder cannot be read");
  }
  const matrices = new Map<string, Matrix>();
  for (const entry of entries) {
    const locale = FILE_PATTERN.exec(entry)?.[1] ?? "";
    matrices.set(locale, loadMatrixFile(join(dir, entry), locale));
  }
  const base = matrices.get(defaultLocale);
  if (base === undefined) {
    throw new MatrixError(join(dir, `matrix.${defaultLocale}.yaml`), "the default language's file is missing");
  }
  for (const [locale, matrix] of matrices) {
    if (locale === defaultLocale) continue;
    const file = relative(process.cwd(), join(dir, basename(`matrix.${locale}.yaml`)));
    if (matrix.rows.length !== base.rows.length) {
      throw new MatrixError(
        file,
        `has ${matrix.rows.length} rows, matrix.${defaultLocale}.yaml has ${base.rows.length}`,
      );
    }
    matrix.rows.forEach((row, i) => {
      const other = base.rows[i];
      if (other === undefined) return;
      const where = `row ${i + 1} (${row.slug})`;
      if (row.slug !== other.slug) {
        throw new MatrixError(file, `${where}, field slug: must be "${other.slug}" as in matrix.${defaultLocale}.yaml`);
      }
      for (const key of ["botApi", "telegramApi"] as const) {
        if (row[key].can !== other[key].can) {
          const field = key === "botApi" ? "bot_api.can" : "telegram_api.can";
          throw new MatrixError(
            file,
            `${where}, field ${field}: must be "${other[key].can}" as in matrix.${defaultLocale}.yaml`,
          );
        }
      }
    });
  }
  const locales = [...matrices.keys()];
  return {
    defaultLocale,
    locales,
    get: (locale) => matrices.get(locale) ?? base,
    slugs: base.rows.map((r) => r.slug),
  };
}
