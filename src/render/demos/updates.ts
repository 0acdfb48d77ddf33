import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { WebhookInfo } from "grammy/types";
import { type RenderedMessage, type Translate, toMessage } from "../message.js";
import { b, c, type Outcome, refused } from "./common.js";

/* /updates: how the bot gets its updates, and what Telegram keeps of them. */

/** /updates: getWebhookInfo without the URL, the 24-hour window, and the last delivery error of a webhook. */
export function updates(t: Translate, locale: string, info: Outcome<WebhookInfo>, now: Date): RenderedMessage {
  const parts: FormattedString[] = [b(t(locale, "updates-title"))];
  if (!info.ok) {
    parts.push(refused(t, locale, "getWebhookInfo", info.error));
  } else {
    const w = info.value;
    const webhook = w.url !== "";
    parts.push(fmt`${t(locale, webhook ? "updates-mode-webhook" : "updates-mode-polling")}`);
    parts.push(fmt`${t(locale, "updates-pending", { count: w.pending_update_count })} (${c("pending_update_count")})`);
    if (webhook) {
      if (w.last_error_date === undefined) parts.push(fmt`${t(locale, "updates-no-error")}`);
      else {
        const when = new Intl.DateTimeFormat(locale, {
          dateStyle: "medium",
          timeStyle: "short",
          timeZone: "UTC",
        }).format(new Date(w.last_error_date * 1000));
        const minutes = Math.max(0, Math.round((now.getTime() / 1000 - w.last_error_date) / 60));
        parts.push(
          fmt`${t(locale, "updates-error", { date: when, minutes })}\n${c(withoutSecrets(w.last_error_message ?? ""))}`,
        );
      }
      if (w.max_connections !== undefined) parts.push(fmt`${c("max_connections")}: ${String(w.max_connections)}`);
    }
  }
  parts.push(fmt`${t(locale, "updates-window")}`);
  return toMessage(FormattedString.join(parts, "\n\n"));
}

/**
 * A webhook error message without anything that may be secret: URLs (which
 * may hold a secret path) and anything shaped like a bot token.
 */
export function withoutSecrets(message: string): string {
  return message
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
    .replace(/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, "<token>")
    .slice(0, 200);
}
