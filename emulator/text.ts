import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import { isRecord } from "./validate.js";

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

const CANT_PARSE = "can't parse entities: ";

/** Text with its entities, offsets in UTF-16 code units. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

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

// ---------------------------------------------------------------- HTML

interface OpenTag {
  name: string;
  start: number;
  byteOffset: number;
  entity?: { type: MessageEntity["type"]; url?: string; language?: string; custom_emoji_id?: string };
  /** `<code class="language-x">` directly inside `<pre>` becomes the pre's language. */
  mergedIntoPre?: boolean;
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#x") || body.startsWith("#X")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? whole;
  });
}

function parseAttributes(s: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const m of s.matchAll(re)) {
    const name = (m[1] ?? "").toLowerCase();
    attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return attrs;
}

/** Parses Telegram's HTML formatting into plain text and entities. */
export function parseHtml(src: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  const byteAt = (i: number): number => utf8Length(src.slice(0, i));
  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? "";
    if (ch === "&") {
      const m = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(src.slice(i, i + 12));
      if (m) {
        text += decodeEntities(m[0]);
        i += m[0].length;
        continue;
      }
      text += ch;
      i++;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const close = src.indexOf(">", i);
    if (close < 0) throw badRequest(`${CANT_PARSE}Unclosed start tag at byte offset ${byteAt(i)}`);
    const inner = src.slice(i + 1, close);
    if (inner.startsWith("/")) {
      const name = inner.slice(1).trim().toLowerCase();
      const top = stack.pop();
      if (top === undefined) throw badRequest(`${CANT_PARSE}Unexpected end tag at byte offset ${byteAt(i)}`);
      if (top.name !== name) {
        throw badRequest(
          `${CANT_PARSE}Unmatched end tag at byte offset ${byteAt(i)}, expected "</${top.name}>", found "</${name}>"`,
        );
      }
      const length = text.length - top.start;
      if (top.entity !== undefined && !top.mergedIntoPre && length > 0) {
        entities.push({ ...top.entity, offset: top.start, length } as MessageEntity);
      }
      i = close + 1;
      continue;
    }
    const nameMatch = /^([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
    const name = (nameMatch?.[1] ?? "").toLowerCase();
    const attrs = parseAttributes(inner.slice(name.length));
    const open: OpenTag = { name, start: text.length, byteOffset: byteAt(i) };
    const unsupported = (): never => {
      throw badRequest(`${CANT_PARSE}Unsupported start tag "${name}" at byte offset ${open.byteOffset}`);
    };
    switch (name) {
      case "b":
      case "strong":
        open.entity = { type: "bold" };
        break;
      case "i":
      case "em":
        open.entity = { type: "italic" };
        break;
      case "u":
      case "ins":
        open.entity = { type: "underline" };
        break;
      case "s":
      case "strike":
      case "del":
        open.entity = { type: "strikethrough" };
        break;
      case "tg-spoiler":
        open.entity = { type: "spoiler" };
        break;
      case "span":
        if (attrs.get("class") !== "tg-spoiler") unsupported();
        open.entity = { type: "spoiler" };
        break;
      case "a": {
        const href = attrs.get("href");
        if (href !== undefined && href !== "") open.entity = { type: "text_link", url: href };
        break;
      }
      case "code": {
        const parent = stack[stack.length - 1];
        const lang = /^language-(.+)$/.exec(attrs.get("class") ?? "")?.[1];
        if (parent?.name === "pre" && parent.entity?.type === "pre" && parent.start === text.length) {
          if (lang !== undefined) parent.entity = { type: "pre", language: lang };
          open.mergedIntoPre = true;
        }
        open.entity = { type: "code" };
        break;
      }
      case "pre":
        open.entity = { type: "pre" };
        break;
      case "blockquote":
        open.entity = { type: attrs.has("expandable") ? "expandable_blockquote" : "blockquote" };
        break;
      case "tg-emoji": {
        const id = attrs.get("emoji-id");
        if (id === undefined) unsupported();
        open.entity = { type: "custom_emoji", custom_emoji_id: id ?? "" };
        break;
      }
      default:
        unsupported();
    }
    stack.push(open);
    i = close + 1;
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined)
    throw badRequest(`${CANT_PARSE}Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities: sortEntities(entities) };
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

/**
 * Turns text + parse_mode/entities into the stored form, as Telegram does
 * for message texts and captions: parse, trim blank characters at both ends,
 * then add the entities Telegram detects by itself when `detect` is set.
 */
export function formatText(
  raw: string,
  parseMode: unknown,
  entities: unknown,
  options: { detect: boolean },
): FormattedText {
  let formatted: FormattedText;
  const mode = typeof parseMode === "string" ? parseMode.toLowerCase() : "";
  if (mode !== "" && mode !== "none") {
    // Like the Bot API server: a parse_mode wins over explicit entities.
    if (mode === "html") formatted = parseHtml(raw);
    else if (mode === "markdownv2" || mode === "markdown") {
      throw badRequest(`parse_mode "${String(parseMode)}" is not supported by the emulator; use "HTML" or entities`);
    } else throw badRequest("unsupported parse_mode");
  } else if (Array.isArray(entities) && entities.length > 0) {
    formatted = { text: raw, entities: checkEntities(raw, entities) };
  } else {
    formatted = { text: raw, entities: [] };
  }
  formatted = trimFormatted(formatted);
  if (options.detect) formatted = { text: formatted.text, entities: mergeDetected(formatted.text, formatted.entities) };
  return formatted;
}
