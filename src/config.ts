import { z } from "zod";

/** Thrown when the environment does not describe a runnable bot; the message is one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function integer(name: string, min: number, max: number) {
  return z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`)
    .describe(name);
}

const schema = z
  .object({
    BOT_TOKEN: z
      .string({ error: "is required (get one from @BotFather)" })
      .trim()
      .min(1, "is required (get one from @BotFather)")
      .regex(/^\d{1,20}:[A-Za-z0-9_-]{30,64}$/, "does not look like a bot token (digits, a colon, then letters)"),
    BOT_API_ROOT: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://localhost:8081" })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of: ${LOG_LEVELS.join(", ")}` }).default("info"),
    DATA_DIR: z.string().optional(),
    LOCALES_DIR: z.string().optional(),

    // How long the Bot API may take: one request, and a call with its retries.
    BOT_API_TIMEOUT_S: integer("BOT_API_TIMEOUT_S", 1, 300).default(10),
    BOT_API_RETRY_S: integer("BOT_API_RETRY_S", 0, 3600).default(30),
    // Long polling: how long getUpdates waits for updates, and may keep failing before the bot gives up.
    POLLING_TIMEOUT_S: integer("POLLING_TIMEOUT_S", 1, 50).default(30),
    POLLING_RETRY_S: integer("POLLING_RETRY_S", 10, 7 * 24 * 3600).default(900),
    // On SIGTERM: how long the updates in flight may take to finish.
    DRAIN_TIMEOUT_S: integer("DRAIN_TIMEOUT_S", 0, 3600).default(8),

    // Webhook mode: set WEBHOOK_URL to receive updates over HTTP instead of long polling.
    WEBHOOK_URL: z
      .url({
        protocol: /^https?$/,
        error: "must be the public https URL Telegram will call, such as https://bot.example.com/telegram",
      })
      .optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
    WEBHOOK_SECRET_PREVIOUS: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
    WEBHOOK_MAX_CONNECTIONS: integer("WEBHOOK_MAX_CONNECTIONS", 1, 100).default(40),
    WEBHOOK_TIMEOUT_S: integer("WEBHOOK_TIMEOUT_S", 1, 60).default(10),
    PORT: integer("PORT", 1, 65535).default(8080),
    HOST: z.string().default("0.0.0.0"),

    // The Mini App: where Telegram opens it. The bot's HTTP server serves it at this URL's path.
    MINI_APP_URL: z
      .url({
        protocol: /^https$/,
        error: "must be the https URL the Mini App opens at, such as https://bot.example.com/app",
      })
      .optional(),

    // Long polling: a file whose age tells a container's health check that polling works.
    HEALTH_FILE: z.string().optional(),

    // Shared state for several instances.
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    REDIS_TIMEOUT_MS: integer("REDIS_TIMEOUT_MS", 50, 60_000).default(1000),

    // Per-user flood limit: at most RATE_LIMIT updates per RATE_LIMIT_WINDOW_MS.
    RATE_LIMIT: integer("RATE_LIMIT", 1, 10_000).default(20),
    RATE_LIMIT_WINDOW_MS: integer("RATE_LIMIT_WINDOW_MS", 100, 3_600_000).default(10_000),
  })
  .superRefine((env, ctx) => {
    if (
      env.MINI_APP_URL !== undefined &&
      env.WEBHOOK_URL !== undefined &&
      new URL(env.MINI_APP_URL).pathname.replace(/\/+$/, "") === new URL(env.WEBHOOK_URL).pathname.replace(/\/+$/, "")
    ) {
      ctx.addIssue({ code: "custom", path: ["MINI_APP_URL"], message: "must have another path than WEBHOOK_URL" });
    }
    if (env.WEBHOOK_URL !== undefined && env.WEBHOOK_SECRET === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_SECRET"],
        message: "is required when WEBHOOK_URL is set (1-256 characters of A-Z, a-z, 0-9, _ and -)",
      });
    }
  });

/** The bot's settings, read once from the environment. */
export type Config = z.infer<typeof schema>;

/**
 * Validates the environment. Empty variables count as unset, so a copied
 * `.env.example` with blanks behaves like a missing line.
 *
 * @throws {ConfigError} naming the first variable at fault, never its value
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join(".") ?? "environment";
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}`);
  }
  return parsed.data;
}
