import type { Update } from "grammy/types";

/** Options of the `waitFor*` helpers. */
export interface WaitOptions {
  /**
   * Default 30000 ms. Waits end as soon as what they wait for happens, so a
   * generous limit costs nothing but the time a failure takes to show.
   */
  timeout?: number;
  /** Text added to the timeout error. */
  message?: string;
}

/** Options of {@link Activity.waitUntilIdle}. */
export interface IdleOptions extends WaitOptions {
  /**
   * How long nothing may have happened, in ms. Default 0 once the bot's
   * handling is tracked (see {@link Activity.trackHandling}), else 50: without
   * it, a bot that is quiet because it is done looks like one that computes.
   */
  quietMs?: number;
}

/** How often a wait looks at its condition besides the emulator's events, in ms. */
const RECHECK_MS = 100;

/** What the emulator itself knows is going on, for {@link Activity.idle}. */
export interface Busy {
  /** Updates queued and not yet handed to the bot. */
  undelivered: () => number;
  /** Calls in progress (a waiting getUpdates aside) and webhook deliveries waiting for their answer. */
  inFlight: () => number;
}

/**
 * What keeps the emulator and the bot busy, and waits on it. Waits are woken
 * by the emulator's own events (a call answered, a request starting or
 * ending, an update queued, handed out or handled) and re-check their
 * condition then, instead of polling it on a timer.
 */
export class Activity {
  /** The checks of the waits in progress. */
  private readonly waiters = new Set<() => void>();
  /** Updates handed to a tracked bot whose handling has not begun. */
  private readonly awaiting = new Set<number>();
  private handling = 0;
  private tracking = false;
  private last = Date.now();

  constructor(
    private readonly busy: Busy,
    /** Describes the last calls, for timeout errors. */
    private readonly recent: () => string,
  ) {}

  /** Something happened: re-check every wait. */
  changed(): void {
    this.last = Date.now();
    for (const check of [...this.waiters]) check();
  }

  /** Updates were handed to the bot (by getUpdates or a webhook). */
  handedOut(updateIds: Iterable<number>): void {
    if (this.tracking) for (const id of updateIds) this.awaiting.add(id);
    this.changed();
  }

  /**
   * Wraps the bot's `handleUpdate` so that the emulator knows what the bot
   * is working on: from then on, an update handed to the bot counts as in
   * progress until its handling ends, and {@link waitUntilIdle} waits for it
   * too, not only for the bot's calls.
   *
   * @example
   * ```ts
   * bot.handleUpdate = emu.trackHandling(bot.handleUpdate.bind(bot));
   * ```
   */
  trackHandling<A extends unknown[]>(
    handle: (update: Update, ...rest: A) => Promise<void>,
  ): (update: Update, ...rest: A) => Promise<void> {
    this.tracking = true;
    return async (update, ...rest) => {
      this.handling++;
      this.awaiting.delete(update.update_id);
      this.changed();
      try {
        await handle(update, ...rest);
      } finally {
        this.handling--;
        this.changed();
      }
    };
  }

  /** Updates being handled, or handed out and not begun, by a tracked bot. */
  get handlingCount(): number {
    return this.handling + this.awaiting.size;
  }

  /**
   * Whether nothing is going on: every update handed out, no call in
   * progress, and (once tracked) no update being handled.
   */
  idle(): boolean {
    return this.busy.undelivered() === 0 && this.busy.inFlight() === 0 && this.handlingCount === 0;
  }

  /**
   * Resolves with the first truthy value of `condition`, checked now, after
   * each event of the emulator, and every 100 ms for conditions on anything
   * else. Rejects after `timeout` ms (default 30000) with the last calls in
   * the message.
   */
  waitFor<T>(condition: () => T | undefined | null | false, options: WaitOptions = {}): Promise<T> {
    const timeout = options.timeout ?? 30_000;
    /** The condition's value, or its error, when it holds (or throws). */
    const test = (): { value: T } | { error: Error } | undefined => {
      try {
        const value = condition();
        return value === undefined || value === null || value === false ? undefined : { value };
      } catch (error) {
        return { error: error instanceof Error ? error : new Error(String(error)) };
      }
    };
    const settle = (outcome: { value: T } | { error: Error }): Promise<T> =>
      "value" in outcome ? Promise.resolve(outcome.value) : Promise.reject(outcome.error);
    const now = test();
    if (now !== undefined) return settle(now);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const outcome = test();
        if (outcome === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        clearInterval(tick);
        settle(outcome).then(resolve, reject);
      };
      // Conditions on something else than the emulator (a test's own server, a file) are looked at now and then too.
      const tick = setInterval(check, RECHECK_MS);
      const timer = setTimeout(() => {
        clearInterval(tick);
        this.waiters.delete(check);
        reject(
          new Error(
            `emulator: timed out after ${timeout} ms${options.message ? ` waiting for ${options.message}` : ""} (last calls: ${this.recent() || "none"})`,
          ),
        );
      }, timeout);
      this.waiters.add(check);
    });
  }

  /**
   * Resolves once nothing is going on ({@link idle}) and nothing happened
   * for `quietMs`.
   */
  async waitUntilIdle(options: IdleOptions = {}): Promise<void> {
    const quietMs = options.quietMs ?? (this.tracking ? 0 : 50);
    const deadline = Date.now() + (options.timeout ?? 30_000);
    for (;;) {
      if (Date.now() >= deadline) throw new Error(`emulator: never quiet for ${quietMs} ms before the timeout`);
      await this.waitFor(() => this.idle(), {
        message: this.tracking ? "the bot to handle every update and finish its calls" : "the bot to become idle",
        ...options,
        timeout: Math.max(1, deadline - Date.now()),
      });
      const quietFor = Date.now() - this.last;
      if (quietFor >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, quietMs - quietFor));
      if (this.idle() && Date.now() - this.last >= quietMs) return;
    }
  }
}
