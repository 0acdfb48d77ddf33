import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { Bot } from "grammy";

declare const bot: Bot;

// Entities instead of HTML or Markdown: nothing to escape.
bot.command("about", async (ctx) => {
  const text = fmt`${FormattedString.bold("grammY")} docs: ${FormattedString.link("grammy.dev", "https://grammy.dev")}`;
  await ctx.reply(text.text, { entities: text.entities });
});
