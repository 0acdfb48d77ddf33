import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookCallback } from "grammy";
import type { User } from "grammy/types";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { BotApiEmulator, type StoredMessage } from "../emulator/index.js";
import { createBot } from "../src/bot.js";
import { DEMO_COMMANDS } from "../src/features/demos/index.js";
import { createI18n } from "../src/i18n.js";
import { RESERVED_SLUGS } from "../src/matrix/schema.js";
import { COMMANDS } from "../src/routes.js";
import { DEMO_START, withoutSecrets } from "../src/render/demos/index.js";
import { buttonLabels, TestChat, testCatalog, useBot } from "./harness.js";

const MB = 1024 * 1024;
const BOT = "@compare_test_bot";

/** A group with the test user as its owner and a few members who never write. */
function groupChat(
  t: ReturnType<typeof useBot>,
  options: { botIsAdmin?: boolean; type?: "group" | "supergroup" } = {},
): TestChat {
  const group = t.h.emu.group({ title: "Demo group", ...options });
  t.h.emu.addMember(group.id, t.user, "creator", 5);
  return new TestChat(t.h, t.user, group);
}

/** Sends a file as the user and resolves with the bot's first message after it. */
async function sendFile(
  chat: TestChat,
  size: number,
  extra: { file_name?: string; caption?: string; reply_to_message_id?: number; kind?: "photo" } = {},
): Promise<StoredMessage> {
  const sent = chat.h.emu.sendFile({ from: chat.user, chat: chat.chat, size, ...extra });
  return chat.h.emu.waitForBotMessage(chat.chat.id, sent.message_id);
}

/** The calls the bot made of one method, in order. */
function callsOf(t: ReturnType<typeof useBot>, method: string) {
  return t.h.emu.calls.filter((c) => c.method === method);
}

describe("files, in English", () => {
  const t = useBot();

  it("shows Telegram's refusal above 20 MB and points to the card about files", async () => {
    t.provoke("file is too big");
    const report = await sendFile(t.chat, 30 * MB, { file_name: "backup.zip" });
    expect(report.text).toContain("You sent backup.zip, 30 MB (31,457,280 bytes), application/zip");
    expect(report.text).toContain("✖ getFile: Telegram answered 400 Bad Request: file is too big");
    expect(report.text).toContain("A local Bot API server has no download limit");
    expect(report.entities).toContainEqual(expect.objectContaining({ type: "code", length: "getFile".length }));
    expect(callsOf(t, "getFile").map((c) => c.error?.description)).toEqual(["Bad Request: file is too big"]);
    // The files card, when the reference has it, comes as a new message below.
    const files = testCatalog().get("en").bySlug.get("files");
    if (files === undefined) {
      expect(buttonLabels(report)).toEqual([]);
      return;
    }
    expect(buttonLabels(report)).toEqual([[`📄 ${files.title}`]]);
    const { message } = await t.chat.tap(report, `📄 ${files.title}`);
    await t.h.settle();
    expect(message.text).toBe(report.text);
    const card = t.chat.botMessages().at(-1);
    expect(card?.message_id).toBeGreaterThan(report.message_id);
    expect(card?.text).toContain(files.title);
  });

  it("shows the file_path up to 20 MB, without downloading anything", async () => {
    const report = await sendFile(t.chat, 20 * MB, { file_name: "report.pdf" });
    expect(report.text).toContain("You sent report.pdf, 20 MB (20,971,520 bytes), application/pdf");
    expect(report.text).toMatch(/✅ getFile: file_path documents\/file_\d+\.pdf/);
    expect(report.text).toContain("I did not download your file, and I keep nothing you send.");
    expect(callsOf(t, "getFile")).toHaveLength(1);
  });

  it("reads photos by their largest size", async () => {
    const report = await sendFile(t.chat, 3 * MB, { kind: "photo" });
    expect(report.text).toContain("You sent a photo, 3 MB (3,145,728 bytes)");
    expect(callsOf(t, "getFile")[0]?.params.file_id).toBe(
      t.h.emu
        .chatMessages(t.chat.chat.id)
        .find((m) => m.photo !== undefined)
        ?.photo?.at(-1)?.file_id,
    );
  });

  it("in a group, takes only files addressed to it, and asks for one with a force reply", async () => {
    const group = groupChat(t, { botIsAdmin: true });
    const unaddressed = t.h.emu.sendFile({ from: t.user, chat: group.chat, size: 10 });
    await t.h.emu.waitUntilIdle();
    expect(group.botMessages()).toEqual([]);
    expect(t.h.emu.calls.some((c) => c.method === "getFile")).toBe(false);
    expect(unaddressed.document).toBeDefined();

    const prompt = await group.send("/file");
    expect(prompt.text).toContain("Reply to this message with any file");
    expect(t.h.emu.replyKeyboard(group.chat.id)).toEqual({ force_reply: true, selective: true });
    const viaReply = await sendFile(group, 1000, { file_name: "notes.txt", reply_to_message_id: prompt.message_id });
    expect(viaReply.text).toContain("You sent notes.txt, 1,000 bytes, text/plain");
    expect(viaReply.reply_to_message?.message_id).toBe(viaReply.message_id - 1);

    const mentioned = await sendFile(group, 5 * MB, { caption: `${BOT} what about this?` });
    expect(mentioned.text).toContain("You sent file.bin, 5 MB");
  });
});

