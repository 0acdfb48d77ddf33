import { describe, expect, it } from "vitest";
import type { StoredMessage } from "../emulator/index.js";
import type { Draw } from "../src/table/drawing.js";
import type { DrawRequest } from "../src/table/render.js";
import { buttonData, drawOnce, TestChat, testCatalog, tr, useBot } from "./harness.js";

/** Every drawing the bots of these tests asked for. */
let draws: DrawRequest[] = [];
const counted: Draw = (request) => {
  draws.push(request);
  return drawOnce(request);
};

const t = useBot({ harness: { deps: { drawTable: counted } } });
const SLOW = { timeout: 60_000 };

/** The messages a /table sent to `chat` after `after`: the album's pictures, then the document. */
async function tableReply(chat: TestChat, after: number): Promise<{ album: StoredMessage[]; document: StoredMessage }> {
  const document = await t.h.emu.waitFor(
    () => chat.botMessages().find((m) => m.message_id > after && m.document !== undefined),
    { message: "the table's document", timeout: 50_000 },
  );
  const album = chat.botMessages().filter((m) => m.message_id > after && m.message_id < document.message_id);
  return { album, document };
}

/** Sends /table (or another text) and waits for all of its answer. */
async function table(chat: TestChat, text = "/table") {
  const sent = chat.post(text);
  return tableReply(chat, sent.message_id);
}

const calls = (method: string) => t.h.emu.calls.filter((c) => c.method === method && c.ok);
const media = (call: { params: Record<string, unknown> }) => call.params.media as { media: string }[];

describe("/table", () => {
  it("sends a picture per section as an album, then the whole table as a document", SLOW, async () => {
    draws = [];
    const { album, document } = await table(t.chat);
    const sections = testCatalog().sectionSlugs.length;
    expect(album.length).toBeGreaterThanOrEqual(sections);
    expect(album.every((m) => m.photo !== undefined && m.media_group_id !== undefined)).toBe(true);
    // Albums of 2-10 pictures, as many as needed.
    const groups = new Map<string | undefined, number>();
    for (const m of album) groups.set(m.media_group_id, (groups.get(m.media_group_id) ?? 0) + 1);
    expect(groups.size).toBe(Math.ceil(album.length / 10));
    for (const size of groups.values()) expect(size).toBeGreaterThanOrEqual(2);
    // The pictures fit what Telegram keeps of a photo, so none is scaled down.
    for (const m of album)
      expect(Math.max(m.photo?.at(-1)?.width ?? 0, m.photo?.at(-1)?.height ?? 0)).toBeLessThanOrEqual(1280);
    expect(album[0]?.caption).toContain(tr("en", "table-caption"));
    const link = album[0]?.caption_entities?.find((e) => e.type === "text_link");
    expect(link && "url" in link ? link.url : undefined).toBe("https://papercraft.tmat.me/book/api-comparison");
    expect(album.slice(1).map((m) => m.caption)).toEqual(album.slice(1).map(() => undefined));

    expect(document.document).toMatchObject({ file_name: "bot-api-mtproto.en.png", mime_type: "image/png" });
    expect(document.caption).toBe(tr("en", "table-document-caption"));
    expect(document.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      tr("en", "section-button-overview"),
      tr("en", "overview-button-inline"),
    ]);
    // Drawn once: the sections, and the whole table beside them.
    expect(draws.map((d) => [d.draw.length, d.full])).toEqual([
      [sections, false],
      [0, true],
    ]);
  });

  it("sends by file_id once Telegram has the pictures", SLOW, async () => {
    const first = await table(t.chat);
    draws = [];
    const second = await table(t.chat);
    expect(draws).toEqual([]);
    const albums = calls("sendMediaGroup").map((c) => media(c).map((m) => m.media));
    const [uploads, again] = [albums.slice(0, albums.length / 2).flat(), albums.slice(albums.length / 2).flat()];
    expect(uploads.every((m) => m.startsWith("attach://"))).toBe(true);
    expect(again).toEqual(first.album.map((m) => m.photo?.at(-1)?.file_id));

    expect(second.album.map((m) => m.photo?.at(-1)?.file_id)).toEqual(first.album.map((m) => m.photo?.at(-1)?.file_id));
    const documents = calls("sendDocument").map((c) => c.params.document);
    expect(typeof documents[0]).not.toBe("string");
    expect(documents[1]).toBe(first.document.document?.file_id);
  });

  it("draws and uploads once for a burst of requests, and once per language", SLOW, async () => {
    draws = [];
    const bob = new TestChat(t.h, t.h.emu.user({ first_name: "Bob", language_code: "en" }));
    const [alice, bobs] = await Promise.all([table(t.chat), table(bob)]);
    expect(draws).toHaveLength(2);
    const uploads = calls("sendMediaGroup").map((c) => media(c).every((m) => m.media.startsWith("attach://")));
    const half = uploads.length / 2;
    expect(uploads).toEqual([...Array<boolean>(half).fill(true), ...Array<boolean>(half).fill(false)]);
    expect(alice.album.length).toBe(bobs.album.length);

    const ivan = new TestChat(t.h, t.h.emu.user({ first_name: "Иван", language_code: "ru" }));
    const russian = await table(ivan);
    expect(russian.album[0]?.caption).toContain(tr("ru", "table-caption"));
    expect(russian.document.document?.file_name).toBe("bot-api-mtproto.ru.png");
    expect(draws).toHaveLength(4);
    await table(ivan);
    expect(draws).toHaveLength(4);
  });

  it("uploads again when Telegram refuses a file_id it gave", SLOW, async () => {
    await table(t.chat);
    t.provoke("wrong file identifier");
    t.h.emu.injectFault({
      method: "sendMediaGroup",
      response: { error_code: 400, description: "Bad Request: wrong file identifier/HTTP URL specified" },
    });
    const { album, document } = await table(t.chat);
    expect(album.length).toBeGreaterThan(1);
    expect(document.document).toBeDefined();
    // The refused album by file_id, then the pictures uploaded again.
    const albums = t.h.emu.calls.filter((c) => c.method === "sendMediaGroup");
    const refused = albums.findIndex((c) => !c.ok);
    expect(media(albums[refused] ?? { params: { media: [] } })[0]?.media.startsWith("attach://")).toBe(false);
    expect(albums.slice(refused + 1).every((c) => c.ok && media(c).every((m) => m.media.startsWith("attach://")))).toBe(
      true,
    );
    expect(t.h.logs.some((l) => l.msg.includes("file_id of the table was refused"))).toBe(true);
  });

  it("is one tap away from the overview, and leads back to it", SLOW, async () => {
    const overview = await t.chat.send("/compare");
    await t.chat.tap(overview, tr("en", "overview-button-table"));
    const { album, document } = await tableReply(t.chat, overview.message_id);
    expect(album.length).toBeGreaterThan(1);
    expect(t.chat.message(overview.message_id).text).toBe(overview.text);
    await t.chat.tap(document, tr("en", "section-button-overview"));
    expect(t.chat.botMessages().at(-1)?.text).toBe(overview.text);
  });

  it("opens the bot from an inline message, which has no chat to send to", SLOW, async () => {
    const slug = testCatalog().slugs[0] ?? "";
    const iq = t.h.emu.inlineQuery({ from: t.user, query: "" });
    await t.h.emu.waitForInlineAnswer(iq);
    const inlineMessageId = t.h.emu.chooseInlineResult({
      from: t.user,
      inlineQueryId: iq,
      resultId: slug,
      chat: t.h.emu.group(),
    });
    // From the card up to its section, then up to the overview, all in the inline message.
    for (const label of ["↑", tr("en", "section-button-overview")]) {
      const up = t.h.emu.pressButton(
        { from: t.user, inlineMessageId },
        buttonData(t.h.emu.inlineMessage(inlineMessageId) ?? {}, label),
      );
      await t.h.emu.waitForCallbackAnswer(up);
      await t.h.settle();
    }
    const cq = t.h.emu.pressButton(
      { from: t.user, inlineMessageId },
      buttonData(t.h.emu.inlineMessage(inlineMessageId) ?? {}, tr("en", "overview-button-table")),
    );
    expect(await t.h.emu.waitForCallbackAnswer(cq)).toMatchObject({
      url: `https://t.me/${t.h.emu.botInfo.username}?start=table`,
      count: 1,
    });
    const { album } = await table(t.chat, "/start table");
    expect(album.length).toBeGreaterThan(1);
  });
});

