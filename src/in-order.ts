import type { Context, MiddlewareFn } from "grammy";

/**
 * Runs the updates that share a key one after the other, in the order they
 * arrive, and those of different keys concurrently: as the runner's
 * `sequentialize` does for one key per update. An update whose key is
 * `undefined` runs at once. A failed update does not hold up the next one
 * of its key; its error goes to its own caller.
 *
 * Own code rather than `sequentialize` of @grammyjs/runner, which takes any
 * number of keys per update: for one key it costs a `Promise.all` and two
 * arrays per update, about a twentieth of bare grammY in `npm run bench`.
 * Here an update with nothing ahead of it costs one map entry.
 *
 * @param keyOf the key of an update, such as its chat's id
 */
export function inOrder<C extends Context>(keyOf: (ctx: C) => number | undefined): MiddlewareFn<C> {
  /** The last update of each key still running, for the next one to wait on. */
  const last = new Map<number, Promise<void>>();
  return async (ctx, next) => {
    const key = keyOf(ctx);
    if (key === undefined) return next();
    const before = last.get(key);
    const run = () => next();
    const task = before === undefined ? run() : before.then(run, run);
    last.set(key, task);
    try {
      await task;
    } finally {
      if (last.get(key) === task) last.delete(key);
    }
  };
}
