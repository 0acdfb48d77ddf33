import { describe, expect, it } from "vitest";
import { decodeCallback, MAX_CALLBACK_BYTES } from "../src/callback-data.js";
import { createI18n } from "../src/i18n.js";
import { CodeCards } from "../src/render/code.js";
import { Renderer } from "../src/render/renderer.js";
import { DEMO_OF_ROW, DEMO_START } from "../src/render/demos/index.js";
import { Snippets } from "../src/snippets.js";
import { buttonData, buttonLabels, TestChat, testCatalog, useBot } from "./harness.js";

/** A row with code in both libraries and a demonstration, in the reference whatever its other rows. */
const ROW = "group-members";
const snippets = Snippets.bundled();

describe("Code and Try it on the cards", () => {
  const t = useBot();

  it("offers both under Share, with short versioned callback data", async () => {
    const card = await t.chat.send(`/start ${ROW}`);
    const rows = buttonLabels(card);
    const share = rows.findIndex((r) => r.includes("↗ Share"));
    expect(rows[share + 1]).toEqual(["💻 Code", "▶️ Try it"]);
    for (const label of ["💻 Code", "▶️ Try it"]) {
      const data = buttonData(card, label);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      expect(decodeCallback(data)).toEqual({ kind: label === "💻 Code" ? "code" : "try", locale: "en", slug: ROW });
    }
  });

  it("turns the card into its code in place, in code blocks, and back", async () => {
    const card = await t.chat.send(`/start ${ROW}`);
    const { message: code } = await t.chat.tap(card, "💻 Code");
    expect(code.message_id).toBe(card.message_id);
    expect(t.chat.botMessages()).toHaveLength(1);
    const { grammy, gramjs } = snippets.of(ROW) ?? {};
    expect(code.text).toContain(`🤖 Bot API, with grammY\n${grammy ?? "?"}`);
    expect(code.text).toContain(`🔌 MTProto, with GramJS\n${gramjs ?? "?"}`);
    const blocks = (code.entities ?? []).filter((e) => e.type === "pre");
    expect(
      blocks.map((e) => [e.type === "pre" ? e.language : "", code.text?.slice(e.offset, e.offset + e.length)]),
    ).toEqual([
      ["typescript", grammy],
      ["typescript", gramjs],
    ]);
    expect(buttonLabels(code)).toEqual([["↩️ Back to the card", "▶️ Try it"]]);
    const { message: back } = await t.chat.tap(code, "↩️ Back to the card");
    expect(back.text).toBe(card.text);
    expect(back.reply_markup).toEqual(card.reply_markup);
  });

  it("runs the demonstration as a new message, leaving the card", async () => {
    const card = await t.chat.send(`/start ${ROW}`);
    const { message } = await t.chat.tap(card, "▶️ Try it");
    await t.h.settle();
    expect(message.text).toBe(card.text);
    expect(t.chat.botMessages().at(-1)?.text).toContain("This one is for groups.");

    const group = t.h.emu.group({ title: "Team" });
    const inGroup = new TestChat(t.h, t.user, group);
    const groupCard = await inGroup.send(`/compare${"@compare_test_bot"} ${ROW}`);
    expect(groupCard.text).toContain(testCatalog().get("en").bySlug.get(ROW)?.title ?? "?");
    await inGroup.tap(groupCard, "▶️ Try it");
    await t.h.settle();
    const report = inGroup.botMessages().at(-1);
    expect(report?.text).toContain("What I can see in Team");
    expect(report?.reply_to_message?.message_id).toBe(groupCard.message_id);
  });

  it("works on a card posted inline, where there is no chat", async () => {
    const query = t.h.emu.inlineQuery({ from: t.user, query: ROW });
    const answer = await t.h.emu.waitForInlineAnswer(query);
    expect(answer.results.map((r) => r.id)).toContain(ROW);
    const inlineMessageId = t.h.emu.chooseInlineResult({ from: t.user, inlineQueryId: query, resultId: ROW });
    const posted = t.h.emu.inlineMessage(inlineMessageId);
    const code = t.h.emu.pressButton({ from: t.user, inlineMessageId }, buttonData(posted ?? {}, "💻 Code"));
    await t.h.emu.waitForCallbackAnswer(code);
    await t.h.settle();
    expect(t.h.emu.inlineMessage(inlineMessageId)?.text).toContain(snippets.of(ROW)?.grammy ?? "?");
    const tryIt = t.h.emu.pressButton({ from: t.user, inlineMessageId }, buttonData(posted ?? {}, "▶️ Try it"));
    expect(await t.h.emu.waitForCallbackAnswer(tryIt)).toMatchObject({
      url: `https://t.me/compare_test_bot?start=${DEMO_START[DEMO_OF_ROW[ROW] ?? "file"]}`,
    });
  });

  it("adds only what a row has: no Code without snippets, no Try it without a demonstration", () => {
    const i18n = createI18n("locales");
    const cards = new CodeCards(testCatalog(), (l, k, v) => i18n.t(l, k, v), Snippets.empty());
    const plain = new Renderer(testCatalog(), (l, k, v) => i18n.t(l, k, v));
    for (const slug of testCatalog().slugs) {
      const labels = buttonLabels(cards.card("en", slug) ?? {}).flat();
      expect(labels, slug).not.toContain("💻 Code");
      expect(labels.includes("▶️ Try it"), slug).toBe(DEMO_OF_ROW[slug] !== undefined);
      if (DEMO_OF_ROW[slug] === undefined) expect(cards.card("en", slug)).toEqual(plain.card("en", slug));
    }
    expect(cards.code("en", ROW)).toBeUndefined();
  });

  it("answers code buttons of rows it does not know as outdated", async () => {
    const card = await t.chat.send(`/start ${ROW}`);
    const id = t.h.emu.pressButton({ from: t.user, message: card }, "1:p:en:no-such-row", { unchecked: true });
    expect((await t.h.emu.waitForCallbackAnswer(id)).text).toBe("This button is outdated.");
  });
});

describe("Code and Try it in Russian", () => {
  const t = useBot({ languageCode: "ru" });

  it("labels the buttons and the code in Russian", async () => {
    const card = await t.chat.send(`/start ${ROW}`);
    const rows = buttonLabels(card);
    expect(rows).toContainEqual(["💻 Код", "▶️ Попробовать"]);
    const { message: code } = await t.chat.tap(card, "💻 Код");
    expect(code.text).toContain("🤖 Bot API на grammY");
    expect(code.text).toContain("🔌 MTProto на GramJS");
    expect(buttonLabels(code)).toEqual([["↩️ К карточке", "▶️ Попробовать"]]);
    await t.chat.tap(code, "▶️ Попробовать");
    await t.h.settle();
    expect(t.chat.botMessages().at(-1)?.text).toContain("Это для групп.");
  });
});