describe("/table in inline mode", () => {
  const ids = async (query: string) =>
    (await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query }))).results.map((r) => r.id);

  it("offers the pictures once Telegram has them, and not before", SLOW, async () => {
    expect((await ids("")).filter((id) => id.startsWith("table:"))).toEqual([]);
    expect((await ids("table")).filter((id) => id.startsWith("table:"))).toEqual([]);
    const { album, document } = await table(t.chat);

    const empty = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "" }));
    expect(empty.results.at(-1)).toMatchObject({
      type: "document",
      id: "table:all",
      document_file_id: document.document?.file_id,
    });
    expect(empty.results.filter((r) => r.id.startsWith("table:"))).toHaveLength(1);

    const asked = await t.h.emu.waitForInlineAnswer(t.h.emu.inlineQuery({ from: t.user, query: "table" }));
    const pictures = asked.results.filter((r) => r.type === "photo");
    expect(pictures.map((r) => ("photo_file_id" in r ? r.photo_file_id : ""))).toEqual(
      album.map((m) => m.photo?.at(-1)?.file_id),
    );
    expect(asked.results[album.length]?.id).toBe("table:all");
    expect((await ids("members")).filter((id) => id.startsWith("table:"))).toEqual([]);

    // With other words, the section of the best row for them comes first.
    const last = testCatalog().get("en").sections.at(-1);
    const row = last?.rows[0];
    const words = await ids(`table ${row?.title ?? ""}`);
    expect(words[0]).toMatch(new RegExp(`^table:${last?.slug ?? ""}(:1)?$`));

    // Posted inline, the document keeps the one button that needs no chat of the bot's: search inline.
    const iq = t.h.emu.inlineQuery({ from: t.user, query: "table" });
    await t.h.emu.waitForInlineAnswer(iq);
    const posted = t.h.emu.inlineMessage(
      t.h.emu.chooseInlineResult({ from: t.user, inlineQueryId: iq, resultId: "table:all", chat: t.h.emu.group() }),
    );
    expect(posted?.document?.file_id).toBe(document.document?.file_id);
    expect(posted?.reply_markup?.inline_keyboard.flat()).toEqual([
      { text: tr("en", "overview-button-inline"), switch_inline_query_current_chat: "" },
    ]);
    // Tapping it starts an inline query in that chat with what the button puts after the bot's name.
    const search = t.h.emu.inlineQuery({ from: t.user, query: "", chat_type: "group" });
    expect((await t.h.emu.waitForInlineAnswer(search)).results.map((r) => r.id)).toEqual(await ids(""));
  });
});
