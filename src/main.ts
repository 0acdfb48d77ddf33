import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Bot, type BotError, GrammyError, HttpError } from "grammy";
import { type Logger, pino } from "pino";
import { ADVISOR_IDLE_SECONDS } from "./advisor-runs.js";
import { type BotDeps, ALLOWED_UPDATES, createBot } from "./bot.js";
import { type Config, ConfigError, parseConfig } from "./config.js";
import type { BotContext } from "./context.js";
import { healthFile } from "./health.js";
import { checkLocalesOnce, createI18n, LocaleError } from "./i18n.js";
import { loadReference, MatrixError } from "./matrix/catalog.js";
import { SearchHandle } from "./matrix/search-handle.js";
import { setMenuButton } from "./miniapp/bot.js";
import type { AppAssets } from "./miniapp/page.js";
import type { RequestHandler } from "./miniapp/serve.js";
import { NotUpdatesError, startPolling } from "./polling.js";
import { setupProfile } from "./profile.js";
import type { SharedState } from "./redis.js";
import { type ApiLimits, loggableError } from "./retries.js";
import type { Abandoned } from "./server.js";

const DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));
const COMPILED_REFERENCE = fileURLToPath(new URL("./reference.json", import.meta.url));
/** What `npm run build` records of the Fluent files it checked. */
const CHECKED_LOCALES = fileURLToPath(new URL("./locales.json", import.meta.url));
/** The compiled Mini App, written by `npm run build`. */
const APP_DIR = fileURLToPath(new URL("../dist/app", import.meta.url));

/** A problem that stops the bot before it serves anyone, told in one line. */
class StartupError extends Error {
  override name = "StartupError";
}

/** Start-up given up because a stop was asked for meanwhile. */
class StopRequested extends Error {}

/** How the running bot stops. */
interface Serving {
  /** Stops taking updates; resolves once those in flight are handled. */
  drain(): Promise<void>;
  /** Gives up on the updates still in flight; resolves with their update_ids, given back or lost. */
  abandon(): Promise<Abandoned>;
}

/** The Bot API's time limits, as set. */
function limitsOf(config: Config): ApiLimits {
  return {
    timeoutMs: config.BOT_API_TIMEOUT_S * 1000,
    retryMs: config.BOT_API_RETRY_S * 1000,
    longPollSeconds: config.POLLING_TIMEOUT_S,
  };
}

/** Resolves with `true` when `work` settles within `ms`, `false` otherwise. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether dotenv has anything to do: a `.env` file in the working folder,
 * or one of its `DOTENV_*` settings (another path, debug output). Without
 * either it would set nothing, so it is not even loaded.
 */
function wantsDotenv(): boolean {
  return existsSync(resolve(process.cwd(), ".env")) || Object.keys(process.env).some((k) => k.startsWith("DOTENV_"));
}

