import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ABILITIES } from "../src/matrix/schema.js";
import { COMMANDS } from "../src/profile.js";
import { buttonData, buttonLabels, type Harness, startHarness, TestChat } from "./harness.js";

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
    const built = new Set([...ABILITIES.map((a) => `ability-${a}`), ...COMMANDS.map((c) => `command-${c}`)]);
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
  let h: Harness;
  let ivan: User;
  let chat: TestChat;

  beforeEach(async () => {
    h = await startHarness();
    ivan = h.emu.user({ first_name: "Иван", language_code: "ru" });
    chat = new TestChat(h, ivan);
  });

  afterEach(async () => {
    expect(h.emu.errors.map((c) => `${c.method}: ${c.error?.description}`)).toEqual([]);
    await h.stop();
  });

  it("runs /compare and browsing in Russian, with Russian read-more pages", async () => {
    const overview = await chat.send("/compare");
    expect(overview.text).toMatch(/^Bot API и Telegram API|Bot API/);
    expect(buttonLabels(overview).flat()).toContain("⚠️ Получение сообщений");
    const { message } = await chat.tap(overview, "Получение сообщений");
    expect(message.text?.split("\n")[0]).toBe("Получение сообщений");
    const urls = (message.reply_markup?.inline_keyboard.flat() ?? []).flatMap((b) => ("url" in b && b.url ? [b.url] : []));
    expect(urls).toEqual(["https://papercraft.tmat.me/ru/book/updates#limitations"]);
    const next = (await chat.tap(message, "▶")).message;
    expect(next.text?.split("\n")[0]).toBe("Получение пользователей");
  });

  it("answers inline queries in the language of who types, and keeps a card's language for others", async () => {
    const answer = await h.emu.waitForInlineAnswer(h.emu.inlineQuery({ from: ivan, query: "участники группы" }));
    expect(answer.results[0]).toMatchObject({ id: "group-members", title: "❌ Список участников группы" });
    const english = await h.emu.waitForInlineAnswer(
      h.emu.inlineQuery({ from: h.emu.user({ first_name: "Ann", language_code: "en" }), query: "участники группы" }),
    );
    expect(english.results[0]).toMatchObject({ id: "group-members", title: "❌ Fetch group members" });

    const group = h.emu.group({ title: "Devs" });
    const iq = h.emu.inlineQuery({ from: ivan, query: "файлы большого размера" });
    await h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = h.emu.chooseInlineResult({ from: ivan, inlineQueryId: iq, resultId: "files", chat: group });
    const posted = h.emu.inlineMessage(inlineMessageId);
    const ann = h.emu.user({ first_name: "Ann", language_code: "en" });
    const cq = h.emu.pressButton({ from: ann, inlineMessageId }, buttonData(posted ?? {}, "▶"));
    await h.emu.waitForCallbackAnswer(cq);
    await h.emu.waitUntilIdle();
    expect(h.emu.inlineMessage(inlineMessageId)?.text?.split("\n")[0]).toBe("Список участников группы");
  });

  it("answers Russian questions, and English words too", async () => {
    expect((await chat.send("бот пропустил апдейты, пока был выключен")).text?.split("\n")[0]).toBe("Получение старых апдейтов");
    expect((await chat.send("можно ли запустить две копии бота?")).text?.split("\n")[0]).toBe("Несколько программ с одним ботом");
    expect((await chat.send("files over 50mb")).text?.split("\n")[0]).toBe("Отправка и получение файлов");
    expect((await chat.send("/compare участники")).text?.split("\n")[0]).toBe("Список участников группы");
    expect((await chat.send("привет")).text).toContain("/choose");
  });

  it("runs /choose in Russian", async () => {
    let message = await chat.send("/choose");
    expect(message.text).toContain("1 из 6");
    expect(buttonLabels(message)[0]).toEqual(["Да", "Нет", "Не знаю"]);
    for (const reply of ["Нет", "Нет", "Нет", "Да", "Нет", "Нет"]) ({ message } = await chat.tap(message, reply));
    expect(message.text).toContain("Telegram API");
    expect(message.text).toContain("Список участников группы");
  });

  it("switches language with /language, per user and everywhere", async () => {
    const menu = await chat.send("/language");
    const { toast, message } = await chat.tap(menu, "English");
    expect(toast).toContain("English");
    expect(message.text).toContain("English");
    expect((await chat.send("/compare")).text).toContain("Fetch messages");
    const answer = await h.emu.waitForInlineAnswer(h.emu.inlineQuery({ from: ivan, query: "" }));
    expect(answer.results[0]).toMatchObject({ title: "⚠️ Fetch messages" });
    const group = new TestChat(h, ivan, h.emu.group({ title: "Devs" }));
    expect((await group.send(`/compare@${h.emu.botInfo.username}`)).text).toContain("Fetch messages");

    const back = await chat.send("/language");
    await chat.tap(back, "🌐");
    expect((await chat.send("/compare")).text).toContain("Получение сообщений");
  });

  it("serves Belarusian users in Russian and Ukrainian users in English", async () => {
    const be = new TestChat(h, h.emu.user({ first_name: "Алесь", language_code: "be" }));
    expect((await be.send("/compare")).text).toContain("Получение сообщений");
    const uk = new TestChat(h, h.emu.user({ first_name: "Олена", language_code: "uk" }));
    expect((await uk.send("/compare")).text).toContain("Fetch messages");
  });

  it("sets commands and descriptions per language", async () => {
    const { setupProfile } = await import("../src/profile.js");
    const { createI18n } = await import("../src/i18n.js");
    const i18n = createI18n("locales");
    const { pino } = await import("pino");
    await setupProfile(h.bot.api, i18n.locales, "en", (l, k) => i18n.t(l, k), pino({ level: "silent" }));
    expect(h.emu.commands().find((c) => c.command === "compare")?.description).toBe("Compare the Bot API with the Telegram API");
    expect(h.emu.commands({ type: "default" }, "ru").find((c) => c.command === "compare")?.description).toMatch(/[а-я]/);
    expect(h.emu.shortDescription("ru")).toMatch(/[а-я]/);
    expect(h.emu.description()).toMatch(/Bot API/);
  });
});
