import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api, Bot, GrammyError, HttpError, InputFile } from "grammy";
import { run } from "@grammyjs/runner";
import type { Chat, InlineQueryResultArticle, User } from "grammy/types";
import { BotApiEmulator } from "../emulator/index.js";

let emu: BotApiEmulator;
let api: Api;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  api = new Api(emu.token, { apiRoot: emu.apiRoot });
});

afterEach(async () => {
  await emu.close();
});

/** Raw HTTP call, to see status codes and bodies exactly as sent. */
async function call(
  method: string,
  body: unknown,
  init: { token?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.apiRoot}/bot${init.token ?? emu.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function expectError(status: number, description: string, method: string, body: unknown): Promise<void> {
  const r = await call(method, body);
  expect(r.json).toEqual({ ok: false, error_code: status, description });
  expect(r.status).toBe(status);
}

async function grammyError(p: Promise<unknown>): Promise<GrammyError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

async function expectGrammyError(p: Promise<unknown>, code: number, description: string | RegExp): Promise<void> {
  const err = await grammyError(p);
  expect(err.error_code).toBe(code);
  if (typeof description === "string") expect(err.description).toBe(description);
  else expect(err.description).toMatch(description);
}

/** A private chat the bot may write to: the user has sent /start. */
function startedUser(name = "Alice"): { user: User; chatId: number } {
  const user = emu.user({ first_name: name });
  emu.sendMessage({ from: user, text: "/start" });
  return { user, chatId: user.id };
}

const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "ascii");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("routing and auth", () => {
  it("answers getMe with the bot info", async () => {
    const me = await api.getMe();
    expect(me).toEqual(emu.botInfo);
    expect(me.username).toBe("compare_test_bot");
    expect(me.id).toBe(123456);
    expect(me.supports_inline_queries).toBe(true);
    expect(emu.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("rejects a wrong token with 401 and an unknown method with 404", async () => {
    const r = await call("getMe", {}, { token: "999:wrong-token-wrong-token-wrong-token" });
    expect(r).toEqual({ status: 401, json: { ok: false, error_code: 401, description: "Unauthorized" } });
    await expectError(404, "Not Found", "sendMesage", { chat_id: 1, text: "x" });
    const other = new Api("654321:another-token-another-token-xyz", { apiRoot: emu.apiRoot });
    await expectGrammyError(other.getMe(), 401, "Unauthorized");
  });

  it("accepts method names case-insensitively and query-string / urlencoded parameters", async () => {
    const { chatId } = startedUser();
    const q = await fetch(
      `${emu.apiRoot}/bot${emu.token}/SENDMESSAGE?chat_id=${chatId}&text=${encodeURIComponent("via query")}`,
    );
    expect(q.status).toBe(200);
    const form = await fetch(`${emu.apiRoot}/bot${emu.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        chat_id: String(chatId),
        text: "via form",
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }),
      }),
    });
    const body = (await form.json()) as { ok: boolean; result: { text: string; reply_markup: unknown } };
    expect(body.ok).toBe(true);
    expect(body.result.text).toBe("via form");
    expect(body.result.reply_markup).toEqual({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] });
    expect(emu.chatMessages(chatId).map((m) => m.text)).toEqual(["/start", "via query", "via form"]);
  });
});

describe("parameter validation from the spec", () => {
  it("rejects unknown parameters, naming them", async () => {
    const { chatId } = startedUser();
    await expectError(400, 'Bad Request: unknown parameter "reply_markupp" for sendMessage', "sendMessage", {
      chat_id: chatId,
      text: "hi",
      reply_markupp: {},
    });
  });

  it("reports missing required parameters", async () => {
    const { chatId } = startedUser();
    await expectError(400, "Bad Request: message text is empty", "sendMessage", { chat_id: chatId });
    await expectError(400, 'Bad Request: parameter "chat_id" is required', "sendMessage", { text: "hi" });
    await expectError(400, 'Bad Request: parameter "callback_query_id" is required', "answerCallbackQuery", {});
  });

  it("checks value types, recursively", async () => {
    const { chatId } = startedUser();
    await expectError(400, 'Bad Request: parameter "chat_id" must be of type Integer or String', "sendMessage", {
      chat_id: true,
      text: "hi",
    });
    await expectError(400, 'Bad Request: parameter "disable_notification" must be of type Boolean', "sendMessage", {
      chat_id: chatId,
      text: "hi",
      disable_notification: "yes",
    });
    await expectError(400, 'Bad Request: parameter "message_id" must be of type Integer', "deleteMessage", {
      chat_id: chatId,
      message_id: 1.5,
    });
    await expectError(
      400,
      'Bad Request: field "reply_markup.inline_keyboard[0][0].text" must be of type String',
      "sendMessage",
      { chat_id: chatId, text: "hi", reply_markup: { inline_keyboard: [[{ text: 5, callback_data: "x" }]] } },
    );
    await expectError(
      400,
      'Bad Request: unknown field "reply_markup.inline_keyboard[0][0].callback_dataa" in InlineKeyboardButton',
      "sendMessage",
      { chat_id: chatId, text: "hi", reply_markup: { inline_keyboard: [[{ text: "A", callback_dataa: "x" }]] } },
    );
    await expectError(
      400,
      'Bad Request: field "link_preview_options.is_disabled" must be of type Boolean',
      "sendMessage",
      {
        chat_id: chatId,
        text: "hi",
        link_preview_options: { is_disabled: 1 },
      },
    );
    await expectError(
      400,
      'Bad Request: field "scope.type" must be one of "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"',
      "setMyCommands",
      {
        commands: [{ command: "a", description: "b" }],
        scope: { type: "everyone" },
      },
    );
    await expectError(400, 'Bad Request: field "scope.chat_id" is required in BotCommandScopeChat', "setMyCommands", {
      commands: [{ command: "a", description: "b" }],
      scope: { type: "chat" },
    });
  });

  it("through grammY: a GrammyError with Telegram's fields", async () => {
    const { chatId } = startedUser();
    const bad = { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a", colour: "red" }]] } };
    await expectGrammyError(
      api.sendMessage(chatId, "hi", bad),
      400,
      'Bad Request: unknown field "reply_markup.inline_keyboard[0][0].colour" in InlineKeyboardButton',
    );
    expect(emu.errors).toHaveLength(1);
    expect(emu.errors[0]?.method).toBe("sendMessage");
  });

  it("accepts fields allowlisted with extraFields", async () => {
    await emu.close();
    emu = await BotApiEmulator.start({
      extraFields: { sendMessage: ["future_param"], InlineKeyboardButton: ["future_field"] },
    });
    const { chatId } = startedUser();
    const r = await call("sendMessage", {
      chat_id: chatId,
      text: "hi",
      future_param: 1,
      reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a", future_field: true }]] },
    });
    expect(r.status).toBe(200);
    await expectError(400, 'Bad Request: unknown parameter "other_param" for sendMessage', "sendMessage", {
      chat_id: chatId,
      text: "hi",
      other_param: 1,
    });
  });

  it("validates inline query results by their type", async () => {
    const user = emu.user();
    const iq = emu.inlineQuery({ from: user, query: "x" });
    const article = { type: "article", id: "1", title: "T", input_message_content: { message_text: "x" } };
    await expectError(
      400,
      'Bad Request: field "results[0].type" must be one of "audio", "document", "gif", "mpeg4_gif", "photo", "sticker", "video", "voice", "article", "contact", "game", "location", "venue"',
      "answerInlineQuery",
      {
        inline_query_id: iq,
        results: [{ ...article, type: "articel" }],
      },
    );
    await expectError(
      400,
      'Bad Request: field "results[0].title" is required in InlineQueryResultArticle',
      "answerInlineQuery",
      {
        inline_query_id: iq,
        results: [{ type: "article", id: "1", input_message_content: { message_text: "x" } }],
      },
    );
    await expectError(
      400,
      'Bad Request: field "results[0].input_message_content.message_text" must be of type String',
      "answerInlineQuery",
      {
        inline_query_id: iq,
        results: [{ ...article, input_message_content: { message_text: 7 } }],
      },
    );
  });
});

describe("message text rules", () => {
  it("enforces 1-4096 UTF-16 code units", async () => {
    const { chatId } = startedUser();
    await expectGrammyError(api.sendMessage(chatId, ""), 400, "Bad Request: message text is empty");
    await expectGrammyError(api.sendMessage(chatId, "  \n "), 400, "Bad Request: message text is empty");
    await expectGrammyError(api.sendMessage(chatId, "a".repeat(4097)), 400, "Bad Request: message is too long");
    await expectGrammyError(api.sendMessage(chatId, "😀".repeat(2049)), 400, "Bad Request: message is too long");
    const ok = await api.sendMessage(chatId, "😀".repeat(2048));
    expect(ok.text).toHaveLength(4096);
  });

  it("sends to known chats only", async () => {
    await expectGrammyError(api.sendMessage(42, "hi"), 400, "Bad Request: chat not found");
    const bob = emu.user({ first_name: "Bob" });
    await expectGrammyError(
      api.sendMessage(bob.id, "hi"),
      403,
      "Forbidden: bot can't initiate conversation with a user",
    );
    emu.sendMessage({ from: bob, text: "/start" });
    const m = await api.sendMessage(bob.id, "hello");
    expect(m.from).toEqual({ id: 123456, is_bot: true, first_name: "Compare Test Bot", username: "compare_test_bot" });
    expect(m.chat).toEqual({ id: bob.id, type: "private", first_name: "Bob" });
    expect(m.message_id).toBe(2);
    const m2 = await api.sendMessage(bob.id, "again");
    expect(m2.message_id).toBe(3);
  });

  it("checks explicit entities against the text", async () => {
    const { chatId } = startedUser();
    await expectGrammyError(
      api.sendMessage(chatId, "hello", { entities: [{ type: "bold", offset: 3, length: 5 }] }),
      400,
      "Bad Request: can't parse entities: entity #0 (bold) with offset 3 and length 5 ends outside of the text (5 UTF-16 code units)",
    );
    await expectGrammyError(
      api.sendMessage(chatId, "hello", { entities: [{ type: "bold", offset: 0, length: 0 }] }),
      400,
      "Bad Request: can't parse entities: entity #0 (bold) has a non-positive length 0",
    );
    const m = await api.sendMessage(chatId, "😀 bold", { entities: [{ type: "bold", offset: 3, length: 4 }] });
    expect(m.entities).toEqual([{ type: "bold", offset: 3, length: 4 }]);
  });

  it("parses HTML into entities and rejects Markdown", async () => {
    const { chatId } = startedUser();
    const m = await api.sendMessage(
      chatId,
      '<b>Bold</b> &amp; <i>it</i> <a href="https://example.com/x">link</a> <code>c</code>\n<pre><code class="language-ts">let x;</code></pre>',
      { parse_mode: "HTML" },
    );
    expect(m.text).toBe("Bold & it link c\nlet x;");
    expect(m.entities).toEqual([
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 7, length: 2 },
      { type: "text_link", offset: 10, length: 4, url: "https://example.com/x" },
      { type: "code", offset: 15, length: 1 },
      { type: "pre", offset: 17, length: 6, language: "ts" },
    ]);
    await expectGrammyError(
      api.sendMessage(chatId, "<b>x</i>", { parse_mode: "HTML" }),
      400,
      'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
    );
    await expectGrammyError(
      api.sendMessage(chatId, "<blink>x</blink>", { parse_mode: "HTML" }),
      400,
      'Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 0',
    );
    await expectGrammyError(
      api.sendMessage(chatId, "<b>x", { parse_mode: "HTML" }),
      400,
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
    await expectGrammyError(
      api.sendMessage(chatId, "*x*", { parse_mode: "MarkdownV2" }),
      400,
      'Bad Request: parse_mode "MarkdownV2" is not supported by the emulator; use "HTML" or entities',
    );
  });

  it("detects urls and commands in messages, as Telegram does", async () => {
    const { chatId } = startedUser();
    const m = await api.sendMessage(chatId, "See https://core.telegram.org/bots/api or /help");
    expect(m.entities).toEqual([
      { type: "url", offset: 4, length: 34 },
      { type: "bot_command", offset: 42, length: 5 },
    ]);
    const user = emu.user();
    const incoming = emu.sendMessage({ from: user, text: "/compare@compare_test_bot files" });
    expect(incoming.entities).toEqual([{ type: "bot_command", offset: 0, length: 25 }]);
  });

  it("limits captions to 1024 characters", async () => {
    const { chatId } = startedUser();
    await expectGrammyError(
      api.sendPhoto(chatId, new InputFile(PNG_1X1), { caption: "c".repeat(1025) }),
      400,
      "Bad Request: message caption is too long",
    );
  });
});

describe("inline keyboards", () => {
  const send = (chatId: number, button: Record<string, unknown>): Promise<unknown> =>
    api.sendMessage(chatId, "k", { reply_markup: { inline_keyboard: [[button as never]] } });

  it("limits callback_data to 64 bytes", async () => {
    const { chatId } = startedUser();
    await expectGrammyError(
      send(chatId, { text: "A", callback_data: `${"é".repeat(32)}a` }),
      400,
      "Bad Request: BUTTON_DATA_INVALID",
    );
    await expectGrammyError(send(chatId, { text: "A", callback_data: "" }), 400, "Bad Request: BUTTON_DATA_INVALID");
    await expect(send(chatId, { text: "A", callback_data: "é".repeat(32) })).resolves.toBeDefined();
  });

  it("checks button urls and actions", async () => {
    const { chatId } = startedUser();
    await expectGrammyError(
      send(chatId, { text: "A", url: "javascript:alert(1)" }),
      400,
      "Bad Request: BUTTON_URL_INVALID",
    );
    await expectGrammyError(
      send(chatId, { text: "A" }),
      400,
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    const both = await grammyError(send(chatId, { text: "A", url: "https://x.org", callback_data: "a" }));
    expect(both.description).toMatch(
      /^Bad Request: can't parse inline keyboard button: exactly one of .* must be used, found url and callback_data$/,
    );
    await expectGrammyError(
      send(chatId, { text: "A", switch_inline_query: "q".repeat(257) }),
      400,
      "Bad Request: can't parse inline keyboard button: switch_inline_query must be at most 256 characters long",
    );
    await expect(send(chatId, { text: "A", url: "tg://resolve?domain=x" })).resolves.toBeDefined();
  });
});

describe("editing", () => {
  it("edits by chat_id and message_id and refuses identical content", async () => {
    const { chatId } = startedUser();
    const markup = { inline_keyboard: [[{ text: "A", callback_data: "a" }]] };
    const m = await api.sendMessage(chatId, "one", { reply_markup: markup });
    const edited = await api.editMessageText(chatId, m.message_id, "two", { reply_markup: markup });
    expect(edited).toMatchObject({ message_id: m.message_id, text: "two", reply_markup: markup });
    expect(typeof (edited as { edit_date?: number }).edit_date).toBe("number");
    await expectGrammyError(
      api.editMessageText(chatId, m.message_id, "two", { reply_markup: markup }),
      400,
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    // Without reply_markup the keyboard goes away, so this is a change.
    await api.editMessageText(chatId, m.message_id, "two");
    expect(emu.chatMessages(chatId).find((x) => x.message_id === m.message_id)?.reply_markup).toBeUndefined();
    await expectGrammyError(
      api.editMessageReplyMarkup(chatId, m.message_id),
      400,
      /^Bad Request: message is not modified: /,
    );
    await expectGrammyError(api.editMessageText(chatId, 999, "x"), 400, "Bad Request: message to edit not found");
    await expectGrammyError(api.editMessageText(chatId, 1, "x"), 400, "Bad Request: message can't be edited");
    await expectGrammyError(
      api.editMessageCaption(chatId, m.message_id, { caption: "c" }),
      400,
      "Bad Request: there is no caption in the message to edit",
    );
  });

  it("needs exactly one way to address the message", async () => {
    const { chatId } = startedUser();
    await expectError(
      400,
      "Bad Request: specify either chat_id and message_id or inline_message_id, not both",
      "editMessageText",
      {
        chat_id: chatId,
        message_id: 1,
        inline_message_id: "x",
        text: "t",
      },
    );
    await expectError(
      400,
      "Bad Request: either chat_id and message_id or inline_message_id must be specified",
      "editMessageText",
      { text: "t" },
    );
  });
});

describe("callback queries", () => {
  it("may be answered once", async () => {
    const { user, chatId } = startedUser();
    const m = await api.sendMessage(chatId, "pick", {
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] },
    });
    const cq = emu.pressButtonByText({ from: user, message: m }, "Yes");
    const [update] = await api.getUpdates({ offset: -1 });
    expect(update?.callback_query).toMatchObject({
      id: cq,
      data: "yes",
      from: user,
      message: { message_id: m.message_id, text: "pick" },
    });
    expect(typeof update?.callback_query?.chat_instance).toBe("string");
    expect(emu.callbackAnswer(cq)).toBeUndefined();
    await expect(api.answerCallbackQuery(cq, { text: "done" })).resolves.toBe(true);
    await expectGrammyError(
      api.answerCallbackQuery(cq),
      400,
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
    expect(emu.callbackAnswer(cq)).toEqual({ answered: true, text: "done", count: 2 });
    await expectGrammyError(
      api.answerCallbackQuery("12345"),
      400,
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
  });

  it("limits the answer text to 200 characters and refuses buttons that do not exist", async () => {
    const { user, chatId } = startedUser();
    const m = await api.sendMessage(chatId, "pick", {
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] },
    });
    const cq = emu.pressButton({ from: user, message: m }, "yes");
    await expectGrammyError(
      api.answerCallbackQuery(cq, { text: "x".repeat(201) }),
      400,
      "Bad Request: MESSAGE_TOO_LONG",
    );
    await api.answerCallbackQuery(cq, { text: "x".repeat(200) });
    expect(emu.callbackAnswer(cq)?.count).toBe(2);
    expect(() => emu.pressButton({ from: user, message: m }, "no")).toThrow(/no button with callback_data "no"/);
  });
});

describe("inline mode", () => {
  const article = (id: string, text = "hello"): InlineQueryResultArticle => ({
    type: "article",
    id,
    title: `T${id}`,
    input_message_content: { message_text: text },
  });

  it("enforces the answerInlineQuery limits", async () => {
    const user = emu.user();
    const iq = emu.inlineQuery({ from: user, query: "files", chat_type: "sender" });
    const many = Array.from({ length: 51 }, (_, i) => article(String(i)));
    await expectGrammyError(api.answerInlineQuery(iq, many), 400, "Bad Request: RESULTS_TOO_MUCH");
    await expectGrammyError(
      api.answerInlineQuery(iq, [article("1"), article("1")]),
      400,
      "Bad Request: RESULT_ID_DUPLICATE",
    );
    await expectGrammyError(
      api.answerInlineQuery(iq, [article("x".repeat(65))]),
      400,
      "Bad Request: RESULT_ID_INVALID",
    );
    await expectGrammyError(api.answerInlineQuery(iq, [article("1", "")]), 400, "Bad Request: message text is empty");
    await expectGrammyError(
      api.answerInlineQuery(iq, [article("1", "y".repeat(4097))]),
      400,
      "Bad Request: message is too long",
    );
    await expectGrammyError(
      api.answerInlineQuery(iq, [article("1")], { button: { text: "Start", start_parameter: "bad param!" } }),
      400,
      "Bad Request: START_PARAM_INVALID",
    );
    await expectGrammyError(
      api.answerInlineQuery(iq, [
        { ...article("1"), reply_markup: { inline_keyboard: [[{ text: "B", callback_data: "d".repeat(65) }]] } },
      ]),
      400,
      "Bad Request: BUTTON_DATA_INVALID",
    );
    expect(emu.inlineAnswer(iq)).toMatchObject({ answered: false, count: 7 });
    await api.answerInlineQuery(iq, [article("1")], {
      button: { text: "Start", start_parameter: "ok_param-1" },
      cache_time: 0,
      is_personal: true,
      next_offset: "10",
    });
    expect(emu.inlineAnswer(iq)).toMatchObject({
      answered: true,
      count: 8,
      next_offset: "10",
      is_personal: true,
      cache_time: 0,
      button: { text: "Start", start_parameter: "ok_param-1" },
    });
    await expectGrammyError(
      api.answerInlineQuery(iq, [article("1")]),
      400,
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
    const [update] = await api.getUpdates({ offset: -1 });
    expect(update?.inline_query).toEqual({ id: iq, from: user, query: "files", offset: "", chat_type: "sender" });
  });

  it("posts a chosen result as an inline message the bot can edit and that has working buttons", async () => {
    await emu.close();
    emu = await BotApiEmulator.start({ inlineFeedback: true });
    api = new Api(emu.token, { apiRoot: emu.apiRoot });
    const user = emu.user();
    const group: Chat = emu.group({ title: "G" });
    const iq = emu.inlineQuery({ from: user, query: "cmp" });
    await api.answerInlineQuery(iq, [
      {
        ...article("r1", "<b>Result</b>"),
        input_message_content: { message_text: "<b>Result</b>", parse_mode: "HTML" },
        reply_markup: { inline_keyboard: [[{ text: "More", callback_data: "more" }]] },
      },
    ]);
    const imid = emu.chooseInlineResult({ from: user, inlineQueryId: iq, resultId: "r1", chat: group });
    expect(emu.inlineMessage(imid)).toMatchObject({
      text: "Result",
      entities: [{ type: "bold", offset: 0, length: 6 }],
      via_bot: { id: 123456 },
    });
    const updates = await api.getUpdates();
    expect(updates.map((u) => Object.keys(u)[1])).toEqual(["inline_query", "chosen_inline_result"]);
    expect(updates[1]?.chosen_inline_result).toEqual({
      result_id: "r1",
      from: user,
      query: "cmp",
      inline_message_id: imid,
    });

    const cq = emu.pressButton({ from: user, inlineMessageId: imid }, "more");
    const last = await api.getUpdates({ offset: -1 });
    expect(last[0]?.callback_query).toMatchObject({ id: cq, inline_message_id: imid, data: "more" });
    expect(last[0]?.callback_query?.message).toBeUndefined();

    await expect(api.editMessageTextInline(imid, "Edited")).resolves.toBe(true);
    expect(emu.inlineMessage(imid)?.text).toBe("Edited");
    expect(emu.inlineMessage(imid)?.reply_markup).toBeUndefined();
    expect(emu.chatMessages(group.id).at(-1)?.text).toBe("Edited");
    await expectGrammyError(api.editMessageTextInline(imid, "Edited"), 400, /^Bad Request: message is not modified: /);
    await expectGrammyError(api.editMessageTextInline("nope", "x"), 400, "Bad Request: message to edit not found");
  });

  it("accepts cached photos by known file_id only", async () => {
    const { chatId, user } = startedUser();
    const sent = await api.sendPhoto(chatId, new InputFile(PNG_1X1, "p.png"));
    const fileId = sent.photo.at(-1)?.file_id ?? "";
    const iq = emu.inlineQuery({ from: user, query: "" });
    await expectGrammyError(
      api.answerInlineQuery(iq, [{ type: "photo", id: "p", photo_file_id: "AgACnope" }]),
      400,
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
    await api.answerInlineQuery(iq, [{ type: "photo", id: "p", photo_file_id: fileId, caption: "pic" }]);
    const imid = emu.chooseInlineResult({ from: user, inlineQueryId: iq, resultId: "p" });
    expect(emu.inlineMessage(imid)).toMatchObject({ caption: "pic", photo: sent.photo });
  });
});

describe("bot settings", () => {
  it("stores commands per scope and language", async () => {
    await expectGrammyError(
      api.setMyCommands([{ command: "Start", description: "x" }]),
      400,
      "Bad Request: BOT_COMMAND_INVALID",
    );
    await expectGrammyError(
      api.setMyCommands([{ command: "a".repeat(33), description: "x" }]),
      400,
      "Bad Request: BOT_COMMAND_INVALID",
    );
    await expectGrammyError(
      api.setMyCommands([{ command: "start", description: "" }]),
      400,
      "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    );
    await expectGrammyError(
      api.setMyCommands(Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: "d" }))),
      400,
      "Bad Request: BOT_COMMANDS_TOO_MUCH",
    );
    await api.setMyCommands([{ command: "compare", description: "Compare" }]);
    await api.setMyCommands([{ command: "vergleich", description: "Vergleichen" }], {
      language_code: "de",
      scope: { type: "all_private_chats" },
    });
    expect(await api.getMyCommands()).toEqual([{ command: "compare", description: "Compare" }]);
    expect(await api.getMyCommands({ language_code: "de" })).toEqual([]);
    expect(emu.commands({ type: "all_private_chats" }, "de")).toEqual([
      { command: "vergleich", description: "Vergleichen" },
    ]);
    expect(emu.commands()).toEqual([{ command: "compare", description: "Compare" }]);
  });

  it("stores descriptions per language", async () => {
    await api.setMyDescription("What this bot does");
    await api.setMyShortDescription("Kurz", { language_code: "de" });
    expect(emu.description()).toBe("What this bot does");
    expect(emu.shortDescription("de")).toBe("Kurz");
    expect(await api.getMyDescription()).toEqual({ description: "What this bot does" });
    expect(await api.getMyShortDescription({ language_code: "de" })).toEqual({ short_description: "Kurz" });
    await expectGrammyError(api.setMyDescription("d".repeat(513)), 400, "Bad Request: description is too long");
    await expectGrammyError(
      api.setMyShortDescription("d".repeat(121)),
      400,
      "Bad Request: short description is too long",
    );
  });
});

describe("getUpdates", () => {
  it("keeps updates until they are confirmed with a higher offset", async () => {
    const user = emu.user();
    const ids = [emu.sendMessage({ from: user, text: "a" }), emu.sendMessage({ from: user, text: "b" })].map(
      (m) => m.message_id,
    );
    expect(ids).toEqual([1, 2]);
    const first = await api.getUpdates();
    expect(first.map((u) => u.message?.text)).toEqual(["a", "b"]);
    const again = await api.getUpdates();
    expect(again.map((u) => u.update_id)).toEqual(first.map((u) => u.update_id));
    const limited = await api.getUpdates({ limit: 1 });
    expect(limited).toHaveLength(1);
    const lastId = first[1]?.update_id ?? 0;
    expect(await api.getUpdates({ offset: lastId + 1 })).toEqual([]);
    expect(emu.pendingUpdateCount).toBe(0);
  });

  it("holds a long poll until an update arrives", async () => {
    const user = emu.user();
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 10 });
    await sleep(50);
    emu.sendMessage({ from: user, text: "late" });
    const updates = await poll;
    expect(updates.map((u) => u.message?.text)).toEqual(["late"]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("terminates the first of two concurrent getUpdates with 409", async () => {
    const first = api.getUpdates({ timeout: 10 });
    await sleep(30);
    const second = api.getUpdates({ timeout: 0 });
    await expectGrammyError(
      first,
      409,
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    );
    expect(await second).toEqual([]);
  });

  it("refuses getUpdates while a webhook is set", async () => {
    await api.setWebhook("http://127.0.0.1:9/hook");
    await expectGrammyError(
      api.getUpdates(),
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    await api.deleteWebhook();
    expect(await api.getUpdates()).toEqual([]);
  });

  it("releases a pending long poll on close", async () => {
    const poll = api.getUpdates({ timeout: 30 });
    await sleep(30);
    const started = Date.now();
    await emu.close();
    expect(await poll).toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
    emu = await BotApiEmulator.start();
  });

  it("drives a polling grammY bot", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot }, botInfo: emu.botInfo });
    bot.command("compare", (ctx) =>
      ctx.reply(`compare: ${ctx.match}`, {
        reply_markup: { inline_keyboard: [[{ text: "Details", callback_data: "details" }]] },
      }),
    );
    bot.callbackQuery("details", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "ok" });
      await ctx.editMessageText("details shown");
    });
    const running = bot.start({ drop_pending_updates: true });
    try {
      await emu.waitForPolling();
      const alice = emu.user({ first_name: "Alice" });
      const m = emu.sendMessage({ from: alice, text: "/compare files" });
      const reply = await emu.waitForBotMessage(alice.id, m.message_id);
      expect(reply.text).toBe("compare: files");
      const cq = emu.pressButtonByText({ from: alice, message: reply }, "Details");
      expect(await emu.waitForCallbackAnswer(cq)).toEqual({ answered: true, text: "ok", count: 1 });
      await emu.waitUntilIdle();
      expect(emu.lastBotMessage(alice.id)?.text).toBe("details shown");
      expect(emu.errors).toEqual([]);
    } finally {
      await bot.stop();
      await running;
    }
    expect(emu.pendingUpdateCount).toBe(0);
  });

  it("works with @grammyjs/runner", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot }, botInfo: emu.botInfo });
    bot.on("inline_query", (ctx) =>
      ctx.answerInlineQuery(
        [
          {
            type: "article",
            id: "a",
            title: "A",
            input_message_content: { message_text: `q=${ctx.inlineQuery.query}` },
          },
        ],
        { cache_time: 0 },
      ),
    );
    const handle = run(bot);
    try {
      await emu.waitForPolling();
      const iq = emu.inlineQuery({ from: emu.user(), query: "files" });
      const answer = await emu.waitForInlineAnswer(iq);
      expect(answer.results).toEqual([
        { type: "article", id: "a", title: "A", input_message_content: { message_text: "q=files" } },
      ]);
      expect(answer.count).toBe(1);
    } finally {
      if (handle.isRunning()) await handle.stop();
    }
    expect(emu.errors).toEqual([]);
  });

  it("hides plain group messages from a bot in privacy mode", async () => {
    const user = emu.user();
    const group = emu.group({ type: "supergroup", title: "S" });
    emu.sendMessage({ from: user, chat: group, text: "just chatting" });
    emu.sendMessage({ from: user, chat: group, text: "/compare@other_bot" });
    emu.sendMessage({ from: user, chat: group, text: "/compare@compare_test_bot" });
    emu.sendMessage({ from: user, chat: group, text: "hey @compare_test_bot" });
    const updates = await api.getUpdates();
    expect(updates.map((u) => u.message?.text)).toEqual(["/compare@compare_test_bot", "hey @compare_test_bot"]);
    expect(emu.chatMessages(group.id)).toHaveLength(4);
    expect(group.id).toBeLessThan(-1_000_000_000_000);
  });
});

describe("files", () => {
  it("uploads a photo with multipart and resends it by file_id", async () => {
    const { chatId } = startedUser();
    const first = await api.sendPhoto(chatId, new InputFile(pngHeader(640, 480), "shot.png"), {
      caption: "<b>shot</b>",
      parse_mode: "HTML",
    });
    expect(first.photo.map((p) => [p.width, p.height])).toEqual([
      [320, 240],
      [640, 480],
    ]);
    expect(first.caption).toBe("shot");
    expect(first.caption_entities).toEqual([{ type: "bold", offset: 0, length: 4 }]);
    const biggest = first.photo.at(-1);
    const again = await api.sendPhoto(chatId, biggest?.file_id ?? "");
    expect(again.photo.map((p) => p.file_unique_id)).toEqual(first.photo.map((p) => p.file_unique_id));
    expect(emu.lastBotMessage(chatId)?.photo).toEqual(first.photo);
    const file = await api.getFile(biggest?.file_id ?? "");
    const res = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path ?? ""}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(pngHeader(640, 480))).toBe(true);
    const replaced = await api.editMessageMedia(chatId, first.message_id, {
      type: "photo",
      media: new InputFile(PNG_1X1, "one.png"),
      caption: "one pixel",
    });
    expect(replaced).not.toBe(true);
    if (replaced !== true) {
      expect(replaced.photo?.map((p) => [p.width, p.height])).toEqual([[1, 1]]);
      expect(replaced.caption).toBe("one pixel");
    }
    await expectGrammyError(
      api.editMessageMedia(chatId, first.message_id, {
        type: "photo",
        media: replaced === true ? "" : (replaced.photo?.[0]?.file_id ?? ""),
        caption: "one pixel",
      }),
      400,
      /^Bad Request: message is not modified: /,
    );
    await expectGrammyError(
      api.sendPhoto(chatId, "AgACAgIAAxkBAAIunknown"),
      400,
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
    await expectGrammyError(
      api.sendPhoto(chatId, new InputFile(Buffer.from("not an image"))),
      400,
      "Bad Request: IMAGE_PROCESS_FAILED",
    );
    // The photo's width and height must not exceed 10000 in total, and their ratio must be at most 20.
    const pngOf = (width: number, height: number) => {
      const header = Buffer.alloc(33);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
      header.writeUInt32BE(13, 8);
      header.write("IHDR", 12, "ascii");
      header.writeUInt32BE(width, 16);
      header.writeUInt32BE(height, 20);
      return new InputFile(header);
    };
    for (const [width, height] of [
      [1080, 9000],
      [100, 2001],
    ] as const) {
      await expectGrammyError(
        api.sendPhoto(chatId, pngOf(width, height)),
        400,
        "Bad Request: PHOTO_INVALID_DIMENSIONS",
      );
    }
    expect((await api.sendPhoto(chatId, pngOf(1000, 9000))).photo?.length).toBeGreaterThan(0);
  });
});

describe("webhooks", () => {
  let hook: Server;
  let hookUrl: string;
  let received: Array<{ headers: IncomingHttpHeaders; body: Record<string, unknown> }>;
  let statuses: number[];
  let replyBody: string | undefined;

  beforeEach(async () => {
    received = [];
    statuses = [];
    replyBody = undefined;
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        });
        const status = statuses.shift() ?? 200;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(status === 200 && replyBody !== undefined ? replyBody : "");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  });

  afterEach(async () => {
    await emu.close();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  it("posts updates with the secret token and retries after a failure", async () => {
    const { user } = { user: emu.user() };
    statuses = [500];
    await api.setWebhook(hookUrl, { secret_token: "s3cret_-token" });
    emu.sendMessage({ from: user, text: "/start" });
    await emu.waitFor(() => emu.webhookUrl !== "" && (emu.pendingUpdateCount === 0 ? true : undefined), {
      message: "webhook delivery",
    });
    expect(received).toHaveLength(2);
    expect(received[0]?.body).toEqual(received[1]?.body);
    expect(received[1]?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret_-token");
    expect(received[1]?.body).toMatchObject({ message: { text: "/start", from: user } });
    const info = await api.getWebhookInfo();
    expect(info).toMatchObject({
      url: hookUrl,
      pending_update_count: 0,
      has_custom_certificate: false,
      last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
    });
    await expectGrammyError(
      api.setWebhook(hookUrl, { secret_token: "bad token!" }),
      400,
      "Bad Request: secret token contains unallowed characters",
    );
    await expectGrammyError(
      api.setWebhook("https://example.com/hook"),
      400,
      "Bad Request: bad webhook: the emulator only delivers webhooks to 127.0.0.1, ::1 or localhost",
    );
  });

  it("runs a method returned in the webhook response", async () => {
    const user = emu.user();
    replyBody = JSON.stringify({ method: "sendMessage", chat_id: user.id, text: "from webhook reply" });
    await api.setWebhook(hookUrl);
    emu.sendMessage({ from: user, text: "/start" });
    const msg = await emu.waitForBotMessage(user.id);
    expect(msg.text).toBe("from webhook reply");
    expect(emu.calls.at(-1)).toMatchObject({ method: "sendMessage", ok: true, source: "webhook-reply" });
  });

  it("delivers on demand with deliverPending", async () => {
    await emu.close();
    emu = await BotApiEmulator.start({ webhookRetryMs: 60_000 });
    api = new Api(emu.token, { apiRoot: emu.apiRoot });
    const user = emu.user();
    statuses = [502];
    await api.setWebhook(hookUrl);
    emu.sendMessage({ from: user, text: "one" });
    await emu.waitFor(() => received.length === 1 || undefined);
    expect(emu.pendingUpdateCount).toBe(1);
    expect(await emu.deliverPending()).toBe(1);
    expect(emu.pendingUpdateCount).toBe(0);
  });
});

describe("fault injection", () => {
  it("answers 429 with retry_after, then recovers", async () => {
    const { chatId } = startedUser();
    const fault = emu.injectFault({
      method: "sendMessage",
      response: { error_code: 429, parameters: { retry_after: 3 } },
    });
    const err = await grammyError(api.sendMessage(chatId, "hi"));
    expect(err.error_code).toBe(429);
    expect(err.description).toBe("Too Many Requests: retry after 3");
    expect(err.parameters.retry_after).toBe(3);
    expect(fault.hits).toBe(1);
    expect(fault.remaining).toBe(0);
    await expect(api.sendMessage(chatId, "hi")).resolves.toMatchObject({ text: "hi" });
    expect(emu.errors.map((c) => c.error)).toEqual([
      { error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } },
    ]);
  });

  it("can target one chat, drop connections and delay", async () => {
    const a = startedUser("A");
    const b = startedUser("B");
    emu.injectFault({
      method: "sendMessage",
      chatId: b.chatId,
      response: { error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    await expect(api.sendMessage(a.chatId, "ok")).resolves.toBeDefined();
    await expectGrammyError(api.sendMessage(b.chatId, "x"), 403, "Forbidden: bot was blocked by the user");
    emu.injectFault({ method: "getMe", dropConnection: true });
    const dropped = await api.getMe().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(dropped).toBeInstanceOf(HttpError);
    emu.injectFault({ method: "getMe", delayMs: 120 });
    const started = Date.now();
    await api.getMe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});
