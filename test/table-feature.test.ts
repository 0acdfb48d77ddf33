import { describe, expect, it } from "vitest";
import { buttonData, TestChat, testCatalog, tr, useBot } from "./harness.js";

const row = testCatalog().get("en").rows[0];
const handbook = testCatalog().get("en").sources.handbook;

const t = useBot();

/**
 * The first picture loads the fonts and draws every row: seconds on a busy machine, longer
 * than a message is waited for by default: wait for the picture longer.
 */
const DRAWING = { timeout: 30_000 };
async function ask(chat: TestChat, text: string) {
  const sent = chat.post(text);
  return t.h.emu.waitForBotMessage(chat.chat.id, sent.message_id, DRAWING);
}

const photoCalls = () => t.h.emu.calls.filter((c) => c.method === "sendPhoto");

describe("/table", () => {
  it("uploads the picture once, then sends it by file_id", async () => {
    const first = await ask(t.chat, "/table");
    expect(first.photo?.length).toBeGreaterThan(0);
    expect(first.caption).toContain(tr("en", "table-caption"));
    const link = first.caption_entities?.find((e) => e.type === "text_link");
    expect(link && "url" in link ? link.url : undefined).toBe(handbook.url);
    expect(first.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      "☰ All sections",
      "🔎 Search inline",
    ]);

    const second = await t.chat.send("/table");
    const calls = photoCalls();
    expect(calls).toHaveLength(2);
    expect(typeof calls[0]?.params.photo).not.toBe("string"); // an upload
    const largest = first.photo?.at(-1)?.file_id;
    expect(calls[1]?.params.photo).toBe(largest); // Telegram's file_id, no upload
    expect(second.photo?.at(-1)?.file_id).toBe(largest);
  });

  it("uploads once per language", async () => {
    await ask(t.chat, "/table");
    const ivan = new TestChat(t.h, t.h.emu.user({ first_name: "Иван", language_code: "ru" }));
    const russian = await ask(ivan, "/table");
    expect(russian.caption).toContain(tr("ru", "table-caption"));
    await ivan.send("/table");
    expect(photoCalls().map((c) => typeof c.params.photo === "string")).toEqual([false, false, true]);
  });

  it("is one tap away from the overview, and leads back to it", async () => {
    const overview = await t.chat.send("/compare");
    await t.chat.tap(overview, "🖼 See it as a table");
    const picture = await t.h.emu.waitForBotMessage(t.chat.chat.id, overview.message_id, DRAWING);
    expect(picture?.photo).toBeDefined();
    expect(t.chat.message(overview.message_id).text).toBe(overview.text);
    await t.chat.tap(picture ?? overview, "☰ All sections");
    expect(t.chat.botMessages().at(-1)?.text?.split("\n")[0]).toBe(tr("en", "overview-title"));
  });

  it("opens the bot from an inline message, which has no chat to send to", async () => {
    const iq = t.h.emu.inlineQuery({ from: t.user, query: row?.slug ?? "" });
    await t.h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = t.h.emu.chooseInlineResult({
      from: t.user,
      inlineQueryId: iq,
      resultId: row?.slug ?? "",
      chat: t.h.emu.group(),
    });
    const cq1 = t.h.emu.pressButton(
      { from: t.user, inlineMessageId },
      buttonData(t.h.emu.inlineMessage(inlineMessageId) ?? {}, `/${testCatalog().slugs.length}`),
    );
    await t.h.emu.waitForCallbackAnswer(cq1);
    await t.h.emu.waitUntilIdle();
    const cq2 = t.h.emu.pressButton(
      { from: t.user, inlineMessageId },
      buttonData(t.h.emu.inlineMessage(inlineMessageId) ?? {}, "See it as a table"),
    );
    expect(await t.h.emu.waitForCallbackAnswer(cq2)).toMatchObject({
      url: `https://t.me/${t.h.emu.botInfo.username}?start=table`,
      count: 1,
    });
    const picture = await ask(t.chat, "/start table");
    expect(picture.photo).toBeDefined();
  });

  it("is offered inline once Telegram has it, and not before", async () => {
    const before = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "" }));
    expect(before.results.map((r) => r.id)).not.toContain("table");
    const sent = await ask(t.chat, "/table");
    const empty = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "" }));
    expect(empty.results.map((r) => r.id).at(-1)).toBe("table");
    expect(empty.results.at(-1)).toMatchObject({ type: "photo", photo_file_id: sent.photo?.at(-1)?.file_id });
    const asked = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "table" }));
    expect(asked.results[0]?.id).toBe("table");
    const rows = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: row?.title ?? "" }));
    expect(rows.results.map((r) => r.id)).not.toContain("table");
    // Posted inline, its buttons work without a t.chat.
    const iq = t.h.emu.inlineQuery({ from: t.user, query: "table" });
    await t.h.emu.waitForInlineAnswer(iq);
    t.h.emu.chooseInlineResult({ from: t.user, inlineQueryId: iq, resultId: "table", chat: t.h.emu.group() });
  });
});
