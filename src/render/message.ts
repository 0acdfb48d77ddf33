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

/** Translates a key of the Fluent files into `locale`. */
export type Translate = (locale: string, key: string, variables?: Record<string, string | number>) => string;

const NO_PREVIEW: LinkPreviewOptions = { is_disabled: true };

/** Freezes formatted text and buttons into a {@link RenderedMessage}. */
export function toMessage(text: FormattedString, rows: InlineKeyboardButton[][] = []): RenderedMessage {
  const message: RenderedMessage = { text: text.text, entities: text.entities ?? [], link_preview_options: NO_PREVIEW };
  if (rows.length > 0) message.reply_markup = { inline_keyboard: rows };
  return message;
}
