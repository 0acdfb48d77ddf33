import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { ChatMember } from "grammy/types";
import { startButton } from "../keyboard.js";
import { type RenderedMessage, type Translate, toMessage } from "../message.js";
import { b, c, DEMO_START, type Outcome, refused } from "./common.js";

/* /whatcanyousee: what a bot can find out about a group it is in. */

/** How many admins a group report names. */
const ADMINS_SHOWN = 15;

/** What the group demonstration found out, each call with its outcome. */
export interface GroupReport {
  title: string;
  /** getMe's can_read_all_group_messages. */
  readsAll: Outcome<boolean>;
  /** getChatMember of the bot itself. */
  me: Outcome<ChatMember>;
  count: Outcome<number>;
  admins: Outcome<ChatMember[]>;
  botId: number;
}

/** /whatcanyousee in a group: privacy mode, the bot's rights, the count, the admins, and what stays out of reach. */
export function group(t: Translate, locale: string, r: GroupReport): RenderedMessage {
  const parts: FormattedString[] = [b(t(locale, "seen-title", { title: r.title }))];
  const isAdmin = r.me.ok && (r.me.value.status === "administrator" || r.me.value.status === "creator");
  if (r.readsAll.ok) {
    const privacy = fmt`${t(locale, r.readsAll.value ? "seen-privacy-off" : "seen-privacy-on")} (${c("getMe")}: ${c(`can_read_all_group_messages = ${String(r.readsAll.value)}`)})`;
    parts.push(isAdmin && !r.readsAll.value ? fmt`${privacy}\n${t(locale, "seen-privacy-admin")}` : privacy);
  } else parts.push(refused(t, locale, "getMe", r.readsAll.error));
  if (r.me.ok) {
    const me = r.me.value;
    if (me.status === "administrator") {
      const rights = Object.entries(me)
        .filter(([k, v]) => k.startsWith("can_") && k !== "can_be_edited" && v === true)
        .map(([k]) => c(k));
      parts.push(
        fmt`${t(locale, "seen-status-admin")} ${rights.length > 0 ? FormattedString.join(rights, ", ") : t(locale, "seen-rights-none")}`,
      );
    } else if (me.status === "member") parts.push(fmt`${t(locale, "seen-status-member")}`);
    else parts.push(fmt`${t(locale, "seen-status-other", { status: me.status })}`);
  } else parts.push(refused(t, locale, "getChatMember", r.me.error));
  parts.push(
    r.count.ok
      ? fmt`${t(locale, "seen-count", { count: r.count.value })} (${c("getChatMemberCount")})`
      : refused(t, locale, "getChatMemberCount", r.count.error),
  );
  if (r.admins.ok) {
    const names = r.admins.value.slice(0, ADMINS_SHOWN).map((m) => {
      const name = [m.user.first_name, m.user.last_name].filter(Boolean).join(" ");
      const notes = [
        m.status === "creator" ? t(locale, "seen-owner") : undefined,
        m.user.id === r.botId ? t(locale, "seen-me") : m.user.is_bot ? t(locale, "seen-bot") : undefined,
      ].filter((n): n is string => n !== undefined);
      return `• ${name}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
    });
    const more = r.admins.value.length - ADMINS_SHOWN;
    if (more > 0) names.push(t(locale, "seen-admins-more", { count: more }));
    parts.push(
      fmt`${t(locale, "seen-admins", { count: r.admins.value.length })} (${c("getChatAdministrators")}):\n${names.join("\n")}`,
    );
  } else parts.push(refused(t, locale, "getChatAdministrators", r.admins.error));
  parts.push(
    fmt`${b(t(locale, "seen-list-title"))}\n${t(locale, "seen-list")} ${c("channels.getParticipants")}, ${c("messages.getFullChat")}.`,
  );
  return toMessage(FormattedString.join(parts, "\n\n"));
}

/** /whatcanyousee in a private chat: what it shows in a group, and a button that adds the bot to one. */
export function groupOnly(t: Translate, locale: string, botUsername: string): RenderedMessage {
  return toMessage(fmt`${t(locale, "seen-private")}`, [
    [startButton(t(locale, "seen-button-add"), botUsername, DEMO_START.whatcanyousee, "group")],
  ]);
}
