import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The libraries a row's code is shown in: grammY for the Bot API, GramJS for MTProto. */
export const LIBRARIES = ["grammy", "gramjs"] as const;
export type Library = (typeof LIBRARIES)[number];

/** A snippet's file name: `<slug>.<library>.ts`. */
export const SNIPPET_FILE = /^([a-z0-9-]{1,24})\.(grammy|gramjs)\.ts$/;

/** The code of one row, in each library it has. */
export type RowCode = Partial<Record<Library, string>>;

/**
 * The code shown on the cards: a few lines per row and library, kept in
 * `data/snippets/<slug>.grammy.ts` and `<slug>.gramjs.ts` beside the rows.
 * They are real TypeScript, type-checked against grammy and telegram by
 * the tests, and shown exactly as written.
 */
export class Snippets {
  private constructor(private readonly bySlug: ReadonlyMap<string, RowCode>) {}

  /** Reads every snippet of a folder; a folder that does not exist holds none. */
  static load(dir: string): Snippets {
    const bySlug = new Map<string, RowCode>();
    if (!existsSync(dir)) return new Snippets(bySlug);
    for (const name of readdirSync(dir).sort()) {
      const m = SNIPPET_FILE.exec(name);
      if (m === null) continue;
      const [, slug = "", library = "grammy"] = m;
      const code = readFileSync(join(dir, name), "utf8").replace(/\s+$/, "");
      bySlug.set(slug, { ...bySlug.get(slug), [library as Library]: code });
    }
    return new Snippets(bySlug);
  }

  /** Snippets from the project's own `data/snippets`, found above this file (as run from src/ or dist/). */
  static bundled(): Snippets {
    const here = fileURLToPath(new URL(".", import.meta.url));
    for (let dir = here; ; dir = dirname(dir)) {
      const candidate = join(dir, "data", "snippets");
      if (existsSync(candidate)) return Snippets.load(candidate);
      if (dirname(dir) === dir) return Snippets.load(candidate);
    }
  }

  /** No code for any row. */
  static empty(): Snippets {
    return new Snippets(new Map());
  }

  /** A row's code, or undefined when it has none. */
  of(slug: string): RowCode | undefined {
    return this.bySlug.get(slug);
  }

  /** The slugs that have code. */
  get slugs(): string[] {
    return [...this.bySlug.keys()];
  }
}
