import type { Redis } from "ioredis";

/**
 * Where an update stands for the instances that may receive it: `new` to
 * this instance, which now has it; `done` when it was handled (or is being
 * handled by this very process); `busy` when another instance is handling
 * it right now.
 */
export type Claim = "new" | "done" | "busy";

/**
 * Makes each update handled once although Telegram may deliver it again
 * (after a slow answer, possibly to another instance), and never lost when
 * an instance stops or dies in the middle of it: an update counts as done
 * only once Telegram was answered for it, and is given back when it could
 * not be handled.
 */
export interface UpdateDeduplicator {
  /** Claims an update for this instance; see {@link Claim}. */
  claim(updateId: number): Promise<Claim>;
  /** Telegram was answered for the update: later deliveries are duplicates. */
  done(updateId: number): Promise<void>;
  /** The update was not handled: a later delivery may claim it again. */
  release(updateId: number): Promise<void>;
}

/**
 * Deduplicates in this process's memory: remembers at least the last
 * `capacity` ids and at most twice as many, in two generations, so that
 * forgetting costs nothing per update. Telegram retries an update within
 * minutes, not days. An update this process is handling counts as done:
 * this process will finish it.
 */
export class MemoryDeduplicator implements UpdateDeduplicator {
  private current = new Set<number>();
  private previous = new Set<number>();
  constructor(private readonly capacity = 10_000) {}
  claim(updateId: number): Promise<Claim> {
    if (this.current.has(updateId) || this.previous.has(updateId)) return Promise.resolve("done");
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(updateId);
    return Promise.resolve("new");
  }
  done(): Promise<void> {
    return Promise.resolve();
  }
  release(updateId: number): Promise<void> {
    this.current.delete(updateId);
    this.previous.delete(updateId);
    return Promise.resolve();
  }
}

/**
 * How long an instance's claim on an update holds, by default, before
 * another instance may take the update over: a little longer than the
 * webhook server may take to answer Telegram (10 s). Once answered,
 * Telegram does not deliver the update again.
 */
export const CLAIM_SECONDS = 12;
/** How long a handled update is remembered: Telegram gives up redelivering long before. */
export const DONE_SECONDS = 3600;

/**
 * Remembers in Redis which updates were handled, so that a delivery
 * Telegram repeats is handled once even when the load balancer sends it to
 * another instance. An update is claimed first, for `claimSeconds` (a
 * delivery meanwhile gets "busy": Telegram tries again later), and marked
 * done once Telegram was answered for it; an instance that stops without
 * handling it releases it, and one that dies leaves a claim that expires.
 * So an update is never lost to a restart, and is handled twice only when
 * an instance dies in the middle of it. While Redis is down it falls back
 * to this instance's memory.
 */
export class RedisDeduplicator implements UpdateDeduplicator {
  private readonly local = new MemoryDeduplicator();
  constructor(
    private readonly redis: Redis,
    private readonly claimSeconds = CLAIM_SECONDS,
    private readonly doneSeconds = DONE_SECONDS,
  ) {}

  async claim(updateId: number): Promise<Claim> {
    if ((await this.local.claim(updateId)) !== "new") return "done";
    const key = `update:${updateId}`;
    try {
      if ((await this.redis.set(key, "busy", "EX", this.claimSeconds, "NX")) === "OK") return "new";
      const state = await this.redis.get(key);
      if (state === null)
        return (await this.redis.set(key, "busy", "EX", this.claimSeconds, "NX")) === "OK" ? "new" : "busy";
      await this.local.release(updateId);
      return state === "done" ? "done" : "busy";
    } catch {
      return "new";
    }
  }

  async done(updateId: number): Promise<void> {
    await this.redis.set(`update:${updateId}`, "done", "EX", this.doneSeconds).catch(() => undefined);
  }

  async release(updateId: number): Promise<void> {
    await this.local.release(updateId);
    await this.redis.del(`update:${updateId}`).catch(() => undefined);
  }
}
