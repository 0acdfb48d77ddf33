import { z } from "zod";

/** Thrown when the environment does not describe a runnable bot; the message is one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const schema = z.object({
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
