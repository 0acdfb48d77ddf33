import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OUTCOMES } from "../src/matrix/advisor.js";
import { MARKS, SIDES } from "../src/matrix/schema.js";
import { COMMANDS } from "../src/routes.js";
import { askingOrder } from "../src/matrix/advisor.js";
import { MARK_EMOJI } from "../src/render/renderer.js";
import { buttonData, buttonLabels, TestChat, testCatalog, tr, useBot } from "./harness.js";

/** Message ids of a Fluent file. */
function ftlKeys(locale: string): string[] {
  const text = readFileSync(join("locales", `${locale}.ftl`), "utf8");
  return [...text.matchAll(/^([a-z][a-z0-9-]*) =/gm)].map((m) => m[1] ?? "");
}

/** Every string literal in src/, where the code names its keys. */
function sourceLiterals(dir = "src"): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    // Written by scripts/tune-confidence.ts: numbers and row slugs, which only look like keys.
    if (entry.name === "confidence-model.ts") continue;
    const code = readFileSync(join(entry.parentPath, entry.name), "utf8");
    for (const m of code.matchAll(/"([a-z][a-z0-9-]*)"/g)) found.add(m[1] ?? "");
  }
  return found;
}

describe("locales", () => {
  const locales = readdirSync("locales").map((f) => f.replace(/\.ftl$/, ""));
  const en = ftlKeys("en");

  it("are English and Russian", () => {
    expect(locales.sort()).toEqual(["en", "ru"]);
  });

  it("hold the same keys in every language", () => {
    for (const locale of locales) expect(new Set(ftlKeys(locale)), locale).toEqual(new Set(en));
  });

  it("hold no key the code does not use, and miss none it uses", () => {
    const literals = sourceLiterals();
    // Keys the code builds from a family name and a value.
    const kebab = (name: string) => name.replaceAll("_", "-");
    const built = new Set([
      ...MARKS.map((m) => `mark-${m}`),
      ...SIDES.map((s) => `side-${kebab(s)}`),
      ...SIDES.slice(1).map((s) => `same-${kebab(s)}`),
      ...["handbook", "botapi", "core"].map((kind) => `card-link-${kind}`),
      ...OUTCOMES.flatMap((o) => [`advisor-${kebab(o)}-title`, `advisor-${kebab(o)}-how`]),
      ...COMMANDS.map((c) => `command-${c}`),
    ]);
    const unused = en.filter((key) => !literals.has(key) && !built.has(key));
    expect(unused).toEqual([]);
    for (const key of built) expect(en, key).toContain(key);
    // A literal that starts like a family of keys but is no key is a typo.
    const families = new Set(en.map((key) => key.split("-")[0]));
    const missing = [...literals].filter(
      (l) => l.includes("-") && families.has(l.split("-")[0]) && !en.includes(l) && !l.startsWith("command-"),
    );
    expect(missing).toEqual([]);
  });
});

