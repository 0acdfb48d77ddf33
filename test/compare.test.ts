import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { StoredMessage } from "../emulator/index.js";
import { encodeCallback } from "../src/callback-data.js";
import { INLINE_PAGE } from "../src/features/inline.js";
import { type Catalog, loadCatalog, type Row } from "../src/matrix/load.js";
import { compareVersions } from "../src/matrix/schema.js";
import { MARK_EMOJI } from "../src/render/renderer.js";
import { buttonData, buttonLabels, cutOnPhone, TestChat, testCatalog, tr, useBot } from "./harness.js";
import { cardTools } from "./support/cards.js";

// Browsing every row takes more taps than the flood limit lets a person make.
const t = useBot({ harness: { deps: { rateLimit: { limit: 10_000, windowMs: 10_000 } } } });
const catalog = testCatalog();
const en = catalog.get("en");
const total = en.rows.length;
const firstRow = en.rows[0] as Row;
const lastRow = en.rows.at(-1) as Row;

const title = (message: { text?: string }) => message.text?.split("\n")[0];
const card = (locale: string, slug: string) => encodeCallback({ kind: "card", locale, slug });
const section = (locale: string, slug: string) => encodeCallback({ kind: "section", locale, section: slug });
const overview = (locale: string) => encodeCallback({ kind: "overview", locale });

/** Checks a card against its row: text, entities, and the keyboard's fixed layout. */
function expectCard(message: StoredMessage, row: Row, locale: string): void {
  const matrix = catalog.get(locale);
  const where = `${locale}/${row.slug}`;
  expect(title(message), where).toBe(row.title);
  expect(message.text?.length ?? Infinity, where).toBeLessThanOrEqual(4096);
  for (const side of row.sides) {
    const label = tr(locale, `side-${side.name.replaceAll("_", "-")}`);
    expect(message.text, where).toContain(`${label} — ${MARK_EMOJI[side.mark]} `);
    for (const line of side.lines) expect(message.text, where).toContain(line);
  }
  const code = (message.entities ?? [])
    .filter((e) => e.type === "code")
    .map((e) => message.text?.slice(e.offset, e.offset + e.length));
  expect(code, where).toEqual(row.sides.flatMap((s) => s.methods));
  // No repeated verdict: the summary belongs to lists, not to the card.
  expect(message.text, where).not.toContain(row.summary);
  const keyboard = message.reply_markup?.inline_keyboard ?? [];
  expect(
    keyboard[0]?.map((b) => b.text),
    where,
  ).toEqual([
    tr(locale, "card-button-previous"),
    `${row.index + 1}/${matrix.rows.length}`,
    tr(locale, "card-button-next"),
  ]);
  const sectionTitle = matrix.sectionBySlug.get(row.section)?.title ?? "";
  expect(keyboard[1], where).toEqual([
    { text: tr(locale, "card-button-up", { section: sectionTitle }), callback_data: section(locale, row.section) },
    { text: tr(locale, "card-button-share"), switch_inline_query: row.slug },
  ]);
  // Code and Try it, where the row has them, come between Share and the links.
  const tools = cardTools(locale, row.slug);
  if (tools.length > 0)
    expect(
      keyboard[2]?.map((b) => b.text),
      where,
    ).toEqual(tools);
  expect(
    keyboard.slice(tools.length > 0 ? 3 : 2).map((line) => line.map((b) => ("url" in b ? b.url : undefined))),
    where,
  ).toEqual(row.links.map((l) => [l.url]));
  expect(cutOnPhone(message), where).toEqual([]);
}

