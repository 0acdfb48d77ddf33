import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from "@grammyjs/runner";
import type { Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import { ALLOWED_UPDATES } from "./bot.js";
import type { BotContext } from "./context.js";
import { InFlight } from "./inflight.js";

/** Thrown when getUpdates answers something that is not a list of updates. */
export class NotUpdatesError extends Error {
  override name = "NotUpdatesError";
}

/** Long polling in progress, see {@link startPolling}. */
export interface Polling {
  /**
   * Settles when polling ends: resolves after {@link Polling.stop}, rejects
   * with the error that ended it otherwise (401 or 409 from Telegram,
   * getUpdates failing for longer than `retryMs`, an answer that is not a
   * list of updates).
   */
  readonly ended: Promise<void>;
  /** The updates being handled right now. */
  readonly inFlight: InFlight;
  /** Stops fetching updates; resolves once the updates in flight are handled. */
  stop(): Promise<void>;
}

/**
 * Long polling through @grammyjs/runner, its pieces assembled as its `run()`
 * does, with per-update tracking so that a stop can wait for the updates in
 * flight (the runner's own `stop()` resolves before they are done). A
 * failed getUpdates is retried by the runner, not by auto-retry: at waits
 * growing by 100 ms each time, so that polling picks up again within
 * seconds of an outage of minutes, for `retryMs` at most; the failures are
 * logged by the bot's API transformers, not printed by the runner.
 *
 * getUpdates asks Telegram to hold each request `longPollSeconds` while no
 * update comes; the bot's client must allow it that long and more (see
 * `pollingTimeoutSeconds`). The bot must be initialized (`bot.init()`) first.
 */
export function startPolling(bot: Bot<BotContext>, options: { retryMs: number; longPollSeconds: number }): Polling {
  const inFlight = new InFlight();
  const fetchUpdates = createUpdateFetcher(bot, {
    fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: options.longPollSeconds },
    retryInterval: "quadratic",
    maxRetryTime: options.retryMs,
    silent: true,
  });
  const source = createSource<Update>({
    supply: async (batchSize, signal) => {
      const updates: unknown = await fetchUpdates(batchSize, signal);
      if (!Array.isArray(updates)) throw new NotUpdatesError("getUpdates answered something that is not a list");
      return updates as Update[];
    },
  });
  const sink = createConcurrentSink<Update, BotError<BotContext>>(
    { consume: (update) => inFlight.track(update.update_id, bot.handleUpdate(update)) },
    async (error) => {
      await bot.errorHandler(error);
    },
  );
  const runner = createRunner(source, sink);
  runner.start();
  const ended = runner.task() ?? Promise.resolve();
  // Observed here, told by whoever awaits `ended`.
  ended.catch(() => undefined);
  return {
    ended,
    inFlight,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await inFlight.idle();
    },
  };
}
