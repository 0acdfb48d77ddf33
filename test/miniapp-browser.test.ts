import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../src/matrix/load.js";
import { MatrixSearch } from "../src/matrix/search.js";
import { type Browser, HAVE_CHROMIUM, launchBrowser, SKIP_NOTE } from "./support/browser.js";
import { type ServedApp, serveApp } from "./support/miniapp.js";
import { LIGHT, openInTelegram } from "./support/webview.js";

/**
 * The Mini App in a real headless Chromium, at a phone's size, served by the
 * bot's own handler. Reference pictures live in test/fixtures/app/; after a
 * deliberate change to the app's look, regenerate them and look at them
 * before committing:
 *
 *   UPDATE_APP_FIXTURES=1 npx vitest run test/miniapp-browser.test.ts
 */
const FIXTURES = join(import.meta.dirname, "fixtures", "app");
const UPDATE = process.env.UPDATE_APP_FIXTURES === "1";
/** A pixel differs when one of its channels moves by more than this (0-255). */
const CHANNEL_THRESHOLD = 48;
/** Pictures match while fewer than this share of pixels differ; one changed word moves about 0.3%. */
const TOLERANCE = 0.001;
const BOT = "compare_test_bot";

/** Colours of Telegram's own dark theme, as a client sends them. */
const DARK = {
  bg_color: "#212121",
  text_color: "#ffffff",
  hint_color: "#aaaaaa",
  link_color: "#8774e1",
  button_color: "#8774e1",
  button_text_color: "#ffffff",
  secondary_bg_color: "#181818",
  header_bg_color: "#212121",
  accent_text_color: "#8774e1",
  section_bg_color: "#212121",
  section_header_text_color: "#aaaaaa",
  section_separator_color: "#101010",
  subtitle_text_color: "#aaaaaa",
  destructive_text_color: "#ff595a",
};

/** What Telegram's script told the (simulated) client, in order. */
interface PostedEvent {
  type: string;
  data: Record<string, unknown> | null;
}

/** Runs a script in the page and returns its value (the tests' TypeScript has no DOM types). */
const inPage = <T>(page: Page, script: string): Promise<T> => page.evaluate<T>(script);

/** Waits for the table with all its rows (the first ones are drawn first, the rest right after). */
const table = (page: Page) => page.waitForSelector('main[aria-busy="false"] a.row');

/** Sends an event from the (simulated) Telegram client to the page. */
const receive = (page: Page, type: string, data?: unknown) =>
  inPage(page, `window.Telegram.WebView.receiveEvent(${JSON.stringify(type)}, ${JSON.stringify(data ?? null)})`);

const posted = (page: Page) => inPage<PostedEvent[]>(page, "window.__posted");

/** The rows on screen: their slugs and titles, in order. */
const shownRows = (page: Page) =>
  inPage<{ slug: string; title: string }[]>(
    page,
    `[...document.querySelectorAll("a.row")].map((a) => ({ slug: a.dataset.slug, title: a.querySelector(".row-title").textContent }))`,
  );

/** Share of pixels that differ noticeably; 1 when the sizes differ. */
function difference(a: Buffer, b: Buffer): number {
  const left = PNG.sync.read(a);
  const right = PNG.sync.read(b);
  if (left.width !== right.width || left.height !== right.height) return 1;
  let differing = 0;
  for (let i = 0; i < left.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((left.data[i + c] ?? 0) - (right.data[i + c] ?? 0)) > CHANNEL_THRESHOLD) {
        differing++;
        break;
      }
    }
  }
  return differing / (left.width * left.height);
}

/** Compares the page as it looks now with its reference picture. */
async function expectPicture(page: Page, name: string): Promise<void> {
  // The caret blinks and the scrollbar fades: neither belongs in a picture.
  await page.addStyleTag({ content: "* { caret-color: transparent !important; scrollbar-width: none; }" });
  const png = await page.screenshot({ animations: "disabled" });
  const reference = join(FIXTURES, `${name}.png`);
  if (UPDATE || !existsSync(reference)) {
    if (!UPDATE) throw new Error(`${reference} is missing: run with UPDATE_APP_FIXTURES=1 to create it`);
    writeFileSync(reference, png);
  }
  expect(difference(png, readFileSync(reference)), name).toBeLessThan(TOLERANCE);
}

