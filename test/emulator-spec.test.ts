import { Api, Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator, botApiSpec } from "../emulator/index.js";
import { specLimit } from "../emulator/spec.js";

let emu: BotApiEmulator;
let api: Api;
let alice: User;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  api = new Api(emu.token, { apiRoot: emu.apiRoot });
  alice = emu.user({ first_name: "Alice" });
  emu.sendMessage({ from: alice, text: "/start" });
});

afterEach(async () => {
  await emu.close();
});

/** The error Telegram answers to a call, as `<code> <description>`. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  const e = err as GrammyError;
  return `${e.error_code} ${e.description}`;
}

/** The header of a PNG of this size: enough for the emulator, which reads no pixels. */
function png(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "ascii");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

describe("the spec's field limits", () => {
  it("refuses a field over the spec's length with a description of its range", async () => {
    const max = specLimit("ReplyKeyboardMarkup", "input_field_placeholder").max;
    const keyboard = (placeholder: string) => ({
      keyboard: [[{ text: "a" }]],
      input_field_placeholder: placeholder,
    });
    await expect(api.sendMessage(alice.id, "ok", { reply_markup: keyboard("p".repeat(max)) })).resolves.toBeDefined();
    expect(await refusal(api.sendMessage(alice.id, "no", { reply_markup: keyboard("p".repeat(max + 1)) }))).toBe(
      `400 Bad Request: field "reply_markup.input_field_placeholder" must be 1-${max} characters long`,
    );
  });

  it("counts bytes where the spec says bytes, and answers with Telegram's own error", async () => {
    const max = specLimit("InlineKeyboardButton", "callback_data").max;
    const button = (data: string) => ({ reply_markup: new InlineKeyboard().text("b", data) });
    await expect(api.sendMessage(alice.id, "ok", button("d".repeat(max)))).resolves.toBeDefined();
    // Two bytes per letter: half as many letters fit.
    expect(await refusal(api.sendMessage(alice.id, "no", button("д".repeat(max / 2 + 1))))).toBe(
      "400 Bad Request: BUTTON_DATA_INVALID",
    );
    expect(await refusal(api.sendMessage(alice.id, "no", button("")))).toBe("400 Bad Request: BUTTON_DATA_INVALID");
  });

  it("checks the bot's settings and callback answers against the spec's numbers", async () => {
    const name = specLimit("setMyName", "name").max;
    await expect(api.setMyName("n".repeat(name))).resolves.toBe(true);
    expect(await refusal(api.setMyName("n".repeat(name + 1)))).toBe("400 Bad Request: name is too long");
    const short = specLimit("setMyShortDescription", "short_description").max;
    expect(await refusal(api.setMyShortDescription("s".repeat(short + 1)))).toBe(
      "400 Bad Request: short description is too long",
    );
    const command = specLimit("BotCommand", "command").max;
    await expect(api.setMyCommands([{ command: "c".repeat(command), description: "d" }])).resolves.toBe(true);
    expect(await refusal(api.setMyCommands([{ command: "c".repeat(command + 1), description: "d" }]))).toBe(
      "400 Bad Request: BOT_COMMAND_INVALID",
    );
    const ids = specLimit("deleteMessages", "message_ids");
    const many = Array.from({ length: ids.max + 1 }, (_, i) => i + 1);
    expect(await refusal(api.deleteMessages(alice.id, many))).toBe(
      `400 Bad Request: message_ids must contain ${ids.min}-${ids.max} message identifiers`,
    );
  });

  it("brings getUpdates' limit and setWebhook's max_connections into range, as the Bot API server does", async () => {
    await expect(api.getUpdates({ limit: 1000, timeout: 0 })).resolves.toHaveLength(1);
    await api.setWebhook("http://127.0.0.1:9/hook", { max_connections: 1000 });
    const info = await api.getWebhookInfo();
    expect(info.max_connections).toBe(specLimit("setWebhook", "max_connections").max);
    await api.deleteWebhook();
  });

  it("leaves lengths counted after entity parsing to the formatter", async () => {
    const max = specLimit("sendMessage", "text").max;
    // Longer than the limit as sent, exactly the limit once the tags are gone.
    const html = `<b>${"x".repeat(max)}</b>`;
    const sent = await api.sendMessage(alice.id, html, { parse_mode: "HTML" });
    expect(sent.text).toHaveLength(max);
    expect(await refusal(api.sendMessage(alice.id, `<b>${"x".repeat(max + 1)}</b>`, { parse_mode: "HTML" }))).toBe(
      "400 Bad Request: message is too long",
    );
  });
});

// ---------------------------------------------------------------- results against the spec's `returns`

const SCALARS: Record<string, (v: unknown) => boolean> = {
  Integer: (v) => Number.isSafeInteger(v),
  Float: (v) => typeof v === "number" && Number.isFinite(v),
  String: (v) => typeof v === "string",
  Boolean: (v) => typeof v === "boolean",
  True: (v) => v === true,
};

/**
 * What is wrong with `value` as one of `types` (a spec type expression such as
 * `["Message", "Boolean"]` or `["Array of Update"]`): wrong JSON types, missing
 * required fields, fields the type does not have, union members none of which
 * fit, recursively. Empty when it fits.
 */
function misfits(value: unknown, types: readonly string[], path: string): string[] {
  let best: string[] | undefined;
  for (const t of types) {
    const found = misfitsOne(value, t, path);
    if (found.length === 0) return [];
    if (best === undefined || found.length < best.length) best = found;
  }
  return best ?? [`${path}: no type`];
}

