import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import {
  isNotModified,
  PLAIN,
  renderCallError,
  renderContent,
  renderText,
  styleFor,
  type Style,
} from "../emulator/chat/render.js";
import { encodeCallback } from "../src/callback-data.js";

const ROOT = resolve(".");
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const ENTRY = join(ROOT, "emulator/chat/main.ts");
const COLOR: Style = { color: true, hyperlinks: false };

interface ChatRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run chat` as a pipe would: the lines on stdin, then EOF. */
function chat(lines: string[], env: Record<string, string> = {}): Promise<ChatRun> {
  const child = spawn(process.execPath, ["--import", TSX, ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(lines.map((l) => `${l}\n`).join(""));
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

/** The output of each input line, keyed by the line as echoed (`> line`). */
function blocks(stdout: string): Array<{ input: string; output: string }> {
  return stdout
    .split(/^> /m)
    .slice(1)
    .map((b) => {
      const nl = b.indexOf("\n");
      return { input: b.slice(0, nl), output: b.slice(nl + 1).trimEnd() };
    });
}

describe("npm run chat, piped", () => {
  it.concurrent("browses /compare, runs an inline query, posts a result and presses its buttons", async () => {
    const run = await chat(["/compare", "2", "4", "@", "#3", "4"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toContain("\x1b");
    const [overview, row, next, query, pick, inlineNext, ...rest] = blocks(run.stdout);
    expect(rest).toEqual([]);

    expect(overview?.input).toBe("/compare");
    expect(overview?.output).toMatch(/^bot · msg 2\nBot API vs Telegram API\n/);
    expect(overview?.output).toContain("  [1] ⚠️ Fetch messages  [2] ⚠️ Fetch users\n");
    expect(overview?.output).toMatch(/\[\d+\] 🔎 Search inline → @compare_test_bot \(inline, this chat\)/);

    expect(row?.output).toMatch(/^bot · msg 2 · edited\nFetch users\n/);
    expect(row?.output).toContain("[2] ◀ Previous  [3] 2/6  [4] Next ▶");

    expect(next?.output).toMatch(/^bot · msg 2 · edited\nSend and receive files\n/);
    expect(next?.output).toContain("[3] 3/6");
    expect(next?.output).toContain(
      "[1] 📖 Running a local Bot API server → https://core.telegram.org/bots/api#using-a-local-bot-api-server",
    );
    expect(next?.output).toContain("↗ Share → @compare_test_bot files (inline, any chat)");

    expect(query?.input).toBe("@");
    expect(
      query?.output
        .split("\n")
        .slice(0, 7)
        .map((l) => l.replace(/ — .*/, "")),
    ).toEqual([
      'inline results for "":',
      "  #1 ⚠️ Fetch messages",
      "  #2 ⚠️ Fetch users",
      "  #3 ⚠️ Send and receive files",
      "  #4 ❌ Fetch group members",
      "  #5 ❌ Get old updates",
      "  #6 ⚠️ Run several programs with one bot",
    ]);
    expect(query?.output).toContain(
      "(type #1…#6 to send one into this chat; plain numbers still press message buttons)",
    );

    expect(pick?.output).toMatch(/^Alice via @compare_test_bot · msg 3\nSend and receive files\n/);
    expect(pick?.output).toContain("[3] 3/6");
    expect(inlineNext?.output).toMatch(/^Alice via @compare_test_bot · msg 3 · edited\nFetch group members\n/);
    expect(inlineNext?.output).toContain("[2] 4/6");
  });

  it.concurrent("shows toasts, and a switch-inline button starts its inline query", async () => {
    const run = await chat(["/language", "1", ":data 0:o:en", "/compare files", "6"]);
    expect(run.code).toBe(0);
    const [menu, picked, forged, card, share, shared] = blocks(run.stdout);
    expect(menu?.output).toContain("[1] 🇬🇧 English  [2] 🇷🇺 Русский");
    expect(picked?.output).toBe(
      "(toast) Done: I speak 🇬🇧 English now.\nbot · msg 2 · edited\nDone: I speak 🇬🇧 English now.",
    );
    expect(forged?.output).toBe("(toast) This button is outdated.");
    expect(card?.output).toContain("Send and receive files");
    expect(share?.output).toBe("");
    expect(shared?.input).toBe("@compare_test_bot files");
    expect(shared?.output).toMatch(/^inline results for "files":\n {2}#1 ⚠️ Send and receive files — /);
  });

  it.concurrent("speaks Russian after /lang ru, and /help and /language still reach the bot", async () => {
    const run = await chat(["/help", "/lang ru", "/lang", "/compare", "/language", ":help"]);
    expect(run.code).toBe(0);
    const [help, lang, shown, compare, language, toolHelp] = blocks(run.stdout);
    expect(help?.output).toMatch(/^bot · msg 2\nHow to use this bot\n/);
    expect(lang?.output).toBe("(your Telegram app's language is now ru)");
    expect(shown?.output).toBe("(your Telegram app's language is ru; :lang CODE changes it)");
    expect(compare?.output).toMatch(/^bot · msg 4\nBot API против Telegram API\n/);
    expect(compare?.output).toContain("[1] ⚠️ Получение сообщений");
    expect(language?.output).toContain("На каком языке мне говорить?");
    expect(toolHelp?.output).toContain(":group");
    expect(toolHelp?.output).toContain("/help and /language go to the bot");
  });

  it.concurrent("in a group, only commands for this bot, mentions and replies reach it", async () => {
    const run = await chat([
      "/group",
      "/compare@other_bot",
      "hello",
      "/compare@compare_test_bot",
      "hey @compare_test_bot can a bot download big files?",
      ":reply 4 and users?",
      "/private",
      "/start",
    ]);
    expect(run.code).toBe(0);
    const [group, other, hello, mine, mention, reply, back, start] = blocks(run.stdout);
    const ignored =
      "(the bot does not get this message: in groups with privacy mode it gets only commands for it, replies to its messages and mentions of @compare_test_bot)";
    expect(group?.output).toContain('now in the group "Test group"');
    expect(other?.output).toBe(ignored);
    expect(hello?.output).toBe(ignored);
    expect(mine?.output).toMatch(/^bot · msg 4\nBot API vs Telegram API\n/);
    expect(mention?.output).toMatch(/^bot · msg 6 · reply to 5\nSend and receive files\n/);
    expect(reply?.output).toMatch(/^bot · msg 8 · reply to 7\n/);
    expect(back?.output).toBe("(now in the private chat with @compare_test_bot)");
    expect(start?.output).toMatch(/^bot · msg 2\nBot API or Telegram API\?/);
  });

  it.concurrent("shows a rejected call as Telegram's error, and a repeated tap dim", async () => {
    const card = encodeCallback({ kind: "card", locale: "en", slug: "files" });
    const run = await chat([
      ":fail sendMessage 403 Forbidden: bot was blocked by the user",
      "/start",
      "/compare files",
      `:data ${card}`,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const [fail, start, , again] = blocks(run.stdout);
    expect(fail?.output).toBe(
      "(the bot's next sendMessage call will fail with 403 Forbidden: bot was blocked by the user)",
    );
    expect(start?.output).toBe("✖ sendMessage: 403 Forbidden: bot was blocked by the user");
    expect(again?.output).toBe(
      "· editMessageText: 400 Bad Request: message is not modified (a repeated tap; the bot ignores it)",
    );
  });
});

describe("chat rendering", () => {
  it("renders Telegram's rejections in red, and a not-modified edit dim", () => {
    const rejected = {
      method: "sendMessage",
      ok: false,
      error: { error_code: 400, description: "Bad Request: message text is empty" },
    };
    expect(renderCallError(rejected, PLAIN)).toBe("✖ sendMessage: 400 Bad Request: message text is empty");
    expect(renderCallError(rejected, COLOR)).toBe(
      "\x1b[1;31m✖ sendMessage: 400 Bad Request: message text is empty\x1b[0m",
    );
    const flood = {
      method: "sendMessage",
      ok: false,
      error: { error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } },
    };
    expect(renderCallError(flood, PLAIN)).toBe("✖ sendMessage: 429 Too Many Requests: retry after 3 (retry after 3 s)");
    const same = {
      method: "editMessageText",
      ok: false,
      error: { error_code: 400, description: "Bad Request: message is not modified: specified new message content …" },
    };
    expect(isNotModified(same)).toBe(true);
    expect(
      renderCallError(same, COLOR).startsWith("\x1b[2m· editMessageText: 400 Bad Request: message is not modified"),
    ).toBe(true);
  });

  it("styles entities by UTF-16 offsets, nested, and keeps link addresses in plain text", () => {
    const text = "🤖 Bot API — can\nsee docs and `x`";
    const entities: MessageEntity[] = [
      { type: "bold", offset: 0, length: 10 },
      { type: "italic", offset: 3, length: 3 },
      { type: "text_link", offset: 21, length: 4, url: "https://example.com/docs" },
    ];
    expect(renderText(text, entities, PLAIN)).toBe("🤖 Bot API — can\nsee docs (https://example.com/docs) and `x`");
    expect(renderText(text, entities, COLOR)).toBe(
      "\x1b[1m🤖 \x1b[0m\x1b[1;3mBot\x1b[0m\x1b[1m API\x1b[0m — can\nsee \x1b[34;4mdocs\x1b[0m\x1b[2m (https://example.com/docs)\x1b[0m and `x`",
    );
    const hyper = renderText("docs", [{ type: "text_link", offset: 0, length: 4, url: "https://example.com" }], {
      color: true,
      hyperlinks: true,
    });
    expect(hyper).toContain("\x1b]8;;https://example.com\x1b\\docs\x1b]8;;\x1b\\");
    expect(renderText("a\nb", [{ type: "blockquote", offset: 0, length: 3 }], PLAIN)).toBe("│ a\n│ b");
  });

  it("numbers buttons row by row and marks what non-callback buttons do", () => {
    const out = renderContent(
      "bot · msg 1",
      {
        text: "hi",
        reply_markup: {
          inline_keyboard: [
            [
              { text: "A", callback_data: "a" },
              { text: "B", callback_data: "b" },
            ],
            [{ text: "Docs", url: "https://example.com" }],
            [
              { text: "Share", switch_inline_query: "files" },
              { text: "Here", switch_inline_query_current_chat: "" },
            ],
          ],
        },
      },
      "some_bot",
      PLAIN,
    );
    expect(out).toBe(
      [
        "bot · msg 1",
        "hi",
        "  [1] A  [2] B",
        "  [3] Docs → https://example.com",
        "  [4] Share → @some_bot files (inline, any chat)  [5] Here → @some_bot (inline, this chat)",
      ].join("\n"),
    );
  });

  it("uses colours only on a terminal without NO_COLOR", () => {
    expect(styleFor({ isTTY: true }, {}).color).toBe(true);
    expect(styleFor({ isTTY: true }, { NO_COLOR: "1" }).color).toBe(false);
    expect(styleFor({ isTTY: false }, {}).color).toBe(false);
    expect(styleFor({}, {}).color).toBe(false);
  });
});
