import { fmt } from "@grammyjs/parse-mode";
import { pickLocale } from "../i18n.js";
import { actionButton } from "../render/keyboard.js";
import { type RenderedMessage, type Translate, toMessage } from "../render/message.js";
import { Feature } from "../feature.js";
import type { UserSettings } from "../settings.js";
import { editWith, replyWith } from "../telegram/send.js";

/**
 * /language: the user picks the bot's language, or goes back to following
 * their Telegram app. The choice is per user (not per chat), so it holds in
 * every chat and in inline mode. It is saved in `settings` before the user
 * is told it is done: a store that fails fails the tap instead.
 */
export function languageFeature(
  t: Translate,
  /** The languages of the Fluent files, in the order the menu lists them. */
  languages: readonly string[],
  defaultLocale: string,
  settings: UserSettings,
): Feature {
  const feature = new Feature();

  const menu = (locale: string): RenderedMessage =>
    toMessage(fmt`${t(locale, "language-prompt", { current: t(locale, "language-name") })}`, [
      languages.map((language) => actionButton(t(language, "language-name"), { kind: "language", locale, language })),
      [actionButton(t(locale, "language-auto"), { kind: "language", locale, language: "auto" })],
    ]);

  feature.command("language", async (ctx) => {
    await replyWith(ctx, menu(await ctx.locale()));
  });

  feature.button("language", async (ctx, action, next) => {
    if (action.language !== "auto" && !languages.includes(action.language)) return next();
    await settings.setLanguage(ctx.callbackQuery.from.id, action.language);
    // The language just chosen, not the one this update started with.
    const locale =
      action.language === "auto" ? pickLocale(ctx.from?.language_code, languages, defaultLocale) : action.language;
    const done =
      action.language === "auto"
        ? t(locale, "language-set-auto")
        : t(locale, "language-set", { language: t(locale, "language-name") });
    await ctx.answerCallbackQuery({ text: done });
    await editWith(ctx, toMessage(fmt`${done}`));
  });

  return feature;
}