describe("/compare", () => {
  it("shows the sections, a line and a button each", async () => {
    const message = await t.chat.send("/compare");
    expect(title(message)).toBe(tr("en", "overview-title"));
    for (const s of en.sections) expect(message.text).toContain(`${s.title} — ${s.summary}`);
    const labels = buttonLabels(message);
    expect(labels.slice(0, en.sections.length)).toEqual(
      en.sections.map((s) => [tr("en", "overview-section", { title: s.title, count: s.rows.length })]),
    );
    expect(cutOnPhone(message)).toEqual([]);
  });

  it("browses every row of every section in both languages, editing one message", async () => {
    for (const locale of catalog.locales) {
      const matrix = catalog.get(locale);
      const chat = new TestChat(t.h, t.h.emu.user({ first_name: `Reader ${locale}`, language_code: locale }));
      let message = await chat.send("/compare");
      const id = message.message_id;
      for (const s of matrix.sections) {
        ({ message } = await chat.press(message, section(locale, s.slug)));
        expect(title(message), `${locale}/${s.slug}`).toBe(s.title);
        expect(buttonLabels(message)[0]).toEqual([
          tr(locale, "card-button-previous"),
          tr(locale, "section-button-overview"),
          tr(locale, "card-button-next"),
        ]);
        expect(buttonLabels(message).slice(1)).toEqual(
          s.rows.map((r) => [`${MARK_EMOJI[r.sides[0].mark]} ${r.short}`]),
        );
        expect(cutOnPhone(message)).toEqual([]);
        for (const row of s.rows) {
          expect(message.text).toContain(row.summary);
          ({ message } = await chat.press(message, card(locale, row.slug)));
          expectCard(message, row, locale);
          ({ message } = await chat.press(message, section(locale, s.slug)));
          expect(title(message)).toBe(s.title);
        }
        ({ message } = await chat.press(message, overview(locale)));
        expect(title(message)).toBe(tr(locale, "overview-title"));
      }
      expect(message.message_id).toBe(id);
      expect(chat.botMessages()).toHaveLength(1);
    }
  }, 120_000);

  it("walks all rows across sections with Next, the position on every card, and wraps around", async () => {
    let message = await t.chat.send(`/start ${firstRow.slug}`);
    const seen: string[] = [];
    for (let n = 1; n <= total; n++) {
      expect(buttonLabels(message)[0]?.[1]).toBe(`${n}/${total}`);
      seen.push(title(message) ?? "");
      ({ message } = await t.chat.tap(message, tr("en", "card-button-next")));
    }
    expect(seen).toEqual(en.rows.map((r) => r.title));
    expect(title(message)).toBe(firstRow.title);
    ({ message } = await t.chat.tap(message, tr("en", "card-button-previous")));
    expect(title(message)).toBe(lastRow.title);
    // The position leads to the overview, ↑ to the row's section.
    ({ message } = await t.chat.tap(message, `/${total}`));
    expect(title(message)).toBe(tr("en", "overview-title"));
    expect(t.chat.botMessages()).toHaveLength(1);
  }, 60_000);

  it("walks the sections with ◀ and ▶", async () => {
    const first = en.sections[0];
    const last = en.sections.at(-1);
    let { message } = await t.chat.press(await t.chat.send("/compare"), section("en", first?.slug ?? ""));
    ({ message } = await t.chat.tap(message, tr("en", "card-button-previous")));
    expect(title(message)).toBe(last?.title);
    ({ message } = await t.chat.tap(message, tr("en", "card-button-next")));
    expect(title(message)).toBe(first?.title);
    if (en.sections.length > 1) {
      ({ message } = await t.chat.tap(message, tr("en", "card-button-next")));
      expect(title(message)).toBe(en.sections[1]?.title);
    }
  });

  it("answers a double tap twice and swallows 'message is not modified'", async () => {
    const message = await t.chat.send("/compare");
    const data = section("en", en.sections[0]?.slug ?? "");
    const first = t.h.emu.pressButton({ from: t.user, message }, data);
    const second = t.h.emu.pressButton({ from: t.user, message }, data);
    expect(await t.h.emu.waitForCallbackAnswer(first)).toMatchObject({ count: 1 });
    expect(await t.h.emu.waitForCallbackAnswer(second)).toMatchObject({ count: 1 });
    await t.h.emu.waitUntilIdle();
    const edits = t.h.emu.calls.filter((c) => c.method === "editMessageText");
    expect(edits.map((c) => c.ok)).toEqual([true, false]);
    expect(edits[1]?.error?.description).toContain("message is not modified");
    // The expected failure is not an error of the bot.
    expect(t.h.logs.filter((l) => l.level >= 50)).toEqual([]);
    t.provoke("message is not modified");
  });

  it("goes straight to a row for /compare <words>: its slug, its title, its title with a typo", async () => {
    for (const locale of catalog.locales) {
      const chat = new TestChat(t.h, t.h.emu.user({ first_name: "Searcher", language_code: locale }));
      for (const row of catalog.get(locale).rows) {
        expect(title(await chat.send(`/compare ${row.slug}`)), row.slug).toBe(row.title);
        expect(title(await chat.send(`/compare ${row.title}`)), row.title).toBe(row.title);
      }
    }
    const long = en.rows.find((r) => /\w{7,}/.test(r.title)) ?? firstRow;
    const word = /\w{7,}/.exec(long.title)?.[0] ?? "";
    const typo = long.title.replace(word, `${word.slice(0, 2)}${word.slice(3)}`);
    expect(title(await t.chat.send(`/compare ${typo}`)), typo).toBe(long.title);
  }, 60_000);

  it("says so when words match nothing, and offers the sections instead of silence", async () => {
    const reply = await t.chat.send("/compare zzqxv wvvq");
    expect(reply.text).toContain("Nothing in the reference matches “zzqxv wvvq”.");
    expect(buttonLabels(reply).flat().length).toBeGreaterThan(0);
    const { message } = await t.chat.press(reply, section("en", en.sections[0]?.slug ?? ""));
    expect(title(message)).toBe(en.sections[0]?.title);
  });
});

