import type { Page } from "playwright-core";

/** Colours of Telegram's own light theme, as a client sends them. */
export const LIGHT = {
  bg_color: "#ffffff",
  text_color: "#000000",
  hint_color: "#707579",
  link_color: "#3390ec",
  button_color: "#3390ec",
  button_text_color: "#ffffff",
  secondary_bg_color: "#f4f4f5",
  header_bg_color: "#ffffff",
  accent_text_color: "#3390ec",
  section_bg_color: "#ffffff",
  section_header_text_color: "#3390ec",
  section_separator_color: "#e7e7e7",
  subtitle_text_color: "#707579",
  destructive_text_color: "#e53935",
};

/**
 * Opens the app as a Telegram client on Android would: launch parameters in
 * the address's hash, and the client's side of the bridge
 * (window.TelegramWebviewProxy) recording what the page asks of it.
 */
export async function openInTelegram(
  page: Page,
  url: string,
  options: { theme?: Record<string, string>; languageCode?: string; inline?: boolean } = {},
): Promise<void> {
  await page.addInitScript({
    content: `window.__posted = [];
      window.TelegramWebviewProxy = {
        postEvent: (type, data) => window.__posted.push({ type, data: data ? JSON.parse(data) : null }),
      };`,
  });
  const user = { id: 100_000_001, first_name: "Alice", language_code: options.languageCode ?? "en" };
  const initData = new URLSearchParams({
    query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
    user: JSON.stringify(user),
    auth_date: "1764590400",
    hash: "0".repeat(64),
  });
  const hash = new URLSearchParams({
    tgWebAppData: initData.toString(),
    tgWebAppVersion: "8.0",
    tgWebAppPlatform: "android",
    tgWebAppThemeParams: JSON.stringify(options.theme ?? LIGHT),
    ...(options.inline === false ? {} : { tgWebAppBotInline: "1" }),
  });
  await page.goto(`${url}#${hash.toString()}`);
  await page.waitForSelector('main[aria-busy="false"] a.row, #detail-title');
}
