import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../src/matrix/ask.js";
import { MODEL } from "../src/matrix/confidence-model.js";
import { MAX_TEXT_LENGTH } from "../src/matrix/terms.js";
import { MatrixSearch } from "../src/matrix/search.js";
import { buttonLabels, TestChat, testCatalog, tr, useBot } from "./harness.js";

const catalog = testCatalog();
const title = (message: { text?: string }) => message.text?.split("\n")[0];
const rowTitle = (locale: string, slug: string) => catalog.get(locale).bySlug.get(slug)?.title;

describe("free-text answers", () => {
  const search = new MatrixSearch(catalog);
  const ask = (text: string) => answerQuestion(search, text);
  const rowOf = (text: string) => {
    const answer = ask(text);
    return answer.kind === "row" ? answer.slug : answer.kind;
  };

  it("answer a question in the words of a row's title with that row, in both languages", () => {
    for (const locale of catalog.locales) {
      for (const row of catalog.get(locale).rows)
        expect(rowOf(`${row.title}?`), `${locale}: ${row.title}`).toBe(row.slug);
    }
  });

  it("answer the README's example questions with their rows", () => {
    // The README shows these, in its list of what the bot does: they must be answered right.
    const examples: Record<string, string> = {
      "can my bot read old messages?": "read-history",
      "почему 409 Conflict?": "multiple-programs",
    };
    const line = readFileSync("README.md", "utf8")
      .split("\n")
      .find((l) => l.startsWith("- Free-text questions:"));
    const shown = [...(line ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(Object.keys(examples));
    for (const [question, slug] of Object.entries(examples)) expect(rowOf(question), question).toBe(slug);
  });

  it("offer the closest rows, not 'not covered', when a row's own name comes with a word of another subject", () => {
    expect(ask("how do I deploy my bot with docker?").kind).toBe("out");
    const named = ask("message_thread_id with docker");
    expect(named.kind).toBe("unsure");
    expect(named.kind === "unsure" ? named.slugs : []).toContain("forum-topics");
  });

  it("decide how sure to be with a model fitted on the questions asked as they are now", () => {
    expect(MODEL.fittedOn, "data/asked.yaml changed: run npx tsx scripts/tune-confidence.ts --write").toBe(
      catalog.asked.length,
    );
  });

  it("learn from the questions asked (data/asked.yaml) how a row is asked about", () => {
    const question = "my bot is deaf in the group chat";
    const untaught = new MatrixSearch({ ...catalog, asked: [] });
    const taught = new MatrixSearch({
      ...catalog,
      asked: [{ q: "why is my bot deaf in groups", expect: "privacy-mode" }],
    });
    expect(answerQuestion(untaught, question)).not.toMatchObject({ kind: "row", slug: "privacy-mode" });
    expect(answerQuestion(taught, question)).toMatchObject({ kind: "row", slug: "privacy-mode" });
  });

  it("land error messages pasted as they are on their row", () => {
    const errors: Record<string, string[]> = {
      "contact-user-first": ["Forbidden: bot can't initiate conversation with a user"],
      "blocked-users": ["403 Forbidden: bot was blocked by the user"],
      files: ["Bad Request: file is too big"],
      "text-limits": ["Bad Request: message is too long"],
      "button-limits": ["BUTTON_DATA_INVALID"],
      "fetch-users": ["PEER_ID_INVALID"],
      "multiple-programs": [
        "409 Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      ],
      "flood-limits": ["429 Too Many Requests: retry after 17"],
    };
    for (const [slug, texts] of Object.entries(errors)) for (const text of texts) expect(rowOf(text), text).toBe(slug);
    // A method bots may not call: the rows of what only a user account does.
    expect(["userbots", "read-history"]).toContain(rowOf("BOT_METHOD_INVALID"));
  });

  it("give the same row to a question in English and in Russian", () => {
    const twins: [string, string][] = [
      ["how do I get the list of members of a group?", "как получить список участников группы?"],
      ["what is the maximum file size a bot can upload?", "какой максимальный размер файла может загрузить бот?"],
      ["can a bot write to a user first?", "может ли бот написать пользователю первым?"],
      ["how to run two instances of a bot with one token", "как запустить два экземпляра бота с одним токеном"],
    ];
    for (const [en, ru] of twins) {
      expect(ask(en)).toMatchObject({ kind: "row", language: "en" });
      expect(ask(ru)).toMatchObject({ kind: "row", language: "ru" });
      expect(rowOf(ru), ru).toBe(rowOf(en));
    }
  });

  it("understand the bot's own subject", () => {
    for (const text of [
      "difference between bot api and mtproto",
      "Bot API vs MTProto, which one should I use?",
      "чем отличается бот апи от мтпрото",
    ]) {
      expect(ask(text).kind, text).toBe("overview");
    }
  });

  it("tell small talk apart, and never answer it with a row", () => {
    expect(ask("thanks!")).toMatchObject({ kind: "smalltalk", tone: "thanks" });
    expect(ask("спасибо большое")).toMatchObject({ kind: "smalltalk", tone: "thanks" });
    expect(ask("hi there")).toMatchObject({ kind: "smalltalk", tone: "hello" });
    expect(ask("привет")).toMatchObject({ kind: "smalltalk", tone: "hello" });
    for (const text of ["ok", "ок", "lol", "👍", "?"]) expect(ask(text), text).toMatchObject({ tone: "ack" });
    expect(ask("who are you?")).toMatchObject({ kind: "smalltalk", tone: "about" });
  });

  it("say a question is not covered rather than guess", () => {
    for (const text of ["asdfghjkl", "tell me a joke", "какая погода завтра", "how do I deploy my bot to heroku?"]) {
      expect(ask(text).kind, text).toBe("out");
    }
  });

  it("look at a long message only as far as it says something, so the answer cache stays small", () => {
    const question = "how do I get the list of members of a group?";
    const long = `${question} ${"x".repeat(10_000)}`;
    expect(ask(long)).toEqual(ask(`${question} ${"x".repeat(MAX_TEXT_LENGTH - question.length - 1)}`));
  });
});

describe("free-text questions in a private chat", () => {
  const t = useBot();

  it("answers a question with the card of the row that fits", async () => {
    const card = await t.chat.send("can my bot get the list of all members of a group?");
    expect(title(card)).toBe(rowTitle("en", "group-members"));
    expect(buttonLabels(card).flat()).toContain("↗ Share");
  });

  it("answers a Russian question in Russian and an English one in English, whatever the app's language", async () => {
    const card = await t.chat.send("как получить список участников группы?");
    expect(title(card)).toBe(rowTitle("ru", "group-members"));
    const ivan = new TestChat(t.h, t.h.emu.user({ first_name: "Иван", language_code: "ru" }));
    expect(title(await ivan.send("how do I get the list of members of a group?"))).toBe(
      rowTitle("en", "group-members"),
    );
  });

  it("answers in the language chosen with /language, whatever the question's", async () => {
    const menu = await t.chat.send("/language");
    await t.chat.tap(menu, "English");
    const card = await t.chat.send("как получить список участников группы?");
    expect(title(card)).toBe(rowTitle("en", "group-members"));
  });

  it("says it is not sure and offers the closest rows and where to look", async () => {
    // Two subjects at once, each a row of its own.
    const reply = await t.chat.send("group members or old messages");
    expect(reply.text).toContain(tr("en", "ask-unsure"));
    const labels = buttonLabels(reply).flat();
    expect(labels).toContain(tr("en", "ask-button-botapi"));
    expect(labels.length).toBeGreaterThanOrEqual(3);
  });

  it("says what it covers and where to look for a question outside the reference", async () => {
    const reply = await t.chat.send("how do I deploy my bot to heroku?");
    expect(reply.text).toContain(tr("en", "ask-out"));
    const urls = (reply.reply_markup?.inline_keyboard.flat() ?? []).flatMap((b) => ("url" in b ? [b.url] : []));
    expect(urls).toEqual([catalog.get("en").sources.botApi.url, catalog.get("en").sources.handbook.url]);
  });

  it("explains its own subject with a short explanation and the overview", async () => {
    const reply = await t.chat.send("what is the difference between the Bot API and MTProto?");
    expect(title(reply)).toBe(tr("en", "subject-title"));
    expect(buttonLabels(reply).flat()).toContain(tr("en", "overview-button-table"));
    const ru = await t.chat.send("чем отличается бот апи от мтпрото?");
    expect(title(ru)).toBe(tr("ru", "subject-title"));
  });

  it("meets thanks, greetings and goodbyes with a fitting word, and 'ok' with nothing", async () => {
    expect((await t.chat.send("thanks!")).text).toBe(tr("en", "smalltalk-thanks"));
    expect((await t.chat.send("спасибо")).text).toBe(tr("ru", "smalltalk-thanks"));
    expect((await t.chat.send("hello")).text).toBe(tr("en", "smalltalk-hello"));
    expect((await t.chat.send("bye")).text).toBe(tr("en", "smalltalk-bye"));
    expect(await t.chat.sendUnanswered("ok")).toEqual([]);
    expect(await t.chat.sendUnanswered("lol")).toEqual([]);
    const intro = await t.chat.send("who are you?");
    expect(intro.text).toContain("/compare");
    expect(intro.text).toContain(`@${t.h.emu.botInfo.username}`);
  });
});

describe("free-text questions in a group", () => {
  const t = useBot({ harness: { emulator: { privacyMode: false } } });

  it("answers only real questions addressed to it, by a mention or a reply", async () => {
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs" }));
    const question = "how do I get the list of members of a group?";
    expect(await group.sendUnanswered(question)).toEqual([]);
    const card = await group.send(`@${t.h.emu.botInfo.username} ${question}`);
    expect(title(card)).toBe(rowTitle("en", "group-members"));
    expect(card.reply_to_message?.from?.id).toBe(t.user.id);
    const replied = await group.send("and what is the maximum file size?", { reply_to_message_id: card.message_id });
    expect(title(replied)).toBe(rowTitle("en", "files"));
    for (const text of ["ок", "lol", "thanks!", "what's the weather like?"]) {
      const sent = group.post(text, { reply_to_message_id: card.message_id });
      await t.h.emu.waitUntilIdle();
      const after = t.h.emu.chatMessages(group.chat.id).filter((m) => m.message_id > sent.message_id);
      expect(after, text).toEqual([]);
    }
    expect(await group.sendUnanswered(`@${t.h.emu.botInfo.username} thanks`)).toEqual([]);
  });
});

describe("free-text questions in a group with privacy mode on", () => {
  const t = useBot({ harness: { emulator: { privacyMode: true } } });

  it("still answers a mention", async () => {
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs" }));
    const reply = await group.send(`@${t.h.emu.botInfo.username} чем отличается бот апи от мтпрото?`);
    expect(title(reply)).toBe(tr("ru", "subject-title"));
  });
});
