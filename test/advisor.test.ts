import { describe, expect, it } from "vitest";
import type { StoredMessage } from "../emulator/index.js";
import { askingOrder, replay } from "../src/matrix/advisor.js";
import type { AdvisorQuestion } from "../src/matrix/load.js";
import { buttonData, buttonLabels, TestChat, testCatalog, tr, useBot } from "./harness.js";

const t = useBot();
const en = testCatalog().get("en");
const order = askingOrder(en.questions);
/** How many questions a run that answers "No" to everything asks: all but those about what only a bot can do. */
const allNo = order.filter((q) => q.needs !== "bot").length;
const first = order[0] as AdvisorQuestion;

/**
 * Taps a button and waits until the bot has handled every update, not only
 * until Telegram is quiet: a replayed conversation may pause between its calls.
 */
async function settledTap(chat: TestChat, message: StoredMessage, label: string): Promise<StoredMessage> {
  await chat.tap(message, label);
  await chat.h.settle();
  return chat.message(message.message_id);
}

/** Answers the questions in order, tapping on the same (edited) message. */
async function answer(question: StoredMessage, replies: string[], chat = t.chat): Promise<StoredMessage> {
  let message = question;
  for (const reply of replies) message = await settledTap(chat, message, reply);
  return message;
}

const no = (count: number) => Array.from({ length: count }, () => "No");
const progress = (step: number, total: number) => tr("en", "advisor-progress", { step, total });

describe("the advisor's logic", () => {
  const q = (index: number, needs: AdvisorQuestion["needs"]): AdvisorQuestion => ({
    index,
    needs,
    text: `q${index}`,
    rows: [],
  });
  const questions = [q(0, "local_server"), q(1, "bot"), q(2, "user_account"), q(3, "mtproto_bot"), q(4, "mtproto_bot")];
  const ordered = askingOrder(questions);
  const asked = (replies: Parameters<typeof replay>[1]) => replay(ordered, replies).asked.map((a) => a.question.index);

  it("asks the questions needing the most first, and those about what only a bot can do last", () => {
    expect(ordered.map((x) => x.index)).toEqual([2, 3, 4, 0, 1]);
  });

  it("stops when no answer can change the verdict", () => {
    // "No" to everything: the bot question is never asked, as a bot does everything a bot can.
    expect(asked(["no", "no", "no", "no"])).toEqual([2, 3, 4, 0]);
    expect(replay(ordered, ["no", "no", "no", "no"])).toMatchObject({ remaining: 0, verdict: { outcome: "bot_api" } });
    // A bot over MTProto is needed: the other MTProto-bot and local-server questions cannot change that.
    const mtproto = replay(ordered, ["no", "yes"]);
    expect(mtproto.next).toBeUndefined();
    expect(mtproto.verdict).toMatchObject({ outcome: "mtproto_bot", because: [questions[3]] });
    // A user account: only whether a bot is needed beside it is left to ask.
    expect(replay(ordered, ["yes"]).next).toBe(questions[1]);
    expect(replay(ordered, ["yes", "yes"]).verdict).toMatchObject({ outcome: "user_account", alsoBot: [questions[1]] });
  });

  it("counts 'not sure' as no, remembers it, and says how many questions may still come", () => {
    const run = replay(ordered, ["unsure", "no", "unsure"]);
    expect(run.next).toBe(questions[0]);
    expect(run.remaining).toBe(1);
    expect(run.verdict).toMatchObject({ outcome: "bot_api", unsure: [questions[2], questions[4]] });
    expect(replay(ordered, []).remaining).toBe(4);
  });
});

