import type { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, MessageEntity } from "grammy/types";

/**
 * A message ready to send or to edit into place: text with its entities and
 * an inline keyboard. Built once and reused, so it holds plain data only.
 */
export interface RenderedMessage {
  text: string;
  entities: MessageEntity[];
  reply_markup?: InlineKeyboardMarkup;
  link_preview_options: LinkPreviewOptions;
}

/**
 * Translates a key of the Fluent files into `locale`. The bot makes one
 * (see bot.ts) and every key becomes text through it: the renderers,
 * `ctx.translate`, the flood notice and /language.
 */
export type Translate = (locale: string, key: string, variables?: Record<string, string | number>) => string;

/** The translations made by {@link rememberingTranslate}, which need no second cache. */
const remembering = new WeakSet<Translate>();

/**
 * Keeps what `t` gives for keys without variables: a translation costs
 * microseconds (Fluent negotiates the language on every call) and the
 * messages never change while the bot runs. Calls with variables are
 * passed through, since user input can make those endless. A translation
 * that already remembers is returned as it is, so the renderers share the
 * bot's one cache.
 */
export function rememberingTranslate(t: Translate): Translate {
  if (remembering.has(t)) return t;
  const known = new Map<string, string>();
  const translate: Translate = (locale, key, variables) => {
    if (variables !== undefined) return t(locale, key, variables);
    return cached(known, `${locale}\u0000${key}`, () => t(locale, key));
  };
  remembering.add(translate);
  return translate;
}

/**
 * The value cached under `key`, built on first use. Rendered messages depend
 * only on the language and the data, so each is built once per process.
 */
export function cached<V>(cache: Map<string, V>, key: string, build: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
  }
  return value;
}

const NO_PREVIEW: LinkPreviewOptions = { is_disabled: true };

/** Freezes formatted text and buttons into a {@link RenderedMessage}. */
export function toMessage(text: FormattedString, rows: InlineKeyboardButton[][] = []): RenderedMessage {
  const message: RenderedMessage = { text: text.text, entities: text.entities ?? [], link_preview_options: NO_PREVIEW };
  if (rows.length > 0) message.reply_markup = { inline_keyboard: rows };
  return message;
}
