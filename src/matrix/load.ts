import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import {
  botApiLinkName,
  buildCatalog,
  type Catalog,
  type CompiledReference,
  type DataFile,
  type DataFiles,
  displayName,
  hashData,
  MatrixError,
} from "./catalog.js";
import { advisorFileSchema, ASKED_KINDS, askedFileSchema, sectionFileSchema, sectionsFileSchema } from "./schema.js";

export * from "./catalog.js";

/** Options of {@link readData}. */
export interface ReadOptions {
  /** A folder without advisor.yaml is fine (for checking rows written elsewhere). */
  advisorOptional?: boolean;
}

function describePath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".") || "(the whole file)";
}

/** Names the row an issue concerns in a section file: `row 2 (files), field sides.bot_api.mark`. */
function describeRowIssue(data: unknown, issue: z.core.$ZodIssue): string {
  const [index, ...rest] = issue.path;
  if (typeof index !== "number") return `${describePath(issue.path)}: ${issue.message}`;
  const slug = (Array.isArray(data) ? (data[index] as { slug?: unknown } | undefined) : undefined)?.slug;
  const name = typeof slug === "string" ? ` (${slug})` : "";
  return `row ${index + 1}${name}, field ${describePath(rest) === "(the whole file)" ? "(the row itself)" : describePath(rest)}: ${issue.message}`;
}

function describeListIssue(what: string, issue: z.core.$ZodIssue): string {
  const [index, ...rest] = issue.path;
  if (typeof index !== "number") return `${describePath(issue.path)}: ${issue.message}`;
  return `${what} ${index + 1}, field ${rest.length === 0 ? "(itself)" : describePath(rest)}: ${issue.message}`;
}

/**
 * Reads one YAML file and checks it against `schema`; every problem found
 * is added to `problems`, one line each.
 */
function readFile<T>(
  path: string,
  schema: z.ZodType<T>,
  describe: (data: unknown, issue: z.core.$ZodIssue) => string,
  problems: MatrixError[],
): DataFile<T> | undefined {
  const file = displayName(path);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, "utf8"));
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
    problems.push(new MatrixError(file, `cannot read the file: ${reason}`));
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(new MatrixError(file, describe(data, issue)));
    return undefined;
  }
  return { file, data: parsed.data };
}

/**
 * Reads and validates every file of a data folder: sections.yaml, one
 * matrix/<section>.yaml per section and advisor.yaml. Returns what passed
 * and every problem found, each one line naming the file, the row and the
 * field; checks across files (a slug used twice, a question naming a row
 * that does not exist) are included.
 */
