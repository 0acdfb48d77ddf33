import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { pino, type Logger } from "pino";
import { createBot } from "../../src/bot.js";
import { createI18n } from "../../src/i18n.js";
import { loadCatalog } from "../../src/matrix/load.js";
import { type Polling, startPolling } from "../../src/polling.js";
import { setupProfile } from "../../src/profile.js";
import { DEFAULT_LIMITS } from "../../src/retries.js";
import { BotApiEmulator } from "../index.js";
import { paint, styleFor } from "./render.js";
import { ChatSession } from "./session.js";

const DATA_DIR = fileURLToPath(new URL("../../data", import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * The bot's logger. `LOG_LEVEL` sends pino's lines to stderr (or to
 * `LOG_FILE`); otherwise nothing is logged except the errors the bot
 * reports, which `onError` gets as one line each.
 */
function chatLogger(env: NodeJS.ProcessEnv, onError: (text: string) => void): Logger {
  const level = env.LOG_LEVEL?.trim() ?? "";
  const file = env.LOG_FILE?.trim() ?? "";
  if (level !== "" && !LOG_LEVELS.includes(level))
    throw new Error(`LOG_LEVEL must be one of: ${LOG_LEVELS.join(", ")}`);
  if (level !== "" || file !== "") {
    return pino(
      { level: level === "" ? "info" : level, base: null },
      pino.destination({ dest: file === "" ? 2 : file, sync: true }),
    );
  }
  return pino(
    { level: "error", base: null },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; message?: string } };
        // A rejected call is already shown as the error Telegram gave.
        if (entry.err?.type === "GrammyError") return;
        onError([entry.msg, entry.err?.message].filter((x) => x !== undefined && x !== "").join(": "));
      },
    },
  );
}

function banner(emu: BotApiEmulator, session: ChatSession): string {
  const { first_name, username } = emu.botInfo;
  const you = session.from;
  return [
    `Chatting with ${first_name} (@${username}) through a local Bot API emulator: no Telegram, no token.`,
    `You are ${you.first_name} (@${you.username ?? ""}, language ${you.language_code ?? "?"}) in a private chat with the bot.`,
    "Type /start or /compare; a number presses a button; @ QUERY is an inline query; :help lists the tool's commands.",
  ].join("\n");
}

/** Reads lines one at a time: each is handled (and the bot idle) before the next is read. */
async function converse(rl: Interface, session: ChatSession, interactive: boolean): Promise<void> {
  if (interactive) {
    rl.setPrompt(session.prompt);
    rl.prompt();
  }
  for await (const line of rl) {
    const result = await session.handle(line);
    if (result.quit) break;
    if (interactive) {
      rl.setPrompt(session.prompt);
      rl.prompt();
      if (result.prefill !== undefined) rl.write(result.prefill);
    }
  }
}

async function main(): Promise<void> {
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const style = styleFor(process.stdout, process.env);
  const write = (text: string) => void process.stdout.write(`${text}\n`);

  const catalog = loadCatalog(process.env.DATA_DIR?.trim() || DATA_DIR);
  const i18n = createI18n(LOCALES_DIR, catalog.defaultLocale);
  const emu = await BotApiEmulator.start();
  let polling: Polling | undefined;
  let logger: Logger | undefined;
  const session = new ChatSession({ emu, style, interactive, write });
  try {
    logger = chatLogger(process.env, (text) => session.botError(text));
    const bot = createBot({ token: emu.token, apiRoot: emu.apiRoot, catalog, i18n, logger });
    await bot.init();
    // The emulator then knows when the bot is done with an input, calls or not.
    bot.handleUpdate = emu.trackHandling(bot.handleUpdate.bind(bot));
    // As npm start polls: getUpdates through a client that waits for its long poll.
    polling = startPolling(bot, { retryMs: 60_000, limits: DEFAULT_LIMITS, logger, apiRoot: emu.apiRoot });
    logger.info({ username: bot.botInfo.username, mode: "polling", apiRoot: emu.apiRoot }, "bot started");
    await setupProfile(bot.api, i18n.locales, catalog.defaultLocale, (l, k) => i18n.t(l, k), logger);
    await emu.waitForPolling({ timeout: 10_000 });
    if (interactive) write(paint(style, "dim", banner(emu, session)));
    session.flush();

    const rl = createInterface({
      input: process.stdin,
      output: interactive ? process.stdout : undefined,
      terminal: interactive,
      crlfDelay: Infinity,
    });
    rl.on("SIGINT", () => rl.close());
    // `npm run chat | head`: stop reading once nobody reads the output.
    process.stdout.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") rl.close();
    });
    try {
      await converse(rl, session, interactive);
    } finally {
      rl.close();
    }
    if (interactive) write("");
    await emu.waitUntilIdle({ timeout: 15_000 });
    session.flush();
  } finally {
    session.dispose();
    await polling?.stop();
    await emu.close();
    logger?.info("stopped");
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Cannot run the chat: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
