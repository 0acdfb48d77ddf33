import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AdvisorRun,
  type AdvisorRuns,
  decodeRun,
  encodeRun,
  MemoryAdvisorRuns,
  nextStep,
} from "../src/advisor-runs.js";
import { connectRedis, KEY_PREFIX, RedisAdvisorRuns } from "../src/redis.js";
import { isStorageUnavailable } from "../src/storage.js";
import { canShareRedis, startTestRedis, type TestRedis } from "./support/redis.js";

const run: AdvisorRun = { run: "mabc123", step: 3, replies: ["no", "unsure", "yes"], messageId: 42 };

describe("a /choose run as stored", () => {
  it("is one short string and back", () => {
    expect(encodeRun(run)).toBe("mabc123:3:42:nuy");
    expect(decodeRun(encodeRun(run))).toEqual(run);
    expect(decodeRun(encodeRun({ ...run, replies: [], messageId: 0 }))).toEqual({ ...run, replies: [], messageId: 0 });
    for (const other of [undefined, null, "", "{}", "mabc123:3:42", "mabc123:3:42:nx"]) {
      expect(decodeRun(other)).toBeUndefined();
    }
  });

  it("counts steps in two digits", () => {
    expect(nextStep(0)).toBe(1);
    expect(nextStep(99)).toBe(0);
  });
});

/** What every store of runs does, in memory or in Redis. */
function contract(make: () => AdvisorRuns) {
  it("keeps one run per user, replaced by a new one", async () => {
    const runs = make();
    expect(await runs.get(1)).toBeUndefined();
    await runs.start(1, run);
    await runs.start(2, { ...run, run: "other" });
    expect(await runs.get(1)).toEqual(run);
    await runs.start(1, { ...run, run: "mnew" });
    expect((await runs.get(1))?.run).toBe("mnew");
    expect((await runs.get(2))?.run).toBe("other");
  });

  it("moves a run only from where it stands, so a step is taken once", async () => {
    const runs = make();
    await runs.start(1, run);
    const next = { ...run, step: 4, replies: [...run.replies, "no" as const] };
    expect(await runs.move(1, run, next)).toBe(true);
    // The same step again, as a second tap on the same button would ask: refused.
    expect(await runs.move(1, run, { ...next, replies: ["yes"] })).toBe(false);
    expect(await runs.get(1)).toEqual(next);
    // Another run at the same step: refused.
    expect(await runs.move(1, { run: "mold", step: 4 }, undefined)).toBe(false);
    // Ending it.
    expect(await runs.move(1, next, undefined)).toBe(true);
    expect(await runs.get(1)).toBeUndefined();
    expect(await runs.move(1, next, next)).toBe(false);
    expect(await runs.get(1)).toBeUndefined();
  });

  it("takes a run once", async () => {
    const runs = make();
    await runs.start(1, run);
    expect(await runs.take(1)).toEqual(run);
    expect(await runs.take(1)).toBeUndefined();
    expect(await runs.get(1)).toBeUndefined();
  });
}

describe("runs in memory", () => {
  contract(() => new MemoryAdvisorRuns());

  it("drops runs left alone as new ones start, whether anyone reads them again or not", () => {
    const time = { now: 1_000 };
    const runs = new MemoryAdvisorRuns(100, () => time.now);
    runs.start(1, run);
    runs.start(2, run);
    time.now += 50;
    runs.start(3, run);
    // A run that moves on is kept from its last change.
    expect(runs.move(1, run, { ...run, step: 4 })).toBe(true);
    expect(runs.size).toBe(3);
    time.now += 50;
    runs.start(4, run);
    expect(runs.size).toBe(3);
    expect(runs.get(2)).toBeUndefined();
    runs.take(3);
    expect(runs.size).toBe(2);
  });

  it("forgets a run left alone for the idle time", () => {
    const time = { now: 1_000 };
    const runs = new MemoryAdvisorRuns(100, () => time.now);
    runs.start(1, run);
    time.now += 99;
    expect(runs.move(1, run, { ...run, step: 4 })).toBe(true);
    time.now += 99;
    expect(runs.get(1)?.step).toBe(4);
    time.now += 1;
    expect(runs.get(1)).toBeUndefined();
    expect(runs.size).toBe(0);
  });
});

describe.skipIf(!canShareRedis)("runs in Redis", () => {
  let server: TestRedis;
  let redis: Redis;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = await connectRedis(server.url);
  });

  afterAll(async () => {
    redis.disconnect();
    await server.kill();
  });

  let user = 1_000;
  /** Each test gets users of its own: the Redis may be shared. */
  const fresh = (): AdvisorRuns => {
    const runs = new RedisAdvisorRuns(redis, 60);
    const base = (user += 10);
    return {
      get: (id) => runs.get(base + id),
      start: (id, r) => runs.start(base + id, r),
      move: (id, from, next) => runs.move(base + id, from, next),
      take: (id) => runs.take(base + id),
    };
  };
  contract(fresh);

  it("keeps each run under the bot's prefix, by user, expiring after the idle time", async () => {
    const runs = new RedisAdvisorRuns(redis, 60);
    await runs.start(7, run);
    await runs.move(7, run, { ...run, step: 4 });
    // The bot's connection adds the prefix; a plain client sees the whole key.
    const plain = new Redis(server.url);
    try {
      expect(await plain.get(`${KEY_PREFIX}choose:7`)).toBe("mabc123:4:42:nuy");
      expect(await plain.ttl(`${KEY_PREFIX}choose:7`)).toBeGreaterThan(50);
    } finally {
      plain.disconnect();
    }
  });

  it("fails as a store that is down when Redis cannot be reached", async () => {
    const down = await connectRedis(server.url);
    down.disconnect();
    const runs = new RedisAdvisorRuns(down, 60);
    for (const call of [
      () => runs.get(1),
      () => runs.start(1, run),
      () => runs.move(1, run, run),
      () => runs.take(1),
    ]) {
      await expect(call()).rejects.toSatisfy(isStorageUnavailable);
    }
  });
});