async function main(): Promise<void> {
  if (wantsDotenv()) (await import("dotenv")).config({ quiet: true });
  const config = parseConfig(process.env);
  // Written at once: the last lines before an exit must not wait in a buffer.
  const logger = pino({ level: config.LOG_LEVEL, base: null }, pino.destination({ dest: 1, sync: true }));
  // Aborted when the bot must stop now: every Bot API call in flight fails at once.
  const stopping = new AbortController();
  let requested = false;
  let serving: Serving | undefined;
  let shared: SharedState | undefined;
  let profile: Promise<void> | undefined;

  const exit = (code: number) => {
    process.exitCode = code;
    // Nothing left (a kept-alive socket, a reconnecting client) may keep the process up.
    setImmediate(() => process.exit(code));
  };

  /** Lets the updates in flight finish within DRAIN_TIMEOUT_S, gives up on the rest, closes, exits. */
  let shuttingDown = false;
  const shutdown = async (running: Serving, code: number, quiet: boolean) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (!(await within(running.drain(), config.DRAIN_TIMEOUT_S * 1000))) {
      stopping.abort();
      const { released, lost } = await running.abandon();
      logger.warn(
        { released_update_ids: released, lost_update_ids: lost, drain_timeout_s: config.DRAIN_TIMEOUT_S },
        "gave up on the updates still in flight after DRAIN_TIMEOUT_S",
      );
      await within(running.drain(), 1000);
    }
    stopping.abort();
    if (profile !== undefined) await within(profile, 1000);
    await shared?.close();
    if (!quiet) logger.info("stopped");
    exit(code);
  };

  const onSignal = (signal: string) => {
    if (requested) return;
    requested = true;
    logger.info({ signal }, "stopping: finishing the updates in flight");
    // Before serving, there is nothing to finish: start-up is cut short.
    if (serving === undefined) stopping.abort();
    else void shutdown(serving, 0, false);
  };
  process.once("SIGINT", () => onSignal("SIGINT"));
  process.once("SIGTERM", () => onSignal("SIGTERM"));

  const checkStop = () => {
    if (stopping.signal.aborted) throw new StopRequested();
  };
  try {
    const catalog = await loadReference(config.DATA_DIR ?? DATA_DIR, COMPILED_REFERENCE);
    const localesDir = config.LOCALES_DIR ?? LOCALES_DIR;
    await checkLocalesOnce(localesDir, catalog.defaultLocale, CHECKED_LOCALES);
    const i18n = createI18n(localesDir, catalog.defaultLocale);
    const miniApp = config.MINI_APP_URL === undefined ? undefined : { url: config.MINI_APP_URL };
    // The Mini App's server and page, loaded only when there is a Mini App.
    const appServing = miniApp === undefined ? undefined : await import("./miniapp/serve.js");
    const appAssets: AppAssets | undefined = appServing?.readAssets(APP_DIR);
    // Loaded only when used: one instance without Redis need not pay for the client.
    shared =
      config.REDIS_URL === undefined
        ? undefined
        : await (
            await import("./redis.js")
          ).connectSharedState(config.REDIS_URL, ADVISOR_IDLE_SECONDS, {
            timeoutMs: config.REDIS_TIMEOUT_MS,
            // Past the answer to Telegram, a claim protects nothing more.
            claimSeconds: config.WEBHOOK_TIMEOUT_S + 2,
          });
    checkStop();

    // Loaded, and its indexes built, once the bot serves (see below).
    const search = new SearchHandle(catalog);
    const deps: BotDeps = {
      token: config.BOT_TOKEN,
      catalog,
      search,
      i18n,
      logger,
      rateLimit: { limit: config.RATE_LIMIT, windowMs: config.RATE_LIMIT_WINDOW_MS },
      limits: limitsOf(config),
      stop: stopping.signal,
    };
    if (config.BOT_API_ROOT !== undefined) deps.apiRoot = config.BOT_API_ROOT;
    if (miniApp !== undefined) deps.miniApp = miniApp;
    if (shared !== undefined) {
      deps.settingsStorage = shared.settingsStorage;
      deps.advisorRuns = shared.advisorRuns;
      deps.fileIdStorage = shared.fileIdStorage;
    }
    const bot = createBot(deps);

    // Polling: a webhook left over from an earlier deployment would make getUpdates fail with
    // 409. It is deleted while getMe is on its way: one round trip to Telegram, not two.
    const webhookDeleted = config.WEBHOOK_URL === undefined ? bot.api.deleteWebhook() : undefined;
    // Awaited before polling starts; a failure of getMe is the one to report.
    webhookDeleted?.catch(() => undefined);
    try {
      // One getMe within the bot's bounds: grammY's own init() would retry a network failure forever.
      bot.botInfo = await bot.api.getMe();
    } catch (err) {
      checkStop();
      if (err instanceof GrammyError && err.error_code === 401) {
        throw new StartupError("BOT_TOKEN was rejected by the Bot API (401 Unauthorized)");
      }
      if (err instanceof HttpError) throw new StartupError(`cannot reach the Bot API: ${err.message}`);
      throw err;
    }
    checkStop();

    // The Mini App's page, with the reference loaded above, at MINI_APP_URL's path. It names
    // the bot for "Open in chat", so it is made once the bot knows its username.
    const app =
      miniApp === undefined || appServing === undefined || appAssets === undefined
        ? undefined
        : appServing.miniAppHandler(
            new URL(miniApp.url).pathname,
            (await import("./miniapp/page.js")).renderPage(
              appAssets,
              (await import("./miniapp/data.js")).appData(catalog, bot.botInfo.username),
            ),
          );
    // Polling exactly when no webhook URL is set, which is when the webhook is being deleted.
    serving =
      webhookDeleted !== undefined
        ? await servePolling(
            bot,
            config,
            logger,
            webhookDeleted,
            (code) => void shutdown(serving as Serving, code, true),
            app,
          )
        : await serveWebhook(bot, config, logger, shared, app);
    search.prepare();
    profile = setupProfile(bot.api, i18n.locales, catalog.defaultLocale, (l, k) => i18n.t(l, k), logger).then(
      () => miniApp && setMenuButton(bot.api, i18n.t(catalog.defaultLocale, "miniapp-menu"), miniApp, logger),
    );
  } catch (err) {
    if (!requested) throw err;
    // Asked to stop before serving: not a failure.
    await shared?.close();
    logger.info("stopped");
    exit(0);
    return;
  }
  // A stop asked for in the last step of start-up.
  if (requested) void shutdown(serving, 0, false);
}

