import type { KeyboardButton } from "grammy/types";
import type { ReplyKeyboard } from "../emulator.js";
import { paint, type Style } from "./render.js";

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * A size typed in the chat, such as `30MB`, `1.5 GB`, `500k` or `1234`,
 * in bytes. A megabyte is 1024×1024 bytes, as the Bot API counts its 20 MB.
 * Undefined for anything else.
 */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (m === null) return undefined;
  const bytes = Math.round(Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] ?? 1));
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** A size for people: `30 MB`, `1.5 GB`, `512 KB`, `12 bytes`. */
export function sizeLabel(bytes: number): string {
  for (const [unit, label] of [
    ["g", "GB"],
    ["m", "MB"],
    ["k", "KB"],
  ] as const) {
    const n = bytes / (UNITS[unit] ?? 1);
    if (n >= 1) return `${Number.isInteger(n) ? n : n.toFixed(1)} ${label}`;
  }
  return `${bytes} bytes`;
}

/** The buttons of a reply keyboard, row by row; none for a removal or a force reply. */
export function replyKeyboardButtons(markup: ReplyKeyboard | undefined): Array<KeyboardButton | string> {
  return markup !== undefined && "keyboard" in markup ? markup.keyboard.flat() : [];
}

/** What a key does besides sending its text. */
function keyNote(button: KeyboardButton | string): string {
  if (typeof button === "string") return "";
  if ("request_contact" in button && button.request_contact === true) return " (shares your phone number)";
  if ("request_location" in button && button.request_location === true) return " (shares your location)";
  if (Object.keys(button).length > 1) return " (not emulated)";
  return "";
}

/** A reply keyboard as the lines under a message: `⌨ [k1] label  [k2] label`, one line per row. */
export function replyKeyboardLines(markup: ReplyKeyboard | undefined, style: Style): string[] {
  if (markup === undefined || !("keyboard" in markup)) return [];
  let n = 0;
  return markup.keyboard.map(
    (row) =>
      `  ⌨ ${row
        .map(
          (b) => `${paint(style, ["bold", "yellow"], `[k${++n}]`)} ${typeof b === "string" ? b : b.text}${keyNote(b)}`,
        )
        .join("  ")}`,
  );
}
