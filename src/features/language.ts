import type { I18n } from "@grammyjs/i18n";
import { fmt } from "@grammyjs/parse-mode";
import type { BotContext } from "../context.js";
import { pickLocale } from "../i18n.js";
import { actionButton } from "../render/keyboard.js";
import { type RenderedMessage, toMessage } from "../render/message.js";
import { Feature } from "../feature.js";
import type { UserSettings } from "../settings.js";
import { editWith, replyWith } from "../telegram/send.js";

/**
 * /language: the user picks the bot's language, or goes back to following
 * their Telegram app. The choice is per user (not per chat), so it holds in
 * every chat and in inline mode. It is saved in `settings` before the user
 * is told it is done: a store that fails fails the tap instead.
 */
export function languageFeature(i18n: I18n<BotContext>, defaultLocale: string, settings: UserSettings): Feature {
  const feature = new Feature();

  const menu = (locale: string): RenderedMessage =>
    toMessage(fmt`${i18n.t(locale, "language-prompt", { current: i18n.t(locale, "language-name") })}`, [
      i18n.locales.map((language) =>
        actionButton(i18n.t(language, "language-name"), { kind: "language", locale, language }),
      ),
      [actionButton(i18n.t(locale, "language-auto"), { kind: "language", locale, language: "auto" })],
    ]);

  feature.command("language", async (ctx) => {
    await replyWith(ctx, menu(await ctx.locale()));
  });

  feature.button("language", async (ctx, action, next) => {
    if (action.language !== "auto" && !i18n.locales.includes(action.language)) return next();
    await settings.setLanguage(ctx.callbackQuery.from.id, action.language);
    // The language just chosen, not the one this update started with.
    const locale =
      action.language === "auto" ? pickLocale(ctx.from?.language_code, i18n.locales, defaultLocale) : action.language;
    const done =
      action.language === "auto"
        ? i18n.t(locale, "language-set-auto")
        : i18n.t(locale, "language-set", { language: i18n.t(locale, "language-name") });
    await ctx.answerCallbackQuery({ text: done });
    await editWith(ctx, toMessage(fmt`${done}`));
  });

  return feature;
}