/** One line for a failure that ends long polling: what happened and what to do. */
function pollingFailure(err: unknown): { msg: string; hint: string; fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = { err: loggableError(err) };
  if (err instanceof GrammyError && err.error_code === 409) {
    const webhook = /webhook/i.test(err.description);
    return {
      msg: `polling stopped: ${err.description}`,
      hint: webhook
        ? "a webhook was set for this bot while it polls: run one mode only (unset WEBHOOK_URL everywhere, or use webhook mode everywhere)"
        : "another process polls with the same BOT_TOKEN: stop it, or run several instances in webhook mode",
      fields,
    };
  }
  if (err instanceof GrammyError && err.error_code === 401) {
    return {
      msg: "polling stopped: the Bot API no longer accepts BOT_TOKEN (401 Unauthorized)",
      hint: "the token was revoked or changed: put the current one from @BotFather in BOT_TOKEN",
      fields,
    };
  }
  if (err instanceof NotUpdatesError) {
    return {
      msg: `polling stopped: ${err.message}`,
      hint: "BOT_API_ROOT does not point at a Bot API server, or something between rewrites its answers",
      fields,
    };
  }
  return {
    msg: `polling stopped: getUpdates kept failing (${err instanceof Error ? err.message : String(err)})`,
    hint: "the Bot API could not be reached for POLLING_RETRY_S: check the network and BOT_API_ROOT; a supervisor may restart the bot",
    fields,
  };
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
 * A failure that ends polling is logged in one line and stops the bot
 * through `fail` with exit code 1, so that a supervisor restarts it.
 * With the Mini App, a small HTTP server serves its page on PORT and HOST,
 * as the webhook server would.
 *
 * @param webhookDeleted the deletion of any webhook left set, which would make getUpdates fail with 409
 */
async function servePolling(
  bot: Bot<BotContext>,
  config: Config,
  logger: Logger,
  webhookDeleted: Promise<unknown>,
  fail: (code: number) => void,
  app?: RequestHandler,
): Promise<Serving> {
  const server = app === undefined ? undefined : (await import("./miniapp/serve.js")).createMiniAppServer(app);
  if (server !== undefined) await listen(server, config);
  await webhookDeleted;
  const health = config.HEALTH_FILE === undefined ? undefined : healthFile(config.HEALTH_FILE, logger);
  await health?.touch();
  const polling = startPolling(bot, {
    retryMs: config.POLLING_RETRY_S * 1000,
    limits: limitsOf(config),
    logger,
    ...(config.BOT_API_ROOT === undefined ? {} : { apiRoot: config.BOT_API_ROOT }),
    ...(health === undefined ? {} : { onPolled: () => void health.touch() }),
  });
  let stopped = false;
  polling.ended.catch((err: unknown) => {
    if (stopped) return;
    const { msg, hint, fields } = pollingFailure(err);
    logger.fatal({ ...fields, hint }, msg);
    fail(1);
  });
  logger.info(
    {
      username: bot.botInfo.username,
      mode: "polling",
      ...(server === undefined ? {} : { port: config.PORT, app: new URL(config.MINI_APP_URL ?? "").pathname }),
    },
    "bot started",
  );
  const closeServer = () =>
    server === undefined
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
  return {
    drain: async () => {
      stopped = true;
      await polling.stop();
      await closeServer();
    },
    // getUpdates confirmed them already: Telegram will not send them again.
    abandon: () => Promise.resolve({ released: [], lost: polling.inFlight.ids() }),
  };
}

/** The webhook endpoint, then setWebhook pointing Telegram at it. */
async function serveWebhook(
  bot: Bot<BotContext>,
  config: Config,
  logger: Logger,
  shared?: SharedState,
  app?: RequestHandler,
): Promise<Serving> {
  const url = new URL(config.WEBHOOK_URL ?? "");
  const secret = config.WEBHOOK_SECRET ?? "";
  // Loaded in webhook mode only: long polling needs no server (the Mini App's has its own module).
  const { createWebhookServer } = await import("./server.js");
  const endpoint = createWebhookServer({
    // Failures go to bot.catch, as in polling mode: logged without the token or the update's content.
    handleUpdate: (update) =>
      bot.handleUpdate(update).catch(async (err: unknown) => {
        await bot.errorHandler(err as BotError<BotContext>);
      }),
    path: url.pathname,
    secret,
    ...(config.WEBHOOK_SECRET_PREVIOUS === undefined ? {} : { previousSecrets: [config.WEBHOOK_SECRET_PREVIOUS] }),
    logger,
    timeoutMs: config.WEBHOOK_TIMEOUT_S * 1000,
    ...(shared === undefined ? {} : { dedupe: shared.dedupe, health: shared.health }),
    ...(app === undefined ? {} : { routes: app }),
  });
  await listen(endpoint.server, config);
  try {
    await bot.api.setWebhook(url.href, {
      secret_token: secret,
      allowed_updates: [...ALLOWED_UPDATES],
      max_connections: config.WEBHOOK_MAX_CONNECTIONS,
    });
  } catch (err) {
    await endpoint.close();
    throw err;
  }
  logger.info(
    { username: bot.botInfo.username, mode: "webhook", port: config.PORT, path: url.pathname },
    "bot started",
  );
  return { drain: () => endpoint.close(), abandon: () => endpoint.abandon() };
}

main().catch((err: unknown) => {
  const known =
    [ConfigError, MatrixError, StartupError, LocaleError].some((kind) => err instanceof kind) ||
    // Errors of modules loaded only when used, known by name.
    (err instanceof Error && (err.name === "RedisUnavailableError" || err.name === "MiniAppMissingError"));
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Cannot start: ${known ? message : message.split("\n")[0]}\n`);
  process.exitCode = 1;
  // Nothing may keep a process that failed to start alive (a Redis client, a socket).
  setTimeout(() => process.exit(1), 1000).unref();
});
