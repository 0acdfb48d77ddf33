import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OUTCOMES } from "../src/matrix/advisor.js";
import { MARKS, SIDES } from "../src/matrix/schema.js";
import { COMMANDS } from "../src/profile.js";
import { buttonData, buttonLabels, TestChat, useBot } from "./harness.js";

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

  it("runs /compare and browsing in Russian, with Russian read-more pages", async () => {
    const overview = await t.chat.send("/compare");
    expect(overview.text).toMatch(/^Bot API и Telegram API|Bot API/);
    expect(buttonLabels(overview).flat()).toContain("⚠️ Получение сообщений");
    const { message } = await t.chat.tap(overview, "Получение сообщений");
    expect(message.text?.split("\n")[0]).toBe("Получение сообщений");
    const urls = (message.reply_markup?.inline_keyboard.flat() ?? []).flatMap((b) =>
      "url" in b && b.url ? [b.url] : [],
    );
    expect(urls).toEqual(["https://papercraft.tmat.me/ru/book/updates#limitations"]);
    const next = (await t.chat.tap(message, "▶")).message;
    expect(next.text?.split("\n")[0]).toBe("Получение пользователей");
  });

  it("answers inline queries in the language of who types, and keeps a card's language for others", async () => {
    const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "участники группы" }));
    expect(answer.results[0]).toMatchObject({ id: "group-members", title: "❌ Список участников группы" });
    const english = await t.h.emu.waitForInlineAnswer(
      t.h.emu.inlineQuery({
        from: t.h.emu.user({ first_name: "Ann", language_code: "en" }),
        query: "участники группы",
      }),
    );
    expect(english.results[0]).toMatchObject({ id: "group-members", title: "❌ Fetch group members" });

    const group = t.h.emu.group({ title: "Devs" });
    const iq = t.h.emu.inlineQuery({ from: t.user, query: "файлы большого размера" });
    await t.h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = t.h.emu.chooseInlineResult({
      from: t.user,
      inlineQueryId: iq,
      resultId: "files",
      chat: group,
    });
    const posted = t.h.emu.inlineMessage(inlineMessageId);
    const ann = t.h.emu.user({ first_name: "Ann", language_code: "en" });
    const cq = t.h.emu.pressButton({ from: ann, inlineMessageId }, buttonData(posted ?? {}, "▶"));
    await t.h.emu.waitForCallbackAnswer(cq);
    await t.h.emu.waitUntilIdle();
    expect(t.h.emu.inlineMessage(inlineMessageId)?.text?.split("\n")[0]).toBe("Список участников группы");
  });

  it("answers Russian questions, and English words too", async () => {
    expect((await t.chat.send("бот пропустил апдейты, пока был выключен")).text?.split("\n")[0]).toBe(
      "Получение старых апдейтов",
    );
    expect((await t.chat.send("можно ли запустить две копии бота?")).text?.split("\n")[0]).toBe(
      "Несколько программ с одним ботом",
    );
    expect((await t.chat.send("files over 50mb")).text?.split("\n")[0]).toBe("Отправка и получение файлов");
    expect((await t.chat.send("/compare участники")).text?.split("\n")[0]).toBe("Список участников группы");
    expect((await t.chat.send("привет")).text).toContain("/choose");
  });

  it("runs /choose in Russian", async () => {
    let message = await t.chat.send("/choose");
    expect(message.text).toContain("1 из 6");
    expect(buttonLabels(message)[0]).toEqual(["Да", "Нет", "Не знаю"]);
    for (const reply of ["Нет", "Нет", "Нет", "Да", "Нет", "Нет"]) ({ message } = await t.chat.tap(message, reply));
    expect(message.text).toContain("Telegram API");
    expect(message.text).toContain("Список участников группы");
  });

  it("switches language with /language, per user and everywhere", async () => {
    const menu = await t.chat.send("/language");
    const { toast, message } = await t.chat.tap(menu, "English");
    expect(toast).toContain("English");
    expect(message.text).toContain("English");
    expect((await t.chat.send("/compare")).text).toContain("Fetch messages");
    const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "" }));
    expect(answer.results[0]).toMatchObject({ title: "⚠️ Fetch messages" });
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs" }));
    expect((await group.send(`/compare@${t.h.emu.botInfo.username}`)).text).toContain("Fetch messages");

    const back = await t.chat.send("/language");
    await t.chat.tap(back, "🌐");
    expect((await t.chat.send("/compare")).text).toContain("Получение сообщений");
  });

  it("serves Belarusian users in Russian and Ukrainian users in English", async () => {
    const be = new TestChat(t.h, t.h.emu.user({ first_name: "Алесь", language_code: "be" }));
    expect((await be.send("/compare")).text).toContain("Получение сообщений");
    const uk = new TestChat(t.h, t.h.emu.user({ first_name: "Олена", language_code: "uk" }));
    expect((await uk.send("/compare")).text).toContain("Fetch messages");
  });

  it("sets commands and descriptions per language", async () => {
    const { setupProfile } = await import("../src/profile.js");
    const { createI18n } = await import("../src/i18n.js");
    const i18n = createI18n("locales");
    const { pino } = await import("pino");
    await setupProfile(t.h.bot.api, i18n.locales, "en", (l, k) => i18n.t(l, k), pino({ level: "silent" }));
    expect(t.h.emu.commands().find((c) => c.command === "compare")?.description).toBe(
      "Compare the Bot API with the Telegram API",
    );
    expect(t.h.emu.commands({ type: "default" }, "ru").find((c) => c.command === "compare")?.description).toMatch(
      /[а-я]/,
    );
    expect(t.h.emu.shortDescription("ru")).toMatch(/[а-я]/);
    expect(t.h.emu.description()).toMatch(/Bot API/);
  });
});
