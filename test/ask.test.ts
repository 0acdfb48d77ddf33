import type { User } from "grammy/types";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../src/matrix/ask.js";
import { MatrixSearch } from "../src/matrix/search.js";
import { buttonLabels, type Harness, startHarness, TestChat, testCatalog } from "./harness.js";
import { QUESTIONS } from "./questions.js";

describe("question answering accuracy", () => {
  let search: MatrixSearch;
  beforeAll(() => {
    search = new MatrixSearch(testCatalog());
  });

  it("has a table of at least 60 questions, with not-sure cases", () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(60);
    expect(QUESTIONS.filter(([, slug]) => slug === null).length).toBeGreaterThanOrEqual(8);
  });

  it("answers at least 90% top-1 and never answers a not-sure case with a row", () => {
    const misses: string[] = [];
    let correct = 0;
    for (const [question, expected] of QUESTIONS) {
      const answer = answerQuestion(search, question);
      const got = answer.kind === "row" ? answer.best.slug : null;
      if (got === expected) correct++;
      else misses.push(`${JSON.stringify(question)}: expected ${expected ?? "not sure"}, got ${got ?? answer.kind}`);
      if (expected === null) expect(answer.kind, question).not.toBe("row");
    }
    const accuracy = correct / QUESTIONS.length;
    console.info(
      `top-1 accuracy: ${(accuracy * 100).toFixed(1)}% of ${QUESTIONS.length}${misses.length ? `\n${misses.join("\n")}` : ""}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
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
    const card = await chat.send("can I list all members of my group?");
    expect(card.text?.split("\n")[0]).toBe("Fetch group members");
    expect(buttonLabels(card).flat()).toContain("↗ Share");
  });

  it("offers a close second row as a button", async () => {
    const chat = await start();
    const card = await chat.send("history of updates");
    const first = buttonLabels(card)[0]?.[0] ?? "";
    expect(first).toMatch(/^🤔 Or: /);
    const { message } = await chat.tap(card, first);
    expect(message.text?.split("\n")[0]).toBe(first.replace("🤔 Or: ", ""));
  });

  it("says it is not sure and offers the three closest rows", async () => {
    const chat = await start();
    const reply = await chat.send("can a bot delete messages");
    expect(reply.text).toContain("I am not sure which feature you mean");
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
    expect(await group.sendUnanswered("can my bot read old messages?")).toEqual([]);
    const mentioned = await group.send(`@${h.emu.botInfo.username} can my bot read old messages?`);
    expect(mentioned.text?.split("\n")[0]).toBe("Fetch messages");
    expect(mentioned.reply_to_message?.from?.id).toBe(alice.id);
    const replied = await group.send("and files over 50mb?", { reply_to_message_id: mentioned.message_id });
    expect(replied.text?.split("\n")[0]).toBe("Send and receive files");
    expect(chat).toBeDefined();
  });

  it("in groups with privacy mode, still answers a mention", async () => {
    await start(true);
    const group = new TestChat(h, alice, h.emu.group({ title: "Devs" }));
    expect(await group.sendUnanswered("how big a file can a bot download")).toEqual([]);
    const reply = await group.send(`how big a file can @${h.emu.botInfo.username} download`);
    expect(reply.text?.split("\n")[0]).toBe("Send and receive files");
  });
});
