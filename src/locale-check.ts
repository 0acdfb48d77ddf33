import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentParser, Junk, Message, Term } from "@fluent/syntax";
import { LocaleError } from "./i18n.js";

/**
 * Checks the Fluent files in `directory` before the bot serves anyone, since
 * Fluent itself skips what it cannot parse and falls back to the default
 * language for what a language lacks, and users would silently get English
 * (or a bare key). Every file must parse, and hold every message and term
 * of the default language's file.
 *
 * @throws {LocaleError} naming the file, and the line or the messages at fault
 */
export function checkLocales(directory: string, defaultLocale = "en"): void {
  const parser = new FluentParser({ withSpans: true });
  const ids = new Map<string, Set<string>>();
  let files: string[];
  try {
    files = readdirSync(directory).filter((f) => f.endsWith(".ftl"));
  } catch (err) {
    throw new LocaleError(`cannot read ${directory}: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const name of files) {
    const file = join(directory, name);
    const source = readFileSync(file, "utf8");
    const found = new Set<string>();
    for (const entry of parser.parse(source).body) {
      if (entry instanceof Junk) {
        const at = entry.annotations[0];
        const offset = at?.span?.start ?? entry.span?.start ?? 0;
        const line = source.slice(0, offset).split("\n").length;
        throw new LocaleError(`${file}:${line}: ${at?.message ?? "cannot be parsed"}`);
      }
      if (entry instanceof Message) found.add(entry.id.name);
      else if (entry instanceof Term) found.add(`-${entry.id.name}`);
    }
    ids.set(name.replace(/\.ftl$/, ""), found);
  }
  const reference = ids.get(defaultLocale);
  if (reference === undefined) throw new LocaleError(`${join(directory, `${defaultLocale}.ftl`)} is missing`);
  for (const [locale, found] of ids) {
    const missing = [...reference].filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new LocaleError(
        `${join(directory, `${locale}.ftl`)}: missing ${missing.join(", ")} (present in ${defaultLocale}.ftl)`,
      );
    }
  }
}
