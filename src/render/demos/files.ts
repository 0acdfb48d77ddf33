import { FormattedString, fmt } from "@grammyjs/parse-mode";
import type { InlineKeyboardButton } from "grammy/types";
import { type RenderedMessage, type Translate, toMessage } from "../message.js";
import { b, c, i, type Outcome, refused } from "./common.js";

/* /getfile: what the bot received of a file, and what getFile said of it. */

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

/** What a demonstration saw of a file a user sent. */
export interface FileSeen {
  /** The file's name, if it has one (documents, audio, video). */
  name?: string;
  /** What kind of file: `document`, `photo`, `video`, ... */
  kind: string;
  size?: number;
  mimeType?: string;
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

/** The request to send a file; in a group it asks for a reply, so that privacy mode lets the file through. */
export function filePrompt(t: Translate, locale: string, inGroup: boolean): RenderedMessage {
  return toMessage(fmt`${t(locale, inGroup ? "getfile-prompt-group" : "getfile-prompt")}`);
}

/**
 * What the bot received and what getFile said. Above the limit it shows
 * Telegram's refusal as it came and points to the card about files.
 */
export function fileReport(
  t: Translate,
  locale: string,
  file: FileSeen,
  outcome: Outcome<string | undefined>,
  card?: InlineKeyboardButton,
): RenderedMessage {
  const name = file.name ?? t(locale, FILE_KINDS[file.kind] ?? "getfile-kind-document");
  const size =
    file.size === undefined
      ? t(locale, "getfile-size-unknown")
      : file.size < 1024
        ? sizeText(locale, file.size)
        : t(locale, "getfile-size", {
            size: sizeText(locale, file.size),
            bytes: new Intl.NumberFormat(locale).format(file.size),
          });
  const lines: FormattedString[] = [
    b(t(locale, "getfile-title")),
    fmt`${t(locale, "getfile-received")} ${b(name)}, ${size}${file.mimeType === undefined ? "" : fmt`, ${c(file.mimeType)}`}`,
  ];
  if (outcome.ok) {
    lines.push(fmt`✅ ${c("getFile")}: ${c("file_path")} ${c(outcome.value ?? "—")}`);
    lines.push(fmt`${t(locale, "getfile-ok")}`);
  } else {
    lines.push(refused(t, locale, "getFile", outcome.error));
    lines.push(fmt`${t(locale, "getfile-too-big")}`);
  }
  lines.push(i(t(locale, "getfile-kept-nothing")));
  return toMessage(FormattedString.join(lines, "\n\n"), card === undefined ? [] : [[card]]);
}