function misfitsOne(value: unknown, type: string, path: string): string[] {
  if (type.startsWith("Array of ")) {
    if (!Array.isArray(value)) return [`${path}: not an array (${type})`];
    return value.flatMap((v, i) => misfits(v, [type.slice("Array of ".length)], `${path}[${i}]`));
  }
  const scalar = SCALARS[type];
  if (scalar !== undefined) return scalar(value) ? [] : [`${path}: ${JSON.stringify(value)} is not ${type}`];
  const def = botApiSpec.types[type];
  if (def === undefined) return [`${path}: unknown type ${type}`];
  if (def.subtypes !== undefined) return misfits(value, def.subtypes, path);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${path}: not an object (${type})`];
  const record = value as Record<string, unknown>;
  const fields = def.fields ?? [];
  const out: string[] = [];
  for (const f of fields) {
    const v = record[f.name];
    if (v === undefined) {
      if (f.required) out.push(`${path}.${f.name}: required in ${type}, missing`);
      continue;
    }
    if (f.const !== undefined && v !== f.const) out.push(`${path}.${f.name}: ${JSON.stringify(v)} is not "${f.const}"`);
    out.push(...misfits(v, f.types, `${path}.${f.name}`));
  }
  const known = new Set(fields.map((f) => f.name));
  for (const k of Object.keys(record)) if (!known.has(k)) out.push(`${path}.${k}: not a field of ${type}`);
  return out;
}

describe("results against the spec's returns", () => {
  it("knows a misfit when it sees one", () => {
    expect(misfits({ message_id: 1, date: 1 }, ["Message"], "r")).toContain("r.chat: required in Message, missing");
    expect(misfits([{ command: "a" }], ["Array of BotCommand"], "r")).toEqual([
      "r[0].description: required in BotCommand, missing",
    ]);
    expect(misfits(1, ["Message", "Boolean"], "r")).not.toEqual([]);
    expect(misfits({ status: "left", user: alice }, ["ChatMember"], "r")).toEqual([]);
  });

  it("answers every call of a bot conversation with what the spec says the method returns", async () => {
    const group = emu.group({ type: "supergroup", title: "Readers" });
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot }, botInfo: emu.botInfo });
    bot.command("start", async (ctx) => {
      await ctx.replyWithChatAction("typing");
      await ctx.reply("Pick one", { reply_markup: new InlineKeyboard().text("Go", "go") });
    });
    bot.callbackQuery("go", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Going" });
      await ctx.editMessageText("Gone");
      const photo = await ctx.replyWithPhoto(new InputFile(png(40, 30), "p.png"), { caption: "a picture" });
      const file = await ctx.api.getFile(photo.photo.at(-1)?.file_id ?? "");
      await ctx.api.copyMessage(ctx.chat?.id ?? 0, ctx.chat?.id ?? 0, photo.message_id);
      await ctx.replyWithMediaGroup([
        { type: "document", media: new InputFile(Buffer.from("a"), "a.txt") },
        { type: "document", media: new InputFile(Buffer.from("b"), "b.txt") },
      ]);
      await ctx.reply(`file ${file.file_unique_id}`);
    });
    bot.command("about", async (ctx) => {
      await ctx.getChat();
      await ctx.getChatMember(ctx.me.id);
      await ctx.getChatMemberCount();
      await ctx.getChatAdministrators();
      const sent = await ctx.reply("about", { reply_parameters: { message_id: ctx.msgId ?? 0 } });
      await ctx.api.setMessageReaction(ctx.chat.id, sent.message_id, [{ type: "emoji", emoji: "👍" }]);
      await ctx.api.deleteMessage(ctx.chat.id, sent.message_id);
      await ctx.reply("done");
    });
    bot.on("inline_query", (ctx) =>
      ctx.answerInlineQuery([
        { type: "article", id: "1", title: "One", input_message_content: { message_text: "one" } },
      ]),
    );
    await bot.api.getMe();
    await bot.api.setMyCommands([{ command: "start", description: "Start" }]);
    await bot.api.getMyCommands();
    await bot.api.setMyDescription("A bot");
    await bot.api.getMyDescription();
    await bot.api.getMyShortDescription();
    await bot.api.getMyName();
    await bot.api.getChatMenuButton();
    await bot.api.getWebhookInfo();
    const running = bot.start();
    try {
      await emu.waitForPolling();
      const start = emu.sendMessage({ from: alice, text: "/start" });
      const menu = await emu.waitForBotMessage(alice.id, start.message_id);
      const pressed = emu.pressButton({ from: alice, message: menu }, "go");
      await emu.waitForCallbackAnswer(pressed);
      await emu.waitFor(() => emu.lastBotMessage(alice.id)?.text?.startsWith("file "));
      const about = emu.sendMessage({ from: alice, chat: group, text: "/about" });
      await emu.waitFor(() =>
        emu.chatMessages(group.id).some((m) => m.message_id > about.message_id && m.text === "done"),
      );
      await emu.waitForInlineAnswer(emu.inlineQuery({ from: alice, query: "q" }));
    } finally {
      await bot.stop();
      await running;
    }
    const answered = emu.calls.filter((c) => c.ok);
    const problems = answered.flatMap((c) => {
      const returns = botApiSpec.methods[c.method]?.returns ?? ["(no such method)"];
      return misfits(c.result, returns, c.method);
    });
    expect(problems).toEqual([]);
    expect(emu.errors).toEqual([]);
    const methods = new Set(answered.map((c) => c.method));
    for (const m of ["getUpdates", "sendMessage", "editMessageText", "sendPhoto", "sendMediaGroup", "getChat"])
      expect(methods).toContain(m);
    expect(methods.size).toBeGreaterThanOrEqual(25);
  });
});
