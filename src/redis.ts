import type { ConversationData, VersionedState } from "@grammyjs/conversations";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Redis } from "ioredis";
import { MemoryDeduplicator, type UpdateDeduplicator } from "./server.js";
import type { SessionData } from "./context.js";
import type { KeyValueStorage } from "./storage.js";

/** Prefix of every key the bot writes, so it can share a Redis with others. */
export const KEY_PREFIX = "compare-bot:";

/** Thrown when Redis cannot be reached at start-up. */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

/**
 * Connects to Redis and checks that it answers. While running, commands fail
 * at once when the connection is down (no offline queue), so a lost Redis
 * degrades the bot instead of stalling it; the client keeps reconnecting in
 * the background.
 *
 * @throws {RedisUnavailableError} when Redis does not answer within `timeoutMs`
 */
export async function connectRedis(url: string, timeoutMs = 3000): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix: KEY_PREFIX,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2000),
  });
  // Connection errors are reported through the calls that fail; without a
  // listener ioredis would print each reconnect attempt.
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const host = new URL(url).host;
    throw new RedisUnavailableError(
      `cannot reach Redis at ${host}: ${err instanceof Error ? err.message : String(err)}`,
    );
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

/**
 * Remembers handled update ids in Redis, so that a delivery Telegram
 * retries is handled once even when the load balancer sends the retry to
 * another instance. While Redis is down it falls back to this instance's
 * memory.
 */
export class RedisDeduplicator implements UpdateDeduplicator {
  private readonly local = new MemoryDeduplicator();
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds = 3600,
  ) {}

  async firstTime(updateId: number): Promise<boolean> {
    if (!(await this.local.firstTime(updateId))) return false;
    try {
      return (await this.redis.set(`update:${updateId}`, "1", "EX", this.ttlSeconds, "NX")) === "OK";
    } catch {
      return true;
    }
  }
}

/** Everything the bot keeps in Redis, ready to hand to {@link createBot} and the webhook server. */
export interface SharedState {
  redis: Redis;
  sessionStorage: KeyValueStorage<SessionData>;
  advisorStorage: KeyValueStorage<VersionedState<ConversationData>>;
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
 * update ids and the table picture's file_ids.
 *
 * @throws {RedisUnavailableError} when Redis does not answer at start
 */
export async function connectSharedState(url: string, advisorTtlSeconds: number): Promise<SharedState> {
  const redis = await connectRedis(url);
  return {
    redis,
    sessionStorage: redisStorage<SessionData>(redis, "session:"),
    advisorStorage: redisStorage<VersionedState<ConversationData>>(redis, "advisor:", advisorTtlSeconds),
    fileIdStorage: redisStorage<string>(redis, "file-id:"),
    dedupe: new RedisDeduplicator(redis),
    health: async () => ({ redis: (await redisAnswers(redis)) ? "up" : "down" }),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