describe("buttons under bad input", () => {
  it("answers forged and outdated data with a toast and changes nothing", async () => {
    const message = await t.chat.send("/compare");
    for (const data of [
      `0:c:en:${firstRow.slug}`,
      "1:c:en:no-such-row",
      "1:g:en:no-such-section",
      "1:x:en",
      "garbage",
      `1:c:en:${firstRow.slug}:extra`,
      "🙂".repeat(16),
    ]) {
      const id = t.h.emu.pressButton({ from: t.user, message }, data, { unchecked: true });
      const answer = await t.h.emu.waitForCallbackAnswer(id);
      expect(answer, data).toMatchObject({ text: "This button is outdated.", count: 1 });
    }
    await t.h.emu.waitUntilIdle();
    expect(t.chat.message(message.message_id).text).toBe(message.text);
    expect(t.h.emu.calls.filter((c) => c.method.startsWith("edit"))).toEqual([]);
  });

  it("keeps callback data within 64 bytes and versioned", async () => {
    const longest = [...en.rows].sort((a, b) => b.slug.length - a.slug.length)[0] ?? firstRow;
    const message = await t.chat.send(`/start ${longest.slug}`);
    const list = (await t.chat.tap(message, "↑")).message;
    for (const m of [message, list, await t.chat.send("/compare")]) {
      for (const b of m.reply_markup?.inline_keyboard.flat() ?? []) {
        if ("callback_data" in b && b.callback_data !== undefined) {
          expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
          expect(b.callback_data).toMatch(/^1:/);
        }
      }
    }
  });
});

describe("inline mode", () => {
  /** Every result of a query, following next_offset page by page. */
  async function allPages(query: string, locale = "en"): Promise<{ ids: string[]; pages: number }> {
    const from = t.h.emu.user({ first_name: "Scroller", language_code: locale });
    const ids: string[] = [];
    let offset = "";
    let pages = 0;
    do {
      const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from, query, offset }));
      expect(answer.results.length).toBeLessThanOrEqual(Math.min(50, INLINE_PAGE));
      ids.push(...answer.results.map((r) => r.id));
      offset = answer.next_offset ?? "";
      pages++;
      expect(pages).toBeLessThan(100);
    } while (offset !== "");
    return { ids, pages };
  }

  it("lists every row for an empty query, a page at a time, as articles with summaries", async () => {
    const { ids, pages } = await allPages("");
    expect(ids).toEqual(catalog.slugs);
    expect(pages).toBe(Math.ceil(total / INLINE_PAGE));
    const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "" }));
    expect(answer.results[0]).toMatchObject({
      type: "article",
      id: firstRow.slug,
      title: `${MARK_EMOJI[firstRow.sides[0].mark]} ${firstRow.title}`,
      description: firstRow.summary,
    });
    expect(answer.is_personal).toBe(true);
  });

  it("pages through many matches too", async () => {
    const { ids } = await allPages("bot");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("finds every row by its title in both languages, and by its slug", async () => {
    for (const locale of catalog.locales) {
      const from = t.h.emu.user({ first_name: "Finder", language_code: locale });
      for (const row of catalog.get(locale).rows) {
        for (const query of [row.title, row.slug]) {
          const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from, query }));
          expect(answer.results[0]?.id, `${locale}: ${query}`).toBe(row.slug);
          expect(answer.results[0]).toMatchObject({ title: `${MARK_EMOJI[row.sides[0].mark]} ${row.title}` });
        }
      }
    }
  }, 60_000);

  it("answers a query that matches nothing, with a button to the bot", async () => {
    const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "qqqzzz" }));
    expect(answer.results).toEqual([]);
    expect(answer.button).toEqual({ text: "Nothing matches. Open the bot", start_parameter: "inline" });
    const welcome = await t.chat.send("/start inline");
    expect(title(welcome)).toBe(tr("en", "start-title"));
  });

  it("answers 256 characters of any script and emoji, and offsets it did not give", async () => {
    const queries = ["🙂".repeat(128), "файлы ".repeat(42).slice(0, 256), "文件大小".repeat(64), "x".repeat(256)];
    for (const query of queries) {
      expect(query.length).toBeLessThanOrEqual(256);
      const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query }));
      expect(answer.count).toBe(1);
      for (const r of answer.results) expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
    }
    for (const offset of ["junk", "-1", "99999", String(total + 5)]) {
      const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "", offset }));
      expect(answer.count, offset).toBe(1);
    }
  });

  it("posts a card whose buttons work on the inline message, for everyone", async () => {
    const group = t.h.emu.group({ title: "Devs" });
    const row = en.rows[1] ?? firstRow;
    const iq = t.h.emu.inlineQuery({ from: t.user, query: row.slug, chat_type: "group" });
    await t.h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = t.h.emu.chooseInlineResult({
      from: t.user,
      inlineQueryId: iq,
      resultId: row.slug,
      chat: group,
    });
    const posted = t.h.emu.inlineMessage(inlineMessageId);
    expect(title(posted ?? {})).toBe(row.title);

    // Someone else in the group taps Next, then goes up to the section and the overview, in place.
    const bob = t.h.emu.user({ first_name: "Bob", language_code: "en" });
    const press = async (label: string) => {
      const cq = t.h.emu.pressButton(
        { from: bob, inlineMessageId },
        buttonData(t.h.emu.inlineMessage(inlineMessageId) ?? {}, label),
      );
      expect(await t.h.emu.waitForCallbackAnswer(cq)).toMatchObject({ count: 1 });
      await t.h.emu.waitUntilIdle();
      return t.h.emu.inlineMessage(inlineMessageId) ?? {};
    };
    const next = en.rows[(row.index + 1) % total] as Row;
    expect(title(await press(tr("en", "card-button-next")))).toBe(next.title);
    const edit = t.h.emu.calls.find((c) => c.method === "editMessageText");
    expect(edit?.params).toMatchObject({ inline_message_id: inlineMessageId });
    expect(edit?.params).not.toHaveProperty("chat_id");
    expect(title(await press("↑"))).toBe(en.sectionBySlug.get(next.section)?.title);
    expect(title(await press(tr("en", "section-button-overview")))).toBe(tr("en", "overview-title"));
  });
});

