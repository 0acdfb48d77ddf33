import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../emulator/index.js";
import { type BotProcess, startProcess } from "./support/process.js";
import { freePort } from "./support/redis.js";
import { tr } from "./harness.js";

/**
 * The compiled bot, as `npm start` runs it, against a Bot API that cannot
 * be reached, does not answer, or answers what it should not: every call
 * gives up within its bounds, a stop is never held by Telegram, and what
 * ends polling for good is told in one line with exit code 1.
 */

const SECRET = "outage-secret";

let emu: BotApiEmulator;
let bot: BotProcess | undefined;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
});

afterEach(async () => {
  bot?.child.kill("SIGKILL");
  bot = undefined;
  await emu.close();
});

/** Starts the bot in long polling mode against the emulator, with short bounds unless overridden. */
function polling(env: Record<string, string> = {}): BotProcess {
  bot = startProcess({
    BOT_TOKEN: emu.token,
    BOT_API_ROOT: emu.apiRoot,
    BOT_API_TIMEOUT_S: "1",
    BOT_API_RETRY_S: "5",
    DRAIN_TIMEOUT_S: "2",
    ...env,
  });
  return bot;
}

/** Starts the bot in webhook mode against the emulator. */
async function webhook(env: Record<string, string> = {}): Promise<BotProcess> {
  const port = await freePort();
  return polling({
    WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    HOST: "127.0.0.1",
    ...env,
  });
}

/** The exit code, or "running" if the process is still up after `ms`. */
async function exitWithin(run: BotProcess, ms: number): Promise<number | null | "running"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"running">((resolve) => (timer = setTimeout(() => resolve("running"), ms)));
  try {
    return await Promise.race([run.exit, late]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a reply that cannot get through", () => {
  it("fails its update after BOT_API_RETRY_S, and the chat's next message is answered", async () => {
    const run = polling();
    await run.waitForLog('"msg":"bot started"');
    const alice = emu.user({ first_name: "Alice" });
    const cut = emu.injectFault({ method: "sendMessage", chatId: alice.id, times: Infinity, resetConnection: true });
    const started = Date.now();
    emu.sendMessage({ from: alice, text: "/compare" });
    await run.waitForLog('"msg":"update failed"', 15_000);
    // Five seconds of retries (auto-retry waits 3 s before the second attempt), and slack for a busy machine.
    expect(Date.now() - started).toBeLessThan(9000);
    expect(cut.hits).toBeGreaterThanOrEqual(2);
    const failed = run.logs().find((l) => l.msg === "update failed");
    expect(failed).toMatchObject({ err: { type: "HttpError" } });
    expect((failed?.err as { message: string }).message).toMatch(
      /^Call to 'sendMessage' still failing after .* gave up$/,
    );
    cut.cancel();
    const next = emu.sendMessage({ from: alice, text: "/help" });
    expect((await emu.waitForBotMessage(alice.id, next.message_id, { timeout: 5000 })).text).toBeDefined();
  }, 30_000);

  it("gives up on a call Telegram accepts and never answers, after BOT_API_TIMEOUT_S per attempt", async () => {
    const run = polling();
    await run.waitForLog('"msg":"bot started"');
    const alice = emu.user({ first_name: "Alice" });
    const hang = emu.injectFault({ method: "sendMessage", chatId: alice.id, hang: true });
    const asked = emu.sendMessage({ from: alice, text: "/compare" });
    // The hung attempt is abandoned after a second and made again, which goes through.
    const reply = await emu.waitForBotMessage(alice.id, asked.message_id, { timeout: 10_000 });
    expect(reply.text).toContain(tr("en", "overview-title"));
    expect(hang.hits).toBe(1);
    expect(run.logs().find((l) => l.msg === "Bot API call failed; retrying")).toMatchObject({
      method: "sendMessage",
      err: {
        message: "Network request for 'sendMessage' failed! (Request to 'sendMessage' timed out after 1 seconds)",
      },
    });
  }, 30_000);

  for (const mode of ["polling", "webhook"] as const) {
    it(`does not hold a stop (${mode}): SIGTERM exits 0 within DRAIN_TIMEOUT_S`, async () => {
      const run = mode === "polling" ? polling({ BOT_API_RETRY_S: "600" }) : await webhook({ BOT_API_RETRY_S: "600" });
      await run.waitForLog('"msg":"bot started"');
      const alice = emu.user({ first_name: "Alice" });
      emu.injectFault({ method: "sendMessage", chatId: alice.id, times: Infinity, resetConnection: true });
      emu.sendMessage({ from: alice, text: "/compare" });
      await run.waitForLog('"msg":"Bot API call failed; retrying"', 10_000);
      const signalled = Date.now();
      run.child.kill("SIGTERM");
      expect(await exitWithin(run, 8000)).toBe(0);
      // DRAIN_TIMEOUT_S is 2.
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(1900);
      const logs = run.logs();
      const gaveUp = logs.find((l) => l.msg === "gave up on the updates still in flight after DRAIN_TIMEOUT_S");
      expect(gaveUp).toMatchObject({ level: 40 });
      // Polling confirmed the update when it fetched it; a webhook gives it back to Telegram.
      const [lost, released] = [gaveUp?.lost_update_ids, gaveUp?.released_update_ids] as number[][];
      expect(mode === "polling" ? [lost?.length, released?.length] : [released?.length, lost?.length]).toEqual([1, 0]);
      expect(logs.at(-1)).toMatchObject({ msg: "stopped" });
      expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    }, 30_000);
  }
});

