import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { RedisDeduplicator, type UpdateDeduplicator } from "./dedupe.js";
import type { ChatLock } from "./features/advisor.js";
import type { StoredSettings } from "./settings.js";
import { type KeyValueStorage, StorageUnavailableError } from "./storage.js";

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

/**
 * A grammY storage adapter on Redis for values of one kind, under `prefix`,
 * expiring `ttlSeconds` after the last write when given.
 */
export function redisStorage<T>(redis: Redis, prefix: string, ttlSeconds?: number): KeyValueStorage<T> {
  const adapter = new RedisAdapter<T>(
    ttlSeconds === undefined ? { instance: redis } : { instance: redis, ttl: ttlSeconds },
  );
  return {
    read: (key) => adapter.read(prefix + key),
    write: (key, value) => adapter.write(prefix + key, value),
    delete: (key) => adapter.delete(prefix + key),
  };
}

/** How long an instance holds a chat's lock at most: one that dies holding it lets go after this. */
export const LOCK_MS = 15_000;

/** Deletes a lock only if it is still the one taken with this token (it may have expired and been taken anew). */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * A lock per name shared by every instance: SET NX with an expiry, released
 * by the holder only. A waiting instance tries again every few
 * milliseconds; since a lock expires after `holdMs`, none waits longer.
 */
export class RedisChatLock implements ChatLock {
  constructor(
    private readonly redis: Redis,
    private readonly holdMs = LOCK_MS,
  ) {}

  async hold<T>(key: string, task: () => Promise<T>): Promise<T> {
    const name = `${KEY_PREFIX}lock:${key}`;
    const token = randomUUID();
    const deadline = Date.now() + 2 * this.holdMs;
    for (let delay = 5; ; delay = Math.min(2 * delay, 100)) {
      let taken: string | null;
      try {
        taken = await this.redis.set(name, token, "PX", this.holdMs, "NX");
      } catch (cause) {
        throw new StorageUnavailableError("write", { cause });
      }
      if (taken === "OK") break;
      if (Date.now() > deadline)
        throw new StorageUnavailableError("write", { cause: new Error(`${name} stays taken`) });
      await sleep(delay);
    }
    try {
      return await task();
    } finally {
      // An unreleased lock expires by itself.
      await this.redis.eval(RELEASE, 1, name, token).catch(() => undefined);
    }
  }
}

/** Everything the bot keeps in Redis, ready to hand to {@link createBot} and the webhook server. */
export interface SharedState {
  redis: Redis;
  settingsStorage: KeyValueStorage<StoredSettings>;
  advisorStorage: KeyValueStorage<VersionedState<ConversationData>>;
  /** Keeps a chat's /choose steps from running on two instances at once. */
  advisorLock: ChatLock;
  fileIdStorage: KeyValueStorage<string>;
  dedupe: UpdateDeduplicator;
  /** For the health endpoint: whether Redis answers now. */
  health: () => Promise<Record<string, unknown>>;
  /** Closes the connection, waiting for replies still due. */
  close: () => Promise<void>;
}

/**
 * Connects to Redis and lays out the bot's state in it: users' settings,
 * /choose conversations (expiring after `advisorTtlSeconds` idle), handled
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
    advisorStorage: redisStorage<VersionedState<ConversationData>>(redis, "advisor:", advisorTtlSeconds),
    advisorLock: new RedisChatLock(redis),
    fileIdStorage: redisStorage<string>(redis, "file-id:"),
    dedupe: new RedisDeduplicator(redis, options.claimSeconds),
    health: async () => ({ redis: (await redisAnswers(redis)) ? "up" : "down" }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
