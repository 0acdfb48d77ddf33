import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { BotApiEmulator } from "../emulator/index.js";
import { testCatalog, tr } from "./harness.js";
import { type BotProcess, startProcess } from "./support/process.js";

describe("npm start", () => {
  let emu: BotApiEmulator;
  let running: BotProcess | undefined;
  beforeEach(async () => {
    emu = await BotApiEmulator.start();
  });
  afterEach(async () => {
    running?.child.kill("SIGKILL");
    await emu.close();
  });

  it("serves through long polling, sets its profile, and stops cleanly on SIGTERM", async () => {
    running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot, LOG_LEVEL: "info" });
    await running.waitForLog('"msg":"bot started"');
    const alice = emu.user({ first_name: "Alice", language_code: "en" });
    const sent = emu.sendMessage({ from: alice, text: "/compare" });
    const reply = await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 5000 });
    expect(reply.text).toContain(tr("en", "overview-title"));
    await emu.waitFor(() => emu.shortDescription() !== "", { timeout: 5000 });
    expect(emu.commands().map((c) => c.command)).toEqual([
      "start",
      "compare",
      "new",
      "choose",
      "table",
      "language",
      "help",
      "about",
      "cancel",
      "file",
      "whoami",
      "whatcanyousee",
      "react",
      "updates",
    ]);
    expect(emu.description()).toContain("Bot API");

    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
    const logs = running.stdout();
    expect(logs).toContain('"msg":"bot started"');
    expect(logs).toContain('"msg":"stopped"');
    expect(logs).not.toContain(emu.token);
    expect(emu.errors).toEqual([]);
  }, 30000);

  it("keeps running when setting the profile fails", async () => {
    emu.injectFault({
      method: "setMyCommands",
      times: Infinity,
      response: { error_code: 400, description: "Bad Request: BOT_COMMAND_INVALID" },
    });
    running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot });
    await emu.waitFor(() => emu.calls.some((c) => c.method === "setMyShortDescription"), { timeout: 15000 });
    const alice = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: alice, text: "/start" });
    expect((await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 5000 })).text).toContain(
      tr("en", "start-title"),
    );
    expect(running.stdout()).toContain("could not set commands");
    running.child.kill("SIGINT");
    expect(await running.exit).toBe(0);
  }, 30000);

  it("refuses a token the Bot API rejects, in one line", async () => {
    running = startProcess({ BOT_TOKEN: "999999:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", BOT_API_ROOT: emu.apiRoot });
    expect(await running.exit).toBe(1);
    expect(running.stderr()).toBe("Cannot start: BOT_TOKEN was rejected by the Bot API (401 Unauthorized)\n");
    expect(running.stderr()).not.toContain("AAAAAAAA");
  }, 30000);
});

describe("bad configuration", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["a missing token", {}, /^Cannot start: BOT_TOKEN is required \(get one from @BotFather\)\n$/],
    ["a malformed token", { BOT_TOKEN: "not-a-token" }, /^Cannot start: BOT_TOKEN does not look like a bot token/],
    [
      "a bad API root",
      { BOT_TOKEN: "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", BOT_API_ROOT: "ftp://x" },
      /^Cannot start: BOT_API_ROOT must be an http\(s\) URL/,
    ],
    [
      "a bad log level",
      { BOT_TOKEN: "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", LOG_LEVEL: "loud" },
      /^Cannot start: LOG_LEVEL must be one of/,
    ],
  ];
  it.each(cases)(
    "stops on %s with one line and exit code 1",
    async (_name, env, pattern) => {
      const run = startProcess(env);
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toMatch(pattern);
      expect(run.stderr().trim().split("\n")).toHaveLength(1);
      expect(run.stderr()).not.toContain("not-a-token");
    },
    30000,
  );

  it("stops on a locale file that misses a message or does not parse, naming the file and line", async () => {
    for (const [name, change, pattern] of [
      [
        "a missing message",
        (text: string) => text.replace(/^help-title = .*\n/m, ""),
        /ru\.ftl: missing help-title \(present in en\.ftl\)\n$/,
      ],
      [
        "a syntax error",
        (text: string) => text.replace(/^(nothing-found = .*)\}(.*)$/m, "$1$2"),
        /ru\.ftl:\d+: Expected token: "}"\n$/,
      ],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), "locales-"));
      cpSync("locales", dir, { recursive: true });
      const file = join(dir, "ru.ftl");
      const broken = change(readFileSync(file, "utf8"));
      expect(broken, name).not.toBe(readFileSync(file, "utf8"));
      writeFileSync(file, broken);
      // Nowhere to reach: a locale check that failed to stop the bot would not call Telegram.
      const run = startProcess({
        BOT_TOKEN: "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        BOT_API_ROOT: "http://127.0.0.1:9",
        LOCALES_DIR: dir,
      });
      expect(await run.exit, name).toBe(1);
      expect(run.stderr(), name).toMatch(/^Cannot start: /);
      expect(run.stderr(), name).toMatch(pattern);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30000);

  it("stops on a broken data file, naming the file, row and field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "data-"));
    cpSync("data", dir, { recursive: true });
    const section = testCatalog().sectionSlugs[0] ?? "";
    const file = join(dir, "matrix", `${section}.yaml`);
    const rows = parseYaml(readFileSync(file, "utf8")) as { slug: string; en: { title: string } }[];
    const [row] = rows;
    if (row === undefined) throw new Error(`${file} has no rows`);
    row.en.title = "";
    writeFileSync(file, stringifyYaml(rows));
    const run = startProcess({ BOT_TOKEN: "1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DATA_DIR: dir });
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toBe(`Cannot start: ${file}: row 1 (${row.slug}), field en.title: must not be empty\n`);
    rmSync(dir, { recursive: true, force: true });
  }, 30000);
});
