import { describe, expect, it } from "vitest";
import type { StoredMessage } from "../emulator/index.js";
import { buttonData, buttonLabels, TestChat, useBot } from "./harness.js";

const t = useBot();

/** Answers the questions in order, tapping on the same (edited) message. */
async function answer(question: StoredMessage, replies: string[]): Promise<StoredMessage> {
  let message = question;
  for (const reply of replies) ({ message } = await t.chat.tap(message, reply));
  return message;
}

describe("/choose", () => {
  it("asks one question per limited row and recommends the Bot API when none is needed", async () => {
    const first = await t.chat.send("/choose");
    expect(first.text).toContain("Question 1 of 6");
    expect(first.text).toContain("chat history");
    expect(buttonLabels(first)).toEqual([["Yes", "No", "Not sure"], ["✖ Cancel"]]);
    const second = (await t.chat.tap(first, "No")).message;
    expect(second.message_id).toBe(first.message_id);
    expect(second.text).toContain("Question 2 of 6");
    expect(buttonLabels(second)).toEqual([
      ["Yes", "No", "Not sure"],
      ["◀ Back", "✖ Cancel"],
    ]);
    const result = await answer(second, ["No", "No", "No", "No", "No"]);
    expect(result.text).toMatch(/^The Bot API is enough/);
    expect(result.text).toContain("grammY");
    expect(buttonLabels(result)).toEqual([["🔁 Start over"]]);
  });

  it("recommends the Telegram API, listing the answers that decided it with their cards", async () => {
    const first = await t.chat.send("/choose");
    const result = await answer(first, ["No", "Yes", "Not sure", "No", "No", "Yes"]);
    expect(result.text).toMatch(/^Your project needs the Telegram API \(MTProto\)/);
    expect(result.text).toContain("• Fetch users:");
    expect(result.text).toContain("• Run several programs with one bot:");
    expect(result.text).toContain("Worth checking, as you were not sure:\n• Send and receive files:");
    expect(result.text).toContain("mtcute");
    expect(result.text).toContain("api_id");
    const links = (result.entities ?? []).flatMap((e) => ("url" in e && e.url !== undefined ? [e.url] : []));
    expect(links).toEqual([
      "https://papercraft.tmat.me/book/users#seen-users",
      "https://papercraft.tmat.me/book/updates#receiving-updates-multiple-times",
      "https://core.telegram.org/bots/api#using-a-local-bot-api-server",
    ]);
    expect(buttonLabels(result)).toEqual([
      ["📄 Fetch users"],
      ["📄 Run several programs with one bot"],
      ["📄 Send and receive files"],
      ["🔁 Start over"],
    ]);
    // A deciding row's card comes as a new message; the result stays.
    const before = t.chat.botMessages().length;
    await t.chat.tap(result, "📄 Fetch users");
    const messages = t.chat.botMessages();
    expect(messages).toHaveLength(before + 1);
    expect(messages.at(-1)?.text?.split("\n")[0]).toBe("Fetch users");
    expect(t.chat.message(result.message_id).text).toBe(result.text);
  });

  it("goes back to the previous question with Back", async () => {
    const first = await t.chat.send("/choose");
    let message = await answer(first, ["Yes", "No"]);
    expect(message.text).toContain("Question 3 of 6");
    ({ message } = await t.chat.tap(message, "◀ Back"));
    expect(message.text).toContain("Question 2 of 6");
    ({ message } = await t.chat.tap(message, "◀ Back"));
    expect(message.text).toContain("Question 1 of 6");
    // The first answer was taken back too: all "No" now gives the Bot API.
    message = await answer(message, ["No", "No", "No", "No", "No", "No"]);
    expect(message.text).toMatch(/^The Bot API is enough/);
  });

  it("leaves with the Cancel button or /cancel, and says so", async () => {
    const first = await t.chat.send("/choose");
    const { message } = await t.chat.tap(first, "✖ Cancel");
    expect(message.text).toContain("Cancelled.");
    expect(message.reply_markup).toBeUndefined();

    const again = await t.chat.send("/choose");
    await t.chat.tap(again, "Yes");
    const reply = await t.chat.send("/cancel");
    expect(reply.text).toContain("Cancelled.");
    expect(t.chat.message(again.message_id).reply_markup).toBeUndefined();
    expect((await t.chat.send("/cancel")).text).toBe("There is nothing to cancel.");
  });

  it("re-prompts gently when the user types instead of tapping", async () => {
    const first = await t.chat.send("/choose");
    const prompt = await t.chat.send("yes please");
    expect(prompt.text).toContain("Please answer with the buttons");
    // The question still works afterwards.
    const { message } = await t.chat.tap(first, "No");
    expect(message.text).toContain("Question 2 of 6");
  });

  it("lets another command leave the questions and do what it says", async () => {
    const first = await t.chat.send("/choose");
    await t.chat.tap(first, "Yes");
    const overview = await t.chat.send("/compare");
    expect(overview.text).toContain("Bot API vs Telegram API");
    expect(t.chat.message(first.message_id).text).toContain("You left the questions");
    // Free text now gets an answer again rather than a re-prompt.
    const card = await t.chat.send("how big a file can a bot download?");
    expect(card.text?.split("\n")[0]).toBe("Send and receive files");
  });

  it("answers a tap on a closed question as closed and changes nothing", async () => {
    const first = await t.chat.send("/choose");
    const stale = first;
    await t.chat.tap(first, "✖ Cancel");
    const closedId = t.h.emu.pressButton(
      { from: t.user, message: t.chat.message(stale.message_id) },
      buttonData(stale, "Yes"),
      {
        unchecked: true,
      },
    );
    expect(await t.h.emu.waitForCallbackAnswer(closedId)).toMatchObject({ text: "This question is closed.", count: 1 });

    // An old run's button while a new run is waiting.
    const second = await t.chat.send("/choose");
    const oldId = t.h.emu.pressButton(
      { from: t.user, message: t.chat.message(stale.message_id) },
      buttonData(stale, "No"),
      {
        unchecked: true,
      },
    );
    expect(await t.h.emu.waitForCallbackAnswer(oldId)).toMatchObject({ text: "This question is closed.", count: 1 });
    await t.h.emu.waitUntilIdle();
    expect(t.chat.message(second.message_id).text).toContain("Question 1 of 6");
  });

  it("still browses cards while a question waits", async () => {
    const overview = await t.chat.send("/compare");
    const question = await t.chat.send("/choose");
    const { message } = await t.chat.tap(overview, "Fetch users");
    expect(message.text?.split("\n")[0]).toBe("Fetch users");
    const next = (await t.chat.tap(question, "No")).message;
    expect(next.text).toContain("Question 2 of 6");
  });

  it("starts over from the result", async () => {
    const result = await answer(await t.chat.send("/choose"), ["No", "No", "No", "No", "No", "No"]);
    await t.chat.tap(result, "🔁 Start over");
    const fresh = t.chat.botMessages().at(-1);
    expect(fresh?.text).toContain("Question 1 of 6");
    expect(fresh?.message_id).not.toBe(result.message_id);
  });

  it("keeps two users' conversations apart", async () => {
    const bob = new TestChat(t.h, t.h.emu.user({ first_name: "Bob", language_code: "en" }));
    const qa = await t.chat.send("/choose");
    const qb = await bob.send("/choose");
    let a = qa;
    let b = qb;
    for (let n = 0; n < 6; n++) {
      ({ message: a } = await t.chat.tap(a, "No"));
      ({ message: b } = await bob.tap(b, n === 3 ? "Yes" : "No"));
    }
    expect(a.text).toMatch(/^The Bot API is enough/);
    expect(b.text).toMatch(/^Your project needs the Telegram API/);
    expect(b.text).toContain("• Fetch group members:");
  });

  it("sends group users to a private chat", async () => {
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs" }));
    const reply = await group.send(`/choose@${t.h.emu.botInfo.username}`);
    expect(reply.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({
      url: `https://t.me/${t.h.emu.botInfo.username}?start=choose`,
    });
    const first = await t.chat.send("/start choose");
    expect(first.text).toContain("Question 1 of 6");
  });
});
