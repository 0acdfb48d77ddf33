import { fileURLToPath } from "node:url";
import { run } from "@grammyjs/runner";
import { config as loadEnv } from "dotenv";
import { GrammyError, HttpError } from "grammy";
import { pino } from "pino";
import { ALLOWED_UPDATES, createBot } from "./bot.js";
import { ConfigError, parseConfig } from "./config.js";
import { createI18n } from "./i18n.js";
import { loadCatalog, MatrixError } from "./matrix/load.js";
import { setupProfile } from "./profile.js";

const DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

/** A problem that stops the bot before it serves anyone, told in one line. */
class StartupError extends Error {
  override name = "StartupError";
}

async function main(): Promise<void> {
  loadEnv({ quiet: true });
  const config = parseConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL, base: undefined });
  const catalog = loadCatalog(config.DATA_DIR ?? DATA_DIR);
  const i18n = createI18n(LOCALES_DIR, catalog.defaultLocale);
  const bot = createBot({
    token: config.BOT_TOKEN,
    catalog,
    i18n,
    logger,
    ...(config.BOT_API_ROOT !== undefined ? { apiRoot: config.BOT_API_ROOT } : {}),
  });

  try {
    await bot.init();
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 401) {
      throw new StartupError("BOT_TOKEN was rejected by the Bot API (401 Unauthorized)");
    }
    if (err instanceof HttpError) throw new StartupError(`cannot reach the Bot API: ${err.message}`);
    throw err;
  }
  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();

  const runner = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } },
  });
  logger.info({ username: bot.botInfo.username, mode: "polling" }, "bot started");
  const profile = setupProfile(bot.api, i18n.locales, catalog.defaultLocale, (l, k) => i18n.t(l, k), logger);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing the updates in flight");
    await runner.stop();
    await profile;
    logger.info("stopped");
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  await runner.task();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MatrixError || err instanceof StartupError) {
    process.stderr.write(`Cannot start: ${err.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exitCode = 1;
});