describe("/start, /help, /about, /new", () => {
  it("welcomes with Browse and Try inline buttons", async () => {
    const welcome = await t.chat.send("/start");
    expect(title(welcome)).toBe(tr("en", "start-title"));
    const buttons = welcome.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.find((b) => b.text === "🔎 Try inline")).toMatchObject({ switch_inline_query_current_chat: "" });
    const { message } = await t.chat.tap(welcome, tr("en", "start-button-browse"));
    expect(title(message)).toBe(tr("en", "overview-title"));
  });

  it("opens every row's card from its deep link, in both languages", async () => {
    for (const locale of catalog.locales) {
      const chat = new TestChat(t.h, t.h.emu.user({ first_name: "Linked", language_code: locale }));
      for (const row of catalog.get(locale).rows) expectCard(await chat.send(`/start ${row.slug}`), row, locale);
    }
    const unknown = await t.chat.send("/start nothing-like-this");
    expect(title(unknown)).toBe(tr("en", "start-title"));
  }, 60_000);

  it("credits the handbook in both languages, @vanutp, Telegram's documentation and the date of the check", async () => {
    for (const locale of catalog.locales) {
      const { sources } = catalog.get(locale);
      const chat = new TestChat(t.h, t.h.emu.user({ first_name: "Curious", language_code: locale }));
      const about = await chat.send("/about");
      expect(about.text).toContain(sources.tableAuthor);
      expect(about.text).toContain("CC BY-NC 4.0");
      expect(about.text).toContain(locale === "en" ? "Artem Ivanov" : "Артёма Иванова");
      expect(about.text).toContain(new Date(`${sources.checked}T00:00:00Z`).getUTCFullYear().toString());
      for (const l of catalog.locales) expect(about.text).toContain(catalog.get(l).sources.handbook.title);
      const links = (about.entities ?? []).filter((e) => e.type === "text_link").map((e) => ("url" in e ? e.url : ""));
      expect(links).toEqual(
        expect.arrayContaining([
          sources.botApi.url,
          sources.mtproto.url,
          ...catalog.locales.map((l) => catalog.get(l).sources.handbook.url),
        ]),
      );
    }
    expect(en.sources.handbook.title).toBe("What Telegram Bot API Can and Can't Do");
    const help = await t.chat.send("/help");
    expect(help.text).toContain("/compare <words>");
  });

  it("lists what recent Bot API versions changed, newest first, with the rows changed", async () => {
    const news = await t.chat.send("/new");
    const changed = en.rows.filter((r) => r.changes.length > 0);
    if (changed.length === 0) {
      expect(news.text).toContain(tr("en", "news-empty"));
      return;
    }
    const versions = [...new Set(changed.flatMap((r) => r.changes.map((c) => c.version)))].sort((a, b) =>
      compareVersions(b, a),
    );
    const positions = versions.map((v) => news.text?.indexOf(`Bot API ${v}\n`) ?? -1);
    expect(positions[0]).toBeGreaterThan(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions.filter((p) => p >= 0));
    const newest = changed.find((r) => r.changes.some((c) => c.version === versions[0])) as Row;
    expect(news.text).toContain(newest.changes.find((c) => c.version === versions[0])?.text);
    const { message } = await t.chat.press(news, card("en", newest.slug));
    expect(title(message)).toBe(newest.title);
  });
});

