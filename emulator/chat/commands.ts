import { parseSize } from "./extras.js";

/** Size of `:photo` without one. */
const DEFAULT_PHOTO_SIZE = 2 * 1024 * 1024;
const LANGUAGE_RE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** What can be typed besides messages, and what it does. */
const HELP_ROWS: Array<[string, string]> = [
  ["N", "press button N of the last message shown with buttons"],
  ["M.N", 'press button N of message M ("msg M" in its header)'],
  ["@ QUERY", "inline query (also @<bot> QUERY); the results are listed as #1, #2, …"],
  ["@+", "the next page of the last inline query's results, as a client asks while scrolling"],
  ["#N", "post inline result N into this chat (#0: the button above the results)"],
  [":group", "switch to a group with the bot (privacy mode: try /compare@<bot>, mentions)"],
  [":private", "switch back to the private chat with the bot"],
  [":lang [CODE]", "show or set your Telegram app's language, e.g. :lang ru"],
  [":reply M TEXT", "send TEXT as a reply to message M (:reply M @<bot> asks the bot about it)"],
  [":file SIZE [NAME.EXT] [CAPTION]", "send a file of SIZE, e.g. :file 30MB video.mp4 (1 MB = 1024×1024 bytes)"],
  [":photo [SIZE] [CAPTION]", "send a photo (2MB unless given)"],
  [":contact", "share your phone number, as a request_contact button does"],
  ["kN", "press button N of the keyboard under the input line (⌨ [kN])"],
  [":as NAME TEXT", "in the group: another member, NAME, sends TEXT"],
  [":promote, :demote", "make the bot an admin of the group (it then sees every message), or not"],
  [":say TEXT", "send TEXT as it is (a number, or a line starting with @ or :)"],
  [":data DATA", "press a forged button with callback data DATA on the last bot message"],
  [":fail METHOD [CODE] [TEXT]", "make the bot's next METHOD call fail with that error"],
  [":help, :quit", "this help; leave (Ctrl-D too)"],
];

/** The chat tool's own commands; `/group`, `/private`, `/lang` and `/quit` also work with a slash. */
export const TOOL_HELP = [
  "Type a message or a command to send it to the bot (/start, /compare, /choose, /language, /help, …).",
  ...HELP_ROWS.map(([what, does]) => `  ${what.padEnd(34)}${does}`),
  "/group, /private, /lang and /quit work too; /help and /language go to the bot.",
].join("\n");

/**
 * One of the chat tool's own commands (`:group`, `:file 30MB`, …) with its
 * arguments read, or why they could not be: what can be checked without
 * knowing where the user is.
 */
export type ToolCommand =
  | { name: "quit" | "help" | "group" | "private" | "contact" | "promote" | "demote" }
  | { name: "lang"; code?: string }
  | { name: "say"; text: string }
  | { name: "reply"; to: number; text: string }
  | { name: "file"; size: number; fileName?: string; caption?: string }
  | { name: "photo"; size: number; caption?: string }
  | { name: "as"; member: string; text: string }
  | { name: "data"; data: string }
  | { name: "fail"; method: string; code: number; description?: string }
  /** A command misused or unknown: the message says how to use it. */
  | { name: "error"; message: string };

/** One line of input, read: a tool command, a button or result to press, an inline query, or a message. */
export type Input =
  | { kind: "tool"; command: ToolCommand }
  /** Button `button` (from 1) of message `message`, or of the last message shown with buttons. */
  | { kind: "press"; message?: number; button: number }
  /** Inline result `result` (from 1; 0 is the button above the results). */
  | { kind: "pick"; result: number }
  /** Key `key` (from 1) of the keyboard under the input line. */
  | { kind: "key"; key: number }
  /** The next page of the last inline query. */
  | { kind: "more" }
  | { kind: "inline"; query: string }
  | { kind: "send"; text: string };

/** Reads one trimmed, non-empty line of input; `bot` is the bot's username, for `@<bot> query`. */
export function parseInput(line: string, bot: string): Input {
  const tool = /^(?::(\w+)|\/(group|private|lang|quit))(?:\s+([\s\S]*))?$/i.exec(line);
  if (tool !== null)
    return {
      kind: "tool",
      command: parseToolCommand((tool[1] ?? tool[2] ?? "").toLowerCase(), (tool[3] ?? "").trim()),
    };
  let m = /^(\d+)$/.exec(line);
  if (m !== null) return { kind: "press", button: Number(m[1]) };
  m = /^(\d+)\.(\d+)$/.exec(line);
  if (m !== null) return { kind: "press", message: Number(m[1]), button: Number(m[2]) };
  m = /^#(\d+)$/.exec(line);
  if (m !== null) return { kind: "pick", result: Number(m[1]) };
  m = /^k(\d+)$/i.exec(line);
  if (m !== null) return { kind: "key", key: Number(m[1]) };
  if (line.trim() === "@+") return { kind: "more" };
  const query = inlineQueryText(line, bot);
  return query !== undefined ? { kind: "inline", query } : { kind: "send", text: line };
}