export function readData(dir: string, options: ReadOptions = {}): { files: DataFiles; problems: MatrixError[] } {
  const problems: MatrixError[] = [];
  const files: DataFiles = { dir, tables: [] };
  const sectionsPath = join(dir, "sections.yaml");
  if (!existsSync(sectionsPath)) {
    problems.push(new MatrixError(displayName(sectionsPath), "the file is missing"));
    return { files, problems };
  }
  const sections = readFile(sectionsPath, sectionsFileSchema, (_d, i) => describeIssue("section", i), problems);
  if (sections === undefined) return { files, problems };
  files.sections = sections;

  const matrixDir = join(dir, "matrix");
  const listed = new Set<string>();
  sections.data.sections.forEach((section, i) => {
    if (listed.has(section.slug)) {
      problems.push(new MatrixError(sections.file, `section ${i + 1}, field slug: "${section.slug}" is listed twice`));
    }
    listed.add(section.slug);
  });
  let present: string[] = [];
  try {
    present = readdirSync(matrixDir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"));
  } catch {
    problems.push(new MatrixError(displayName(matrixDir), "the folder of the rows cannot be read"));
  }
  for (const name of present) {
    const slug = name.replace(/\.ya?ml$/, "");
    if (!listed.has(slug) || name.endsWith(".yml")) {
      problems.push(
        new MatrixError(
          displayName(join(matrixDir, name)),
          `sections.yaml lists no section "${slug}" (files are <section>.yaml)`,
        ),
      );
    }
  }
  const seen = new Map<string, string>();
  for (const section of listed) {
    const path = join(matrixDir, `${section}.yaml`);
    if (!existsSync(path)) {
      problems.push(new MatrixError(displayName(path), `the file is missing: sections.yaml lists "${section}"`));
      continue;
    }
    const table = readFile(path, sectionFileSchema, describeRowIssue, problems);
    if (table === undefined) continue;
    table.data.forEach((row, i) => {
      const where = `${table.file} row ${i + 1}`;
      const earlier = seen.get(row.slug);
      if (earlier !== undefined) {
        problems.push(
          new MatrixError(
            table.file,
            `row ${i + 1} (${row.slug}), field slug: "${row.slug}" is used twice (also ${earlier})`,
          ),
        );
      }
      seen.set(row.slug, where);
      row.links.forEach((link, l) => {
        if ("botapi" in link && link.en === undefined && botApiLinkName(row, link.botapi) === undefined) {
          problems.push(
            new MatrixError(
              table.file,
              `row ${i + 1} (${row.slug}), field links.${l}.en: is required where the anchor "${link.botapi}" names no method of the Bot API side`,
            ),
          );
        }
      });
    });
    files.tables.push({ ...table, section });
  }

  const advisorPath = join(dir, "advisor.yaml");
  if (!existsSync(advisorPath)) {
    if (options.advisorOptional !== true)
      problems.push(new MatrixError(displayName(advisorPath), "the file is missing"));
  } else {
    const advisor = readFile(advisorPath, advisorFileSchema, (_d, i) => describeIssue("question", i), problems);
    if (advisor !== undefined) {
      files.advisor = advisor;
      advisor.data.forEach((question, i) =>
        question.rows.forEach((slug, r) => {
          if (!seen.has(slug)) {
            problems.push(
              new MatrixError(advisor.file, `question ${i + 1}, field rows.${r}: no row is slugged "${slug}"`),
            );
          }
        }),
      );
    }
  }
  readAsked(dir, seen, files, problems);
  return { files, problems };
}

/** data/asked.yaml, when there is one: every question must expect a row of the folder, or one of {@link ASKED_KINDS}. */
function readAsked(dir: string, slugs: ReadonlyMap<string, string>, files: DataFiles, problems: MatrixError[]): void {
  const path = join(dir, "asked.yaml");
  if (!existsSync(path)) return;
  const asked = readFile(path, askedFileSchema, (_d, i) => describeIssue("question", i), problems);
  if (asked === undefined) return;
  const kinds: readonly string[] = ASKED_KINDS;
  asked.data.forEach((question, i) => {
    const wanted = [question.expect, ...(question.also ?? [])];
    for (const [at, slug] of wanted.entries()) {
      if (slugs.has(slug) || (at === 0 && kinds.includes(slug))) continue;
      const field = at === 0 ? "expect" : `also.${at - 1}`;
      problems.push(new MatrixError(asked.file, `question ${i + 1}, field ${field}: no row is slugged "${slug}"`));
    }
  });
  // Only what answering needs is kept: the question and what answers it.
  files.asked = {
    file: asked.file,
    data: asked.data.map(({ q, expect }) => ({ q, expect })),
  };
}

function describeIssue(what: "section" | "question", issue: z.core.$ZodIssue): string {
  if (what === "section" && issue.path[0] === "sections")
    return describeListIssue(what, { ...issue, path: issue.path.slice(1) });
  if (what === "question") return describeListIssue(what, issue);
  return `field ${describePath(issue.path)}: ${issue.message}`;
}

/**
 * Reads and checks a data folder for `loadReference`: `npm run build`
 * writes it next to the compiled bot.
 *
 * @throws {MatrixError} naming the first problem found
 */
export function compileReference(dir: string): CompiledReference {
  const { files, problems } = readData(dir);
  const [first] = problems;
  if (first !== undefined) throw first;
  const { dir: _dir, ...rest } = files;
  return { hash: hashData(dir), files: rest };
}

/**
 * Loads and validates a data folder: sections.yaml, matrix/<section>.yaml
 * and advisor.yaml.
 *
 * @param dir folder holding the files, usually `data/`
 * @throws {MatrixError} naming the first problem found
 */
export function loadCatalog(dir: string): Catalog {
  if (!existsSync(dir)) throw new MatrixError(displayName(dir), "the data folder cannot be read");
  const { files, problems } = readData(dir);
  const [first] = problems;
  if (first !== undefined) throw first;
  return buildCatalog(files);
}
