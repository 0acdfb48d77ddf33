import { HttpError, type Transformer } from "grammy";
import type { Logger } from "pino";

/** How far auto-retry goes: longer waits Telegram asks for fail the update instead. */
export const RETRY = { maxRetryAttempts: 3, maxDelaySeconds: 60 };

/**
 * A network failure told by grammY's message alone: its cause holds the
 * request's URL, and the URL holds the token.
 */
export function withoutUrl(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  const safe = new HttpError(error.message, undefined);
  if (error.stack !== undefined) safe.stack = error.stack;
  return safe;
}

/**
 * Logs, once each at warn, the failed calls auto-retry is about to repeat
 * (429 within {@link RETRY}, 5xx, network failures): they never reach
 * bot.catch, and an operator should see Telegram throttling or failing.
 * Installed before auto-retry, so it sees every attempt.
 */
export function logRetries(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      const retryAfter = res.ok ? undefined : res.parameters?.retry_after;
      if (!res.ok && ((retryAfter !== undefined && retryAfter <= RETRY.maxDelaySeconds) || res.error_code >= 500)) {
        logger.warn(
          { method, error_code: res.error_code, description: res.description, retry_after: retryAfter },
          "Bot API call failed; retrying",
        );
      }
      return res;
    } catch (error) {
      if (error instanceof HttpError && signal?.aborted !== true) {
        logger.warn({ method, err: withoutUrl(error) }, "Bot API call failed; retrying");
      }
      throw error;
    }
  };
}
