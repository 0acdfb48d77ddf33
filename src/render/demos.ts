import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type {
  ChatMember,
  Contact,
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  Message,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
  User,
  WebhookInfo,
} from "grammy/types";
import { encodeCallback } from "../callback-data.js";
import { DEEP_LINKS } from "../routes.js";
import { type RenderedMessage, type Translate, toMessage } from "./message.js";

/** Bold text, for titles. */
const b = (text: string) => FormattedString.bold(text);
/** Italic text, for hints. */
const i = (text: string) => FormattedString.italic(text);
/** A method, field or value name. */
const c = (text: string) => FormattedString.code(text);
/** An object as Telegram sent it, pretty-printed. */
const json = (value: unknown) => FormattedString.pre(JSON.stringify(value, null, 2), "json");

/** The word for a file without a name, by its kind. */
const FILE_KINDS: Record<string, string> = {
  photo: "getfile-kind-photo",
  document: "getfile-kind-document",
  video: "getfile-kind-video",
  audio: "getfile-kind-audio",
  voice: "getfile-kind-voice",
  animation: "getfile-kind-animation",
  video_note: "getfile-kind-video-note",
  sticker: "getfile-kind-sticker",
};

/** How long a quoted text (a message replied to) may be before it is cut. */
const QUOTE_MAX = 300;
/** How many admins a group report names. */
const ADMINS_SHOWN = 15;

/** A demonstration's message: like a card, but it may also set or remove a keyboard under the input field. */
export type DemoMessage = Omit<RenderedMessage, "reply_markup"> & {
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;
};

/** The outcome of one Bot API call a demonstration makes: its result, or Telegram's refusal. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a demonstration saw of a file a user sent. */
export interface FileSeen {
  /** The file's name, if it has one (documents, audio, video). */
  name?: string;
  /** What kind of file: `document`, `photo`, `video`, ... */
  kind: string;
  size?: number;
  mimeType?: string;
}

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

