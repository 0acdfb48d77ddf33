import { fileURLToPath } from "node:url";
import { run } from "@grammyjs/runner";
import { config as loadEnv } from "dotenv";
import { type Bot, GrammyError, HttpError } from "grammy";
import { type Logger, pino } from "pino";
import { ALLOWED_UPDATES, type BotDeps, createBot } from "./bot.js";
import { type Config, ConfigError, parseConfig } from "./config.js";
import type { BotContext } from "./context.js";
import { ADVISOR_IDLE_SECONDS } from "./features/advisor.js";
import { healthFile } from "./health.js";
import { createI18n } from "./i18n.js";
import { loadCatalog, MatrixError } from "./matrix/load.js";
import { setupProfile } from "./profile.js";
import type { SharedState } from "./redis.js";
import { createWebhookServer } from "./server.js";

const DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

/** A problem that stops the bot before it serves anyone, told in one line. */
class StartupError extends Error {
  override name = "StartupError";
}

/** Stops what runs, in order; called once on SIGINT or SIGTERM. */
type Stop = () => Promise<void>;

async function main(): Promise<void> {
  loadEnv({ quiet: true });
  const config = parseConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL, base: null });
  const catalog = loadCatalog(config.DATA_DIR ?? DATA_DIR);
  const i18n = createI18n(LOCALES_DIR, catalog.defaultLocale);
  // Loaded only when used: one instance without Redis need not pay for the client.
  const shared =
    config.REDIS_URL === undefined
      ? undefined
      : await (await import("./redis.js")).connectSharedState(config.REDIS_URL, ADVISOR_IDLE_SECONDS);

  const deps: BotDeps = {
    token: config.BOT_TOKEN,
    catalog,
    i18n,
    logger,
    rateLimit: { limit: config.RATE_LIMIT, windowMs: config.RATE_LIMIT_WINDOW_MS },
  };
  if (config.BOT_API_ROOT !== undefined) deps.apiRoot = config.BOT_API_ROOT;
  if (shared !== undefined) {
    deps.sessionStorage = shared.sessionStorage;
    deps.advisorStorage = shared.advisorStorage;
    deps.fileIdStorage = shared.fileIdStorage;
  }
  const bot = createBot(deps);

  try {
    await bot.init();
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 401) {
      throw new StartupError("BOT_TOKEN was rejected by the Bot API (401 Unauthorized)");
    }
    if (err instanceof HttpError) throw new StartupError(`cannot reach the Bot API: ${err.message}`);
    throw err;
  }

  const stopServing =
    config.WEBHOOK_URL === undefined
      ? await startPolling(bot, logger, config.HEALTH_FILE)
      : await startWebhook(bot, config, logger, shared);
  const profile = setupProfile(bot.api, i18n.locales, catalog.defaultLocale, (l, k) => i18n.t(l, k), logger);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing the updates in flight");
    await stopServing();
    await profile;
    await shared?.close();
    logger.info("stopped");
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

/** Long polling through the runner; resolves once it is fetching updates. */
async function startPolling(bot: Bot<BotContext>, logger: Logger, healthPath?: string): Promise<Stop> {
  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  if (healthPath !== undefined) {
    const health = healthFile(healthPath, logger);
    bot.api.config.use(health.transformer);
    await health.touch();
  }
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info({ username: bot.botInfo.username, mode: "polling" }, "bot started");
  return () => runner.stop();
}

/** The webhook endpoint, then setWebhook pointing Telegram at it. */
async function startWebhook(bot: Bot<BotContext>, config: Config, logger: Logger, shared?: SharedState): Promise<Stop> {
  const url = new URL(config.WEBHOOK_URL ?? "");
  const secret = config.WEBHOOK_SECRET ?? "";
  const endpoint = createWebhookServer({
    handleUpdate: (update) => bot.handleUpdate(update),
    path: url.pathname,
    secret,
    ...(config.WEBHOOK_SECRET_PREVIOUS === undefined ? {} : { previousSecrets: [config.WEBHOOK_SECRET_PREVIOUS] }),
    logger,
    ...(shared === undefined ? {} : { dedupe: shared.dedupe, health: shared.health }),
  });
  await new Promise<void>((resolve, reject) => {
    endpoint.server.once("error", (err) =>
      reject(new StartupError(`cannot listen on ${config.HOST}:${config.PORT}: ${err.message}`)),
    );
    endpoint.server.listen(config.PORT, config.HOST, resolve);
  });
  await bot.api.setWebhook(url.href, {
    secret_token: secret,
    allowed_updates: [...ALLOWED_UPDATES],
    max_connections: config.WEBHOOK_MAX_CONNECTIONS,
  });
  logger.info(
    { username: bot.botInfo.username, mode: "webhook", port: config.PORT, path: url.pathname },
    "bot started",
  );
  return () => endpoint.close();
}

main().catch((err: unknown) => {
  const known =
    [ConfigError, MatrixError, StartupError].some((kind) => err instanceof kind) ||
    (err instanceof Error && err.name === "RedisUnavailableError");
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Cannot start: ${known ? message : message.split("\n")[0]}\n`);
  process.exitCode = 1;
  // Nothing may keep a process that failed to start alive (a Redis client, a socket).
  setTimeout(() => process.exit(1), 1000).unref();
});
