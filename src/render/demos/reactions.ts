import { FormattedString, fmt } from "@grammyjs/parse-mode";
import { type RenderedMessage, type Translate, toMessage } from "../message.js";
import { b, c, type Outcome, refused } from "./common.js";

/* /react: a bot sets one reaction on a message, never more. */

/** /react: one reaction set, two refused (or whatever Telegram said). */
export function reactions(
  t: Translate,
  locale: string,
  one: Outcome<true>,
  two: Outcome<true> | undefined,
): RenderedMessage {
  const parts: FormattedString[] = [b(t(locale, "react-title"))];
  parts.push(
    one.ok
      ? fmt`✅ ${c("setMessageReaction")} 👍: ${t(locale, "react-one")}`
      : refused(t, locale, "setMessageReaction", one.error),
  );
  if (two !== undefined) {
    parts.push(
      two.ok
        ? fmt`✅ ${c("setMessageReaction")} 👍 🔥: ${t(locale, "react-two-accepted")}`
        : fmt`${t(locale, "react-two")}\n${refused(t, locale, "setMessageReaction", two.error)}`,
    );
  }
  parts.push(fmt`${t(locale, "react-why")}`);
  return toMessage(FormattedString.join(parts, "\n\n"));
}
