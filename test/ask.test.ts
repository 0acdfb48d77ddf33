import type { User } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../src/matrix/ask.js";
import type { Row } from "../src/matrix/load.js";
import { contentWords, MatrixSearch } from "../src/matrix/search.js";
import { buttonLabels, type Harness, startHarness, TestChat, testCatalog } from "./harness.js";
import { NOT_QUESTIONS } from "./questions.js";

const catalog = testCatalog();
const en = catalog.get("en");
const title = (message: { text?: string }) => message.text?.split("\n")[0];
/** A row of another section than `row`'s, for questions that mix two rows. */
const elsewhere = (row: Row) => en.rows.find((r) => r.section !== row.section) ?? row;
/** A word of the row's title that the search does not drop, as written. */
const wordOf = (row: Row) =>
  contentWords(row.title.toLowerCase()).sort((a, b) => b.token.length - a.token.length)[0]?.token ?? "";

describe("free-text answers", () => {
  const search = new MatrixSearch(catalog);

  it("answer a question in the words of a row's title with that row, in both languages", () => {
    for (const locale of catalog.locales) {
      for (const row of catalog.get(locale).rows) {
        const answer = answerQuestion(search, `${row.title}?`);
        expect(answer.kind === "row" ? answer.best.slug : answer.kind, `${locale}: ${row.title}`).toBe(row.slug);
      }
    }
  });

  it("never answer small talk or nonsense with a row", () => {
    for (const text of NOT_QUESTIONS) expect(answerQuestion(search, text).kind, text).not.toBe("row");
  });

  it("are not sure when most of a question is unknown words", () => {
    const row = en.rows[0] as Row;
    const answer = answerQuestion(search, `${wordOf(row)} zebra giraffe walrus marmalade`);
    expect(answer.kind).toBe("unsure");
  });
});

describe("free-text questions through Telegram", () => {
  let h: Harness;
  let alice: User;

  afterEach(async () => {
    expect(h.emu.errors.map((c) => `${c.method}: ${c.error?.description}`)).toEqual([]);
    await h.stop();
  });

  const start = async (privacyMode = true) => {
    h = await startHarness({ emulator: { privacyMode } });
    alice = h.emu.user({ first_name: "Alice", language_code: "en" });
    return new TestChat(h, alice);
  };

  it("answers a question with the card of the row that fits", async () => {
    const chat = await start();
    const row = en.rows.at(-1) as Row;
    const card = await chat.send(`can my bot ${row.title.toLowerCase()}?`);
    expect(title(card)).toBe(row.title);
    expect(buttonLabels(card).flat()).toContain("↗ Share");
  });

  it("offers a close second row as a button", async () => {
    const chat = await start();
    const [a, b] = [en.rows[0] as Row, elsewhere(en.rows[0] as Row)];
    const card = await chat.send(`${a.title} ${b.title}`);
    const first = buttonLabels(card)[0]?.[0] ?? "";
    expect(first).toMatch(/^🤔 Or: /);
    const other = [a, b].find((r) => r.title !== title(card));
    expect(first).toBe(`🤔 Or: ${other?.short}`);
    const { message } = await chat.tap(card, first);
    expect(title(message)).toBe(other?.title);
  });

  it("says it is not sure and offers at most the three closest rows", async () => {
    const chat = await start();
    const reply = await chat.send(`${wordOf(en.rows[0] as Row)} zebra giraffe walrus marmalade`);
    expect(reply.text).toContain("I am not sure which row you mean");
    expect(reply.text).toContain("/compare");
    const labels = buttonLabels(reply).flat();
    expect(labels.length).toBeGreaterThanOrEqual(1);
    expect(labels.length).toBeLessThanOrEqual(3);
  });

  it("meets greetings, thanks and nonsense with a pointer, not a row", async () => {
    const chat = await start();
    for (const text of ["hello", "thanks!", "🙂", "asdfghjkl"]) {
      const reply = await chat.send(text);
      expect(reply.text, text).toContain("/compare");
      expect(reply.text, text).toContain("/choose");
      expect(reply.text, text).toContain(`@${h.emu.botInfo.username}`);
    }
  });

  it("in groups, answers only when mentioned or replied to", async () => {
    const chat = await start(false); // the bot sees every group message
    const group = new TestChat(h, alice, h.emu.group({ title: "Devs" }));
    const [a, b] = [en.rows[0] as Row, elsewhere(en.rows[0] as Row)];
    expect(await group.sendUnanswered(`${a.title}?`)).toEqual([]);
    const mentioned = await group.send(`@${h.emu.botInfo.username} ${a.title}?`);
    expect(title(mentioned)).toBe(a.title);
    expect(mentioned.reply_to_message?.from?.id).toBe(alice.id);
    const replied = await group.send(`and ${b.title}?`, { reply_to_message_id: mentioned.message_id });
    expect(title(replied)).toBe(b.title);
    expect(chat).toBeDefined();
  });

  it("in groups with privacy mode, still answers a mention", async () => {
    await start(true);
    const group = new TestChat(h, alice, h.emu.group({ title: "Devs" }));
    const row = en.rows[1] as Row;
    expect(await group.sendUnanswered(`${row.title}?`)).toEqual([]);
    const reply = await group.send(`@${h.emu.botInfo.username} ${row.title}`);
    expect(title(reply)).toBe(row.title);
  });
});
