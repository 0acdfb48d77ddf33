import type { InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResult, MessageEntity } from "grammy/types";
import type { ApiCall, MessageContent } from "../emulator.js";

/** How output looks: ANSI styles and OSC 8 hyperlinks, or plain text. */
export interface Style {
  /** ANSI colours and text styles. */
  color: boolean;
  /** OSC 8 hyperlinks on link texts (only with `color`). */
  hyperlinks: boolean;
}

/** Plain text, for pipes and `NO_COLOR`. */
export const PLAIN: Style = { color: false, hyperlinks: false };

/** The style for a stream: colours only on a terminal and without `NO_COLOR`. */
export function styleFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Style {
  const color = stream.isTTY === true && (env.NO_COLOR ?? "") === "" && env.TERM !== "dumb";
  return { color, hyperlinks: color };
}

const SGR = {
  bold: "1",
  dim: "2",
  italic: "3",
  underline: "4",
  inverse: "7",
  strike: "9",
  red: "31",
  green: "32",
  yellow: "33",
  blue: "34",
  magenta: "35",
  cyan: "36",
} as const;

type Sgr = keyof typeof SGR;

/** Wraps `text` in ANSI codes when the style has colours. */
export function paint(style: Style, codes: Sgr | Sgr[], text: string): string {
  if (!style.color || text === "") return text;
  const list = Array.isArray(codes) ? codes : [codes];
  return `\x1b[${list.map((c) => SGR[c]).join(";")}m${text}\x1b[0m`;
}

function hyperlink(style: Style, url: string, text: string): string {
  return style.hyperlinks ? `\x1b]8;;${url}\x1b\\${text}\x1b]8;;\x1b\\` : text;
}

const ENTITY_SGR: Partial<Record<MessageEntity["type"], Sgr[]>> = {
  bold: ["bold"],
  italic: ["italic"],
  underline: ["underline"],
  strikethrough: ["strike"],
  spoiler: ["inverse"],
  code: ["cyan"],
  pre: ["cyan"],
  text_link: ["blue", "underline"],
  url: ["blue", "underline"],
  email: ["blue", "underline"],
  mention: ["blue"],
  text_mention: ["blue"],
  hashtag: ["blue"],
  cashtag: ["blue"],
  bot_command: ["blue"],
  phone_number: ["blue"],
};

function linkUrl(e: MessageEntity): string | undefined {
  return e.type === "text_link" ? e.url : undefined;
}

const QUOTES = new Set<MessageEntity["type"]>(["blockquote", "expandable_blockquote"]);

/**
 * A message text with its entities as the terminal shows it. Offsets and
 * lengths are UTF-16 code units, as in the Bot API. Styles nest; a
 * `text_link` whose address differs from its text gets the address as a
 * (dim) suffix, so nothing is lost in plain text; quotes get a bar.
 */