describe("a Bot API that cannot be reached", () => {
  it("stops start-up with one line after BOT_API_RETRY_S", async () => {
    const port = await freePort();
    const started = Date.now();
    const run = startProcess({
      BOT_TOKEN: emu.token,
      BOT_API_ROOT: `http://127.0.0.1:${port}`,
      BOT_API_TIMEOUT_S: "1",
      BOT_API_RETRY_S: "2",
    });
    expect(await exitWithin(run, 15_000)).toBe(1);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(run.stderr()).toMatch(
      /^Cannot start: cannot reach the Bot API: Call to 'getMe' still failing after 2 seconds; gave up\n$/,
    );
    expect(run.stdout()).not.toContain(emu.token);
  }, 30_000);

  it("exits 0 on SIGTERM during start-up", async () => {
    emu.injectFault({ method: "getMe", hang: true });
    const run = polling({ BOT_API_TIMEOUT_S: "60", BOT_API_RETRY_S: "600" });
    await emu.waitFor(() => emu.calls.some((c) => c.method === "getMe"), { timeout: 10_000 });
    run.child.kill("SIGTERM");
    expect(await exitWithin(run, 5000)).toBe(0);
    expect(run.logs().map((l) => l.msg)).toEqual(["stopping: finishing the updates in flight", "stopped"]);
    expect(run.stderr()).toBe("");
  }, 30_000);

  it("polls again within seconds of the end of an outage", async () => {
    const run = polling({ POLLING_TIMEOUT_S: "5" });
    await run.waitForLog('"msg":"bot started"');
    await emu.waitForPolling({ timeout: 5000 });
    const outage = emu.outage();
    await sleep(10_000);
    outage.end();
    const ended = Date.now();
    const alice = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: alice, text: "/compare" });
    await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 10_000 });
    expect(Date.now() - ended).toBeLessThan(3000);
    // Every failed getUpdates was logged once, at warn, as JSON; nothing printed around it.
    expect(run.logs().filter((l) => l.msg === "Bot API call failed; retrying").length).toBeGreaterThan(3);
    expect(run.logs().filter((l) => "raw" in l || (l.level as number) >= 50)).toEqual([]);
    expect(run.stderr()).toBe("");
  }, 40_000);

  it("polls again after a getUpdates that is accepted and never answered", async () => {
    const run = polling({ POLLING_TIMEOUT_S: "1" });
    await run.waitForLog('"msg":"bot started"');
    await emu.waitForPolling({ timeout: 5000 });
    emu.injectFault({ method: "getUpdates", hang: true });
    // The next poll hangs: one long poll (1 s) and one request's time (1 s) later it is given up and made again.
    await emu.waitFor(() => emu.calls.some((c) => c.error?.description === "no answer (injected fault)"), {
      timeout: 5000,
    });
    const hung = Date.now();
    const alice = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: alice, text: "/compare" });
    await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 15_000 });
    expect(Date.now() - hung).toBeLessThan(6000);
  }, 30_000);
});

describe("what ends polling", () => {
  const cases = [
    [
      "409 from a second instance",
      {
        response: {
          error_code: 409,
          description:
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        },
      },
      /another process polls with the same BOT_TOKEN/,
    ],
    [
      "409 from a webhook set meanwhile",
      {
        response: {
          error_code: 409,
          description:
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        },
      },
      /a webhook was set for this bot/,
    ],
    ["401 for a revoked token", { response: { error_code: 401, description: "Unauthorized" } }, /revoked/],
    ["an answer that is not a list of updates", { body: { ok: true, result: {} } }, /BOT_API_ROOT/],
  ] as const;

  it.each(cases)(
    "%s: one JSON line saying what to do, exit code 1",
    async (_name, fault, hint) => {
      const run = polling();
      await run.waitForLog('"msg":"bot started"');
      await emu.waitForPolling({ timeout: 5000 });
      emu.injectFault({ method: "getUpdates", ...fault });
      // The waiting poll returns; the next one meets the fault.
      emu.sendMessage({ from: emu.user(), text: "/help" });
      expect(await exitWithin(run, 10_000)).toBe(1);
      const logs = run.logs();
      const fatal = logs.filter((l) => (l.level as number) >= 50);
      expect(fatal).toHaveLength(1);
      expect(fatal[0]).toMatchObject({ level: 60 });
      expect(fatal[0]?.msg).toMatch(/^polling stopped: /);
      expect(fatal[0]?.hint).toMatch(hint);
      expect(logs.filter((l) => "raw" in l)).toEqual([]);
      expect(run.stderr()).toBe("");
      expect(run.stdout()).not.toContain(emu.token);
    },
    30_000,
  );
});

describe("logs of failed updates in webhook mode", () => {
  it("hold neither the token nor what the user wrote", async () => {
    const run = await webhook();
    await run.waitForLog('"msg":"bot started"');
    const user = emu.user({ first_name: "Zbigniew", last_name: "Privatename", username: "zbig_private" });
    emu.injectFault({
      method: "sendMessage",
      chatId: user.id,
      response: { error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    emu.sendMessage({ from: user, text: "/compare secret-words-of-the-user" });
    await run.waitForLog('"msg":"update failed"', 10_000);
    const failed = run.logs().find((l) => l.msg === "update failed");
    expect(failed).toMatchObject({ level: 50, err: { error_code: 403 } });
    expect(typeof failed?.update_id).toBe("number");
    const secret = emu.token.split(":")[1] ?? emu.token;
    for (const text of [secret, "Privatename", "zbig_private", "secret-words"])
      expect(run.stdout()).not.toContain(text);
    run.child.kill("SIGTERM");
    expect(await exitWithin(run, 8000)).toBe(0);
  }, 30_000);
});
