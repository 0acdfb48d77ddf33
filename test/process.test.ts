import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { BotApiEmulator } from "../emulator/index.js";
import { testCatalog, tr } from "./harness.js";
import { type BotProcess, startProcess } from "./support/process.js";
import { freePort } from "./support/redis.js";

const SECRET = "s3cret_token-for-tests";

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
    const reply = await emu.waitForBotMessage(alice.id, sent.message_id);
    expect(reply.text).toContain(tr("en", "overview-title"));
    await emu.waitFor(() => emu.shortDescription() !== "");
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
  });

  it("deletes a webhook an earlier deployment left set, and serves through long polling", async () => {
    // Set by another client, as an earlier deployment would have. Nothing listens there:
    // Telegram would refuse getUpdates (409) while it is set.
    await new Api(emu.token, { apiRoot: emu.apiRoot }).setWebhook(`http://127.0.0.1:${await freePort()}/hook`);
    expect(emu.webhookUrl).not.toBe("");
    running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot, LOG_LEVEL: "info" });
    await running.waitForLog('"msg":"bot started"');
    expect(emu.webhookUrl).toBe("");
    const alice = emu.user({ first_name: "Alice", language_code: "en" });
    const sent = emu.sendMessage({ from: alice, text: "/compare" });
    expect((await emu.waitForBotMessage(alice.id, sent.message_id)).text).toContain(tr("en", "overview-title"));
    expect(emu.calls.filter((c) => c.method === "getUpdates" && !c.ok)).toEqual([]);
    expect(emu.errors).toEqual([]);
  });

  it("answers a question and an inline query from its search, whose packages load from their own files", async () => {
    running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot, LOG_LEVEL: "info" });
    await running.waitForLog('"msg":"bot started"');
    const row = testCatalog()
      .get("en")
      .rows.find((r) => r.slug === "read-history");
    const alice = emu.user({ first_name: "Alice", language_code: "en" });
    const sent = emu.sendMessage({ from: alice, text: "can my bot read old messages?" });
    expect((await emu.waitForBotMessage(alice.id, sent.message_id)).text).toContain(row?.title);
    // In Russian, through the other language's stemmer.
    const answer = await emu.waitForInlineAnswer(emu.inlineQuery({ from: alice, query: "старые сообщения" }));
    expect(answer.results.map((r) => r.id)).toContain("read-history");
    expect(emu.errors).toEqual([]);
  });

  it("keeps a health file fresh while long polling works, which the container's check reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "health-"));
    const file = join(dir, "alive");
    const check = (env: Record<string, string>) =>
      new Promise<number | null>((done) =>
        spawn(process.execPath, ["scripts/healthcheck.mjs"], { env: { PATH: process.env.PATH ?? "", ...env } }).on(
          "exit",
          done,
        ),
      );
    try {
      running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot, HEALTH_FILE: file });
      await running.waitForLog('"msg":"bot started"');
      // Written again once a long poll comes back with updates.
      utimesSync(file, new Date(0), new Date(0));
      const written = new Promise<void>((resolve) => {
        const watcher = watch(file, () => {
          if (statSync(file).mtimeMs > 0) resolve(watcher.close());
        });
      });
      const alice = emu.user({ first_name: "Alice" });
      const sent = emu.sendMessage({ from: alice, text: "/help" });
      await emu.waitForBotMessage(alice.id, sent.message_id);
      await written;
      expect(await check({ HEALTH_FILE: file })).toBe(0);
      // A file not written for longer than the check allows: unhealthy (nothing answers /healthz either).
      utimesSync(file, new Date(0), new Date(0));
      expect(await check({ HEALTH_FILE: file, PORT: String(await freePort()) })).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps running when setting the profile fails", async () => {
    emu.injectFault({
      method: "setMyCommands",
      times: Infinity,
      response: { error_code: 400, description: "Bad Request: BOT_COMMAND_INVALID" },
    });
    running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot });
    await emu.waitFor(() => emu.calls.some((c) => c.method === "setMyShortDescription"));
    const alice = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: alice, text: "/start" });
    expect((await emu.waitForBotMessage(alice.id, sent.message_id)).text).toContain(tr("en", "start-title"));
    expect(running.stdout()).toContain("could not set commands");
    running.child.kill("SIGINT");
    expect(await running.exit).toBe(0);
  });

  it("refuses a token the Bot API rejects, in one line", async () => {
    running = startProcess({ BOT_TOKEN: "999999:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", BOT_API_ROOT: emu.apiRoot });
    expect(await running.exit).toBe(1);
    expect(running.stderr()).toBe("Cannot start: BOT_TOKEN was rejected by the Bot API (401 Unauthorized)\n");
    expect(running.stderr()).not.toContain("AAAAAAAA");
  });
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
  it.each(cases)("stops on %s with one line and exit code 1", async (_name, env, pattern) => {
    const run = startProcess(env);
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toMatch(pattern);
    expect(run.stderr().trim().split("\n")).toHaveLength(1);
    expect(run.stderr()).not.toContain("not-a-token");
  });

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
  });
});

describe("webhook mode, as a process", () => {
  let emu: BotApiEmulator;
  let bot: BotProcess | undefined;
  beforeEach(async () => {
    emu = await BotApiEmulator.start();
  });
  afterEach(async () => {
    bot?.child.kill("SIGKILL");
    await emu.close();
  });

  it("requires a well-formed secret", async () => {
    for (const [secret, pattern] of [
      [undefined, /^Cannot start: WEBHOOK_SECRET is required when WEBHOOK_URL is set/],
      ["has spaces in it", /^Cannot start: WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -\n$/],
      ["x".repeat(257), /^Cannot start: WEBHOOK_SECRET must be 1-256 characters/],
    ] as const) {
      const run = startProcess({
        BOT_TOKEN: emu.token,
        WEBHOOK_URL: "https://bot.example.com/hook",
        ...(secret === undefined ? {} : { WEBHOOK_SECRET: secret }),
      });
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toMatch(pattern);
    }
  });

  it("sets the webhook, serves through it, and stops on SIGTERM with exit code 0", async () => {
    const port = await freePort();
    bot = startProcess({
      BOT_TOKEN: emu.token,
      BOT_API_ROOT: emu.apiRoot,
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_MAX_CONNECTIONS: "7",
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    await bot.waitForLog('"msg":"bot started"');
    const setWebhook = emu.calls.find((c) => c.method === "setWebhook");
    expect(setWebhook?.params).toEqual({
      url: `http://127.0.0.1:${port}/telegram/hook`,
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "inline_query"],
      max_connections: 7,
    });
    const alice = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: alice, text: "/compare" });
    expect((await emu.waitForBotMessage(alice.id, sent.message_id)).text).toContain(tr("en", "overview-title"));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ status: "ok", mode: "webhook" });
    bot.child.kill("SIGTERM");
    expect(await bot.exit).toBe(0);
    expect(bot.stdout()).toContain('"msg":"stopped"');
    expect(bot.stdout()).not.toContain(emu.token);
  });
});