export function renderText(text: string, entities: readonly MessageEntity[] | undefined, style: Style): string {
  const list = [...(entities ?? [])].filter((e) => e.length > 0 && e.offset >= 0 && e.offset < text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const e of list) {
    cuts.add(e.offset);
    cuts.add(Math.min(text.length, e.offset + e.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    const active = list.filter((e) => e.offset <= from && e.offset + e.length >= to);
    const codes = [...new Set(active.flatMap((e) => ENTITY_SGR[e.type] ?? []))];
    const url = active.map(linkUrl).find((u) => u !== undefined);
    const styled = (part: string) => {
      const linked = url === undefined ? part : hyperlink(style, url, part);
      return codes.length > 0 ? paint(style, codes, linked) : linked;
    };
    const piece = text.slice(from, to);
    if (active.some((e) => QUOTES.has(e.type))) {
      const bar = paint(style, "dim", "│ ");
      const opens = list.some((e) => QUOTES.has(e.type) && e.offset === from);
      out += (opens ? bar : "") + piece.split("\n").map(styled).join(`\n${bar}`);
    } else {
      out += styled(piece);
    }
    for (const e of list) {
      const target = linkUrl(e);
      if (target === undefined || e.offset + e.length !== to) continue;
      if (text.slice(e.offset, e.offset + e.length) !== target) out += paint(style, "dim", ` (${target})`);
    }
  }
  return out;
}

/** A button's label, marked by what it does unless it is a callback button. */
export function buttonLabel(button: InlineKeyboardButton, botUsername: string): string {
  const b = button as InlineKeyboardButton & Record<string, unknown>;
  const inline = (query: string, where: string) =>
    `${button.text} → @${botUsername}${query === "" ? "" : ` ${query}`} (inline, ${where})`;
  if (typeof b.url === "string") return `${button.text} → ${b.url}`;
  if (typeof b.switch_inline_query === "string") return inline(b.switch_inline_query, "any chat");
  if (typeof b.switch_inline_query_current_chat === "string")
    return inline(b.switch_inline_query_current_chat, "this chat");
  if (b.switch_inline_query_chosen_chat !== undefined) return inline("", "chosen chat");
  if ("web_app" in button && button.web_app !== undefined) return `${button.text} → ${button.web_app.url} (web app)`;
  if (b.login_url !== undefined) return `${button.text} (login)`;
  if (b.copy_text !== undefined) return `${button.text} (copy)`;
  if (b.callback_game !== undefined) return `${button.text} (game)`;
  if (b.pay === true) return `${button.text} (pay)`;
  return button.text;
}

/** The buttons of an inline keyboard in the order they are numbered: row by row. */
export function keyboardButtons(markup: InlineKeyboardMarkup | undefined): InlineKeyboardButton[] {
  return (markup?.inline_keyboard ?? []).flat();
}

/** An inline keyboard as numbered buttons, one line per row, numbers from 1. */
export function renderKeyboard(markup: InlineKeyboardMarkup | undefined, botUsername: string, style: Style): string[] {
  let n = 0;
  return (markup?.inline_keyboard ?? [])
    .filter((row) => row.length > 0)
    .map(
      (row) =>
        `  ${row.map((b) => `${paint(style, ["bold", "yellow"], `[${++n}]`)} ${buttonLabel(b, botUsername)}`).join("  ")}`,
    );
}

/** A byte count as people read it: 930 KB, 1.2 MB. */
function byteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The media of a message, one dim line: `[photo 960×1180]`, `[document table.png · image/png · 930 KB]`. */
function mediaLine(content: MessageContent, style: Style): string | undefined {
  if (content.photo !== undefined) {
    const big = content.photo[content.photo.length - 1];
    return paint(style, "dim", `[photo${big === undefined ? "" : ` ${big.width}×${big.height}`}]`);
  }
  const doc = content.document;
  if (doc === undefined) return undefined;
  const parts = [
    doc.file_name ?? "file",
    doc.mime_type,
    doc.file_size === undefined ? undefined : byteSize(doc.file_size),
  ];
  return paint(style, "dim", `[document ${parts.filter((p) => p !== undefined).join(" · ")}]`);
}

/** A message's content (text, or a photo, document or contact with its caption) and its keyboard, under a header line. */
export function renderContent(header: string, content: MessageContent, botUsername: string, style: Style): string {
  const lines = [paint(style, ["bold", "green"], header)];
  const media = mediaLine(content, style);
  if (media !== undefined) {
    lines.push(media);
    if (content.caption !== undefined) lines.push(renderText(content.caption, content.caption_entities, style));
  }
  if (content.contact !== undefined) {
    const c = content.contact;
    lines.push(
      paint(style, "dim", `[contact ${[c.first_name, c.last_name].filter(Boolean).join(" ")}, ${c.phone_number}]`),
    );
  }
  if (content.caption !== undefined && media === undefined)
    lines.push(renderText(content.caption, content.caption_entities, style));
  if (content.text !== undefined) lines.push(renderText(content.text, content.entities, style));
  lines.push(...renderKeyboard(content.reply_markup, botUsername, style));
  return lines.join("\n");
}

/** An album (the messages of one sendMediaGroup) as one block: each item's media and caption, numbered. */
export function renderAlbum(header: string, items: readonly MessageContent[], style: Style): string {
  const lines = [paint(style, ["bold", "green"], header)];
  items.forEach((item, i) => {
    const caption = item.caption === undefined ? "" : ` ${renderText(item.caption, item.caption_entities, style)}`;
    lines.push(
      `${paint(style, "dim", `${i + 1}.`)} ${mediaLine(item, style) ?? ""}${caption.replaceAll("\n", "\n   ")}`,
    );
  });
  return lines.join("\n");
}

/** The title and description of an inline result, one line, numbered `#n`. */
export function renderInlineResult(result: InlineQueryResult, n: number, style: Style): string {
  const r = result as InlineQueryResult & { title?: string; description?: string; caption?: string };
  const title = r.title ?? r.caption ?? `(${result.type})`;
  const description = r.description === undefined ? "" : paint(style, "dim", ` — ${r.description}`);
  return `  ${paint(style, ["bold", "magenta"], `#${n}`)} ${title}${description}`;
}

/** Whether a rejected call is Telegram refusing an edit that changes nothing (a double tap). */
export function isNotModified(call: Pick<ApiCall, "ok" | "error">): boolean {
  return !call.ok && call.error?.error_code === 400 && call.error.description.includes("message is not modified");
}

/**
 * A call the emulator rejected, as Telegram's error: `✖ method: 400 Bad
 * Request: …` in red. "message is not modified" is what a double tap gives
 * and the bot ignores it, so it is shown dim and short.
 */
export function renderCallError(call: Pick<ApiCall, "method" | "ok" | "error">, style: Style): string {
  const code = call.error?.error_code ?? 0;
  const description = call.error?.description ?? "unknown error";
  if (isNotModified(call)) {
    return paint(
      style,
      "dim",
      `· ${call.method}: ${code} Bad Request: message is not modified (a repeated tap; the bot ignores it)`,
    );
  }
  const retry = call.error?.parameters?.retry_after;
  const suffix = retry === undefined ? "" : ` (retry after ${retry} s)`;
  return paint(style, ["bold", "red"], `✖ ${call.method}: ${code === 0 ? "" : `${code} `}${description}${suffix}`);
}
