import { describe, expect, it } from "vitest";
import { buttonData, buttonLabels, TestChat, useBot } from "./harness.js";

const t = useBot();

const SLUGS = ["fetch-messages", "fetch-users", "files", "group-members", "old-updates", "multiple-programs"];

describe("/compare", () => {
  it("shows an overview with one line and one button per row", async () => {
    const overview = await t.chat.send("/compare");
    expect(overview.text).toContain("Bot API vs Telegram API");
    expect(overview.text).toContain("⚠️ Fetch messages\nA bot sees messages only as updates");
    expect(overview.text).toContain("❌ Fetch group members\nA bot cannot list the members of a group; a client can.");
    expect(overview.entities?.some((e) => e.type === "bold")).toBe(true);
    const labels = buttonLabels(overview).flat();
    expect(labels.slice(0, 6)).toEqual([
      "⚠️ Fetch messages",
      "⚠️ Fetch users",
      "⚠️ Send and receive files",
      "❌ Fetch group members",
      "❌ Get old updates",
      "⚠️ Run several programs with one bot",
    ]);
  });

  it("turns the same message into a row's card, with everything a card needs", async () => {
    const overview = await t.chat.send("/compare");
    const { toast, message: card } = await t.chat.tap(overview, "Send and receive files");
    expect(toast).toBeUndefined();
    expect(card.message_id).toBe(overview.message_id);
    expect(t.chat.botMessages()).toHaveLength(1);
    expect(card.text).toMatch(/^Send and receive files\n\n🤖 Bot API — ⚠️ with limits\n• Downloads up to 20 MB\./);
    expect(card.text).toContain("👤 Telegram API — ✅ can\nThe same limits as for any regular user account.");
    const buttons = card.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.find((b) => "url" in b)).toEqual({
      text: "📖 Running a local Bot API server",
      url: "https://core.telegram.org/bots/api#using-a-local-bot-api-server",
    });
    expect(buttonLabels(card).slice(1)).toEqual([
      ["◀ Previous", "3/6", "Next ▶"],
      ["☰ All features", "↗ Share"],
    ]);
    expect(buttons.find((b) => b.text === "↗ Share")).toMatchObject({ switch_inline_query: "files" });
  });

  it("walks through all six rows with Next and wraps around", async () => {
    const overview = await t.chat.send("/compare");
    let { message } = await t.chat.tap(overview, "Fetch messages");
    const seen: string[] = [];
    for (let n = 1; n <= 6; n++) {
      expect(buttonLabels(message).flat()).toContain(`${n}/6`);
      seen.push(message.text?.split("\n")[0] ?? "");
      ({ message } = await t.chat.tap(message, "Next ▶"));
    }
    expect(seen).toEqual([
      "Fetch messages",
      "Fetch users",
      "Send and receive files",
      "Fetch group members",
      "Get old updates",
      "Run several programs with one bot",
    ]);
    expect(message.text?.split("\n")[0]).toBe("Fetch messages");
    ({ message } = await t.chat.tap(message, "◀ Previous"));
    expect(message.text?.split("\n")[0]).toBe("Run several programs with one bot");
    ({ message } = await t.chat.tap(message, "☰ All features"));
    expect(message.text).toContain("Bot API vs Telegram API");
    expect(t.chat.botMessages()).toHaveLength(1);
  });

  it("answers a double tap twice and swallows 'message is not modified'", async () => {
    const overview = await t.chat.send("/compare");
    const data = buttonData(overview, "Fetch users");
    const first = t.h.emu.pressButton({ from: t.user, message: overview }, data);
    const second = t.h.emu.pressButton({ from: t.user, message: overview }, data);
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

  it("goes straight to the best row for /compare <words>, typos included", async () => {
    for (const [words, title] of [
      ["files", "Send and receive files"],
      ["fles", "Send and receive files"],
      ["members", "Fetch group members"],
      ["old updates", "Get old updates"],
      ["several instances", "Run several programs with one bot"],
      ["username", "Fetch users"],
    ] as const) {
      const card = await t.chat.send(`/compare ${words}`);
      expect(card.text?.split("\n")[0], words).toBe(title);
    }
  });

  it("says so when words match nothing, and offers rows instead of silence", async () => {
    const reply = await t.chat.send("/compare zzqxv wvvq");
    expect(reply.text).toContain("Nothing in the matrix matches “zzqxv wvvq”.");
    expect(buttonLabels(reply).flat().length).toBeGreaterThan(0);
    const { message } = await t.chat.tap(reply, "Fetch users");
    expect(message.text?.split("\n")[0]).toBe("Fetch users");
  });
});

describe("buttons under bad input", () => {
  it("answers forged and outdated data with a toast and changes nothing", async () => {
    const overview = await t.chat.send("/compare");
    for (const data of [
      "0:c:en:files",
      "1:c:en:no-such-row",
      "1:x:en",
      "garbage",
      "1:c:en:files:extra",
      "🙂".repeat(16),
    ]) {
      const id = t.h.emu.pressButton({ from: t.user, message: overview }, data, { unchecked: true });
      const answer = await t.h.emu.waitForCallbackAnswer(id);
      expect(answer, data).toMatchObject({ text: "This button is outdated.", count: 1 });
    }
    await t.h.emu.waitUntilIdle();
    expect(t.chat.message(overview.message_id).text).toBe(overview.text);
    expect(t.h.emu.calls.filter((c) => c.method.startsWith("edit"))).toEqual([]);
  });

  it("keeps callback data within 64 bytes and versioned", async () => {
    const overview = await t.chat.send("/compare");
    const { message } = await t.chat.tap(overview, "Run several programs");
    for (const m of [overview, message]) {
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
  it("lists every row for an empty query, as articles with verdicts", async () => {
    const id = t.h.emu.inlineQuery({ from: t.user, query: "", chat_type: "group" });
    const answer = await t.h.emu.waitForInlineAnswer(id);
    expect(answer.count).toBe(1);
    expect(answer.results.map((r) => r.id)).toEqual(SLUGS);
    expect(answer.results[2]).toMatchObject({
      type: "article",
      title: "⚠️ Send and receive files",
      description: "A bot downloads 20 MB and uploads 50 MB at most; a client has a user's limits.",
    });
    expect(answer.is_personal).toBe(true);
  });

  it("ranks rows by relevance and tolerates typos", async () => {
    for (const [query, top] of [
      ["fles", "files"],
      ["members", "group-members"],
      ["old updates", "old-updates"],
      ["several instances", "multiple-programs"],
      ["group-members", "group-members"],
    ] as const) {
      const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query }));
      expect(answer.results[0]?.id, query).toBe(top);
    }
  });

  it("answers a query that matches nothing, with a button to the bot", async () => {
    const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "qqqzzz" }));
    expect(answer.results).toEqual([]);
    expect(answer.button).toEqual({ text: "Nothing matches. Open the bot", start_parameter: "inline" });
    const welcome = await t.chat.send("/start inline");
    expect(welcome.text).toContain("Bot API or Telegram API?");
  });

  it("answers 256 characters of any script and emoji", async () => {
    const queries = ["🙂".repeat(128), "файлы ".repeat(42).slice(0, 256), "文件大小".repeat(64), "x".repeat(256)];
    for (const query of queries) {
      expect(query.length).toBeLessThanOrEqual(256);
      const answer = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query }));
      expect(answer.count).toBe(1);
      for (const r of answer.results) expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
    }
  });

  it("posts a card whose buttons work on the inline message", async () => {
    const group = t.h.emu.group({ title: "Devs" });
    const iq = t.h.emu.inlineQuery({ from: t.user, query: "members", chat_type: "group" });
    await t.h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = t.h.emu.chooseInlineResult({
      from: t.user,
      inlineQueryId: iq,
      resultId: "group-members",
      chat: group,
    });
    const posted = t.h.emu.inlineMessage(inlineMessageId);
    expect(posted?.text?.split("\n")[0]).toBe("Fetch group members");

    // Someone else in the group taps Next on it.
    const bob = t.h.emu.user({ first_name: "Bob", language_code: "en" });
    const cq = t.h.emu.pressButton({ from: bob, inlineMessageId }, buttonData(posted ?? {}, "Next ▶"));
    expect(await t.h.emu.waitForCallbackAnswer(cq)).toMatchObject({ count: 1 });
    await t.h.emu.waitUntilIdle();
    expect(t.h.emu.inlineMessage(inlineMessageId)?.text?.split("\n")[0]).toBe("Get old updates");
    const edit = t.h.emu.calls.find((c) => c.method === "editMessageText");
    expect(edit?.params).toMatchObject({ inline_message_id: inlineMessageId });
    expect(edit?.params).not.toHaveProperty("chat_id");

    // And back to the overview, in place.
    const cq2 = t.h.emu.pressButton(
      { from: bob, inlineMessageId },
      buttonData(t.h.emu.inlineMessage(inlineMessageId) ?? {}, "All features"),
    );
    await t.h.emu.waitForCallbackAnswer(cq2);
    await t.h.emu.waitUntilIdle();
    expect(t.h.emu.inlineMessage(inlineMessageId)?.text).toContain("Bot API vs Telegram API");
  });
});

