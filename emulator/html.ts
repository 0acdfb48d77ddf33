import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import { CANT_PARSE, type FormattedText, sortEntities, utf8Length } from "./entities.js";

/* Telegram's HTML parse mode: the tags it knows, read into plain text and entities. */

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