describe("/choose", () => {
  it("asks the questions of data/advisor.yaml and recommends the Bot API when none is needed", async () => {
    const question = await t.chat.send("/choose");
    expect(question.text).toContain(progress(1, allNo));
    expect(question.text).toContain(first.text);
    expect(buttonLabels(question)).toEqual([["Yes", "No", "Not sure"], ["✖ Cancel"]]);
    if (allNo > 1) {
      const second = await settledTap(t.chat, question, "No");
      expect(second.message_id).toBe(question.message_id);
      expect(second.text).toContain(progress(2, allNo));
      expect(buttonLabels(second)).toEqual([
        ["Yes", "No", "Not sure"],
        ["◀ Back", "✖ Cancel"],
      ]);
    }
    const result = await answer(t.chat.message(question.message_id), no(allNo - (allNo > 1 ? 1 : 0)));
    expect(result.text).toMatch(new RegExp(`^${tr("en", "advisor-bot-api-title")}`));
    expect(result.text).toContain("grammY");
    expect(buttonLabels(result)).toEqual([["🔁 Start over"]]);
  });

  it("recommends what the first 'yes' needs, listing the rows that decided it with their cards", async () => {
    const message = await t.chat.send("/choose");
    let result = await answer(message, ["Yes"]);
    // Only questions about needing a bot beside a user account can follow.
    while (result.text?.includes(tr("en", "advisor-title"))) result = await settledTap(t.chat, result, "No");
    const outcome = first.needs.replaceAll("_", "-");
    expect(result.text).toMatch(new RegExp(`^${tr("en", `advisor-${outcome}-title`)}`));
    for (const row of first.rows) expect(result.text).toContain(`• ${row.title}: ${row.summary}`);
    if (first.needs === "user_account") expect(result.text).toContain(tr("en", "advisor-user-account-warning"));
    expect(result.text).toContain("api_id");
    expect(buttonLabels(result)).toEqual([
      ...first.rows.slice(0, 6).map((row) => [`📄 ${row.short}`]),
      ["🔁 Start over"],
    ]);
    // A deciding row's card comes as a new message; the result stays.
    const row = first.rows[0];
    if (row === undefined) return;
    const before = t.chat.botMessages().length;
    await t.chat.tap(result, `📄 ${row.short}`);
    await t.h.settle();
    const messages = t.chat.botMessages();
    expect(messages).toHaveLength(before + 1);
    expect(messages.at(-1)?.text?.split("\n")[0]).toBe(row.title);
    expect(t.chat.message(result.message_id).text).toBe(result.text);
  });

  it("lists the questions answered 'not sure' as worth checking", async () => {
    const result = await answer(await t.chat.send("/choose"), ["Not sure", ...no(allNo - 1)]);
    expect(result.text).toMatch(new RegExp(`^${tr("en", "advisor-bot-api-title")}`));
    expect(result.text).toContain(`${tr("en", "advisor-unsure-list")}\n• ${first.rows[0]?.title}:`);
  });

  it("goes back to the previous question with Back", async () => {
    if (allNo < 3) return;
    let message = await answer(await t.chat.send("/choose"), ["No", "No"]);
    expect(message.text).toContain(progress(3, allNo));
    message = await settledTap(t.chat, message, "◀ Back");
    expect(message.text).toContain(progress(2, allNo));
    message = await settledTap(t.chat, message, "◀ Back");
    expect(message.text).toContain(progress(1, allNo));
    expect(message.text).toContain(first.text);
    message = await answer(message, no(allNo));
    expect(message.text).toMatch(new RegExp(`^${tr("en", "advisor-bot-api-title")}`));
  });

  it("leaves with the Cancel button or /cancel, and says 'cancelled' once", async () => {
    const question = await t.chat.send("/choose");
    const { message } = await t.chat.tap(question, "✖ Cancel");
    expect(message.text).toContain("Cancelled.");
    expect(message.reply_markup).toBeUndefined();

    const again = await t.chat.send("/choose");
    const asked = await settledTap(t.chat, again, "No");
    const reply = await t.chat.send("/cancel");
    expect(reply.text).toBe(tr("en", "advisor-cancelled"));
    // The question stays as it was, without its buttons: "cancelled" is said in the reply alone.
    expect(t.chat.message(again.message_id)).toMatchObject({ text: asked.text });
    expect(t.chat.message(again.message_id).reply_markup).toBeUndefined();
    expect(t.chat.botMessages().filter((m) => m.text?.includes("Cancelled"))).toHaveLength(2);
    expect((await t.chat.send("/cancel")).text).toBe("There is nothing to cancel.");
  });

  it("re-prompts gently when the user types an answer instead of tapping", async () => {
    const question = await t.chat.send("/choose");
    const prompt = await t.chat.send("yes please");
    expect(prompt.text).toContain("Please answer with the buttons");
    // The question still works afterwards.
    const { message } = await t.chat.tap(question, "No");
    expect(message.text).not.toBe(question.text);
  });

  it("answers a question typed during the run, which stays where it was", async () => {
    const question = await t.chat.send("/choose");
    const second = await settledTap(t.chat, question, "No");
    const card = await t.chat.send("how do I get the list of members of a group?");
    expect(card.text?.split("\n")[0]).toBe(en.bySlug.get("group-members")?.title);
    expect(t.chat.message(question.message_id).text).toBe(second.text);
    const third = await settledTap(t.chat, second, "No");
    expect(third.text).toContain(progress(3, allNo));
  });

  it("lets another command leave the questions and do what it says", async () => {
    const question = await t.chat.send("/choose");
    await t.chat.tap(question, "No");
    const overview = await t.chat.send("/compare");
    expect(overview.text?.split("\n")[0]).toBe(tr("en", "overview-title"));
    expect(t.chat.message(question.message_id).text).toContain("You left the questions");
    // Free text now gets an answer again rather than a re-prompt.
    const row = en.rows[0];
    const card = await t.chat.send(row?.title ?? "");
    expect(card.text?.split("\n")[0]).toBe(row?.title);
  });

  it("answers a tap on a closed question as closed and changes nothing", async () => {
    const stale = await t.chat.send("/choose");
    await t.chat.tap(stale, "✖ Cancel");
    const closedId = t.h.emu.pressButton(
      { from: t.user, message: t.chat.message(stale.message_id) },
      buttonData(stale, "Yes"),
      { unchecked: true },
    );
    expect(await t.h.emu.waitForCallbackAnswer(closedId)).toMatchObject({ text: "This question is closed.", count: 1 });

    // An old run's button while a new run is waiting.
    const second = await t.chat.send("/choose");
    const oldId = t.h.emu.pressButton(
      { from: t.user, message: t.chat.message(stale.message_id) },
      buttonData(stale, "No"),
      { unchecked: true },
    );
    expect(await t.h.emu.waitForCallbackAnswer(oldId)).toMatchObject({ text: "This question is closed.", count: 1 });
    await t.h.emu.waitUntilIdle();
    expect(t.chat.message(second.message_id).text).toContain(progress(1, allNo));
  });

  it("takes two quick taps on the same button once, answering the second as closed", async () => {
    const question = await t.chat.send("/choose");
    const target = { from: t.user, message: question };
    const data = buttonData(question, "No");
    const taps = [t.h.emu.pressButton(target, data), t.h.emu.pressButton(target, data)];
    const answers = await Promise.all(taps.map((id) => t.h.emu.waitForCallbackAnswer(id)));
    await t.h.settle();
    expect(answers.map((a) => [a.text, a.count])).toEqual([
      [undefined, 1],
      ["This question is closed.", 1],
    ]);
    expect(t.chat.message(question.message_id).text).toContain(progress(2, allNo));
    const edits = t.h.emu.calls.filter(
      (c) => c.method === "editMessageText" && c.params.message_id === question.message_id,
    );
    expect(edits).toHaveLength(1);
  });

  it("answers a button of an earlier step as closed, also once Back has returned to its question", async () => {
    expect(allNo, "the advisor asks at least two questions").toBeGreaterThanOrEqual(2);
    const question = await t.chat.send("/choose");
    const second = await settledTap(t.chat, question, "No");
    const again = await settledTap(t.chat, second, "◀ Back");
    expect(again.text).toBe(question.text);
    const stale = async (from: StoredMessage, label: string) => {
      const id = t.h.emu.pressButton(
        { from: t.user, message: t.chat.message(question.message_id) },
        buttonData(from, label),
        { unchecked: true },
      );
      expect(await t.h.emu.waitForCallbackAnswer(id)).toMatchObject({ text: "This question is closed.", count: 1 });
      await t.h.settle();
    };
    // The first question's buttons as first sent, and the second's.
    await stale(question, "Yes");
    await stale(second, "◀ Back");
    expect(t.chat.message(question.message_id).text).toBe(again.text);
    // The question's own buttons go on from where the run stands; once it is finished, they are closed too.
    const result = await answer(again, no(allNo));
    expect(result.text).toMatch(new RegExp(`^${tr("en", "advisor-bot-api-title")}`));
    await stale(again, "No");
    expect(t.chat.message(question.message_id).text).toBe(result.text);
  });

  it("still browses while a question waits", async () => {
    const overview = await t.chat.send("/compare");
    const question = await t.chat.send("/choose");
    const section = en.sections[0];
    const { message } = await t.chat.tap(overview, section?.title ?? "");
    expect(message.text?.split("\n")[0]).toBe(section?.title);
    const next = await settledTap(t.chat, question, "No");
    expect(next.text).not.toBe(question.text);
  });

  it("starts over from the result", async () => {
    const result = await answer(await t.chat.send("/choose"), no(allNo));
    await t.chat.tap(result, "🔁 Start over");
    const fresh = t.chat.botMessages().at(-1);
    expect(fresh?.text).toContain(progress(1, allNo));
    expect(fresh?.message_id).not.toBe(result.message_id);
  });

  it("keeps two users' conversations apart", async () => {
    const bob = new TestChat(t.h, t.h.emu.user({ first_name: "Bob", language_code: "en" }));
    let a = await t.chat.send("/choose");
    let b = await bob.send("/choose");
    b = await settledTap(bob, b, "Yes");
    for (let n = 0; n < allNo; n++) a = await settledTap(t.chat, a, "No");
    while (b.text?.includes(tr("en", "advisor-title"))) b = await settledTap(bob, b, "No");
    expect(a.text).toMatch(new RegExp(`^${tr("en", "advisor-bot-api-title")}`));
    expect(b.text).toMatch(new RegExp(`^${tr("en", `advisor-${first.needs.replaceAll("_", "-")}-title`)}`));
  });

  it("sends group users to a private chat", async () => {
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs" }));
    const reply = await group.send(`/choose@${t.h.emu.botInfo.username}`);
    expect(reply.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({
      url: `https://t.me/${t.h.emu.botInfo.username}?start=choose`,
    });
    const question = await t.chat.send("/start choose");
    expect(question.text).toContain(progress(1, allNo));
  });
});

describe("/choose, each outcome in both languages", () => {
  const outcomes = ["bot_api", "local_server", "mtproto_bot", "user_account"] as const;

  it("never asks more than 8 questions, and asks only what can still change the verdict", () => {
    for (const locale of testCatalog().locales) {
      const ordered = askingOrder(testCatalog().get(locale).questions);
      let longest = 0;
      const walk = (replies: ("yes" | "no" | "unsure")[]) => {
        const progress = replay(ordered, replies);
        if (progress.next === undefined) {
          longest = Math.max(longest, replies.length);
          return;
        }
        // What is left to ask can change the verdict: a "yes" to the next question would.
        const yes = replay(ordered, [...replies, "yes"]).verdict;
        expect(yes.outcome !== progress.verdict.outcome || yes.alsoBot.length > progress.verdict.alsoBot.length).toBe(
          true,
        );
        for (const reply of ["yes", "no", "unsure"] as const) walk([...replies, reply]);
      };
      walk([]);
      expect(longest).toBeLessThanOrEqual(8);
    }
  });

  /** Replies that end in `outcome`: "no" until the first question that needs it, "yes" to that one, then "no". */
  function repliesFor(outcome: (typeof outcomes)[number]): ("yes" | "no")[] {
    const ordered = askingOrder(testCatalog().get("en").questions);
    const replies: ("yes" | "no")[] = [];
    for (;;) {
      const progress = replay(ordered, replies);
      if (progress.next === undefined) return replies;
      replies.push(progress.next.needs === outcome && progress.verdict.outcome !== outcome ? "yes" : "no");
    }
  }

  for (const locale of ["en", "ru"] as const) {
    describe(`in ${locale}`, () => {
      for (const outcome of outcomes) {
        it(`ends in "${outcome}", with the rows that decided it as buttons`, async () => {
          const chat = new TestChat(t.h, t.h.emu.user({ first_name: "Ann", language_code: locale }));
          const replies = repliesFor(outcome);
          let message = await chat.send("/choose");
          for (const reply of replies) message = await settledTap(chat, message, tr(locale, `advisor-${reply}`));
          const name = outcome.replaceAll("_", "-");
          expect(message.text?.startsWith(tr(locale, `advisor-${name}-title`)), message.text).toBe(true);
          const matrix = testCatalog().get(locale);
          const verdict = replay(askingOrder(matrix.questions), replies).verdict;
          expect(verdict.outcome).toBe(outcome);
          const labels = buttonLabels(message).flat();
          for (const question of verdict.because) {
            for (const row of question.rows) {
              expect(message.text).toContain(`• ${row.title}: ${row.summary}`);
              expect(labels).toContain(tr(locale, "advisor-open-card", { title: row.short }));
            }
          }
          if (outcome === "bot_api") expect(message.text).toContain(tr(locale, "advisor-nothing-more"));
          if (outcome === "user_account") expect(message.text).toContain(tr(locale, "advisor-user-account-warning"));
          else expect(message.text).not.toContain(tr(locale, "advisor-user-account-warning"));
          expect(labels.at(-1)).toBe(tr(locale, "advisor-start-over"));
        });
      }
    });
  }
});