if (!HAVE_CHROMIUM) console.log(SKIP_NOTE);

describe.skipIf(!HAVE_CHROMIUM)("the Mini App in Chromium", () => {
  let browser: Browser;
  let app: ServedApp;
  let pictures: ServedApp;
  let catalog: Catalog;
  /** The row about sending files: what the bot's own search ranks first for "fles". */
  let files: string;
  /** Requests for anything but the page itself: there must be none. */
  const elsewhere: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    catalog = loadCatalog("data");
    files = new MatrixSearch(catalog).search("fles")[0]?.slug ?? "";
    expect(catalog.get("en").bySlug.get(files)?.title).toMatch(/file/i);
    [browser, app, pictures] = await Promise.all([
      launchBrowser(),
      serveApp("data", BOT),
      serveApp(join(FIXTURES, "data"), BOT),
    ]);
    await browser.context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(app.origin) || url.startsWith(pictures.origin)) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    browser.context.on("page", (page) => {
      page.on("pageerror", (err) => errors.push(err.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), app?.close(), pictures?.close()]);
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
  });

  /** A fresh tab, closed after `run`. */
  async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
    const page = await browser.context.newPage();
    try {
      await run(page);
    } finally {
      await page.close();
    }
  }

  it("shows every row of data/ in both languages, section after section", async () => {
    await withPage(async (page) => {
      await page.goto(app.url);
      await table(page);
      for (const locale of ["en", "ru"] as const) {
        const matrix = catalog.get(locale);
        expect(await inPage(page, "document.documentElement.lang")).toBe(locale);
        expect(await shownRows(page)).toEqual(matrix.rows.map((r) => ({ slug: r.slug, title: r.title })));
        const headings = await inPage<string[]>(
          page,
          `[...document.querySelectorAll(".section h2")].map((h) => h.textContent)`,
        );
        expect(headings).toEqual(matrix.sections.filter((s) => s.rows.length > 0).map((s) => s.title));
        await page.click("button.lang");
      }
    });
  });

  it("finds files when searching for fles, ranked first as by the bot, in either language", async () => {
    await withPage(async (page) => {
      await page.goto(app.url);
      await table(page);
      // Typed at once, before the search index is built in the background: the table is
      // busy until it is, then ranks the rows.
      await page.fill("input[type=search]", "fles");
      await page.waitForSelector('main[aria-busy="false"]');
      expect((await shownRows(page))[0]?.slug).toBe(files);
      await page.fill("input[type=search]", "файлы");
      expect((await shownRows(page))[0]?.slug).toBe(new MatrixSearch(catalog).search("файлы")[0]?.slug);
      await page.fill("input[type=search]", "qqqqzzzz");
      expect(await shownRows(page)).toEqual([]);
      await page.click(".empty button");
      expect(await shownRows(page)).toHaveLength(catalog.slugs.length);
    });
  });

  it("draws its first rows before its search engine has run, and runs it for a search", async () => {
    await withPage(async (page) => {
      // DOMContentLoaded: the app's script has run and drawn its first rows; the
      // search engine runs after the page has loaded, or when someone searches.
      await page.addInitScript({
        content: `addEventListener("DOMContentLoaded", () => {
          window.__atFirstRows = { rows: document.querySelectorAll("a.row").length, engine: typeof globalThis.rowSearchEngine };
        });`,
      });
      await page.goto(app.url);
      await table(page);
      const first = await inPage<{ rows: number; engine: string }>(page, "window.__atFirstRows");
      expect(first.rows).toBeGreaterThan(0);
      expect(first.engine).toBe("undefined");
      await page.fill("input[type=search]", "fles");
      await page.waitForSelector('main[aria-busy="false"]');
      expect(await inPage(page, "typeof globalThis.rowSearchEngine")).toBe("object");
      expect((await shownRows(page))[0]?.slug).toBe(files);
    });
  });

  it("filters by section and by side", async () => {
    const rows = catalog.get("en").rows;
    const onlyBots = rows.filter((r) => r.needs === "bot");
    const onlyUser = rows.filter((r) => r.needs === "user_account");
    expect(onlyBots.length).toBeGreaterThan(0);
    expect(onlyUser.length).toBeGreaterThan(0);
    const slugs = (list: readonly { slug: string }[]) => list.map((r) => r.slug);
    await withPage(async (page) => {
      await page.goto(app.url);
      await table(page);
      const section = catalog.get("en").sections.find((s) => s.rows.length > 0 && s.rows.length < rows.length);
      expect(section).toBeDefined();
      await page.selectOption(".section-filter select", section?.slug ?? "");
      expect(slugs(await shownRows(page))).toEqual(slugs(section?.rows ?? []));
      await page.selectOption(".section-filter select", "");
      await page.click("button[data-side=bots]");
      expect(slugs(await shownRows(page))).toEqual(slugs(onlyBots));
      expect(await page.textContent(".count")).toBe(`${onlyBots.length} ${onlyBots.length === 1 ? "row" : "rows"}`);
      await page.click("button[data-side=user]");
      expect(slugs(await shownRows(page))).toEqual(slugs(onlyUser));
      await page.click("button[data-side=all]");
      expect(await shownRows(page)).toHaveLength(rows.length);
    });
  });

  it("opens a row with everything in it, and goes back", async () => {
    const row = catalog.get("en").bySlug.get(files);
    expect(row).toBeDefined();
    if (row === undefined) return;
    await withPage(async (page) => {
      await page.goto(app.url);
      await table(page);
      await page.click(`a[data-slug=${files}]`);
      expect(new URL(page.url()).searchParams.get("row")).toBe(files);
      expect(await page.textContent("#detail-title")).toBe(row.title);
      const text = (await page.textContent("main")) ?? "";
      for (const side of row.sides) {
        for (const line of side.lines) expect(text).toContain(line);
        for (const method of side.methods) expect(text).toContain(method);
        if (side.headline !== undefined) expect(text).toContain(side.headline);
      }
      const links = await inPage<string[]>(page, `[...document.querySelectorAll(".links a")].map((a) => a.href)`);
      expect(links).toEqual(row.links.map((l) => l.url));
      // "Open in chat" is the bot's deep link to the same card.
      expect(await page.getAttribute("a.primary", "href")).toBe(`https://t.me/${BOT}?start=${files}`);
      await page.goBack();
      await table(page);
      expect(await inPage(page, "document.activeElement.dataset.slug")).toBe(files);
      // A link to the row opens it directly; the page's own back button leads to the table.
      await page.goto(`${app.url}?row=${files}&bot=other_bot`);
      expect(await page.getAttribute("a.primary", "href")).toBe(`https://t.me/other_bot?start=${files}`);
      await page.click("button.back");
      await table(page);
      expect(new URL(page.url()).search).toBe("?bot=other_bot");
    });
  });

  it("works the keyboard: / to search, Tab to a row, Enter to open, Escape to go back", async () => {
    await withPage(async (page) => {
      await page.goto(app.url);
      await table(page);
      await page.keyboard.press("/");
      expect(await inPage(page, "document.activeElement.type")).toBe("search");
      await page.keyboard.type("fles");
      await page.waitForSelector(`main[aria-busy="false"] a[data-slug=${files}]`);
      const focused: string[] = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press("Tab");
        const slug = await inPage<string | undefined>(page, "document.activeElement.dataset.slug");
        focused.push(await inPage(page, "document.activeElement.tagName"));
        if (slug === files) break;
      }
      // The search box, the section, the three side filters, then the rows.
      expect(focused).toEqual(["SELECT", "BUTTON", "BUTTON", "BUTTON", "A"]);
      await page.keyboard.press("Enter");
      await page.waitForSelector("#detail-title");
      expect(await inPage(page, "document.activeElement.id")).toBe("detail-title");
      await page.keyboard.press("Escape");
      await table(page);
      expect(await inPage(page, "document.activeElement.dataset.slug")).toBe(files);
      expect(await page.inputValue("input[type=search]")).toBe("fles");
    });
  });

  it("follows Telegram: language, theme, back button, Open in chat and Share", async () => {
    await withPage(async (page) => {
      await openInTelegram(page, app.url, { languageCode: "ru", theme: LIGHT });
      const ru = catalog.get("ru");
      expect(await inPage(page, "document.documentElement.lang")).toBe("ru");
      expect((await shownRows(page))[0]?.title).toBe(ru.rows[0]?.title);
      const types = (await posted(page)).map((e) => e.type);
      expect(types).toContain("web_app_ready");
      expect(types).toContain("web_app_expand");

      const background = () => inPage<string>(page, "getComputedStyle(document.body).backgroundColor");
      expect(await background()).toBe("rgb(255, 255, 255)");
      await receive(page, "theme_changed", { theme_params: DARK });
      expect(await background()).toBe("rgb(33, 33, 33)");
      expect(await inPage(page, "document.documentElement.dataset.scheme")).toBe("dark");
      await receive(page, "theme_changed", { theme_params: LIGHT });
      expect(await background()).toBe("rgb(255, 255, 255)");

      await page.click(`a[data-slug=${files}]`);
      await page.waitForSelector("#detail-title");
      // Telegram draws its own back button, so the page shows none.
      expect(await page.$("button.back")).toBeNull();
      const backButton = async () =>
        (await posted(page)).filter((e) => e.type === "web_app_setup_back_button").at(-1)?.data?.["is_visible"];
      expect(await backButton()).toBe(true);

      await page.click("a.primary");
      await page.click(".actions button");
      const links = (await posted(page)).filter((e) => e.type === "web_app_open_tg_link").map((e) => e.data);
      expect(links).toEqual([{ path_full: `/${BOT}?start=${files}` }]);
      expect((await posted(page)).filter((e) => e.type === "web_app_switch_inline_query").map((e) => e.data)).toEqual([
        { query: files, chat_types: ["users", "groups", "channels"] },
      ]);

      await receive(page, "back_button_pressed");
      await table(page);
      expect(await backButton()).toBe(false);

      await page.click("button.lang");
      expect(await inPage(page, "document.documentElement.lang")).toBe("en");
    });
  });

  it("shares a t.me link where the bot's inline mode is off", async () => {
    await withPage(async (page) => {
      await openInTelegram(page, `${app.url}?row=${files}`, { inline: false });
      await page.click(".actions button");
      const links = (await posted(page)).filter((e) => e.type === "web_app_open_tg_link").map((e) => e.data);
      const title = catalog.get("en").bySlug.get(files)?.title ?? "";
      const share = `/share/url?url=${encodeURIComponent(`https://t.me/${BOT}?start=${files}`)}&text=${encodeURIComponent(title)}`;
      expect(links).toEqual([{ path_full: share }]);
    });
  });

  it("has no serious accessibility problems (axe-core), light and dark, table and row", async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    const check = async (page: Page, what: string) => {
      await inPage(page, axe);
      const violations = await inPage<{ id: string; impact: string; nodes: string[] }[]>(
        page,
        `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) })))`,
      );
      expect(
        violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
        what,
      ).toEqual([]);
    };
    await withPage(async (page) => {
      await page.goto(app.url);
      await table(page);
      await check(page, "table");
      await page.click(`a[data-slug=${files}]`);
      await check(page, "row");
      await page.click("button.lang");
      await check(page, "row in Russian");
    });
    await withPage(async (page) => {
      await openInTelegram(page, app.url, { theme: DARK });
      await check(page, "table, Telegram's dark theme");
      await page.click(`a[data-slug=${files}]`);
      await check(page, "row, Telegram's dark theme");
    });
    await withPage(async (page) => {
      await openInTelegram(page, app.url, { theme: LIGHT });
      await check(page, "table, Telegram's light theme");
    });
  });

  describe("looks as it did (pictures in test/fixtures/app/)", () => {
    it("the table, plain web page", async () => {
      await withPage(async (page) => {
        await page.goto(pictures.url);
        await table(page);
        await expectPicture(page, "table.light");
      });
    });

    it("the table in Telegram's dark theme, in Russian", async () => {
      await withPage(async (page) => {
        await openInTelegram(page, pictures.url, { theme: DARK, languageCode: "ru" });
        await expectPicture(page, "table.dark.ru");
      });
    });

    it("a row, searched for", async () => {
      await withPage(async (page) => {
        await page.goto(pictures.url);
        await table(page);
        await page.fill("input[type=search]", "fles");
        await page.click("a[data-slug=files]");
        await page.waitForSelector("#detail-title");
        await expectPicture(page, "row.files");
      });
    });
  });
});
