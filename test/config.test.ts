import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

const TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** The one-line message parseConfig refuses `env` with. */
function refusal(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("the environment was accepted");
}

describe("parseConfig", () => {
  it("fills in the documented defaults and leaves unset options out", () => {
    const config = parseConfig({ BOT_TOKEN: ` ${TOKEN} `, WEBHOOK_URL: "", PATH: "/usr/bin" });
    expect(config).toEqual({
      BOT_TOKEN: TOKEN,
      LOG_LEVEL: "info",
      BOT_API_TIMEOUT_S: 10,
      BOT_API_RETRY_S: 30,
      POLLING_TIMEOUT_S: 30,
      POLLING_RETRY_S: 900,
      DRAIN_TIMEOUT_S: 8,
      WEBHOOK_MAX_CONNECTIONS: 40,
      WEBHOOK_TIMEOUT_S: 10,
      PORT: 8080,
      HOST: "0.0.0.0",
      REDIS_TIMEOUT_MS: 1000,
      RATE_LIMIT: 20,
      RATE_LIMIT_WINDOW_MS: 10_000,
    });
  });

  it("reads every option as given", () => {
    const config = parseConfig({
      BOT_TOKEN: TOKEN,
      BOT_API_ROOT: "http://localhost:8081//",
      LOG_LEVEL: "debug",
      WEBHOOK_URL: "https://bot.example.com/telegram",
      WEBHOOK_SECRET: "s3cret_-",
      MINI_APP_URL: "https://bot.example.com/app",
      REDIS_URL: "rediss://cache:6380/1",
      PORT: "3000",
      RATE_LIMIT: "5",
      HEALTH_FILE: "/tmp/alive",
    });
    expect(config).toMatchObject({
      BOT_API_ROOT: "http://localhost:8081",
      LOG_LEVEL: "debug",
      WEBHOOK_URL: "https://bot.example.com/telegram",
      WEBHOOK_SECRET: "s3cret_-",
      MINI_APP_URL: "https://bot.example.com/app",
      REDIS_URL: "rediss://cache:6380/1",
      PORT: 3000,
      RATE_LIMIT: 5,
      HEALTH_FILE: "/tmp/alive",
    });
  });

  it("names the variable at fault in one line, never its value", () => {
    const cases: [Record<string, string>, string][] = [
      [{ BOT_TOKEN: " " }, "BOT_TOKEN is required (get one from @BotFather)"],
      [{ BOT_TOKEN: "not-a-token" }, "BOT_TOKEN does not look like a bot token (digits, a colon, then letters)"],
      [{ BOT_API_ROOT: "ftp://x" }, "BOT_API_ROOT must be an http(s) URL such as http://localhost:8081"],
      [{ BOT_API_ROOT: "not a url" }, "BOT_API_ROOT must be an http(s) URL such as http://localhost:8081"],
      [{ LOG_LEVEL: "loud" }, "LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent"],
      [{ PORT: "eighty" }, "PORT must be a whole number"],
      [{ PORT: "80.5" }, "PORT must be a whole number"],
      [{ PORT: "70000" }, "PORT must be between 1 and 65535"],
      [{ POLLING_TIMEOUT_S: "51" }, "POLLING_TIMEOUT_S must be between 1 and 50"],
      [{ WEBHOOK_URL: "https://bot.example.com/t" }, "WEBHOOK_SECRET is required when WEBHOOK_URL is set"],
      [{ WEBHOOK_SECRET: "with space" }, "WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"],
      [{ MINI_APP_URL: "http://bot.example.com/app" }, "MINI_APP_URL must be the https URL the Mini App opens at"],
      [
        {
          WEBHOOK_URL: "https://bot.example.com/app/",
          WEBHOOK_SECRET: "s",
          MINI_APP_URL: "https://bot.example.com/app",
        },
        "MINI_APP_URL must have another path than WEBHOOK_URL",
      ],
      [{ REDIS_URL: "http://cache:6379" }, "REDIS_URL must be a redis:// or rediss:// URL"],
      // Several at fault: the first in the documented order.
      [{ LOG_LEVEL: "loud", BOT_API_ROOT: "ftp://x", PORT: "0" }, "BOT_API_ROOT must be"],
    ];
    for (const [env, message] of cases) {
      const text = refusal({ BOT_TOKEN: TOKEN, ...env });
      expect(text.startsWith(message), `${JSON.stringify(env)}: ${text}`).toBe(true);
      expect(text).not.toContain("\n");
      for (const value of Object.values(env)) if (value.length > 3) expect(text).not.toContain(value);
    }
  });
});
