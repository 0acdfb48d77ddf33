import { setMaxListeners } from "node:events";
import { autoRetry } from "@grammyjs/auto-retry";
import { type Api, GrammyError, HttpError, type Transformer } from "grammy";
import type { Logger } from "pino";

/** How long the Bot API may take before the bot gives up on a call. */
export interface ApiLimits {
  /** One request, in ms. getUpdates is exempt: it waits for updates on purpose, see {@link pollingTimeoutSeconds}. */
  timeoutMs: number;
  /**
   * One call with all its retries, in ms: a 429 asking to wait longer is not
   * waited for, and 5xx answers and network failures are retried until then.
   */
  retryMs: number;
  /** How long getUpdates asks Telegram to hold the request while no update comes, in seconds. */
  longPollSeconds: number;
}

/** The defaults of `BOT_API_TIMEOUT_S`, `BOT_API_RETRY_S` and `POLLING_TIMEOUT_S`. */
export const DEFAULT_LIMITS: ApiLimits = { timeoutMs: 10_000, retryMs: 30_000, longPollSeconds: 30 };

/** How often auto-retry repeats a call Telegram answered with 429 or 5xx, within {@link ApiLimits.retryMs}. */
export const MAX_RETRY_ATTEMPTS = 3;

/**
 * grammY's request timeout (`timeoutSeconds`) for a client with these
 * limits. It is one value for every method, and getUpdates needs its long
 * poll on top of the time any request may take, so grammY's timeout is set
 * for getUpdates and the other methods get the shorter deadline of
 * {@link installApiLimits}.
 */
export function pollingTimeoutSeconds(limits: ApiLimits): number {
  return limits.longPollSeconds + Math.ceil(limits.timeoutMs / 1000);
}

/**
 * An error of the Bot API as it may be logged: a network failure told by
 * grammY's message alone (its cause holds the request's URL, and the URL
 * holds the token), a refused call without its payload (which holds the
 * text sent, possibly the user's own words). Other errors are returned as
 * they are.
 */
export function loggableError(error: unknown): unknown {
  if (error instanceof GrammyError) {
    const { ok, error_code, description, parameters } = error;
    return new GrammyError(error.message, { ok, error_code, description, parameters }, error.method, {});
  }
  if (!(error instanceof HttpError)) return error;
  const safe = new HttpError(error.message, undefined);
  if (error.stack !== undefined) safe.stack = error.stack;
  return safe;
}

/**
 * Logs, once each at warn, the failed calls auto-retry (or, for
 * getUpdates, the runner) is about to repeat: 429 within the retry time,
 * 5xx and network failures. They never reach bot.catch, and an operator
 * should see Telegram throttling or failing. Installed below auto-retry,
 * so it sees every attempt.
 */
export function logRetries(logger: Logger, limits: ApiLimits = DEFAULT_LIMITS): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      const retryAfter = res.ok ? undefined : res.parameters?.retry_after;
      if (!res.ok && ((retryAfter !== undefined && retryAfter * 1000 <= limits.retryMs) || res.error_code >= 500)) {
        logger.warn(
          { method, error_code: res.error_code, description: res.description, retry_after: retryAfter },
          "Bot API call failed; retrying",
        );
      }
      return res;
    } catch (error) {
      if (error instanceof HttpError && signal?.aborted !== true) {
        logger.warn({ method, err: loggableError(error) }, "Bot API call failed; retrying");
      }
      throw error;
    }
  };
}

/** The signal a transformer gets from its caller (grammY's own AbortSignal type). */
type CallerSignal = Parameters<Transformer>[3];

/** What ended a call early. */
type Limit = "time" | "stop";

/**
 * Runs `prev` with a signal that aborts when the caller's does, after `ms`
 * (unless undefined), or when `stop` aborts. When a limit of these, not the
 * caller, ended the call, it fails with an `HttpError` saying `why` instead
 * of whatever the abort surfaced as. Timers and listeners are removed as
 * soon as the call ends: an update costs nothing once done.
 */
async function within<T>(
  call: (signal: CallerSignal) => Promise<T>,
  signal: CallerSignal,
  ms: number | undefined,
  stop: AbortSignal | undefined,
  why: (limit: Limit) => string,
): Promise<T> {
  const controller = new AbortController();
  let limit: Limit | undefined;
  const end = (by?: Limit) => {
    limit ??= by;
    controller.abort();
  };
  const callerAborted = () => end();
  const stopped = () => end("stop");
  const timer = ms === undefined ? undefined : setTimeout(() => end("time"), ms);
  if (signal?.aborted === true) end();
  else signal?.addEventListener("abort", callerAborted, { once: true });
  if (stop?.aborted === true) end("stop");
  else stop?.addEventListener("abort", stopped, { once: true });
  try {
    // The same AbortSignal at run time; grammY types it after a polyfill.
    return await call(controller.signal as unknown as CallerSignal);
  } catch (error) {
    if (limit !== undefined && signal?.aborted !== true) throw new HttpError(why(limit), undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", callerAborted);
    stop?.removeEventListener("abort", stopped);
  }
}

/**
 * Bounds every Bot API call of `api` (and of every context made from it):
 *
 * - each request may take `timeoutMs` (getUpdates: grammY's own timeout,
 *   see {@link pollingTimeoutSeconds});
 * - auto-retry repeats a call after 429, 5xx and network failures
 *   ({@link MAX_RETRY_ATTEMPTS} times at most for 429 and 5xx), and the call
 *   with all its retries fails after `retryMs` (at least one request's
 *   time); getUpdates is left to the
 *   runner, which retries it its own way;
 * - every call is aborted at once when `stop` aborts, so that a bot that
 *   has to stop is not held by a call that cannot get through.
 *
 * Failures of the retries are logged at warn by {@link logRetries}.
 */
export function installApiLimits(api: Api, logger: Logger, limits: ApiLimits, stop?: AbortSignal): void {
  // Every call in flight listens to `stop`: there may be thousands.
  if (stop !== undefined) setMaxListeners(0, stop);
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  const callMs = Math.max(limits.retryMs, limits.timeoutMs);
  const attempt: Transformer = (prev, method, payload, signal) =>
    method === "getUpdates"
      ? prev(method, payload, signal)
      : within(
          (s) => prev(method, payload, s),
          signal,
          limits.timeoutMs,
          undefined,
          () => `Request to '${method}' timed out after ${seconds(limits.timeoutMs)} seconds`,
        );
  const retry = autoRetry({ maxRetryAttempts: MAX_RETRY_ATTEMPTS, maxDelaySeconds: limits.retryMs / 1000 });
  const retryButPolling: Transformer = (prev, method, payload, signal) =>
    method === "getUpdates" ? prev(method, payload, signal) : retry(prev, method, payload, signal);
  const call: Transformer = (prev, method, payload, signal) => {
    const polling = method === "getUpdates";
    if (polling && stop === undefined) return prev(method, payload, signal);
    return within(
      (s) => prev(method, payload, s),
      signal,
      polling ? undefined : callMs,
      stop,
      (limit) =>
        limit === "stop"
          ? `Call to '${method}' abandoned: the bot is stopping`
          : `Call to '${method}' still failing after ${seconds(callMs)} seconds; gave up`,
    );
  };
  // Installed first is innermost: each attempt, its log, the retries, the whole call.
  api.config.use(attempt, logRetries(logger, limits), retryButPolling, call);
}
