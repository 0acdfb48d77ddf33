import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { inOrder } from "../src/in-order.js";

/** A context that carries only the key the layer orders by. */
const ctx = (key: number | undefined) => ({ key }) as unknown as Context & { key: number | undefined };

/** A promise with its resolve and reject, for a handler that finishes when the test says so. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe("inOrder", () => {
  const layer = () => inOrder<Context & { key: number | undefined }>((c) => c.key);

  it("runs the updates of one key one after the other, in the order they came", async () => {
    const ordered = layer();
    const log: string[] = [];
    const first = gate();
    const a = ordered(ctx(1), async () => {
      log.push("a starts");
      await first.promise;
      log.push("a ends");
    });
    const b = ordered(ctx(1), () => {
      log.push("b");
      return Promise.resolve();
    });
    await Promise.resolve();
    expect(log).toEqual(["a starts"]);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(["a starts", "a ends", "b"]);
  });

  it("runs updates of other keys, and those without a key, at once", async () => {
    const ordered = layer();
    const log: string[] = [];
    const held = gate();
    const a = ordered(ctx(1), async () => {
      await held.promise;
      log.push("1");
    });
    await ordered(ctx(2), () => {
      log.push("2");
      return Promise.resolve();
    });
    await ordered(ctx(undefined), () => {
      log.push("none");
      return Promise.resolve();
    });
    expect(log).toEqual(["2", "none"]);
    held.open();
    await a;
    expect(log).toEqual(["2", "none", "1"]);
  });

  it("gives a failure to its own update only; the next one of the key still runs", async () => {
    const ordered = layer();
    const failing = gate();
    const a = ordered(ctx(1), () => failing.promise);
    let ran = false;
    const b = ordered(ctx(1), () => {
      ran = true;
      return Promise.resolve();
    });
    failing.fail(new Error("boom"));
    await expect(a).rejects.toThrow("boom");
    await b;
    expect(ran).toBe(true);
  });
});
