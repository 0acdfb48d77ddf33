import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { run } from "@grammyjs/runner";
import { config as loadEnv } from "dotenv";
import { type Bot, GrammyError, HttpError } from "grammy";
import { type Logger, pino } from "pino";
import { ALLOWED_UPDATES, type BotDeps, createBot } from "./bot.js";
import { type Config, ConfigError, parseConfig } from "./config.js";
import type { BotContext } from "./context.js";
import { ADVISOR_IDLE_SECONDS } from "./features/advisor.js";
import { createI18n } from "./i18n.js";
import { loadCatalog, MatrixError } from "./matrix/load.js";
import { setMenuButton } from "./miniapp/bot.js";
import { appData } from "./miniapp/data.js";
import { renderPage } from "./miniapp/page.js";
import {
  createMiniAppServer,
  MiniAppMissingError,
  miniAppHandler,
  readAssets,
  type RequestHandler,
} from "./miniapp/serve.js";
import { setupProfile } from "./profile.js";
import type { SharedState } from "./redis.js";
import { createWebhookServer } from "./server.js";

const DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));
/** The compiled Mini App, written by `npm run build`. */
const APP_DIR = fileURLToPath(new URL("../dist/app", import.meta.url));

/** A problem that stops the bot before it serves anyone, told in one line. */
class StartupError extends Error {
  override name = "StartupError";
}

/** Stops what runs, in order; called once on SIGINT or SIGTERM. */
type Stop = () => Promise<void>;

async function main(): Promise<void> {
  loadEnv({ quiet: true });
  const config = parseConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL, base: undefined });
  const catalog = loadCatalog(config.DATA_DIR ?? DATA_DIR);
  const i18n = createI18n(LOCALES_DIR, catalog.defaultLocale);
  const miniApp = config.MINI_APP_URL === undefined ? undefined : { url: config.MINI_APP_URL };
  const appAssets = miniApp === undefined ? undefined : readAssets(APP_DIR);
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
  if (miniApp !== undefined) deps.miniApp = miniApp;
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

  // The Mini App's page, with the reference loaded above, at MINI_APP_URL's path. It names
  // the bot for "Open in chat", so it is made once the bot knows its username.
  const app =
    miniApp === undefined || appAssets === undefined
      ? undefined
      : miniAppHandler(new URL(miniApp.url).pathname, renderPage(appAssets, appData(catalog, bot.botInfo.username)));
  const stopServing =
    config.WEBHOOK_URL === undefined
      ? await startPolling(bot, config, logger, app)
      : await startWebhook(bot, config, logger, shared, app);
  const profile = setupProfile(bot.api, i18n.locales, catalog.defaultLocale, (l, k) => i18n.t(l, k), logger).then(
    () => miniApp && setMenuButton(bot.api, i18n.t(catalog.defaultLocale, "miniapp-menu"), miniApp, logger),
  );

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

/** Starts `server` on PORT and HOST; resolves once it listens. */
function listen(server: Server, config: Config): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (err) =>
      reject(new StartupError(`cannot listen on ${config.HOST}:${config.PORT}: ${err.message}`)),
    );
    server.listen(config.PORT, config.HOST, resolve);
  });
}

/**
 * Long polling through the runner; resolves once it is fetching updates.
 * With the Mini App, a small HTTP server serves its page on PORT and HOST,
 * as the webhook server would.
 */
async function startPolling(bot: Bot<BotContext>, config: Config, logger: Logger, app?: RequestHandler): Promise<Stop> {
  const server = app === undefined ? undefined : createMiniAppServer(app);
  if (server !== undefined) await listen(server, config);
  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  logger.info(
    {
      username: bot.botInfo.username,
      mode: "polling",
      ...(server === undefined ? {} : { port: config.PORT, app: new URL(config.MINI_APP_URL ?? "").pathname }),
    },
    "bot started",
  );
  return async () => {
    await runner.stop();
    if (server !== undefined) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
  };
}

/** The webhook endpoint, then setWebhook pointing Telegram at it. */
async function startWebhook(
  bot: Bot<BotContext>,
  config: Config,
  logger: Logger,
  shared?: SharedState,
  app?: RequestHandler,
): Promise<Stop> {
  const url = new URL(config.WEBHOOK_URL ?? "");
  const secret = config.WEBHOOK_SECRET ?? "";
  const endpoint = createWebhookServer({
    handleUpdate: (update) => bot.handleUpdate(update),
    path: url.pathname,
    secret,
    ...(config.WEBHOOK_SECRET_PREVIOUS === undefined ? {} : { previousSecrets: [config.WEBHOOK_SECRET_PREVIOUS] }),
    logger,
    ...(shared === undefined ? {} : { dedupe: shared.dedupe, health: shared.health }),
    ...(app === undefined ? {} : { routes: app }),
  });
  await listen(endpoint.server, config);
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
    [ConfigError, MatrixError, StartupError, MiniAppMissingError].some((kind) => err instanceof kind) ||
    (err instanceof Error && err.name === "RedisUnavailableError");
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Cannot start: ${known ? message : message.split("\n")[0]}\n`);
  process.exitCode = 1;
  // Nothing may keep a process that failed to start alive (a Redis client, a socket).
  setTimeout(() => process.exit(1), 1000).unref();
});
