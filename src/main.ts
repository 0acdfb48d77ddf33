import { fileURLToPath } from "node:url";
import { config as loadEnv } from "dotenv";
import { type Bot, type BotError, GrammyError, HttpError } from "grammy";
import { type Logger, pino } from "pino";
import { type BotDeps, ALLOWED_UPDATES, createBot } from "./bot.js";
import { type Config, ConfigError, parseConfig } from "./config.js";
import type { BotContext } from "./context.js";
import { ADVISOR_IDLE_SECONDS } from "./features/advisor.js";
import { checkLocales, createI18n, LocaleError } from "./i18n.js";
import { loadCatalog, MatrixError } from "./matrix/load.js";
import { NotUpdatesError, startPolling } from "./polling.js";
import { setupProfile } from "./profile.js";
import type { SharedState } from "./redis.js";
import { loggableError } from "./retries.js";
import { createWebhookServer } from "./server.js";

const DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

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
  /** Gives up on the updates still in flight; resolves with their update_ids. */
  abandon(): Promise<number[]>;
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

async function main(): Promise<void> {
  loadEnv({ quiet: true });
  const config = parseConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL, base: undefined });
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
      const ids = await running.abandon();
      logger.warn(
        { update_ids: ids, drain_timeout_s: config.DRAIN_TIMEOUT_S },
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
    const catalog = loadCatalog(config.DATA_DIR ?? DATA_DIR);
    const localesDir = config.LOCALES_DIR ?? LOCALES_DIR;
    checkLocales(localesDir, catalog.defaultLocale);
    const i18n = createI18n(localesDir, catalog.defaultLocale);
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

    const deps: BotDeps = {
      token: config.BOT_TOKEN,
      catalog,
      i18n,
      logger,
      rateLimit: { limit: config.RATE_LIMIT, windowMs: config.RATE_LIMIT_WINDOW_MS },
      limits: {
        timeoutMs: config.BOT_API_TIMEOUT_S * 1000,
        retryMs: config.BOT_API_RETRY_S * 1000,
        longPollSeconds: config.POLLING_TIMEOUT_S,
      },
      stop: stopping.signal,
    };
    if (config.BOT_API_ROOT !== undefined) deps.apiRoot = config.BOT_API_ROOT;
    if (shared !== undefined) {
      deps.sessionStorage = shared.sessionStorage;
      deps.advisorStorage = shared.advisorStorage;
      deps.advisorLock = shared.advisorLock;
      deps.fileIdStorage = shared.fileIdStorage;
    }
    const bot = createBot(deps);

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

    serving =
      config.WEBHOOK_URL === undefined
        ? await servePolling(bot, config, logger, (code) => void shutdown(serving as Serving, code, true))
        : await serveWebhook(bot, config, logger, shared);
    profile = setupProfile(bot.api, i18n.locales, catalog.defaultLocale, (l, k) => i18n.t(l, k), logger);
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

/**
 * Long polling through the runner; resolves once it is fetching updates.
 * A failure that ends polling is logged in one line and stops the bot
 * through `fail` with exit code 1, so that a supervisor restarts it.
 */
async function servePolling(
  bot: Bot<BotContext>,
  config: Config,
  logger: Logger,
  fail: (code: number) => void,
): Promise<Serving> {
  // A webhook left over from an earlier deployment would make getUpdates fail with 409.
  await bot.api.deleteWebhook();
  const polling = startPolling(bot, {
    retryMs: config.POLLING_RETRY_S * 1000,
    longPollSeconds: config.POLLING_TIMEOUT_S,
  });
  let stopped = false;
  polling.ended.catch((err: unknown) => {
    if (stopped) return;
    const { msg, hint, fields } = pollingFailure(err);
    logger.fatal({ ...fields, hint }, msg);
    fail(1);
  });
  logger.info({ username: bot.botInfo.username, mode: "polling" }, "bot started");
  return {
    drain: () => {
      stopped = true;
      return polling.stop();
    },
    abandon: () => Promise.resolve(polling.inFlight.ids()),
  };
}

/** The webhook endpoint, then setWebhook pointing Telegram at it. */
async function serveWebhook(
  bot: Bot<BotContext>,
  config: Config,
  logger: Logger,
  shared?: SharedState,
): Promise<Serving> {
  const url = new URL(config.WEBHOOK_URL ?? "");
  const secret = config.WEBHOOK_SECRET ?? "";
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
  });
  await new Promise<void>((resolve, reject) => {
    endpoint.server.once("error", (err) =>
      reject(new StartupError(`cannot listen on ${config.HOST}:${config.PORT}: ${err.message}`)),
    );
    endpoint.server.listen(config.PORT, config.HOST, resolve);
  });
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
    (err instanceof Error && err.name === "RedisUnavailableError");
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Cannot start: ${known ? message : message.split("\n")[0]}\n`);
  process.exitCode = 1;
  // Nothing may keep a process that failed to start alive (a Redis client, a socket).
  setTimeout(() => process.exit(1), 1000).unref();
});
