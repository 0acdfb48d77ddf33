import { describe, expect, it } from "vitest";
import { ExpiringMemoryStorage } from "../src/storage.js";

describe("ExpiringMemoryStorage", () => {
  const clock = () => {
    const time = { now: 1_000 };
    return { time, store: new ExpiringMemoryStorage<{ step: number }>(100, () => time.now) };
  };

  it("gives back what was written, until it expires", () => {
    const { time, store } = clock();
    store.write("a", { step: 1 });
    expect(store.read("a")).toEqual({ step: 1 });
    time.now += 99;
    expect(store.read("a")).toEqual({ step: 1 });
    time.now += 1;
    expect(store.read("a")).toBeUndefined();
  });

  it("counts from the last write", () => {
    const { time, store } = clock();
    store.write("a", { step: 1 });
    time.now += 60;
    store.write("a", { step: 2 });
    time.now += 60;
    expect(store.read("a")).toEqual({ step: 2 });
  });

  it("drops expired entries nobody reads again", () => {
    const { time, store } = clock();
    store.write("a", { step: 1 });
    store.write("b", { step: 1 });
    time.now += 50;
    store.write("c", { step: 1 });
    expect(store.size).toBe(3);
    time.now += 50;
    store.write("d", { step: 1 });
    expect(store.size).toBe(2);
    store.delete("c");
    expect(store.size).toBe(1);
  });
});
