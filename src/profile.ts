import type { Api } from "grammy";
import type { LanguageCode } from "grammy/types";
import type { Logger } from "pino";
import { loggableError } from "./retries.js";
import { COMMANDS } from "./routes.js";

/**
 * Sets the bot's command menu (every command of routes.ts, in its order),
 * description and short description in every language it speaks (the
 * default language for everyone else). Failures
 * are logged and skipped: the bot works without them.
 */
export async function setupProfile(
  api: Api,
  locales: readonly string[],
  defaultLocale: string,
  t: (locale: string, key: string) => string,
  logger: Logger,
): Promise<void> {
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (err) {
      logger.warn({ err: loggableError(err) }, `could not set ${what}`);
    }
  };
  for (const locale of locales) {
    // Telegram takes ISO 639-1 codes; the locales are named by them.
    const language = locale === defaultLocale ? {} : { language_code: locale as LanguageCode };
    const commands = COMMANDS.map((command) => ({ command, description: t(locale, `command-${command}`) }));
    await attempt(`commands (${locale})`, () => api.setMyCommands(commands, language));
    await attempt(`description (${locale})`, () => api.setMyDescription(t(locale, "profile-description"), language));
    await attempt(`short description (${locale})`, () =>
      api.setMyShortDescription(t(locale, "profile-short-description"), language),
    );
  }
}
