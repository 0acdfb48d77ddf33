import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from "@grammyjs/runner";
import { Api, type Bot, type BotError } from "grammy";
import type { Update } from "grammy/types";
import { ALLOWED_UPDATES } from "./bot.js";
import type { BotContext } from "./context.js";
import { InFlight } from "./inflight.js";
import type { Logger } from "pino";
import { type ApiLimits, logRetries } from "./retries.js";

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
 * update comes, through a client of its own that waits that long plus one
 * request's time (`timeoutMs`), where every other call gets the latter
 * alone: grammY has one timeout per client. The bot must be initialized
 * (`bot.init()`) first.
 */
export function startPolling(
  bot: Bot<BotContext>,
  options: {
    /** How long getUpdates may keep failing before polling ends. */
    retryMs: number;
    limits: ApiLimits;
    logger: Logger;
    /** The bot's `apiRoot`, when not Telegram's. */
    apiRoot?: string;
    /** Called after every getUpdates that answered a list of updates: polling works. */
    onPolled?: () => void;
  },
): Polling {
  const inFlight = new InFlight();
  const { limits } = options;
  const poller = new Api(bot.token, {
    ...(options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot }),
    timeoutSeconds: limits.longPollSeconds + limits.timeoutMs / 1000,
  });
  poller.config.use(logRetries(options.logger, limits));
  const adapter = {
    api: poller,
    handleUpdate: (update: Update) => bot.handleUpdate(update),
    errorHandler: (error: BotError<BotContext>) => bot.errorHandler(error),
  };
  const fetchUpdates = createUpdateFetcher(adapter, {
    fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: limits.longPollSeconds },
    retryInterval: "quadratic",
    maxRetryTime: options.retryMs,
    silent: true,
  });
  const source = createSource<Update>({
    supply: async (batchSize, signal) => {
      const updates: unknown = await fetchUpdates(batchSize, signal);
      if (!Array.isArray(updates)) throw new NotUpdatesError("getUpdates answered something that is not a list");
      options.onPolled?.();
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
