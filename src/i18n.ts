import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { negotiateLanguages } from "@fluent/langneg";
import type { Context } from "grammy";
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

/** A Fluent file of a locales folder, and the language it belongs to. */
interface LocaleSource {
  locale: string;
  source: string;
}

/**
 * The Fluent files under `directory`, as grammY's i18n plugin reads them:
 * every `.ftl` file (in subfolders too, symbolic links skipped) belongs to
 * the language its path starts with (`en.ftl`, `en/help.ftl`), and the
 * files of one language are joined.
 */
function readLocaleSources(directory: string): LocaleSource[] {
  const files: LocaleSource[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile() && extname(entry.name) === ".ftl") {
        const locale = `${prefix}${entry.name}`.split("/")[0]?.split(".")[0] ?? "";
        files.push({ locale, source: readFileSync(join(folder, entry.name), "utf8") });
      }
    }
  };
  walk(directory, "");
  const locales = [...new Set(files.map((f) => f.locale))];
  return locales.map((locale) => ({
    locale,
    source: files
      .filter((f) => f.locale === locale)
      .map((f) => f.source)
      .join("\n"),
  }));
}

/** A message or attribute no bundle has: said on the console, as grammY's i18n plugin says it. */
type Warn = (message: string) => void;

/**
 * The bot's strings: one Fluent bundle per language of a locales folder,
 * with the default language's as the fallback for whatever a language
 * lacks. Translates exactly as grammY's i18n plugin (`@grammyjs/i18n`) did
 * for this bot, without its middleware and its Deno compatibility layer,
 * which took longer to load than everything else about the strings.
 */
export class Translations {
  /** The languages, one per locale in the folder. */
  readonly locales: string[] = [];
  private readonly bundles: FluentBundle[] = [];
  private readonly defaultBundle: FluentBundle | undefined;
  /** The bundles to try for a requested language, in order: negotiated once per language. */
  private readonly matched = new Map<string, FluentBundle[]>();

  /**
   * @param directory the folder of the Fluent files
   * @param defaultLocale the language used for what another lacks
   * @param options options of every bundle (`useIsolating`, …)
   * @param warn where a missing message is told; `console.warn` by default
   */
  constructor(
    directory: string,
    defaultLocale: string,
    options: ConstructorParameters<typeof FluentBundle>[1],
    private readonly warn: Warn = console.warn,
  ) {
    let fallback: FluentBundle | undefined;
    for (const { locale, source } of readLocaleSources(directory)) {
      const bundle = new FluentBundle(locale, options);
      const errors = bundle.addResource(new FluentResource(source), { allowOverrides: true });
      if (errors.length > 0) {
        for (const error of errors) console.error(error);
        throw new Error("Failed to add resource to the bundle, see the errors above.");
      }
      this.bundles.push(bundle);
      if (fallback === undefined || locale === defaultLocale) fallback = bundle;
      this.locales.push(locale);
    }
    this.defaultBundle = fallback;
  }

  /** The string `key` (`message` or `message.attribute`) in `locale`, or `{key}` if no language has it. */
  t(locale: string, key: string, variables?: Record<string, FluentVariable>): string {
    const [messageId = "", attribute] = key.split(".", 2);
    for (const bundle of this.bundlesFor(locale)) {
      const message = bundle.getMessage(messageId);
      if (message === undefined) {
        this.warn(
          `Translation message "${messageId}" is missing in the following locale(s): ${bundle.locales.join(", ")}.`,
        );
        continue;
      }
      let pattern = message.value ?? "";
      if (attribute) {
        const value = message.attributes[attribute];
        if (!value) {
          this.warn(
            `"${attribute}" attribute is missing in message "${messageId}" for locale(s): ${bundle.locales.join(", ")}`,
          );
          continue;
        }
        pattern = value;
      }
      return bundle.formatPattern(pattern, variables);
    }
    this.warn(`The translation "${key}" is missing in the locales: ${locale}`);
    return `{${key}}`;
  }

  /** The same as {@link Translations.t}. */
  translate(locale: string, key: string, variables?: Record<string, FluentVariable>): string {
    return this.t(locale, key, variables);
  }

  /** The bundles whose language matches `locale` best first, then the default one. */
  private bundlesFor(locale: string): readonly FluentBundle[] {
    let found = this.matched.get(locale);
    if (found !== undefined) return found;
    const available = this.bundles.flatMap((bundle) => bundle.locales);
    const matches = negotiateLanguages([locale], available).flatMap((match) => {
      const bundle = this.bundles.find((b) => b.locales.includes(match));
      return bundle === undefined ? [] : [bundle];
    });
    if (this.defaultBundle !== undefined) matches.push(this.defaultBundle);
    found = [...new Set(matches)];
    // Telegram's apps have a few hundred language codes; each is negotiated once.
    if (this.matched.size >= 1_000) this.matched.clear();
    this.matched.set(locale, found);
    return found;
  }
}

/**
 * Creates the translator for the Fluent files in `directory`. Bidi isolation
 * marks are off: they would show up as stray characters around numbers and
 * usernames in Telegram clients.
 */
export function createI18n(directory: string, defaultLocale = "en"): Translations {
  return new Translations(directory, defaultLocale, { useIsolating: false });
}

/** Thrown when a Fluent file does not parse or misses a message of the default language. */
export class LocaleError extends Error {
  override name = "LocaleError";
}

/**
 * A hash of what {@link checkLocales} looks at: the names and contents of
 * the Fluent files directly in `directory`, and the default language;
 * `undefined` if the folder cannot be read.
 */
export function hashLocales(directory: string, defaultLocale: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((f) => f.endsWith(".ftl"))
      .sort();
  } catch {
    return undefined;
  }
  const hash = createHash("sha256").update(`${defaultLocale}\0`);
  for (const name of names)
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(directory, name)))
      .update("\0");
  return hash.digest("hex");
}

/** What `npm run build` records of the Fluent files it checked (see {@link checkLocalesOnce}). */
export interface CheckedLocales {
  /** {@link hashLocales} of the files that passed {@link checkLocales}. */
  hash: string;
}

/**
 * Checks the Fluent files in `directory` as {@link checkLocales} does,
 * unless `checked` (written by `npm run build`) records that these very
 * files passed: then the Fluent parser is not even loaded.
 *
 * @throws {LocaleError} as {@link checkLocales}
 */
export async function checkLocalesOnce(directory: string, defaultLocale: string, checked: string): Promise<void> {
  let record: Partial<CheckedLocales> = {};
  try {
    record = JSON.parse(readFileSync(checked, "utf8")) as CheckedLocales;
  } catch {
    // Not built, or unreadable: check the files.
  }
  const hash = hashLocales(directory, defaultLocale);
  if (hash !== undefined && record.hash === hash) return;
  (await import("./locale-check.js")).checkLocales(directory, defaultLocale);
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
  i18n: Translations,
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
