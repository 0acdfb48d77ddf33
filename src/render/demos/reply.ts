import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { Message } from "grammy/types";
import { type RenderedMessage, type Translate, toMessage } from "../message.js";
import { b, c, json, type Outcome, refused } from "./common.js";

/* The reply demonstration: a message the bot sees only because someone replied to it. */

/** How long a quoted text (a message replied to) may be before it is cut. */
const QUOTE_MAX = 300;

/** How to try the reply demonstration. */
export function replyHint(t: Translate, locale: string, botUsername: string): RenderedMessage {
  return toMessage(fmt`${t(locale, "reply-hint", { mention: `@${botUsername}` })}`);
}

/**
 * The message a user replied to, as reply_to_message carried it, why the
 * bot could not have fetched it, and copyMessage's outcome.
 */
export function replied(t: Translate, locale: string, message: Message, copy: Outcome<number>): RenderedMessage {
  const parts: FormattedString[] = [
    b(t(locale, "reply-title")),
    fmt`${t(locale, "reply-intro")}`,
    json(replySummary(message)),
    fmt`${t(locale, "reply-no-fetch")} ${c("messages.getMessages")}, ${c("channels.getMessages")}.`,
    copy.ok
      ? fmt`✅ ${c("copyMessage")}: ${t(locale, "reply-copy", { id: copy.value })}`
      : refused(t, locale, "copyMessage", copy.error),
  ];
  return toMessage(FormattedString.join(parts, "\n\n"));
}

/**
 * What of a replied-to message is worth showing: who, when, and its content
 * in short. A long text is cut; the nested reply, which Telegram leaves out
 * anyway, and the chat (known) are left out.
 */
function replySummary(m: Message): Record<string, unknown> {
  const out: Record<string, unknown> = { message_id: m.message_id };
  if (m.from !== undefined) {
    out.from = { id: m.from.id, is_bot: m.from.is_bot, first_name: m.from.first_name };
  }
  out.date = m.date;
  const cut = (s: string) => (s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);
  if (m.text !== undefined) out.text = cut(m.text);
  if (m.caption !== undefined) out.caption = cut(m.caption);
  for (const kind of [
    "photo",
    "document",
    "video",
    "audio",
    "voice",
    "sticker",
    "animation",
    "contact",
    "poll",
  ] as const) {
    if (m[kind] !== undefined) out[kind] = kind === "photo" ? `[${m.photo?.length ?? 0} sizes]` : "[…]";
  }
  return out;
}
