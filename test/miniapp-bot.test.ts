import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { BotApiEmulator } from "../emulator/index.js";
import { buttonData, TestChat, testCatalog, tr, useBot } from "./harness.js";

const URL = "https://bot.example.com/app";

/** Calls the emulator's Bot API directly, as a bot without this project's code would. */
async function call(emu: BotApiEmulator, method: string, params: object): Promise<unknown> {
  const res = await fetch(`${emu.apiRoot}/bot${emu.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return res.json();
}

const buttons = (message: { reply_markup?: InlineKeyboardMarkup }): InlineKeyboardButton[] =>
  (message.reply_markup?.inline_keyboard ?? []).flat();
const webApps = (message: { reply_markup?: InlineKeyboardMarkup }) =>
  buttons(message).filter((b) => "web_app" in b && b.web_app !== undefined);
const appLinks = (message: { reply_markup?: InlineKeyboardMarkup }) =>
  buttons(message).filter((b) => "url" in b && b.url === URL);

describe("without MINI_APP_URL", () => {
  const t = useBot();

  it("shows no Mini App button anywhere and leaves the menu button alone", async () => {
    for (const command of ["/start", "/help", "/compare"]) {
      const reply = await t.chat.send(command);
      expect(webApps(reply), command).toEqual([]);
      expect(buttons(reply).map((b) => b.text)).not.toContain(tr("en", "miniapp-button"));
    }
    expect(t.h.emu.calls.filter((c) => c.method.includes("MenuButton"))).toEqual([]);
    expect(t.h.emu.menuButton()).toEqual({ type: "default" });
  });
});

describe("with MINI_APP_URL", () => {
  const t = useBot({ harness: { deps: { miniApp: { url: URL } } } });

  it("puts an Open the table web app button under /start, /help and the overview in a private chat", async () => {
    for (const command of ["/start", "/help", "/compare"]) {
      const reply = await t.chat.send(command);
      expect(webApps(reply), command).toEqual([{ text: tr("en", "miniapp-button"), web_app: { url: URL } }]);
    }
    const ru = new TestChat(t.h, t.h.emu.user({ first_name: "Иван", language_code: "ru" }));
    const reply = await ru.send("/start");
    expect(webApps(reply)[0]?.text).toBe(tr("ru", "miniapp-button"));
  });

  it("keeps the button when a card goes back to the overview in place", async () => {
    const slug = testCatalog().slugs[0] ?? "";
    const card = await t.chat.send(`/start ${slug}`);
    expect(webApps(card)).toEqual([]);
    const { message } = await t.chat.tap(
      card,
      tr("en", "card-position", { position: 1, total: testCatalog().slugs.length }),
    );
    expect(webApps(message)).toHaveLength(1);
  });

  it("links to the page instead in groups, where Telegram allows no web app buttons", async () => {
    const group = new TestChat(t.h, t.user, t.h.emu.group({ title: "Devs", type: "supergroup" }));
    const overview = await group.send(`/compare@${t.h.emu.botInfo.username}`);
    expect(webApps(overview)).toEqual([]);
    expect(appLinks(overview)).toEqual([{ text: tr("en", "miniapp-button"), url: URL }]);
    // Into a section and back to the overview, edited in place: still a link.
    const section = testCatalog().get("en").sections[0]?.title ?? "";
    const { message } = await group.press(overview, buttonData(overview, section));
    const { message: back } = await group.tap(message, tr("en", "section-button-overview"));
    expect(appLinks(back)).toHaveLength(1);
    expect(webApps(back)).toEqual([]);
  });

  it("links to the page on inline messages, where web app buttons do not work either", async () => {
    const { emu } = t.h;
    const group = emu.group({ title: "Devs" });
    const slug = testCatalog().slugs[0] ?? "";
    const iq = emu.inlineQuery({ from: t.user, query: slug, chat_type: "group" });
    await emu.waitForInlineAnswer(iq);
    const inlineMessageId = emu.chooseInlineResult({ from: t.user, inlineQueryId: iq, resultId: slug, chat: group });
    const posted = emu.inlineMessage(inlineMessageId) ?? {};
    const total = testCatalog().slugs.length;
    const cq = emu.pressButton(
      { from: t.user, inlineMessageId },
      buttonData(posted, tr("en", "card-position", { position: 1, total })),
    );
    await emu.waitForCallbackAnswer(cq);
    await t.h.settle();
    const overview = emu.inlineMessage(inlineMessageId) ?? {};
    expect(appLinks(overview)).toHaveLength(1);
    expect(webApps(overview)).toEqual([]);
  });
});

describe("the emulator, as Telegram", () => {
  const t = useBot();
  const webApp = { inline_keyboard: [[{ text: "Open", web_app: { url: URL } }]] };

  it("refuses web app buttons outside private chats, and takes them in one", async () => {
    const { emu } = t.h;
    const raw = { call: (method: string, params: object) => call(emu, method, params) };
    await t.chat.send("/start");
    const group = emu.group({ title: "Devs" });
    t.provoke("BUTTON_TYPE_INVALID");
    expect(await raw.call("sendMessage", { chat_id: group.id, text: "x", reply_markup: webApp })).toMatchObject({
      ok: false,
      error_code: 400,
      description: "Bad Request: BUTTON_TYPE_INVALID",
    });
    const sent = await raw.call("sendMessage", { chat_id: t.user.id, text: "x", reply_markup: webApp });
    expect(sent).toMatchObject({ ok: true });
    const iq = emu.inlineQuery({ from: t.user, query: "x" });
    const article = {
      type: "article",
      id: "1",
      title: "x",
      input_message_content: { message_text: "x" },
      reply_markup: webApp,
    };
    expect(await raw.call("answerInlineQuery", { inline_query_id: iq, results: [article] })).toMatchObject({
      ok: false,
      description: "Bad Request: BUTTON_TYPE_INVALID",
    });
  });

  it("keeps the menu button set with setChatMenuButton, by default and per chat", async () => {
    const { emu } = t.h;
    const raw = { call: (method: string, params: object) => call(emu, method, params) };
    await t.chat.send("/start");
    const button = { type: "web_app", text: "Table", web_app: { url: URL } };
    expect(await raw.call("setChatMenuButton", { menu_button: button })).toEqual({ ok: true, result: true });
    expect(emu.menuButton()).toEqual(button);
    expect(emu.menuButton(t.user.id)).toEqual(button);
    expect(await raw.call("getChatMenuButton", {})).toEqual({ ok: true, result: button });
    await raw.call("setChatMenuButton", { chat_id: t.user.id, menu_button: { type: "commands" } });
    expect(emu.menuButton(t.user.id)).toEqual({ type: "commands" });
    expect(emu.menuButton()).toEqual(button);
    t.provoke("BUTTON_URL_INVALID");
    expect(
      await raw.call("setChatMenuButton", { menu_button: { ...button, web_app: { url: "http://bot.example.com" } } }),
    ).toMatchObject({ ok: false, description: "Bad Request: BUTTON_URL_INVALID" });
  });
});
