import { RedisAdapter } from "@grammyjs/storage-redis";
import { Redis } from "ioredis";
import { type AdvisorRun, type AdvisorRuns, decodeRun, encodeRun, positionOf } from "./advisor-runs.js";
import { RedisDeduplicator, type UpdateDeduplicator } from "./dedupe.js";
import type { StoredSettings } from "./settings.js";
import { guarded, type KeyValueStorage } from "./storage.js";

/** Prefix of every key the bot writes, so it can share a Redis with others. */
export const KEY_PREFIX = "compare-bot:";

/** Thrown when Redis cannot be reached at start-up. */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

/** The default of `REDIS_TIMEOUT_MS`. */
export const DEFAULT_REDIS_TIMEOUT_MS = 1000;

/** How long connecting at start may take, at least. */
const CONNECT_TIMEOUT_MS = 3000;

/** What went wrong, in words an operator can act on; Redis's own first line otherwise. */
function cause(error: Error): string {
  const message = error.message.split("\n")[0] ?? "";
  if (message.startsWith("WRONGPASS")) return "the password (or user) in REDIS_URL was refused (WRONGPASS)";
  if (message.startsWith("NOAUTH"))
    return "Redis requires a password: put it in REDIS_URL, redis://:password@host:port (NOAUTH)";
  if (/DB index is out of range/.test(message)) return "the database number in REDIS_URL does not exist on this Redis";
  return message;
}

/**
 * Connects to Redis and checks that it answers. While running, every
 * command fails rather than waits: at once when the connection is down
 * (no offline queue), after `timeoutMs` when Redis does not answer (a
 * frozen or overloaded Redis), and then the silent connection is dropped
 * and made again, so that commands fail at once until Redis answers again.
 * A Redis that cannot be reached thus degrades the bot instead of stalling
 * it; the client keeps reconnecting in the background.
 *
 * @throws {RedisUnavailableError} when Redis does not answer at start, naming why
 */
export async function connectRedis(url: string, timeoutMs = DEFAULT_REDIS_TIMEOUT_MS): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix: KEY_PREFIX,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: Math.max(timeoutMs, CONNECT_TIMEOUT_MS),
    commandTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
  // Connection errors are reported through the calls that fail; without a
  // listener ioredis would print each reconnect attempt. The last one names
  // the cause when connecting at start fails ("Connection is closed" says
  // nothing of a wrong password).
  let last: Error | undefined;
  redis.on("error", (error: Error) => (last = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const host = new URL(url).host;
    const error = last ?? (err instanceof Error ? err : new Error(String(err)));
    throw new RedisUnavailableError(`cannot reach Redis at ${host}: ${cause(error)}`);
  }
  return redis;
}

/** Whether Redis answers a PING within `timeoutMs`. */
export async function redisAnswers(redis: Redis, timeoutMs = 500): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([
      redis.ping().then(
        (r) => r === "PONG",
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A grammY storage adapter on Redis for values of one kind, under `prefix`. */
export function redisStorage<T>(redis: Redis, prefix: string): KeyValueStorage<T> {
  const adapter = new RedisAdapter<T>({ instance: redis });
  return {
    read: (key) => adapter.read(prefix + key),
    write: (key, value) => adapter.write(prefix + key, value),
    delete: (key) => adapter.delete(prefix + key),
  };
}

/**
 * Moves a run only if it still stands where the caller saw it. KEYS[1]: the
 * user's run; ARGV[1]: its position (`<run>:<step>:`); ARGV[2]: the run
 * moved on, or "" to end it; ARGV[3]: the expiry in seconds.
 */
const MOVE = `local v = redis.call("get", KEYS[1])
if not v or string.sub(v, 1, #ARGV[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == "" then redis.call("del", KEYS[1]) else redis.call("set", KEYS[1], ARGV[2], "EX", ARGV[3]) end
return 1`;

/** Deletes a key and returns what it held (GETDEL, which Redis 6.0 lacks). */
const TAKE = `local v = redis.call("get", KEYS[1])
if v then redis.call("del", KEYS[1]) end
return v`;

/**
 * The users' /choose runs in Redis, shared by every instance: one short
 * string per user (see `encodeRun`), expiring `ttlSeconds` after its last
 * change. Moving a run and ending it are each one script, so two taps of
 * one step meeting on two instances move it once.
 */
export class RedisAdvisorRuns implements AdvisorRuns {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly prefix = "choose:",
  ) {}

  async get(userId: number): Promise<AdvisorRun | undefined> {
    return decodeRun(await guarded("read", () => this.redis.get(this.prefix + userId)));
  }

  async start(userId: number, run: AdvisorRun): Promise<void> {
    await guarded("write", () => this.redis.set(this.prefix + userId, encodeRun(run), "EX", this.ttlSeconds));
  }

  async move(userId: number, from: Pick<AdvisorRun, "run" | "step">, next: AdvisorRun | undefined): Promise<boolean> {
    const value = next === undefined ? "" : encodeRun(next);
    const args = [this.prefix + userId, positionOf(from), value, this.ttlSeconds];
    return (await guarded("write", () => this.redis.eval(MOVE, 1, ...args))) === 1;
  }

  async take(userId: number): Promise<AdvisorRun | undefined> {
    const value = await guarded("write", () => this.redis.eval(TAKE, 1, this.prefix + userId));
    return decodeRun(typeof value === "string" ? value : undefined);
  }
}

/** Everything the bot keeps in Redis, ready to hand to {@link createBot} and the webhook server. */
export interface SharedState {
  redis: Redis;
  settingsStorage: KeyValueStorage<StoredSettings>;
  /** Where each user's /choose run stands. */
  advisorRuns: AdvisorRuns;
  fileIdStorage: KeyValueStorage<string>;
  dedupe: UpdateDeduplicator;
  /** For the health endpoint: whether Redis answers now. */
  health: () => Promise<Record<string, unknown>>;
  /** Closes the connection, waiting for replies still due. */
  close: () => Promise<void>;
}

/**
 * Connects to Redis and lays out the bot's state in it: users' settings,
 * /choose runs (expiring after `advisorTtlSeconds` idle), handled
 * update ids (claimed for `claimSeconds`) and the table picture's
 * file_ids. Every command waits `timeoutMs` at most.
 *
 * @throws {RedisUnavailableError} when Redis does not answer at start
 */
export async function connectSharedState(
  url: string,
  advisorTtlSeconds: number,
  options: { timeoutMs?: number; claimSeconds?: number } = {},
): Promise<SharedState> {
  const redis = await connectRedis(url, options.timeoutMs);
  return {
    redis,
    // "session:", as when the settings were a grammY session: choices made then still hold.
    settingsStorage: redisStorage<StoredSettings>(redis, "session:"),
    advisorRuns: new RedisAdvisorRuns(redis, advisorTtlSeconds),
    fileIdStorage: redisStorage<string>(redis, "file-id:"),
    dedupe: new RedisDeduplicator(redis, options.claimSeconds),
    health: async () => ({ redis: (await redisAnswers(redis)) ? "up" : "down" }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