describe("files, in Russian", () => {
  const t = useBot({ languageCode: "ru", firstName: "Иван" });

  it("answers in Russian, in private and in a group with privacy mode", async () => {
    t.provoke("file is too big");
    const report = await sendFile(t.chat, 21 * MB, { file_name: "видео.mp4" });
    expect(report.text).toContain("Вы прислали видео.mp4, 21 МБ (22\u00a0020\u00a0096 байт), video/mp4");
    expect(report.text).toContain("✖ getFile: Telegram ответил 400 Bad Request: file is too big");
    expect(report.text).toContain("Через Bot API бот скачивает файлы до 20 МБ.");
    const group = groupChat(t);
    const prompt = await group.send(`/file${BOT}`);
    expect(prompt.text).toContain("Ответьте на это сообщение любым файлом");
    const viaReply = await sendFile(group, 2 * MB, { reply_to_message_id: prompt.message_id });
    expect(viaReply.text).toContain("✅ getFile: file_path documents/");
    expect(viaReply.text).toContain("Я не скачивал ваш файл и ничего из присланного не храню.");
  });
});

describe("/whoami and a shared contact", () => {
  const t = useBot();

  it("shows the User object of the update, what is left out, and offers to share the number", async () => {
    const alice = t.h.emu.user({ id: t.user.id, first_name: "Alice", username: "alice", language_code: "en" });
    const chat = new TestChat(t.h, alice);
    const reply = await chat.send("/whoami");
    expect(reply.text).toContain(`"id": ${alice.id}`);
    expect(reply.text).toContain('"username": "alice"');
    expect(reply.entities).toContainEqual(expect.objectContaining({ type: "pre", language: "json" }));
    expect(reply.text).toContain("Left out, because they are not set or do not apply to you: last_name, is_premium.");
    expect(reply.text).toContain("your phone number, unless you share it");
    expect(t.h.emu.replyKeyboard(alice.id)).toEqual({
      keyboard: [[{ text: "📱 Share my phone number", request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    });

    const shared = t.h.emu.shareContact({ from: alice });
    const contact = await t.h.emu.waitForBotMessage(alice.id, shared.message_id);
    expect(contact.text).toContain(`"phone_number": "${shared.contact?.phone_number ?? "?"}"`);
    expect(contact.text).toContain("It is yours: its user_id is your ID.");
    expect(t.h.emu.replyKeyboard(alice.id)).toEqual({ remove_keyboard: true });
  });

  it("in a group, sends the user to a private chat for the number", async () => {
    const group = groupChat(t);
    const reply = await group.send(`/whoami${BOT}`);
    expect(reply.reply_to_message?.text).toBe(`/whoami${BOT}`);
    expect(reply.text).toContain("Sharing a phone number works in a private chat only");
    expect(reply.reply_markup?.inline_keyboard.flat()).toEqual([
      { text: "🔒 Continue in private", url: `https://t.me/compare_test_bot?start=${DEMO_START.whoami}` },
    ]);
    expect(t.h.emu.replyKeyboard(group.chat.id)).toBeUndefined();
    const fromLink = await t.chat.send(`/start ${DEMO_START.whoami}`);
    expect(fromLink.text).toContain("What this update told me about you");
  });

  it("in Russian, for a user with every field", async () => {
    const ivan = t.h.emu.user({
      first_name: "Иван",
      last_name: "Петров",
      username: "ivan",
      language_code: "ru",
      is_premium: true,
    });
    const chat = new TestChat(t.h, ivan);
    const reply = await chat.send("/whoami");
    expect(reply.text).toContain("Что этот апдейт рассказал мне о вас");
    expect(reply.text).toContain('"is_premium": true');
    expect(reply.text).not.toContain("Нет полей");
    const shared = t.h.emu.shareContact({ from: ivan });
    const contact = await t.h.emu.waitForBotMessage(ivan.id, shared.message_id);
    expect(contact.text).toContain("Он ваш: его user_id совпадает с вашим ID.");
  });
});

describe("/whatcanyousee", () => {
  const t = useBot();

  it("reports privacy mode, the bot's status, the count and the admins of a group", async () => {
    const group = groupChat(t);
    const report = await group.send("/whatcanyousee");
    expect(report.text).toContain("What I can see in Demo group");
    expect(report.text).toContain(
      "Privacy mode is on: I get commands, replies to my messages and messages that mention me.",
    );
    expect(report.text).toContain("can_read_all_group_messages = false");
    expect(report.text).toContain("I am a member here, without admin rights.");
    expect(report.text).toContain("Members: 7 (getChatMemberCount)");
    expect(report.text).toContain("Admins, 1 (getChatAdministrators):\n• Alice (owner)");
    expect(report.text).toContain("No Bot API method lists the members.");
    expect(report.text).toContain("channels.getParticipants, messages.getFullChat.");
    expect(callsOf(t, "getChatAdministrators")).toHaveLength(1);
  });

  it("as an admin, lists its rights and itself among the admins", async () => {
    const group = groupChat(t, { botIsAdmin: true, type: "supergroup" });
    const report = await group.send("/whatcanyousee");
    expect(report.text).toContain("As an admin I get every message here anyway.");
    expect(report.text).toMatch(/I am an admin here, with these rights: can_manage_chat, can_delete_messages, /);
    expect(report.text).toContain("• Compare Test Bot (me)");
  });

  it("shows a refused call as Telegram's answer and the rest still", async () => {
    const group = groupChat(t);
    t.h.emu.injectFault({
      method: "getChatAdministrators",
      response: { error_code: 400, description: "Bad Request: CHAT_ADMIN_REQUIRED" },
    });
    t.provoke("CHAT_ADMIN_REQUIRED");
    const report = await group.send("/whatcanyousee");
    expect(report.text).toContain("✖ getChatAdministrators: Telegram answered 400 Bad Request: CHAT_ADMIN_REQUIRED");
    expect(report.text).toContain("Members: 7");
  });

  it("in a private chat, explains and offers to add the bot to a group", async () => {
    const reply = await t.chat.send("/whatcanyousee");
    expect(reply.text).toContain("This one is for groups.");
    expect(reply.reply_markup?.inline_keyboard.flat()).toEqual([
      { text: "➕ Add me to a group", url: `https://t.me/compare_test_bot?startgroup=${DEMO_START.whatcanyousee}` },
    ]);
    expect(callsOf(t, "getChatMemberCount")).toEqual([]);
  });

  it("runs when added to a group through that button", async () => {
    const group = groupChat(t);
    const report = await group.send(`/start${BOT} ${DEMO_START.whatcanyousee}`);
    expect(report.text).toContain("What I can see in Demo group");
  });
});

describe("/whatcanyousee in Russian", () => {
  const t = useBot({ languageCode: "ru" });

  it("reports in Russian", async () => {
    const group = groupChat(t, { botIsAdmin: true });
    const report = await group.send("/whatcanyousee");
    expect(report.text).toContain("Что я вижу в группе Demo group");
    expect(report.text).toContain("Как админ я и так получаю все сообщения группы.");
    expect(report.text).toContain("Участников: 7 (getChatMemberCount)");
    expect(report.text).toContain("• Alice (владелец)");
    expect(report.text).toContain("Ни один метод Bot API не отдаёт список участников.");
    const privately = await t.chat.send("/whatcanyousee");
    expect(buttonLabels(privately)).toEqual([["➕ Добавить меня в группу"]]);
  });
});

describe("replies: what reply_to_message carries", () => {
  const t = useBot();

  it("in a group, shows a message it never got, copies it by ID and says why it could not fetch it", async () => {
    const group = groupChat(t);
    const bob = t.h.emu.user({ first_name: "Bob" });
    const hidden = t.h.emu.sendMessage({ from: bob, chat: group.chat, text: "the meeting moved to 5 pm" });
    await t.h.emu.waitUntilIdle();
    expect(group.botMessages()).toEqual([]);

    const ask = group.post(BOT, { reply_to_message_id: hidden.message_id });
    await t.h.settle();
    const [copy, explanation] = group.botMessages();
    expect(copy).toMatchObject({ text: "the meeting moved to 5 pm", reply_to_message: { message_id: ask.message_id } });
    expect(explanation?.text).toContain("The message you replied to");
    expect(explanation?.text).toContain(`"message_id": ${hidden.message_id}`);
    expect(explanation?.text).toContain('"first_name": "Bob"');
    expect(explanation?.text).toContain("no Bot API method does that");
    expect(explanation?.text).toContain(`It returns the new message_id (${copy?.message_id ?? 0}), not the message.`);
    expect(callsOf(t, "copyMessage")[0]?.params).toMatchObject({
      chat_id: group.chat.id,
      from_chat_id: group.chat.id,
      message_id: hidden.message_id,
    });
  });

  it("answers a reply with words as a question, not with the demonstration", async () => {
    const group = groupChat(t);
    const bob = t.h.emu.user({ first_name: "Bob" });
    const hidden = t.h.emu.sendMessage({ from: bob, chat: group.chat, text: "hello" });
    const answer = await group.send(`${BOT} how big can files be?`, { reply_to_message_id: hidden.message_id });
    expect(answer.text).not.toContain("The message you replied to");
    expect(callsOf(t, "copyMessage")).toEqual([]);
  });

  it("shows a refused copy as Telegram's answer", async () => {
    const earlier = t.chat.post("keep this");
    await t.h.settle();
    t.h.emu.injectFault({
      method: "copyMessage",
      response: { error_code: 400, description: "Bad Request: message can't be copied" },
    });
    t.provoke("message can't be copied");
    const reply = await t.chat.send(BOT, { reply_to_message_id: earlier.message_id });
    const explanation = t.chat.botMessages().at(-1);
    expect(explanation?.message_id).toBe(reply.message_id);
    expect(explanation?.text).toContain("✖ copyMessage: Telegram answered 400 Bad Request: message can't be copied");
  });

  it("explains how to try it, from a deep link", async () => {
    const hint = await t.chat.send(`/start ${DEMO_START.reply}`);
    expect(hint.text).toBe(
      `Reply to any message with just ${BOT} (nothing else), and I will show what I got of the message you replied to.`,
    );
  });
});

describe("replies, in Russian", () => {
  const t = useBot({ languageCode: "ru" });

  it("explains in Russian, in a private chat", async () => {
    const earlier = t.chat.post("старое сообщение");
    await t.h.settle();
    t.chat.post(BOT, { reply_to_message_id: earlier.message_id });
    await t.h.settle();
    const [copy, explanation] = t.chat.botMessages().slice(-2);
    expect(copy?.text).toBe("старое сообщение");
    expect(explanation?.text).toContain("Сообщение, на которое вы ответили");
    expect(explanation?.text).toContain("Запросить его по ID я бы не смог");
  });
});

describe("/react", () => {
  const t = useBot();

  it("sets one reaction and shows that a second is refused", async () => {
    t.provoke("REACTIONS_TOO_MANY");
    const command = t.chat.post("/react");
    const reply = await t.h.emu.waitForBotMessage(t.chat.chat.id, command.message_id);
    await t.h.settle();
    expect(t.h.emu.reactions(t.chat.chat.id, command.message_id)).toEqual([{ type: "emoji", emoji: "👍" }]);
    expect(reply.text).toContain("✅ setMessageReaction 👍: I put one reaction on your message.");
    expect(reply.text).toContain("✖ setMessageReaction: Telegram answered 400 Bad Request: REACTIONS_TOO_MANY");
    expect(callsOf(t, "setMessageReaction").map((c) => (c.params.reaction as unknown[]).length)).toEqual([1, 2]);
  });

  it("says so when even one reaction is refused, and does not ask for two", async () => {
    const group = groupChat(t);
    t.h.emu.injectFault({
      method: "setMessageReaction",
      response: { error_code: 400, description: "Bad Request: REACTION_INVALID" },
    });
    t.provoke("REACTION_INVALID");
    const reply = await group.send(`/react${BOT}`);
    expect(reply.text).toContain("✖ setMessageReaction: Telegram answered 400 Bad Request: REACTION_INVALID");
    expect(callsOf(t, "setMessageReaction")).toHaveLength(1);
  });
});

describe("/react in Russian, in a group", () => {
  const t = useBot({ languageCode: "ru" });

  it("reacts to the command in the group", async () => {
    t.provoke("REACTIONS_TOO_MANY");
    const group = groupChat(t);
    const command = group.post("/react");
    const reply = await t.h.emu.waitForBotMessage(group.chat.id, command.message_id);
    expect(reply.reply_to_message?.message_id).toBe(command.message_id);
    expect(t.h.emu.reactions(group.chat.id, command.message_id)).toHaveLength(1);
    expect(reply.text).toContain("я поставил одну реакцию на ваше сообщение.");
    expect(reply.text).toContain("Бот ставит одну реакцию на сообщение");
  });
});

describe("/updates", () => {
  const t = useBot();

  it("shows the pending updates and the 24-hour window while polling", async () => {
    const reply = await t.chat.send("/updates");
    expect(reply.text).toContain("I fetch updates with getUpdates (long polling).");
    expect(reply.text).toMatch(/Waiting right now: \d+ \(pending_update_count\)/);
    expect(reply.text).toContain("for 24 hours at most");
    expect(reply.text).not.toContain("delivery error");
  });

  it("in Russian, in a group", async () => {
    const ru = t.h.emu.user({ first_name: "Иван", language_code: "ru" });
    const group = t.h.emu.group();
    const reply = await new TestChat(t.h, ru, group).send(`/updates${BOT}`);
    expect(reply.text).toContain("Я забираю апдейты через getUpdates (long polling).");
    expect(reply.text).toContain("не дольше 24 часов");
  });
});

describe("/updates in webhook mode", () => {
  let emu: BotApiEmulator | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    await emu?.close();
  });

  it("shows the last delivery error, but never the URL or the secret", async () => {
    emu = await BotApiEmulator.start({ webhookRetryMs: 50 });
    const bot = createBot({
      token: emu.token,
      apiRoot: emu.apiRoot,
      catalog: testCatalog(),
      i18n: createI18n("locales"),
      logger: pino({ level: "silent" }),
      botInfo: emu.botInfo,
    });
    const secret = "webhook_secret_for_the_test";
    const handle = webhookCallback(bot, "http", { secretToken: secret });
    let failures = 1;
    server = createServer((req, res) => {
      if (failures-- > 0) {
        req.resume();
        res.writeHead(502).end();
        return;
      }
      void handle(req, res);
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/hook/path-that-is-secret`;
    await bot.api.setWebhook(url, { secret_token: secret });
    const user: User = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: user, text: "/updates" });
    const reply = await emu.waitForBotMessage(user.id, sent.message_id, { timeout: 5000 });
    expect(reply.text).toContain("Telegram delivers updates to my webhook.");
    expect(reply.text).toMatch(
      /Last delivery error, .+ UTC \(0 min ago\):\nWrong response from the webhook: 502 Bad Gateway/,
    );
    expect(reply.text).toContain("max_connections: 40");
    for (const secretPart of ["path-that-is-secret", secret, String(port), emu.token])
      expect(reply.text).not.toContain(secretPart);
  });
});

describe("the demonstrations' words", () => {
  it("never let a URL or a token through in an error message", () => {
    expect(withoutSecrets("Connection refused (https://example.com/bot123:abc/hook?secret=1)")).toBe(
      "Connection refused (<url>",
    );
    expect(withoutSecrets("failed for 123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef01234")).toBe("failed for <token>");
    expect(withoutSecrets("Wrong response from the webhook: 502 Bad Gateway")).toBe(
      "Wrong response from the webhook: 502 Bad Gateway",
    );
  });

  it("are in the command menu, and no row may take their names or deep links", () => {
    expect(COMMANDS.slice(-DEMO_COMMANDS.length)).toEqual([...DEMO_COMMANDS]);
    for (const name of [...DEMO_COMMANDS, ...Object.values(DEMO_START)]) expect(RESERVED_SLUGS).toContain(name);
  });
});