describe("commands", () => {
  it("match in any case, and a command for another bot is not taken for one of ours", async () => {
    const message = await t.chat.send("/COMPARE");
    expect(title(message)).toBe(tr("en", "overview-title"));
    // In a private chat Telegram delivers it anyway: the bot says what it does instead.
    const other = await t.chat.send("/compare@some_other_bot");
    expect(title(other)).not.toBe(tr("en", "overview-title"));
    expect(other.text).toContain("/compare");
  });
});

describe("groups", () => {
  it("answers /compare@this_bot and ignores commands for other bots", async () => {
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs", type: "supergroup" }));
    const message = await group.send(`/compare@${t.h.emu.botInfo.username}`);
    expect(title(message)).toBe(tr("en", "overview-title"));
    const s = en.sections[0];
    const { message: list } = await group.press(message, section("en", s?.slug ?? ""));
    expect(title(list)).toBe(s?.title);
    expect(await group.sendUnanswered("/compare@some_other_bot")).toEqual([]);
    expect(await group.sendUnanswered(`/start@some_other_bot ${firstRow.slug}`)).toEqual([]);
  });
});

describe("a reference of more rows than an inline page", () => {
  /** data/ with every row copied until each section holds `perSection` rows, slugs and titles made unique. */
  function grown(perSection: number): Catalog {
    const dir = mkdtempSync(join(tmpdir(), "grown-"));
    cpSync("data", dir, { recursive: true });
    for (const section of catalog.sectionSlugs) {
      const file = join(dir, "matrix", `${section}.yaml`);
      const rows = parseYaml(readFileSync(file, "utf8")) as Record<string, unknown>[];
      const copies = Array.from({ length: Math.max(perSection, rows.length) }, (_, n) => {
        const row = structuredClone(rows[n % rows.length] ?? {});
        if (n >= rows.length) {
          row["slug"] = `${String(row["slug"]).slice(0, 20)}-${n}`;
          for (const locale of ["en", "ru"]) {
            const text = row[locale] as { title: string };
            text.title = `${text.title.slice(0, 40)} ${n}`;
          }
        }
        return row;
      });
      writeFileSync(file, stringifyYaml(copies));
    }
    try {
      return loadCatalog(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const big = grown(8);
  const u = useBot({ harness: { deps: { catalog: big, rateLimit: { limit: 10_000, windowMs: 10_000 } } } });

  it("pages inline results with next_offset and walks every row with its position", async () => {
    const rows = big.get("en").rows;
    expect(rows.length).toBeGreaterThan(INLINE_PAGE * 2);
    const ids: string[] = [];
    let offset = "";
    do {
      const answer = await u.h.emu.waitForInlineAnswer(u.h.emu.inlineQuery({ from: u.user, query: "", offset }));
      expect(answer.results.length).toBeLessThanOrEqual(INLINE_PAGE);
      ids.push(...answer.results.map((r) => r.id));
      offset = answer.next_offset ?? "";
    } while (offset !== "");
    expect(ids).toEqual(big.slugs);

    let message = await u.chat.send(`/start ${rows[0]?.slug}`);
    for (const row of rows) {
      expect(title(message)).toBe(row.title);
      expect(buttonLabels(message)[0]).toEqual(["◀ Previous", `${row.index + 1}/${rows.length}`, "Next ▶"]);
      expect(cutOnPhone(message)).toEqual([]);
      ({ message } = await u.chat.tap(message, "Next ▶"));
    }
    expect(title(message)).toBe(rows[0]?.title);
  }, 120_000);
});
