import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../emulator/index.js";
import type { AppData } from "../src/miniapp/shape.js";
import { tr } from "./harness.js";
import { type BotProcess, startProcess } from "./support/process.js";
import { freePort } from "./support/redis.js";

const URL = "https://bot.example.com/table";

/** The data embedded in the page a server sent. */
function embeddedData(html: string): AppData {
  const start = html.indexOf('<script id="app-data" type="application/json">');
  return JSON.parse(html.slice(html.indexOf(">", start) + 1, html.indexOf("</script>", start))) as AppData;
}

describe("npm start with MINI_APP_URL", () => {
  let emu: BotApiEmulator;
  let running: BotProcess | undefined;
  beforeEach(async () => {
    emu = await BotApiEmulator.start();
  });
  afterEach(async () => {
    running?.child.kill("SIGKILL");
    await emu.close();
  });

  it("sets the menu button and serves the app in long polling, on PORT", async () => {
    const port = await freePort();
    running = startProcess({
      BOT_TOKEN: emu.token,
      BOT_API_ROOT: emu.apiRoot,
      MINI_APP_URL: URL,
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    await running.waitForLog('"msg":"bot started"');
    expect(running.stdout()).toContain(`"mode":"polling","port":${port},"app":"/table"`);
    await emu.waitFor(() => emu.menuButton().type !== "default", { timeout: 5000 });
    expect(emu.menuButton()).toEqual({ type: "web_app", text: tr("en", "miniapp-menu"), web_app: { url: URL } });

    const page = await fetch(`http://127.0.0.1:${port}/table`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding") ?? "").toMatch(/^(br|gzip|)$/);
    const data = embeddedData(await page.text());
    expect(data.bot).toBe(emu.botInfo.username);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);

    const alice = emu.user({ first_name: "Alice" });
    const sent = emu.sendMessage({ from: alice, text: "/start" });
    const welcome = await emu.waitForBotMessage(alice.id, sent.message_id, { timeout: 5000 });
    expect(welcome.reply_markup?.inline_keyboard.flat()).toContainEqual({
      text: tr("en", "miniapp-button"),
      web_app: { url: URL },
    });

    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/table`)).rejects.toThrow();
    expect(emu.errors).toEqual([]);
  }, 30_000);

  it("serves the app from the webhook server in webhook mode", async () => {
    const port = await freePort();
    running = startProcess({
      BOT_TOKEN: emu.token,
      BOT_API_ROOT: emu.apiRoot,
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
      WEBHOOK_SECRET: "s3cret",
      MINI_APP_URL: URL,
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    await running.waitForLog('"msg":"bot started"');
    const page = await fetch(`http://127.0.0.1:${port}/table/`);
    expect(page.status).toBe(200);
    expect(embeddedData(await page.text()).bot).toBe(emu.botInfo.username);
    expect((await fetch(`http://127.0.0.1:${port}/telegram/hook`)).status).toBe(405);
    await emu.waitFor(() => emu.menuButton().type === "web_app", { timeout: 5000 });
  }, 30_000);

  it("changes nothing without it: no menu button, no HTTP server in long polling", async () => {
    const port = await freePort();
    running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot, PORT: String(port) });
    await running.waitForLog('"msg":"bot started"');
    await emu.waitFor(() => emu.shortDescription() !== "", { timeout: 5000 });
    expect(emu.calls.filter((c) => c.method.includes("MenuButton"))).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/table`)).rejects.toThrow();
  }, 30_000);

  it("refuses a MINI_APP_URL that is not https, in one line", async () => {
    running = startProcess({ BOT_TOKEN: emu.token, BOT_API_ROOT: emu.apiRoot, MINI_APP_URL: "http://example.com/app" });
    expect(await running.exit).toBe(1);
    expect(running.stderr()).toMatch(/^Cannot start: MINI_APP_URL must be the https URL the Mini App opens at/);
  }, 30_000);
});