describe("/start, /help, /about", () => {
  it("welcomes with Browse and Try inline buttons", async () => {
    const welcome = await t.chat.send("/start");
    expect(welcome.text).toContain("Bot API or Telegram API?");
    const buttons = welcome.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.find((b) => b.text === "🔎 Try inline")).toMatchObject({ switch_inline_query_current_chat: "" });
    const { message } = await t.chat.tap(welcome, "📋 Browse the features");
    expect(message.text).toContain("Bot API vs Telegram API");
  });

  it("opens a row's card from a deep link", async () => {
    const card = await t.chat.send("/start old-updates");
    expect(card.text?.split("\n")[0]).toBe("Get old updates");
    const unknown = await t.chat.send("/start nothing-like-this");
    expect(unknown.text).toContain("Bot API or Telegram API?");
  });

  it("credits the source, its authors and the licence in /about", async () => {
    const about = await t.chat.send("/about");
    expect(about.text).toContain("Artem Ivanov");
    expect(about.text).toContain("@vanutp");
    expect(about.text).toContain("CC BY-NC 4.0");
    const links = (about.entities ?? []).filter((e) => e.type === "text_link").map((e) => ("url" in e ? e.url : ""));
    expect(links).toEqual([
      "https://papercraft.tmat.me/book/api-comparison",
      "https://papercraft.tmat.me/book/api",
      "https://papercraft.tmat.me/book/libraries",
    ]);
    const help = await t.chat.send("/help");
    expect(help.text).toContain("/compare <words>");
  });
});

describe("commands", () => {
  it("match in any case, and a command for another bot is not taken for one of ours", async () => {
    const overview = await t.chat.send("/COMPARE");
    expect(overview.text).toContain("Bot API vs Telegram API");
    // In a private chat Telegram delivers it anyway: the bot says what it does instead.
    const other = await t.chat.send("/compare@some_other_bot");
    expect(other.text).not.toContain("Bot API vs Telegram API");
    expect(other.text).toContain("/compare");
  });
});

describe("groups", () => {
  it("answers /compare@this_bot and ignores commands for other bots", async () => {
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs", type: "supergroup" }));
    const overview = await group.send(`/compare@${t.h.emu.botInfo.username}`);
    expect(overview.text).toContain("Bot API vs Telegram API");
    const { message } = await group.tap(overview, "Fetch users");
    expect(message.text?.split("\n")[0]).toBe("Fetch users");
    expect(await group.sendUnanswered("/compare@some_other_bot")).toEqual([]);
    expect(await group.sendUnanswered("/start@some_other_bot files")).toEqual([]);
  });
});