/** A size for people in their language (`30 MB`, `30 МБ`), counting a megabyte as 1024×1024 bytes as the Bot API's limits do. */
export function sizeText(locale: string, bytes: number): string {
  const units = [
    ["gigabyte", 1024 ** 3],
    ["megabyte", 1024 ** 2],
    ["kilobyte", 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const n = bytes / size;
      return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
    }
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
}

/**
 * The messages of the live demonstrations: what the bot shows when it
 * calls the Bot API in front of the user. Unlike the cards, they carry what
 * this update brought, so nothing here is cached.
 */
export class DemoRenderer {
  constructor(private readonly t: Translate) {}

  private refused(locale: string, method: string, error: string): FormattedString {
    return fmt`✖ ${c(method)}: ${this.t(locale, "demo-refused", { error })}`;
  }

  /** The request to send a file; in a group it asks for a reply, so that privacy mode lets the file through. */
  filePrompt(locale: string, inGroup: boolean): RenderedMessage {
    return toMessage(fmt`${this.t(locale, inGroup ? "getfile-prompt-group" : "getfile-prompt")}`);
  }

  /**
   * What the bot received and what getFile said. Above the limit it shows
   * Telegram's refusal as it came and points to the card about files.
   */
  fileReport(
    locale: string,
    file: FileSeen,
    outcome: Outcome<string | undefined>,
    card?: InlineKeyboardButton,
  ): RenderedMessage {
    const name = file.name ?? this.t(locale, FILE_KINDS[file.kind] ?? "getfile-kind-document");
    const size =
      file.size === undefined
        ? this.t(locale, "getfile-size-unknown")
        : file.size < 1024
          ? sizeText(locale, file.size)
          : this.t(locale, "getfile-size", {
              size: sizeText(locale, file.size),
              bytes: new Intl.NumberFormat(locale).format(file.size),
            });
    const lines: FormattedString[] = [
      b(this.t(locale, "getfile-title")),
      fmt`${this.t(locale, "getfile-received")} ${b(name)}, ${size}${file.mimeType === undefined ? "" : fmt`, ${c(file.mimeType)}`}`,
    ];
    if (outcome.ok) {
      lines.push(fmt`✅ ${c("getFile")}: ${c("file_path")} ${c(outcome.value ?? "—")}`);
      lines.push(fmt`${this.t(locale, "getfile-ok")}`);
    } else {
      lines.push(this.refused(locale, "getFile", outcome.error));
      lines.push(fmt`${this.t(locale, "getfile-too-big")}`);
    }
    lines.push(i(this.t(locale, "getfile-kept-nothing")));
    return toMessage(FormattedString.join(lines, "\n\n"), card === undefined ? [] : [[card]]);
  }

  /**
   * The User object this update carried, what is missing from it, and what a
   * bot cannot see at all. In a private chat a keyboard button shares the
   * phone number; in a group, where that button does not work, a link opens
   * the private chat.
   */
  whoami(locale: string, user: User, inPrivate: boolean, botUsername: string): DemoMessage {
    const absent = (["last_name", "username", "language_code", "is_premium"] as const).filter(
      (f) => user[f] === undefined,
    );
    const parts: FormattedString[] = [
      b(this.t(locale, "whoami-title")),
      fmt`${this.t(locale, "whoami-intro")}`,
      json(user),
    ];
    if (absent.length > 0) {
      parts.push(
        fmt`${this.t(locale, "whoami-absent")} ${FormattedString.join(
          absent.map((f) => c(f)),
          ", ",
        )}.`,
      );
    }
    parts.push(
      fmt`${b(this.t(locale, "whoami-cannot"))}\n${FormattedString.join(
        ["whoami-cannot-phone", "whoami-cannot-status", "whoami-cannot-common"].map((k) => fmt`• ${this.t(locale, k)}`),
        "\n",
      )}`,
    );
    parts.push(i(this.t(locale, inPrivate ? "whoami-share-private" : "whoami-share-group")));
    const message = toMessage(FormattedString.join(parts, "\n\n"));
    if (!inPrivate) {
      return {
        ...message,
        reply_markup: {
          inline_keyboard: [
            [
              {
                text: this.t(locale, "whoami-button-private"),
                url: `https://t.me/${botUsername}?start=${DEMO_START.whoami}`,
              },
            ],
          ],
        },
      };
    }
    const share: KeyboardButton = { text: this.t(locale, "whoami-button-contact"), request_contact: true };
    return {
      ...message,
      reply_markup: { keyboard: [[share]], resize_keyboard: true, one_time_keyboard: true },
    };
  }

  /** A contact the user shared: all of it, and whether it is their own. */
  contact(locale: string, contact: Contact, fromId: number): DemoMessage {
    const whose =
      contact.user_id === undefined
        ? this.t(locale, "contact-no-user")
        : contact.user_id === fromId
          ? this.t(locale, "contact-own")
          : this.t(locale, "contact-other");
    const text = FormattedString.join(
      [b(this.t(locale, "contact-title")), json(contact), fmt`${whose}`, i(this.t(locale, "contact-kept"))],
      "\n\n",
    );
    return { ...toMessage(text), reply_markup: { remove_keyboard: true } };
  }

  /** /whatcanyousee in a group: privacy mode, the bot's rights, the count, the admins, and what stays out of reach. */
  group(locale: string, r: GroupReport): RenderedMessage {
    const parts: FormattedString[] = [b(this.t(locale, "seen-title", { title: r.title }))];
    const isAdmin = r.me.ok && (r.me.value.status === "administrator" || r.me.value.status === "creator");
    if (r.readsAll.ok) {
      const privacy = fmt`${this.t(locale, r.readsAll.value ? "seen-privacy-off" : "seen-privacy-on")} (${c("getMe")}: ${c(`can_read_all_group_messages = ${String(r.readsAll.value)}`)})`;
      parts.push(isAdmin && !r.readsAll.value ? fmt`${privacy}\n${this.t(locale, "seen-privacy-admin")}` : privacy);
    } else parts.push(this.refused(locale, "getMe", r.readsAll.error));
    if (r.me.ok) {
      const me = r.me.value;
      if (me.status === "administrator") {
        const rights = Object.entries(me)
          .filter(([k, v]) => k.startsWith("can_") && k !== "can_be_edited" && v === true)
          .map(([k]) => c(k));
        parts.push(
          fmt`${this.t(locale, "seen-status-admin")} ${rights.length > 0 ? FormattedString.join(rights, ", ") : this.t(locale, "seen-rights-none")}`,
        );
      } else if (me.status === "member") parts.push(fmt`${this.t(locale, "seen-status-member")}`);
      else parts.push(fmt`${this.t(locale, "seen-status-other", { status: me.status })}`);
    } else parts.push(this.refused(locale, "getChatMember", r.me.error));
    parts.push(
      r.count.ok
        ? fmt`${this.t(locale, "seen-count", { count: r.count.value })} (${c("getChatMemberCount")})`
        : this.refused(locale, "getChatMemberCount", r.count.error),
    );
    if (r.admins.ok) {
      const names = r.admins.value.slice(0, ADMINS_SHOWN).map((m) => {
        const name = [m.user.first_name, m.user.last_name].filter(Boolean).join(" ");
        const notes = [
          m.status === "creator" ? this.t(locale, "seen-owner") : undefined,
          m.user.id === r.botId ? this.t(locale, "seen-me") : m.user.is_bot ? this.t(locale, "seen-bot") : undefined,
        ].filter((n): n is string => n !== undefined);
        return `• ${name}${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`;
      });
      const more = r.admins.value.length - ADMINS_SHOWN;
      if (more > 0) names.push(this.t(locale, "seen-admins-more", { count: more }));
      parts.push(
        fmt`${this.t(locale, "seen-admins", { count: r.admins.value.length })} (${c("getChatAdministrators")}):\n${names.join("\n")}`,
      );
    } else parts.push(this.refused(locale, "getChatAdministrators", r.admins.error));
    parts.push(
      fmt`${b(this.t(locale, "seen-list-title"))}\n${this.t(locale, "seen-list")} ${c("channels.getParticipants")}, ${c("messages.getFullChat")}.`,
    );
    return toMessage(FormattedString.join(parts, "\n\n"));
  }

  /** /whatcanyousee in a private chat: what it shows in a group, and a button that adds the bot to one. */
  groupOnly(locale: string, botUsername: string): RenderedMessage {
    return toMessage(fmt`${this.t(locale, "seen-private")}`, [
      [
        {
          text: this.t(locale, "seen-button-add"),
          url: `https://t.me/${botUsername}?startgroup=${DEMO_START.whatcanyousee}`,
        },
      ],
    ]);
  }

  /** How to try the reply demonstration. */
  replyHint(locale: string, botUsername: string): RenderedMessage {
    return toMessage(fmt`${this.t(locale, "reply-hint", { mention: `@${botUsername}` })}`);
  }

  /**
   * The message a user replied to, as reply_to_message carried it, why the
   * bot could not have fetched it, and copyMessage's outcome.
   */
  replied(locale: string, message: Message, copy: Outcome<number>): RenderedMessage {
    const parts: FormattedString[] = [
      b(this.t(locale, "reply-title")),
      fmt`${this.t(locale, "reply-intro")}`,
      json(replySummary(message)),
      fmt`${this.t(locale, "reply-no-fetch")} ${c("messages.getMessages")}, ${c("channels.getMessages")}.`,
      copy.ok
        ? fmt`✅ ${c("copyMessage")}: ${this.t(locale, "reply-copy", { id: copy.value })}`
        : this.refused(locale, "copyMessage", copy.error),
    ];
    return toMessage(FormattedString.join(parts, "\n\n"));
  }

  /** /react: one reaction set, two refused (or whatever Telegram said). */
  reactions(locale: string, one: Outcome<true>, two: Outcome<true> | undefined): RenderedMessage {
    const parts: FormattedString[] = [b(this.t(locale, "react-title"))];
    parts.push(
      one.ok
        ? fmt`✅ ${c("setMessageReaction")} 👍: ${this.t(locale, "react-one")}`
        : this.refused(locale, "setMessageReaction", one.error),
    );
    if (two !== undefined) {
      parts.push(
        two.ok
          ? fmt`✅ ${c("setMessageReaction")} 👍 🔥: ${this.t(locale, "react-two-accepted")}`
          : fmt`${this.t(locale, "react-two")}\n${this.refused(locale, "setMessageReaction", two.error)}`,
      );
    }
    parts.push(fmt`${this.t(locale, "react-why")}`);
    return toMessage(FormattedString.join(parts, "\n\n"));
  }

  /** /updates: getWebhookInfo without the URL, the 24-hour window, and the last delivery error of a webhook. */
  updates(locale: string, info: Outcome<WebhookInfo>, now: Date): RenderedMessage {
    const parts: FormattedString[] = [b(this.t(locale, "updates-title"))];
    if (!info.ok) {
      parts.push(this.refused(locale, "getWebhookInfo", info.error));
    } else {
      const w = info.value;
      const webhook = w.url !== "";
      parts.push(fmt`${this.t(locale, webhook ? "updates-mode-webhook" : "updates-mode-polling")}`);
      parts.push(
        fmt`${this.t(locale, "updates-pending", { count: w.pending_update_count })} (${c("pending_update_count")})`,
      );
      if (webhook) {
        if (w.last_error_date === undefined) parts.push(fmt`${this.t(locale, "updates-no-error")}`);
        else {
          const when = new Intl.DateTimeFormat(locale, {
            dateStyle: "medium",
            timeStyle: "short",
            timeZone: "UTC",
          }).format(new Date(w.last_error_date * 1000));
          const minutes = Math.max(0, Math.round((now.getTime() / 1000 - w.last_error_date) / 60));
          parts.push(
            fmt`${this.t(locale, "updates-error", { date: when, minutes })}\n${c(withoutSecrets(w.last_error_message ?? ""))}`,
          );
        }
        if (w.max_connections !== undefined) parts.push(fmt`${c("max_connections")}: ${String(w.max_connections)}`);
      }
    }
    parts.push(fmt`${this.t(locale, "updates-window")}`);
    return toMessage(FormattedString.join(parts, "\n\n"));
  }

  /** A button that opens a row's card as a new message. */
  cardButton(locale: string, slug: string, title: string): InlineKeyboardButton {
    return {
      text: this.t(locale, "demo-button-card", { title }),
      callback_data: encodeCallback({ kind: "send", locale, slug }),
    };
  }
}

/** The live demonstrations. */
export type Demo = keyof typeof DEMO_START;

/**
 * The rows whose card offers "Try it", and the demonstration it starts: the
 * demonstration shows on the spot what the row says.
 */
export const DEMO_OF_ROW: Readonly<Record<string, Demo>> = {
  files: "file",
  "file-ids": "file",
  "fetch-users": "whoami",
  "user-profile-info": "whoami",
  "find-by-phone": "whoami",
  "group-members": "whatcanyousee",
  "privacy-mode": "whatcanyousee",
  "fetch-messages": "reply",
  "forward-and-copy": "reply",
  reactions: "react",
  "old-updates": "updates",
  webhooks: "updates",
};

/** Deep-link payloads that start a demonstration: t.me/<bot>?start=… and ?startgroup=… (see routes.ts). */
export const DEMO_START = {
  whoami: DEEP_LINKS.tryWhoami,
  whatcanyousee: DEEP_LINKS.tryWhatCanYouSee,
  file: DEEP_LINKS.tryFile,
  react: DEEP_LINKS.tryReact,
  updates: DEEP_LINKS.tryUpdates,
  reply: DEEP_LINKS.tryReply,
} as const;

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
