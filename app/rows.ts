import type { AppRow } from "../src/miniapp/shape.js";

/** Which rows the side filter keeps. */
export type SideFilter = "all" | "user" | "bots";

/** Neither kind of bot can do it (not even with a local server), a user account can. */
export function onlyUserCan(row: AppRow): boolean {
  const { bot_api, mtproto_bot, mtproto_user } = row.sides;
  return mtproto_user.mark !== "no" && bot_api.mark === "no" && mtproto_bot.mark === "no";
}

/** A user account cannot do it, a bot can (on the Bot API or over MTProto). */
export function onlyBotsCan(row: AppRow): boolean {
  const { bot_api, mtproto_bot, mtproto_user } = row.sides;
  return mtproto_user.mark === "no" && (bot_api.mark !== "no" || mtproto_bot.mark !== "no");
}

/** Whether `row` passes the section and side filters; an empty section means every section. */
export function keeps(row: AppRow, section: string, side: SideFilter): boolean {
  if (section !== "" && row.section !== section) return false;
  if (side === "user") return onlyUserCan(row);
  if (side === "bots") return onlyBotsCan(row);
  return true;
}

/** The languages' codes the app picks from, as the bot picks: Belarusian readers get Russian. */
const NEAR: Record<string, string> = { be: "ru" };

/** The app's language for a Telegram or browser language code, as the bot picks its own. */
export function pickLocale<L extends string>(code: string | undefined, available: readonly L[], fallback: L): L {
  const primary = (code ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  const direct = available.find((l) => l === primary);
  if (direct !== undefined) return direct;
  return available.find((l) => l === NEAR[primary]) ?? fallback;
}

/** Telegram usernames: 5-32 characters of letters, digits and underscores, starting with a letter. */
export const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** The deep link that opens a row's card in the bot's chat. */
export const chatLink = (bot: string, slug: string): string => `https://t.me/${bot}?start=${slug}`;
