import { setMaxListeners } from "node:events";
import { autoRetry } from "@grammyjs/auto-retry";
import { type Api, GrammyError, HttpError, type Transformer } from "grammy";
import type { Logger } from "pino";

/** How long the Bot API may take before the bot gives up on a call. */
export interface ApiLimits {
  /**
   * One request, in ms: grammY's own timeout (`timeoutSeconds`). getUpdates,
   * which waits for updates on purpose, goes through a client of its own
   * with `longPollSeconds` more (see polling.ts).
   */
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

/** A bot token wherever it appears, such as in a request's URL. */
const TOKEN = /\d+:[A-Za-z0-9_-]{20,}/g;

/**
 * An error of the Bot API as it may be logged: a network failure with what
 * caused it (a timeout, a refused or reset connection) but with the token
 * taken out of the request's URL it names; a refused call without its
 * payload (which holds the text sent, possibly the user's own words). Other
 * errors are returned as they are.
 */
export function loggableError(error: unknown): unknown {
  if (error instanceof GrammyError) {
    const { ok, error_code, description, parameters } = error;
    return new GrammyError(error.message, { ok, error_code, description, parameters }, error.method, {});
  }
  if (!(error instanceof HttpError)) return error;
  const cause = error.error instanceof Error ? error.error.message.replace(TOKEN, "<token>") : undefined;
  const safe = new HttpError(cause === undefined ? error.message : `${error.message} (${cause})`, undefined);
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

/** Why a call was cut short. */
type Limit = "time" | "stop";

/** How finely deadlines are shared: calls that start within this many ms share one signal. */
const DEADLINE_STEP_MS = 1000;

/**
 * Signals that abort when a call's time is up or the bot stops. A signal
 * of its own for every call would cost more than many a call: the calls
 * that start within the same second share one, which aborts `ms` to `ms`
 * + 1 s after they started; all abort at once when `stop` does.
 */
class Deadlines {
  private current: { until: number; controller: AbortController } | undefined;
  private readonly live = new Set<AbortController>();

  constructor(
    private readonly ms: number,
    stop: AbortSignal | undefined,
  ) {
    stop?.addEventListener("abort", () => {
      for (const controller of this.live) controller.abort("stop" satisfies Limit);
    });
    this.stopped = () => stop?.aborted === true;
  }

  private readonly stopped: () => boolean;

  /** The signal for a call starting now. */
  signal(): AbortSignal {
    const now = Date.now();
    if (this.current === undefined || now >= this.current.until || this.current.controller.signal.aborted) {
      const controller = new AbortController();
      // Many calls in flight listen to it at once.
      setMaxListeners(0, controller.signal);
      if (this.stopped()) controller.abort("stop" satisfies Limit);
      this.live.add(controller);
      const timer = setTimeout(() => {
        controller.abort("time" satisfies Limit);
        this.live.delete(controller);
      }, this.ms + DEADLINE_STEP_MS);
      timer.unref();
      this.current = { until: now + DEADLINE_STEP_MS, controller };
    }
    return this.current.controller.signal;
  }
}

/**
 * Runs `call` with `deadline` in place of, or added to, the caller's
 * signal. When the deadline, not the caller, ended the call, it fails with
 * an `HttpError` saying `why` instead of whatever the abort surfaced as.
 */
async function within<T>(
  call: (signal: CallerSignal) => Promise<T>,
  signal: CallerSignal,
  deadline: AbortSignal,
  why: (limit: Limit) => string,
): Promise<T> {
  // The same AbortSignal at run time; grammY types it after a polyfill.
  const typed = (s: AbortSignal) => s as unknown as CallerSignal;
  if (signal === undefined) {
    try {
      return await call(typed(deadline));
    } catch (error) {
      if (deadline.aborted) throw new HttpError(why(deadline.reason as Limit), undefined);
      throw error;
    }
  }
  // A caller's signal of its own (rare): both, combined for this call.
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal.addEventListener("abort", abort);
  deadline.addEventListener("abort", abort);
  if (signal.aborted || deadline.aborted) abort();
  try {
    return await call(typed(controller.signal));
  } catch (error) {
    if (deadline.aborted && !signal.aborted) throw new HttpError(why(deadline.reason as Limit), undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", abort);
    deadline.removeEventListener("abort", abort);
  }
}

/**
 * Bounds every Bot API call of `api` (and of every context made from it),
 * but getUpdates, which the runner retries its own way:
 *
 * - auto-retry repeats a call after 429, 5xx and network failures
 *   ({@link MAX_RETRY_ATTEMPTS} times at most for 429 and 5xx; each request
 *   is bounded by the client's own `timeoutSeconds`);
 * - the call with all its retries fails after `retryMs` (at least one
 *   request's time), and at once when `stop` aborts, so that a bot that has
 *   to stop is not held by a call that cannot get through.
 *
 * Failures of the retries are logged at warn by {@link logRetries}.
 */
export function installApiLimits(api: Api, logger: Logger, limits: ApiLimits, stop?: AbortSignal): void {
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  const callMs = Math.max(limits.retryMs, limits.timeoutMs);
  const deadlines = new Deadlines(callMs, stop);
  const retry = autoRetry({ maxRetryAttempts: MAX_RETRY_ATTEMPTS, maxDelaySeconds: limits.retryMs / 1000 });
  const logged = logRetries(logger, limits);
  // One transformer doing the three, innermost first: each attempt's log, the retries, the whole
  // call. grammY copies the transformers into every update's API, so each one costs every update.
  const limited: Transformer = (prev, method, payload, signal) => {
    const attempt: typeof prev = (m, p, s) => logged(prev, m, p, s);
    if (method === "getUpdates") return attempt(method, payload, signal);
    return within(
      (s) => retry(attempt, method, payload, s),
      signal,
      deadlines.signal(),
      (limit) =>
        limit === "stop"
          ? `Call to '${method}' abandoned: the bot is stopping`
          : `Call to '${method}' still failing after ${seconds(callMs)} seconds; gave up`,
    );
  };
  api.config.use(limited);
}