/** The query of an inline-mode line (`@ q`, `@<bot> q`), or undefined for an ordinary message. */
function inlineQueryText(line: string, bot: string): string | undefined {
  const m = /^@(\w*)(?:\s+([\s\S]*))?$/.exec(line);
  if (m === null) return undefined;
  const name = m[1] ?? "";
  if (name !== "" && name.toLowerCase() !== bot.toLowerCase()) return undefined;
  return (m[2] ?? "").trim();
}

const error = (message: string): ToolCommand => ({ name: "error", message });

/** Reads the arguments of tool command `name` (lower case, without `:`). */
export function parseToolCommand(name: string, arg: string): ToolCommand {
  switch (name) {
    case "quit":
    case "exit":
      return { name: "quit" };
    case "help":
    case "group":
    case "private":
    case "contact":
    case "promote":
    case "demote":
      return { name };
    case "lang":
      if (arg === "") return { name };
      return LANGUAGE_RE.test(arg)
        ? { name, code: arg.toLowerCase() }
        : error(`not a language code: ${arg} (try :lang ru)`);
    case "say":
      return arg === "" ? error(":say needs a text") : { name, text: arg };
    case "reply": {
      const m = /^(\d+)\s+([\s\S]+)$/.exec(arg);
      return m === null ? error("usage: :reply M TEXT") : { name, to: Number(m[1]), text: m[2] ?? "" };
    }
    case "file": {
      const m = /^(\S+)(?:\s+(\S+\.[A-Za-z0-9]{1,8}))?(?:\s+([\s\S]+))?$/.exec(arg);
      const size = parseSize(m?.[1] ?? "");
      if (m === null || size === undefined) return error("usage: :file SIZE [NAME.EXT] [CAPTION], e.g. :file 30MB");
      return {
        name,
        size,
        ...(m[2] !== undefined ? { fileName: m[2] } : {}),
        ...(m[3] !== undefined ? { caption: m[3] } : {}),
      };
    }
    case "photo": {
      const m = /^(\d[\d.]*\s*[KMG]?i?B?)?(?:\s*([\s\S]+))?$/i.exec(arg);
      const size = m?.[1] === undefined ? DEFAULT_PHOTO_SIZE : parseSize(m[1]);
      if (m === null || size === undefined) return error("usage: :photo [SIZE] [CAPTION]");
      return { name, size, ...(m[2] !== undefined ? { caption: m[2] } : {}) };
    }
    case "as": {
      const m = /^(\S+)\s+([\s\S]+)$/.exec(arg);
      return m === null ? error("usage: :as NAME TEXT") : { name, member: m[1] ?? "", text: m[2] ?? "" };
    }
    case "data":
      return arg === "" ? error("usage: :data CALLBACK_DATA") : { name, data: arg };
    case "fail": {
      const m = /^(\w+)(?:\s+(\d{3}))?(?:\s+([\s\S]+))?$/.exec(arg);
      if (m === null) return error("usage: :fail METHOD [CODE] [DESCRIPTION]");
      const code = Number(m[2] ?? 400);
      const description = m[3] ?? (code === 400 ? "Bad Request: injected by :fail" : undefined);
      return { name, method: m[1] ?? "", code, ...(description !== undefined ? { description } : {}) };
    }
    default:
      return error(`unknown command :${name} (:help lists them)`);
  }
}

/** A t.me link to bot `bot`, parsed; undefined for other links. */
function botLink(url: string, bot: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^(?:t\.me|telegram\.me)$/i.test(parsed.hostname)) return undefined;
  if (parsed.pathname.replace(/^\//, "").toLowerCase() !== bot.toLowerCase()) return undefined;
  return parsed;
}

/** `start` payload of a t.me link that opens bot `bot`, or undefined for other links. */
export function deepLinkPayload(url: string, bot: string): string | undefined {
  const parsed = botLink(url, bot);
  return parsed === undefined ? undefined : (parsed.searchParams.get("start") ?? "");
}

/** `startgroup` payload of a t.me link that adds bot `bot` to a group, or undefined for other links. */
export function startGroupPayload(url: string, bot: string): string | undefined {
  return botLink(url, bot)?.searchParams.get("startgroup") ?? undefined;
}
