/**
 * The updates being handled right now, by update_id, so that a bot that
 * stops can wait for them, and name those it has to give up on. An update
 * is in flight once at a time (the webhook server skips a delivery of an
 * update it is handling, and polling fetches each update once).
 */
export class InFlight {
  private readonly running = new Set<number>();
  private readonly waiters = new Set<() => void>();

  /** How many updates are being handled. */
  get size(): number {
    return this.running.size;
  }

  /** The update_ids being handled. */
  ids(): number[] {
    return [...this.running];
  }

  /** Counts `work` as in flight until it settles; returns it unchanged. */
  track<T>(updateId: number, work: Promise<T>): Promise<T> {
    this.running.add(updateId);
    const done = () => {
      this.running.delete(updateId);
      if (this.running.size > 0) return;
      for (const resolve of this.waiters) resolve();
      this.waiters.clear();
    };
    work.then(done, done);
    return work;
  }

  /** Resolves once no update is being handled. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add(resolve));
  }
}
