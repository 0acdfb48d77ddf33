import type { AppRow } from "../src/miniapp/shape.js";

/** Which rows the side filter keeps. */
export type SideFilter = "all" | "user" | "bots";

/** It takes a user account: no bot does it fully, on either API (the row's `needs`, as the data states it). */
export const onlyUserCan = (row: AppRow): boolean => row.needs === "user_account";

/** Only a bot account can do it, not a user account (the row's `needs`). */
export const onlyBotsCan = (row: AppRow): boolean => row.needs === "bot";

/** Whether `row` passes the section and side filters; an empty section means every section. */
export function keeps(row: AppRow, section: string, side: SideFilter): boolean {
  if (section !== "" && row.section !== section) return false;
  if (side === "user") return onlyUserCan(row);
  if (side === "bots") return onlyBotsCan(row);
  return true;
}

/**
 * The rows whose title, summary or keywords contain every word of `query`,
 * in table order: what a search shows for the moment the index is not built.
 */
export function plainMatches(rows: readonly AppRow[], query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
  return rows
    .filter((row) => {
      const text = `${row.title} ${row.summary} ${row.keywords.join(" ")}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .map((row) => row.slug);
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
