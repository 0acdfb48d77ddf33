/** Thrown when the environment does not describe a runnable bot; the message is one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** The bot's settings, read once from the environment. */
export interface Config {
  BOT_TOKEN: string;
  BOT_API_ROOT?: string;
  LOG_LEVEL: (typeof LOG_LEVELS)[number];
  DATA_DIR?: string;
  LOCALES_DIR?: string;
  /** How long the Bot API may take: one request, and a call with its retries. */
  BOT_API_TIMEOUT_S: number;
  BOT_API_RETRY_S: number;
  /** Long polling: how long getUpdates waits for updates, and may keep failing before the bot gives up. */
  POLLING_TIMEOUT_S: number;
  POLLING_RETRY_S: number;
  /** On SIGTERM: how long the updates in flight may take to finish. */
  DRAIN_TIMEOUT_S: number;
  /** Webhook mode: set WEBHOOK_URL to receive updates over HTTP instead of long polling. */
  WEBHOOK_URL?: string;
  WEBHOOK_SECRET?: string;
  WEBHOOK_SECRET_PREVIOUS?: string;
  WEBHOOK_MAX_CONNECTIONS: number;
  WEBHOOK_TIMEOUT_S: number;
  PORT: number;
  HOST: string;
  /** The Mini App: where Telegram opens it. The bot's HTTP server serves it at this URL's path. */
  MINI_APP_URL?: string;
  /** Long polling: a file whose age tells a container's health check that polling works. */
  HEALTH_FILE?: string;
  /** Shared state for several instances. */
  REDIS_URL?: string;
  REDIS_TIMEOUT_MS: number;
  /** Per-user flood limit: at most RATE_LIMIT updates per RATE_LIMIT_WINDOW_MS. */
  RATE_LIMIT: number;
  RATE_LIMIT_WINDOW_MS: number;
}

/** A variable at fault: the message names it, never its value. */
class Invalid extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

type Env = Readonly<Record<string, string>>;

const SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const SECRET_RULE = "must be 1-256 characters of A-Z, a-z, 0-9, _ and -";

function integer(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value)) throw new Invalid(name, "must be a whole number");
  if (value < min || value > max) throw new Invalid(name, `must be between ${min} and ${max}`);
  return value;
}

/** An absolute URL whose scheme `protocol` accepts, as written. */
function url(env: Env, name: string, protocol: RegExp, rule: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Invalid(name, rule);
  }
  if (!protocol.test(parsed.protocol.slice(0, -1))) throw new Invalid(name, rule);
  return raw;
}

function matching(env: Env, name: string, pattern: RegExp, rule: string): string | undefined {
  const raw = env[name];
  if (raw !== undefined && !pattern.test(raw)) throw new Invalid(name, rule);
  return raw;
}

/** Reads the variables in the order they are documented, so the first at fault is named. */
function read(env: Env): Config {
  const token = env["BOT_TOKEN"]?.trim() ?? "";
  if (token === "") throw new Invalid("BOT_TOKEN", "is required (get one from @BotFather)");
  if (!/^\d{1,20}:[A-Za-z0-9_-]{30,64}$/.test(token)) {
    throw new Invalid("BOT_TOKEN", "does not look like a bot token (digits, a colon, then letters)");
  }
  const apiRoot = url(env, "BOT_API_ROOT", /^https?$/, "must be an http(s) URL such as http://localhost:8081");
  const logLevel = env["LOG_LEVEL"] ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new Invalid("LOG_LEVEL", `must be one of: ${LOG_LEVELS.join(", ")}`);
  }
  const timeouts = {
    BOT_API_TIMEOUT_S: integer(env, "BOT_API_TIMEOUT_S", 1, 300, 10),
    BOT_API_RETRY_S: integer(env, "BOT_API_RETRY_S", 0, 3600, 30),
    POLLING_TIMEOUT_S: integer(env, "POLLING_TIMEOUT_S", 1, 50, 30),
    POLLING_RETRY_S: integer(env, "POLLING_RETRY_S", 10, 7 * 24 * 3600, 900),
    DRAIN_TIMEOUT_S: integer(env, "DRAIN_TIMEOUT_S", 0, 3600, 8),
  };
  const webhookUrl = url(
    env,
    "WEBHOOK_URL",
    /^https?$/,
    "must be the public https URL Telegram will call, such as https://bot.example.com/telegram",
  );
  const secret = matching(env, "WEBHOOK_SECRET", SECRET, SECRET_RULE);
  const previousSecret = matching(env, "WEBHOOK_SECRET_PREVIOUS", SECRET, SECRET_RULE);
  const server = {
    WEBHOOK_MAX_CONNECTIONS: integer(env, "WEBHOOK_MAX_CONNECTIONS", 1, 100, 40),
    WEBHOOK_TIMEOUT_S: integer(env, "WEBHOOK_TIMEOUT_S", 1, 60, 10),
    PORT: integer(env, "PORT", 1, 65535, 8080),
    HOST: env["HOST"] ?? "0.0.0.0",
  };
  const miniAppUrl = url(
    env,
    "MINI_APP_URL",
    /^https$/,
    "must be the https URL the Mini App opens at, such as https://bot.example.com/app",
  );
  const redisUrl = url(env, "REDIS_URL", /^rediss?$/, "must be a redis:// or rediss:// URL");
  const limits = {
    REDIS_TIMEOUT_MS: integer(env, "REDIS_TIMEOUT_MS", 50, 60_000, 1000),
    RATE_LIMIT: integer(env, "RATE_LIMIT", 1, 10_000, 20),
    RATE_LIMIT_WINDOW_MS: integer(env, "RATE_LIMIT_WINDOW_MS", 100, 3_600_000, 10_000),
  };

  const path = (address: string) => new URL(address).pathname.replace(/\/+$/, "");
  if (miniAppUrl !== undefined && webhookUrl !== undefined && path(miniAppUrl) === path(webhookUrl)) {
    throw new Invalid("MINI_APP_URL", "must have another path than WEBHOOK_URL");
  }
  if (webhookUrl !== undefined && secret === undefined) {
    throw new Invalid(
      "WEBHOOK_SECRET",
      "is required when WEBHOOK_URL is set (1-256 characters of A-Z, a-z, 0-9, _ and -)",
    );
  }
  /** Only what is set: an optional setting is absent, not undefined. */
  const given = (entries: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Record<string, string>;
  return {
    BOT_TOKEN: token,
    LOG_LEVEL: logLevel as Config["LOG_LEVEL"],
    ...timeouts,
    ...server,
    ...limits,
    ...given({
      BOT_API_ROOT: apiRoot?.replace(/\/+$/, ""),
      DATA_DIR: env["DATA_DIR"],
      LOCALES_DIR: env["LOCALES_DIR"],
      WEBHOOK_URL: webhookUrl,
      WEBHOOK_SECRET: secret,
      WEBHOOK_SECRET_PREVIOUS: previousSecret,
      MINI_APP_URL: miniAppUrl,
      HEALTH_FILE: env["HEALTH_FILE"],
      REDIS_URL: redisUrl,
    }),
  };
}

/**
 * Validates the environment. Empty variables count as unset, so a copied
 * `.env.example` with blanks behaves like a missing line. Written out by
 * hand rather than with a schema library: loading zod took about 100 ms of
 * the bot's start and 15 MB of its memory, for some twenty variables.
 *
 * @throws {ConfigError} naming the first variable at fault, never its value
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== "") cleaned[key] = value;
  try {
    return read(cleaned);
  } catch (err) {
    if (err instanceof Invalid) throw new ConfigError(`${err.variable} ${err.message}`);
    throw err;
  }
}
