import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentParser, Junk, Message, Term } from "@fluent/syntax";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { BotContext } from "./context.js";
import type { UserSettings } from "./settings.js";

/**
 * Language codes served in another language the bot speaks, because their
 * speakers are more likely to read that one than English. Belarusian users
 * get Russian; Ukrainian users get English unless they choose Russian with
 * /language, since many of them would rather not be addressed in Russian.
 */
const FALLBACKS: Record<string, string> = { be: "ru" };

/**
 * Picks the bot's language for a Telegram `language_code` (such as "en",
 * "pt-br" or "ru"): the code itself if the bot speaks it, a close language
 * the bot speaks, or the default.
 */
export function pickLocale(languageCode: string | undefined, available: readonly string[], fallback: string): string {
  if (languageCode === undefined) return fallback;
  const primary = languageCode.toLowerCase().split(/[-_]/)[0] ?? "";
  if (available.includes(primary)) return primary;
  const near = FALLBACKS[primary];
  return near !== undefined && available.includes(near) ? near : fallback;
}

/**
 * Creates the translator for the Fluent files in `directory`. Bidi isolation
 * marks are off: they would show up as stray characters around numbers and
 * usernames in Telegram clients.
 */
export function createI18n(directory: string, defaultLocale = "en"): I18n<BotContext> {
  return new I18n<BotContext>({ defaultLocale, directory, fluentBundleOptions: { useIsolating: false } });
}

/** Thrown when a Fluent file does not parse or misses a message of the default language. */
export class LocaleError extends Error {
  override name = "LocaleError";
}

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

/** The language of an update, and the one the user chose with /language, if they did. */
export interface ResolvedLocale {
  locale: string;
  /** Set only when the user chose a language: a question in another language is then still answered in this one. */
  chosen?: string;
}

/**
 * Works out the language of an update: the user's choice from /language,
 * else their Telegram app's. Used by `ctx.locale()` on first call only, so
 * updates that never ask (buttons carry their message's language) never
 * read the settings. A store that cannot be reached counts as no choice:
 * the update goes on in the app's language.
 */
export function localeResolver(
  i18n: I18n<BotContext>,
  settings: UserSettings,
  defaultLocale = "en",
): (ctx: Context) => Promise<ResolvedLocale> {
  // Telegram's apps have a few hundred language codes: each is worked out once
  // (and forgotten all at once should there ever be more).
  const appLocales = new Map<string | undefined, string>();
  const appLocale = (code: string | undefined): string => {
    let locale = appLocales.get(code);
    if (locale === undefined) {
      if (appLocales.size >= 1_000) appLocales.clear();
      appLocales.set(code, (locale = pickLocale(code, i18n.locales, defaultLocale)));
    }
    return locale;
  };
  return async (ctx) => {
    const from = ctx.from;
    if (from === undefined) return { locale: defaultLocale };
    const chosen = await settings.language(from.id).catch(() => undefined);
    if (chosen !== undefined && i18n.locales.includes(chosen)) return { locale: chosen, chosen };
    return { locale: appLocale(from.language_code) };
  };
}
