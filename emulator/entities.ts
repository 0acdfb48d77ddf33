import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import { isRecord } from "./validate.js";

/*
 * Message entities as the Bot API server handles them: the known types,
 * checks of explicit entities against their text, the entities Telegram
 * detects by itself, and trimming that moves entities along.
 */

/** Entity types known to Bot API 10.1 (MessageEntity.type). */
export const ENTITY_TYPES = new Set([
  "mention",
  "hashtag",
  "cashtag",
  "bot_command",
  "url",
  "email",
  "phone_number",
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
  "code",
  "pre",
  "text_link",
  "text_mention",
  "custom_emoji",
  "date_time",
]);

/** Entity types that only change the look of the text. */
const FORMATTING = new Set([
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "spoiler",
  "blockquote",
  "expandable_blockquote",
]);

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** How Telegram starts an error about formatting. */
export const CANT_PARSE = "can't parse entities: ";

/** Text with its entities, offsets in UTF-16 code units. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Entities in the order Telegram returns them: by offset, the longer first. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || b.e.length - a.e.length || a.i - b.i)
    .map(({ e }) => e);
}

/** Checks explicit `entities` against the text they belong to. */
export function checkEntities(text: string, entities: unknown[]): MessageEntity[] {
  const out: MessageEntity[] = [];
  entities.forEach((raw, i) => {
    if (!isRecord(raw)) throw badRequest(`${CANT_PARSE}entity #${i} is not an object`);
    const e = raw as unknown as MessageEntity;
    const where = `entity #${i} (${e.type})`;
    if (!ENTITY_TYPES.has(e.type)) throw badRequest(`${CANT_PARSE}${where} has an unsupported type`);
    if (e.offset < 0) throw badRequest(`${CANT_PARSE}${where} has a negative offset`);
    if (e.length <= 0) throw badRequest(`${CANT_PARSE}${where} has a non-positive length ${e.length}`);
    if (e.offset + e.length > text.length) {
      throw badRequest(
        `${CANT_PARSE}${where} with offset ${e.offset} and length ${e.length} ends outside of the text (${text.length} UTF-16 code units)`,
      );
    }
    if (e.type === "text_link" && (typeof raw.url !== "string" || raw.url === ""))
      throw badRequest(`${CANT_PARSE}${where} needs a url`);
    if (e.type === "text_mention" && !isRecord(raw.user)) throw badRequest(`${CANT_PARSE}${where} needs a user`);
    if (e.type === "custom_emoji" && typeof raw.custom_emoji_id !== "string")
      throw badRequest(`${CANT_PARSE}${where} needs a custom_emoji_id`);
    if (e.type === "date_time" && typeof raw.unix_time !== "number")
      throw badRequest(`${CANT_PARSE}${where} needs a unix_time`);
    out.push({ ...e });
  });
  return sortEntities(out);
}

// ---------------------------------------------------------------- detection

/** Finds the entities Telegram detects by itself: urls, emails, mentions, hashtags, cashtags, bot commands. */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const taken: Array<[number, number]> = [];
  const add = (type: MessageEntity["type"], offset: number, length: number): void => {
    if (length <= 0) return;
    if (taken.some(([s, e]) => offset < e && offset + length > s)) return;
    taken.push([offset, offset + length]);
    found.push({ type, offset, length } as MessageEntity);
  };
  for (const m of text.matchAll(/\b(?:https?|ftp):\/\/[^\s<>"]+/giu)) {
    const url = m[0].replace(/[.,;:!?'")\]]+$/u, "");
    add("url", m.index, url.length);
  }
  for (const m of text.matchAll(
    /(^|[^\p{L}\p{N}_.@-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/gu,
  )) {
    const addr = m[2] ?? "";
    add("email", m.index + (m[1] ?? "").length, addr.length);
  }
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_@/])(@[A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_])/gu)) {
    add("mention", m.index + (m[1] ?? "").length, (m[2] ?? "").length);
  }
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_#])(#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu)) {
    add("hashtag", m.index + (m[1] ?? "").length, (m[2] ?? "").length);
  }
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}_$])(\$[A-Z]{1,8})(?![\p{L}\p{N}_])/gu)) {
    add("cashtag", m.index + (m[1] ?? "").length, (m[2] ?? "").length);
  }
  for (const m of text.matchAll(
    /(^|[\s(])(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?)(?![A-Za-z0-9_@/])/gu,
  )) {
    add("bot_command", m.index + (m[1] ?? "").length, (m[2] ?? "").length);
  }
  return sortEntities(found);
}

/** Adds detected entities that do not clash with the given ones. */
export function mergeDetected(text: string, entities: MessageEntity[]): MessageEntity[] {
  const blocking = entities.filter((e) => !FORMATTING.has(e.type));
  const extra = detectEntities(text).filter(
    (d) => !blocking.some((e) => d.offset < e.offset + e.length && d.offset + d.length > e.offset),
  );
  return sortEntities([...entities, ...extra]);
}

// ---------------------------------------------------------------- trimming

const EMPTY_CHARS = /[\s\u200B-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF\u115F\u1160\u3164\uFFA0\u180E]/u;

/** Strips leading and trailing blank characters, moving entities along. */
export function trimFormatted(input: FormattedText): FormattedText {
  const { text } = input;
  let start = 0;
  let end = text.length;
  while (start < end && EMPTY_CHARS.test(text[start] ?? "")) start++;
  while (end > start && EMPTY_CHARS.test(text[end - 1] ?? "")) end--;
  if (start === 0 && end === text.length) return input;
  const entities: MessageEntity[] = [];
  for (const e of input.entities) {
    const s = Math.max(e.offset, start);
    const f = Math.min(e.offset + e.length, end);
    if (f > s) entities.push({ ...e, offset: s - start, length: f - s });
  }
  return { text: text.slice(start, end), entities };
}
