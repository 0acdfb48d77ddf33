import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonData, type Harness, startHarness, TestChat } from "./harness.js";

let h: Harness;
let alice: User;
let chat: TestChat;

beforeEach(async () => {
  h = await startHarness();
  alice = h.emu.user({ first_name: "Alice", language_code: "en" });
  chat = new TestChat(h, alice);
});

afterEach(async () => {
  expect(h.emu.errors.map((c) => `${c.method}: ${c.error?.description}`)).toEqual([]);
  await h.stop();
});

const photoCalls = () => h.emu.calls.filter((c) => c.method === "sendPhoto");

describe("/table", () => {
  it("uploads the picture once, then sends it by file_id", async () => {
    const first = await chat.send("/table");
    expect(first.photo?.length).toBeGreaterThan(0);
    expect(first.caption).toContain("The whole matrix at a glance.");
    const link = first.caption_entities?.find((e) => e.type === "text_link");
    expect(link && "url" in link ? link.url : undefined).toBe("https://papercraft.tmat.me/book/api-comparison");
    expect(first.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["☰ All features", "🔎 Search inline"]);

    const second = await chat.send("/table");
    const calls = photoCalls();
    expect(calls).toHaveLength(2);
    expect(typeof calls[0]?.params.photo).not.toBe("string"); // an upload
    const largest = first.photo?.at(-1)?.file_id;
    expect(calls[1]?.params.photo).toBe(largest); // Telegram's file_id, no upload
    expect(second.photo?.at(-1)?.file_id).toBe(largest);
  });

  it("uploads once per language", async () => {
    await chat.send("/table");
    const ivan = new TestChat(h, h.emu.user({ first_name: "Иван", language_code: "ru" }));
    const russian = await ivan.send("/table");
    expect(russian.caption).toContain("Вся таблица");
    await ivan.send("/table");
    expect(photoCalls().map((c) => typeof c.params.photo === "string")).toEqual([false, false, true]);
  });

  it("is one tap away from the overview, and leads back to it", async () => {
    const overview = await chat.send("/compare");
    await chat.tap(overview, "🖼 See it as a table");
    const picture = await h.emu.waitForBotMessage(chat.chat.id, overview.message_id);
    expect(picture?.photo).toBeDefined();
    expect(chat.message(overview.message_id).text).toBe(overview.text);
    await chat.tap(picture ?? overview, "☰ All features");
    expect(chat.botMessages().at(-1)?.text).toContain("Bot API vs Telegram API");
  });

  it("opens the bot from an inline message, which has no chat to send to", async () => {
    const iq = h.emu.inlineQuery({ from: alice, query: "files" });
    await h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = h.emu.chooseInlineResult({ from: alice, inlineQueryId: iq, resultId: "files", chat: h.emu.group() });
    const cq1 = h.emu.pressButton({ from: alice, inlineMessageId }, buttonData(h.emu.inlineMessage(inlineMessageId) ?? {}, "All features"));
    await h.emu.waitForCallbackAnswer(cq1);
    await h.emu.waitUntilIdle();
    const cq2 = h.emu.pressButton({ from: alice, inlineMessageId }, buttonData(h.emu.inlineMessage(inlineMessageId) ?? {}, "See it as a table"));
    expect(await h.emu.waitForCallbackAnswer(cq2)).toMatchObject({ url: `https://t.me/${h.emu.botInfo.username}?start=table`, count: 1 });
    const picture = await chat.send("/start table");
    expect(picture.photo).toBeDefined();
  });

  it("is offered inline once Telegram has it, and not before", async () => {
    const before = await h.emu.waitForInlineAnswer(h.emu.inlineQuery({ from: alice, query: "" }));
    expect(before.results.map((r) => r.id)).not.toContain("table");
    const sent = await chat.send("/table");
    const empty = await h.emu.waitForInlineAnswer(h.emu.inlineQuery({ from: alice, query: "" }));
    expect(empty.results.map((r) => r.id).at(-1)).toBe("table");
    expect(empty.results.at(-1)).toMatchObject({ type: "photo", photo_file_id: sent.photo?.at(-1)?.file_id });
    const asked = await h.emu.waitForInlineAnswer(h.emu.inlineQuery({ from: alice, query: "table" }));
    expect(asked.results[0]?.id).toBe("table");
    const rows = await h.emu.waitForInlineAnswer(h.emu.inlineQuery({ from: alice, query: "members" }));
    expect(rows.results.map((r) => r.id)).not.toContain("table");
    // Posted inline, its buttons work without a chat.
    const iq = h.emu.inlineQuery({ from: alice, query: "table" });
    await h.emu.waitForInlineAnswer(iq);
    h.emu.chooseInlineResult({ from: alice, inlineQueryId: iq, resultId: "table", chat: h.emu.group() });
  });
});
