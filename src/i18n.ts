import { I18n, type I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";

/**
 * Language codes that are served in another language the bot speaks,
 * because their speakers are more likely to read that one than English.
 */
const FALLBACKS: Record<string, string> = {};

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
export function createI18n<C extends Context & I18nFlavor>(directory: string, defaultLocale = "en"): I18n<C> {
  const i18n: I18n<C> = new I18n<C>({
    defaultLocale,
    directory,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => pickLocale(ctx.from?.language_code, i18n.locales, defaultLocale),
  });
  return i18n;
}
