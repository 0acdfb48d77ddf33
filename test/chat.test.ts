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
import { INLINE_PAGE } from "../src/features/inline.js";
import type { Row, Section } from "../src/matrix/load.js";
import { MARK_EMOJI, rowLabel } from "../src/render/renderer.js";
import { testCatalog, tr } from "./harness.js";

const ROOT = resolve(".");
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const ENTRY = join(ROOT, "emulator/chat/main.ts");
const COLOR: Style = { color: true, hyperlinks: false };
const en = testCatalog().get("en");
const total = en.rows.length;

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

describe("npm run chat, piped", { timeout: 20_000 }, () => {
  it("browses /compare, runs an inline query, posts a result and presses its buttons", async () => {
    const run = await chat(["/compare", "1", "4", "3", "@", "#2", "3", "@+"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).not.toContain("\x1b");
    const [overview, list, card, next, query, pick, inlineNext, more, ...rest] = blocks(run.stdout);
    expect(rest).toEqual([]);
    const [first, second] = [en.rows[0] as Row, en.rows[1] as Row];
    const section = en.sections[0] as Section;

    expect(overview?.input).toBe("/compare");
    expect(overview?.output).toMatch(new RegExp(`^bot · msg 2\n${tr("en", "overview-title").replace("?", "\\?")}\n`));
    expect(overview?.output).toContain(`  [1] ${section.title} (${section.rows.length})\n`);
    expect(overview?.output).toMatch(/\[\d+\] 🔎 Search inline → @compare_test_bot \(inline, this chat\)/);

    expect(list?.output).toMatch(new RegExp(`^bot · msg 2 · edited\n${section.title}\n`));
    expect(list?.output).toContain("  [1] ◀ Previous  [2] ☰ All sections  [3] Next ▶\n");
    expect(list?.output).toContain(`  [4] ${rowLabel(first)}`);

    expect(card?.output).toMatch(new RegExp(`^bot · msg 2 · edited\n${first.title}\n`));
    expect(card?.output).toContain(`  [1] ◀ Previous  [2] 1/${total}  [3] Next ▶\n`);
    expect(card?.output).toContain(`↗ Share → @compare_test_bot ${first.slug} (inline, any chat)`);
    expect(card?.output).toContain(
      `  [6] ${tr("en", `card-link-${first.links[0]?.kind}`, { label: first.links[0]?.label ?? "" })} → ${first.links[0]?.url}`,
    );

    expect(next?.output).toMatch(new RegExp(`^bot · msg 2 · edited\n${second.title}\n`));
    expect(next?.output).toContain(`[2] 2/${total}`);

    expect(query?.input).toBe("@");
    const shown = Math.min(total, INLINE_PAGE);
    expect(
      query?.output
        .split("\n")
        .slice(0, shown + 1)
        .map((l) => l.replace(/ — .*/, "")),
    ).toEqual([
      'inline results for "":',
      ...en.rows.slice(0, shown).map((r, i) => `  #${i + 1} ${MARK_EMOJI[r.sides[0].mark]} ${r.title}`),
    ]);
    expect(query?.output).toContain(
      `(type #1…#${shown} to send one into this chat; plain numbers still press message buttons)`,
    );
    if (total > INLINE_PAGE) expect(query?.output).toContain("(more results: type @+)");

    expect(pick?.output).toMatch(new RegExp(`^Alice via @compare_test_bot · msg 3\n${second.title}\n`));
    expect(pick?.output).toContain(`[2] 2/${total}`);
    const third = en.rows[2 % total] as Row;
    expect(inlineNext?.output).toMatch(new RegExp(`^Alice via @compare_test_bot · msg 3 · edited\n${third.title}\n`));
    expect(inlineNext?.output).toContain(`[2] ${third.index + 1}/${total}`);

    // The next page, as a client asks for it while scrolling.
    if (total <= INLINE_PAGE) expect(more?.output).toBe("✖ no more inline results (type @ QUERY first)");
    else {
      const after = en.rows[INLINE_PAGE] as Row;
      expect(more?.output.split("\n")[1]?.replace(/ — .*/, "")).toBe(
        `  #1 ${MARK_EMOJI[after.sides[0].mark]} ${after.title}`,
      );
    }
  });

  it("shows toasts, and a switch-inline button starts its inline query", async () => {
    const row = en.rows[0] as Row;
    const run = await chat(["/language", "1", ":data 0:o:en", `/compare ${row.slug}`, "5"]);
    expect(run.code).toBe(0);
    const [menu, picked, forged, card, share, shared] = blocks(run.stdout);
    expect(menu?.output).toContain("[1] 🇬🇧 English  [2] 🇷🇺 Русский");
    expect(picked?.output).toBe(
      "(toast) Done: I speak 🇬🇧 English now.\nbot · msg 2 · edited\nDone: I speak 🇬🇧 English now.",
    );
    expect(forged?.output).toBe("(toast) This button is outdated.");
    expect(card?.output).toContain(row.title);
    expect(share?.output).toBe("");
    expect(shared?.input).toBe(`@compare_test_bot ${row.slug}`);
    expect(shared?.output).toMatch(
      new RegExp(`^inline results for "${row.slug}":\n {2}#1 ${MARK_EMOJI[row.sides[0].mark]} ${row.title} — `),
    );
  });

  it("speaks Russian after /lang ru, and /help and /language still reach the bot", async () => {
    const run = await chat(["/help", "/lang ru", "/lang", "/compare", "/language", ":help"]);
    expect(run.code).toBe(0);
    const [help, lang, shown, compare, language, toolHelp] = blocks(run.stdout);
    const ru = testCatalog().get("ru");
    expect(help?.output).toMatch(/^bot · msg 2\nHow to use this bot\n/);
    expect(lang?.output).toBe("(your Telegram app's language is now ru)");
    expect(shown?.output).toBe("(your Telegram app's language is ru; :lang CODE changes it)");
    expect(compare?.output).toMatch(new RegExp(`^bot · msg 4\n${tr("ru", "overview-title").replace("?", "\\?")}\n`));
    expect(compare?.output).toContain(`[1] ${ru.sections[0]?.title} (`);
    expect(language?.output).toContain("На каком языке мне говорить?");
    expect(toolHelp?.output).toContain(":group");
    expect(toolHelp?.output).toContain("/help and /language go to the bot");
  });

  it("in a group, only commands for this bot, mentions and replies reach it", async () => {
    const [a, b] = [en.rows[0] as Row, en.rows.at(-1) as Row];
    const run = await chat([
      "/group",
      "/compare@other_bot",
      "hello",
      "/compare@compare_test_bot",
      `hey @compare_test_bot ${a.title.toLowerCase()}?`,
      `:reply 4 and ${b.title.toLowerCase()}?`,
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
    expect(mine?.output).toMatch(new RegExp(`^bot · msg 4\n${tr("en", "overview-title").replace("?", "\\?")}\n`));
    expect(mention?.output).toMatch(new RegExp(`^bot · msg 6 · reply to 5\n${a.title}\n`));
    expect(reply?.output).toMatch(new RegExp(`^bot · msg 8 · reply to 7\n${b.title}\n`));
    expect(back?.output).toBe("(now in the private chat with @compare_test_bot)");
    expect(start?.output).toMatch(new RegExp(`^bot · msg 2\n${tr("en", "start-title").replace("?", "\\?")}`));
  });

  it("shows a rejected call as Telegram's error, and a repeated tap dim", async () => {
    const slug = en.rows[0]?.slug ?? "";
    const card = encodeCallback({ kind: "card", locale: "en", slug });
    const run = await chat([
      ":fail sendMessage 403 Forbidden: bot was blocked by the user",
      "/start",
      `/compare ${slug}`,
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
