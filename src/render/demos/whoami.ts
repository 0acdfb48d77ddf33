import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { Contact, KeyboardButton, User } from "grammy/types";
import { startButton } from "../keyboard.js";
import { type Translate, toMessage } from "../message.js";
import { b, c, DEMO_START, type DemoMessage, i, json } from "./common.js";

/* /whoami: the User object an update carries, and the contact a user shares. */

/**
 * The User object this update carried, what is missing from it, and what a
 * bot cannot see at all. In a private chat a keyboard button shares the
 * phone number; in a group, where that button does not work, a link opens
 * the private chat.
 */
export function whoami(t: Translate, locale: string, user: User, inPrivate: boolean, botUsername: string): DemoMessage {
  const absent = (["last_name", "username", "language_code", "is_premium"] as const).filter(
    (f) => user[f] === undefined,
  );
  const parts: FormattedString[] = [b(t(locale, "whoami-title")), fmt`${t(locale, "whoami-intro")}`, json(user)];
  if (absent.length > 0) {
    parts.push(
      fmt`${t(locale, "whoami-absent")} ${FormattedString.join(
        absent.map((f) => c(f)),
        ", ",
      )}.`,
    );
  }
  parts.push(
    fmt`${b(t(locale, "whoami-cannot"))}\n${FormattedString.join(
      ["whoami-cannot-phone", "whoami-cannot-status", "whoami-cannot-common"].map((k) => fmt`• ${t(locale, k)}`),
      "\n",
    )}`,
  );
  parts.push(i(t(locale, inPrivate ? "whoami-share-private" : "whoami-share-group")));
  const message = toMessage(FormattedString.join(parts, "\n\n"));
  if (!inPrivate) {
    return {
      ...message,
      reply_markup: {
        inline_keyboard: [[startButton(t(locale, "whoami-button-private"), botUsername, DEMO_START.whoami)]],
      },
    };
  }
  const share: KeyboardButton = { text: t(locale, "whoami-button-contact"), request_contact: true };
  return {
    ...message,
    reply_markup: { keyboard: [[share]], resize_keyboard: true, one_time_keyboard: true },
  };
}

/** A contact the user shared: all of it, and whether it is their own. */
export function contact(t: Translate, locale: string, contact: Contact, fromId: number): DemoMessage {
  const whose =
    contact.user_id === undefined
      ? t(locale, "contact-no-user")
      : contact.user_id === fromId
        ? t(locale, "contact-own")
        : t(locale, "contact-other");
  const text = FormattedString.join(
    [b(t(locale, "contact-title")), json(contact), fmt`${whose}`, i(t(locale, "contact-kept"))],
    "\n\n",
  );
  return { ...toMessage(text), reply_markup: { remove_keyboard: true } };
}
