/**
 * Pictures of the Mini App on a phone for the README, in docs/:
 *
 *   npm run app:screenshots [-- --data=<folder>]
 *
 * Drives Debian's Chromium headless (apt-get install chromium) at a phone's
 * size (390×844, twice as dense): the table in Telegram's light theme and a
 * row in its dark theme, opened as Telegram opens a Mini App.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { HAVE_CHROMIUM, launchBrowser, SKIP_NOTE } from "../test/support/browser.js";
import { serveApp } from "../test/support/miniapp.js";

const ROOT = join(import.meta.dirname, "..");
const { values } = parseArgs({ options: { data: { type: "string", default: join(ROOT, "data") } } });

if (!HAVE_CHROMIUM) {
  process.stderr.write(`${SKIP_NOTE.replace("browser tests skipped", "no pictures")}\n`);
  process.exit(1);
}

const THEMES = {
  light: {
    bg_color: "#ffffff",
    text_color: "#000000",
    link_color: "#3390ec",
    button_color: "#3390ec",
    secondary_bg_color: "#f4f4f5",
    section_separator_color: "#e7e7e7",
  },
  dark: {
    bg_color: "#212121",
    text_color: "#ffffff",
    link_color: "#8774e1",
    button_color: "#8774e1",
    secondary_bg_color: "#181818",
    section_separator_color: "#101010",
  },
};

const app = await serveApp(values.data, "yourbot");
const browser = await launchBrowser({ deviceScaleFactor: 2 });
try {
  const shots = [
    { file: "miniapp.table.png", theme: THEMES.light, path: "" },
    { file: "miniapp.row.png", theme: THEMES.dark, path: "?row=files" },
  ];
  for (const shot of shots) {
    const page = await browser.context.newPage();
    const user = JSON.stringify({ id: 1, first_name: "Alice", language_code: "en" });
    const hash = new URLSearchParams({
      tgWebAppData: new URLSearchParams({ user, auth_date: "1764590400", hash: "0" }).toString(),
      tgWebAppVersion: "8.0",
      tgWebAppPlatform: "android",
      tgWebAppThemeParams: JSON.stringify(shot.theme),
    });
    await page.addInitScript({ content: "window.TelegramWebviewProxy = { postEvent() {} };" });
    await page.goto(`${app.url}${shot.path}#${hash.toString()}`);
    await page.waitForSelector('main[aria-busy="false"] a.row, #detail-title');
    await page.addStyleTag({ content: "* { caret-color: transparent !important; }" });
    await page.screenshot({ path: join(ROOT, "docs", shot.file) });
    process.stdout.write(`docs/${shot.file}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await app.close();
}
