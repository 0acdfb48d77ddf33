import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api, GrammyError, InputFile } from "grammy";
import type { InputMedia, InputMediaPhoto, Message } from "grammy/types";
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

/** A private chat the bot may write to: the user has sent /start. */
function startedChat(): number {
  const user = emu.user({ first_name: "Alice" });
  emu.sendMessage({ from: user, text: "/start" });
  return user.id;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  expect((err as GrammyError).error_code).toBe(400);
  return (err as GrammyError).description;
}

/** sendMediaGroup with any media and extra parameters, returning the messages as plain Messages. */
async function album(
  chatId: number,
  media: readonly InputMedia[],
  other?: Record<string, unknown>,
): Promise<Message[]> {
  return await api.sendMediaGroup(chatId, media as InputMediaPhoto[], other);
}

const photo = (w: number, h: number, caption?: string): InputMediaPhoto => ({
  type: "photo",
  media: new InputFile(png(w, h), `${w}x${h}.png`),
  ...(caption !== undefined ? { caption } : {}),
});

describe("sendMediaGroup", () => {
  it("sends uploaded photos as one album, in order, each with its caption", async () => {
    const chatId = startedChat();
    const sent = await album(chatId, [photo(960, 1200, "first"), photo(960, 800), photo(640, 480)]);
    expect(sent).toHaveLength(3);
    const group = sent[0]?.media_group_id;
    expect(group).toMatch(/^\d+$/);
    expect(sent.map((m) => m.media_group_id)).toEqual([group, group, group]);
    expect(sent.map((m) => m.message_id)).toEqual([2, 3, 4]);
    expect(sent.map((m) => m.caption)).toEqual(["first", undefined, undefined]);
    expect(sent.map((m) => m.photo?.at(-1)?.height)).toEqual([1200, 800, 480]);
    expect(emu.chatMessages(chatId).filter((m) => m.media_group_id === group)).toHaveLength(3);
  });

  it("sends photos again by their file_ids, mixed with uploads", async () => {
    const chatId = startedChat();
    const first = await album(chatId, [photo(960, 1200), photo(960, 800)]);
    const ids = first.map((m) => m.photo?.at(-1)?.file_id ?? "");
    const again = await album(chatId, [
      { type: "photo", media: ids[0] ?? "" },
      { type: "photo", media: ids[1] ?? "" },
      photo(100, 100),
    ]);
    expect(again.slice(0, 2).map((m) => m.photo?.at(-1)?.file_id)).toEqual(ids);
    expect(again[0]?.media_group_id).not.toBe(first[0]?.media_group_id);
  });

  it("takes 2-10 items, as the Bot API documents", async () => {
    const chatId = startedChat();
    expect(await refusal(album(chatId, []))).toBe("Bad Request: there are no messages to send");
    expect(await refusal(album(chatId, [photo(10, 10)]))).toBe("Bad Request: an album must include 2-10 items");
    const eleven = Array.from({ length: 11 }, () => photo(10, 10));
    expect(await refusal(album(chatId, eleven))).toBe("Bad Request: too many messages to send as an album");
    const ten = await album(
      chatId,
      Array.from({ length: 10 }, () => photo(10, 10)),
    );
    expect(ten).toHaveLength(10);
    // Nothing of a refused album was sent.
    expect(emu.chatMessages(chatId)).toHaveLength(11);
  });

  it("keeps documents apart from photos, and takes no keyboard", async () => {
    const chatId = startedChat();
    const doc = { type: "document" as const, media: new InputFile(Buffer.from("x"), "a.txt") };
    expect(await refusal(album(chatId, [photo(10, 10), doc]))).toBe(
      "Bad Request: document can't be mixed with other media types",
    );
    const docs = await album(chatId, [doc, { ...doc, media: new InputFile(Buffer.from("y"), "b.txt") }]);
    expect(docs.map((m) => m.document?.file_name)).toEqual(["a.txt", "b.txt"]);
    const keyboard = { reply_markup: { inline_keyboard: [[{ text: "a", callback_data: "a" }]] } };
    expect(await refusal(album(chatId, [photo(10, 10), photo(10, 10)], keyboard))).toBe(
      'Bad Request: unknown parameter "reply_markup" for sendMediaGroup',
    );
  });

  it("checks every item's caption and file", async () => {
    const chatId = startedChat();
    expect(await refusal(album(chatId, [photo(10, 10), photo(10, 10, "c".repeat(1025))]))).toBe(
      "Bad Request: message caption is too long",
    );
    expect(await refusal(album(chatId, [photo(10, 10), { type: "photo", media: "AgACunknown" }]))).toBe(
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
    expect(await refusal(album(chatId, [photo(10, 10), photo(500, 10_001)]))).toBe(
      "Bad Request: PHOTO_INVALID_DIMENSIONS",
    );
    expect(emu.chatMessages(chatId)).toHaveLength(1);
  });
});

describe("sendDocument", () => {
  it("keeps the file's name, type, size and a thumbnail, with caption and buttons", async () => {
    const chatId = startedChat();
    const data = png(960, 9100);
    const sent = await api.sendDocument(chatId, new InputFile(data, "table.en.png"), {
      caption: "The whole table",
      reply_markup: { inline_keyboard: [[{ text: "More", callback_data: "more" }]] },
    });
    expect(sent.document).toMatchObject({
      file_name: "table.en.png",
      mime_type: "image/png",
      file_size: data.byteLength,
      thumbnail: { width: 34, height: 320 },
    });
    expect(sent.caption).toBe("The whole table");
    expect(sent.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("More");
    // A photo this tall is refused; a document is not.
    expect(await refusal(api.sendPhoto(chatId, new InputFile(data, "table.png")))).toBe(
      "Bad Request: PHOTO_INVALID_DIMENSIONS",
    );
  });

  it("sends a document again by its file_id, and refuses unknown ones", async () => {
    const chatId = startedChat();
    const first = await api.sendDocument(chatId, new InputFile(Buffer.from("%PDF-1.4"), "a.pdf"));
    expect(first.document?.mime_type).toBe("application/pdf");
    const again = await api.sendDocument(chatId, first.document?.file_id ?? "");
    expect(again.document).toEqual(first.document);
    expect(await refusal(api.sendDocument(chatId, "BQACunknown"))).toBe(
      "Bad Request: wrong file identifier/HTTP URL specified",
    );
  });

  it("posts a cached document from inline mode", async () => {
    const chatId = startedChat();
    const sent = await api.sendDocument(chatId, new InputFile(Buffer.from("x"), "notes.txt"));
    const user = emu.user({ first_name: "Bob" });
    const iq = emu.inlineQuery({ from: user, query: "" });
    await api.answerInlineQuery(iq, [
      {
        type: "document",
        id: "doc",
        title: "Notes",
        document_file_id: sent.document?.file_id ?? "",
        caption: "Here",
      },
    ]);
    const id = emu.chooseInlineResult({ from: user, inlineQueryId: iq, resultId: "doc" });
    expect(emu.inlineMessage(id)).toMatchObject({ document: { file_name: "notes.txt" }, caption: "Here" });
  });
});