describe("in Russian", () => {
  const t = useBot({ languageCode: "ru", firstName: "Иван" });
  const catalog = testCatalog();
  const [en, ru] = [catalog.get("en"), catalog.get("ru")];
  const title = (message: { text?: string }) => message.text?.split("\n")[0];

  it("runs /compare and browsing in Russian, with Russian read-more pages", async () => {
    const overview = await t.chat.send("/compare");
    expect(title(overview)).toBe(tr("ru", "overview-title"));
    const section = ru.sections[0];
    expect(buttonLabels(overview).flat()).toContain(
      tr("ru", "overview-section", { title: section?.title ?? "", count: section?.rows.length ?? 0 }),
    );
    const list = (await t.chat.tap(overview, section?.title ?? "")).message;
    const row = section?.rows[0];
    const { message } = await t.chat.tap(list, row?.short ?? "");
    expect(title(message)).toBe(row?.title);
    const urls = (message.reply_markup?.inline_keyboard.flat() ?? []).flatMap((b) =>
      "url" in b && b.url ? [b.url] : [],
    );
    expect(urls).toEqual(row?.links.map((l) => l.url));
    // A handbook page that exists in Russian is linked in Russian.
    for (const r of ru.rows) {
      r.links.forEach((l, i) => {
        const english = en.bySlug.get(r.slug)?.links[i]?.url ?? "";
        if (l.kind === "handbook" && l.url !== english)
          expect(l.url).toMatch(/^https:\/\/papercraft\.tmat\.me\/ru\/book\//);
      });
    }
    const next = (await t.chat.tap(message, "▶")).message;
    expect(title(next)).toBe(ru.rows[1 % ru.rows.length]?.title);
  });

  it("answers inline queries in the language of who types, and keeps a card's language for others", async () => {
    const row = ru.rows.at(-1);
    const english = en.bySlug.get(row?.slug ?? "");
    const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: row?.title ?? "" }));
    expect(answer.results[0]).toMatchObject({
      id: row?.slug,
      title: `${MARK_EMOJI[row?.sides[0].mark ?? "no"]} ${row?.title}`,
    });
    const ann = t.h.emu.user({ first_name: "Ann", language_code: "en" });
    const inEnglish = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: ann, query: row?.title ?? "" }));
    expect(inEnglish.results[0]).toMatchObject({
      id: row?.slug,
      title: `${MARK_EMOJI[english?.sides[0].mark ?? "no"]} ${english?.title}`,
    });

    const group = t.h.emu.group({ title: "Devs" });
    const iq = t.h.emu.inlineQuery({ from: t.user, query: row?.title ?? "" });
    await t.h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = t.h.emu.chooseInlineResult({
      from: t.user,
      inlineQueryId: iq,
      resultId: row?.slug ?? "",
      chat: group,
    });
    const posted = t.h.emu.inlineMessage(inlineMessageId);
    const cq = t.h.emu.pressButton({ from: ann, inlineMessageId }, buttonData(posted ?? {}, "▶"));
    await t.h.emu.waitForCallbackAnswer(cq);
    await t.h.emu.waitUntilIdle();
    expect(title(t.h.emu.inlineMessage(inlineMessageId) ?? {})).toBe(ru.rows[0]?.title);
  });

  it("answers Russian questions, and English words too", async () => {
    const [a, b] = [ru.rows[0], ru.rows.at(-1)];
    expect(title(await t.chat.send(`${a?.title.toLowerCase()}?`))).toBe(a?.title);
    expect(title(await t.chat.send(`/compare ${b?.title}`))).toBe(b?.title);
    // An English question finds the row too, and is answered in English, as it was asked.
    expect(title(await t.chat.send(`${en.bySlug.get(b?.slug ?? "")?.title}?`))).toBe(
      en.bySlug.get(b?.slug ?? "")?.title,
    );
    expect((await t.chat.send("привет")).text).toBe(tr("ru", "smalltalk-hello"));
  });

  it("runs /choose in Russian", async () => {
    let message = await t.chat.send("/choose");
    const order = askingOrder(ru.questions);
    expect(message.text).toContain(order[0]?.text);
    expect(buttonLabels(message)[0]).toEqual(["Да", "Нет", "Не знаю"]);
    while (message.text?.includes(tr("ru", "advisor-title"))) ({ message } = await t.chat.tap(message, "Нет"));
    expect(title(message)).toBe(tr("ru", "advisor-bot-api-title"));
  });

  it("switches language with /language, per user and everywhere", async () => {
    const menu = await t.chat.send("/language");
    const { toast, message } = await t.chat.tap(menu, "English");
    expect(toast).toContain("English");
    expect(message.text).toContain("English");
    expect((await t.chat.send("/compare")).text).toContain(en.sections[0]?.title);
    const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "" }));
    expect(answer.results[0]).toMatchObject({
      title: `${MARK_EMOJI[en.rows[0]?.sides[0].mark ?? "no"]} ${en.rows[0]?.title}`,
    });
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs" }));
    expect((await group.send(`/compare@${t.h.emu.botInfo.username}`)).text).toContain(en.sections[0]?.title);

    const back = await t.chat.send("/language");
    await t.chat.tap(back, "🌐");
    expect((await t.chat.send("/compare")).text).toContain(ru.sections[0]?.title);
  });

  it("serves Belarusian users in Russian and Ukrainian users in English", async () => {
    const be = new TestChat(t.h, t.h.emu.user({ first_name: "Алесь", language_code: "be" }));
    expect((await be.send("/compare")).text).toContain(ru.sections[0]?.title);
    const uk = new TestChat(t.h, t.h.emu.user({ first_name: "Олена", language_code: "uk" }));
    expect((await uk.send("/compare")).text).toContain(en.sections[0]?.title);
  });

  it("sets commands and descriptions per language", async () => {
    const { setupProfile } = await import("../src/profile.js");
    const { createI18n } = await import("../src/i18n.js");
    const i18n = createI18n("locales");
    const { pino } = await import("pino");
    await setupProfile(t.h.bot.api, i18n.locales, "en", (l, k) => i18n.t(l, k), pino({ level: "silent" }));
    expect(t.h.emu.commands().find((c) => c.command === "compare")?.description).toBe(
      "Browse the reference, section by section",
    );
    expect(t.h.emu.commands({ type: "default" }, "ru").find((c) => c.command === "compare")?.description).toMatch(
      /[а-я]/,
    );
    expect(t.h.emu.shortDescription("ru")).toMatch(/[а-я]/);
    expect(t.h.emu.description()).toMatch(/Bot API/);
  });
});
