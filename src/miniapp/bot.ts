import type { Api, Transformer } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Logger } from "pino";
import type { Catalog } from "../matrix/load.js";
import type { RenderedMessage, Translate } from "../render/message.js";
import { CodeCards } from "../render/code.js";
import { urlButton, webAppButton, withRowsAbove } from "../render/keyboard.js";
import type { Snippets } from "../snippets.js";

/** Where the bot opens its Mini App. */
export interface MiniAppOptions {
  /** The app's https address, MINI_APP_URL. */
  url: string;
}

/** The "Open the table" button: a web app button, which the transformer below turns into a link where needed. */
export function miniAppButton(t: Translate, locale: string, url: string): InlineKeyboardButton {
  return webAppButton(t(locale, "miniapp-button"), url);
}

/**
 * The cards with an "Open the table" button under the welcome, /help and
 * the overview. The messages stay cached as the renderer keeps them: one
 * copy with the button per message.
 */
export class MiniAppRenderer extends CodeCards {
  private readonly withButton = new WeakMap<RenderedMessage, RenderedMessage>();

  constructor(
    catalog: Catalog,
    t: Translate,
    snippets: Snippets,
    private readonly miniApp: MiniAppOptions,
  ) {
    super(catalog, t, snippets);
  }

  private addButton(locale: string, message: RenderedMessage): RenderedMessage {
    let known = this.withButton.get(message);
    if (known === undefined) {
      const button = miniAppButton(this.t, this.resolveLocale(locale), this.miniApp.url);
      known = withRowsAbove(message, [[button]]);
      this.withButton.set(message, known);
    }
    return known;
  }

  override overview(locale: string): RenderedMessage {
    return this.addButton(locale, super.overview(locale));
  }

  override start(locale: string, botUsername: string): RenderedMessage {
    return this.addButton(locale, super.start(locale, botUsername));
  }

  override help(locale: string, botUsername: string): RenderedMessage {
    return this.addButton(locale, super.help(locale, botUsername));
  }
}

/** A keyboard with its web app buttons turned into plain links, or the same keyboard if it has none. */
function withLinks(markup: InlineKeyboardMarkup): InlineKeyboardMarkup {
  if (!markup.inline_keyboard.some((row) => row.some((b) => "web_app" in b))) return markup;
  return {
    inline_keyboard: markup.inline_keyboard.map((row) =>
      row.map((b): InlineKeyboardButton => ("web_app" in b && b.web_app ? urlButton(b.text, b.web_app.url) : b)),
    ),
  };
}

type Payload = Record<string, unknown>;

const isKeyboard = (value: unknown): value is InlineKeyboardMarkup =>
  typeof value === "object" && value !== null && Array.isArray((value as Payload)["inline_keyboard"]);

/**
 * Telegram takes web app buttons of inline keyboards only in private chats
 * between a user and the bot (BUTTON_TYPE_INVALID elsewhere). This API
 * transformer turns them into links to the same address everywhere else:
 * in groups and channels (negative chat ids, or an @username), on inline
 * messages, in inline results and on behalf of a business account. The page
 * then opens in the browser, where it works as a plain web page.
 */
export function webAppButtonsWhereAllowed(): Transformer {
  return (prev, method, payload, signal) => {
    const p = payload as Payload;
    if (method === "answerInlineQuery" && Array.isArray(p["results"])) {
      const results = (p["results"] as Payload[]).map((r) =>
        isKeyboard(r["reply_markup"]) ? { ...r, reply_markup: withLinks(r["reply_markup"]) } : r,
      );
      return prev(method, { ...p, results } as unknown as typeof payload, signal);
    }
    const markup = p["reply_markup"];
    if (!isKeyboard(markup)) return prev(method, payload, signal);
    const chatId = p["chat_id"];
    const inPrivate =
      typeof chatId === "number" &&
      chatId > 0 &&
      p["inline_message_id"] === undefined &&
      p["business_connection_id"] === undefined;
    if (inPrivate) return prev(method, payload, signal);
    const links = withLinks(markup);
    return prev(
      method,
      (links === markup ? payload : { ...p, reply_markup: links }) as unknown as typeof payload,
      signal,
    );
  };
}

/**
 * Makes the app the bot's menu button in every private chat (Telegram has
 * one default button for all; its text is in the default language). A
 * failure is logged and skipped: everything else works without it.
 */
export async function setMenuButton(api: Api, text: string, miniApp: MiniAppOptions, logger: Logger): Promise<void> {
  try {
    await api.setChatMenuButton({ menu_button: { type: "web_app", text, web_app: { url: miniApp.url } } });
  } catch (err) {
    logger.warn({ err }, "could not set the menu button");
  }
}
