/**
 * Thrown when the store behind sessions or conversations cannot be reached.
 * Features that need state answer "temporarily unavailable" for it; the
 * rest of the bot goes on without state.
 */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
  constructor(
    readonly operation: "read" | "write" | "delete",
    options: { cause: unknown },
  ) {
    super(`the state store cannot be reached (${operation})`, options);
  }
}

/** The part of a storage adapter the bot uses. */
export interface KeyValueStorage<T> {
  read(key: string): T | undefined | Promise<T | undefined>;
  write(key: string, value: T): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

/**
 * Reads `key` and hands what the store holds to `use`, with no promise in
 * between when the store answers at once (as stores in memory do); a store
 * that fails, at once or later, gives `failed()` instead.
 */
export function readThen<T, R>(
  storage: KeyValueStorage<T>,
  key: string,
  use: (value: T | undefined) => R,
  failed: () => R,
): R | Promise<R> {
  let value: T | undefined | Promise<T | undefined>;
  try {
    value = storage.read(key);
  } catch {
    return failed();
  }
  return value instanceof Promise ? value.then(use, failed) : use(value);
}

/**
 * Wraps a storage adapter so that any failure of it surfaces as one
 * {@link StorageUnavailableError}, which the bot can tell apart from bugs.
 */
export function guardStorage<T>(
  inner: KeyValueStorage<T>,
): KeyValueStorage<T> & { read(key: string): Promise<T | undefined> } {
  const run = async <R>(operation: StorageUnavailableError["operation"], call: () => R | Promise<R>): Promise<R> => {
    try {
      return await call();
    } catch (cause) {
      throw new StorageUnavailableError(operation, { cause });
    }
  };
  return {
    read: (key) => run("read", () => inner.read(key)),
    write: (key, value) => run("write", () => inner.write(key, value)),
    delete: (key) => run("delete", () => inner.delete(key)),
  };
}

/** Whether `error`, or an error it wraps, is a {@link StorageUnavailableError}. */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof StorageUnavailableError) return true;
  }
  return false;
}

/** Reads awaiting their write-back that are remembered at most; older ones just write. */
const MAX_PENDING_READS = 10_000;

/**
 * Skips the writes that would change nothing: grammY's session writes back
 * whatever was read, so without this a read alone would cost a store write.
 * An empty value is deleted rather than stored: only users who chose
 * something take room in the store.
 */
export function writeChangesOnly<T extends object>(inner: KeyValueStorage<T>): KeyValueStorage<T> {
  /** What each key held when last read: its JSON, or null when absent. */
  const seen = new Map<string, string | null>();
  const remember = (key: string, json: string | null) => {
    if (seen.size >= MAX_PENDING_READS) seen.clear();
    seen.set(key, json);
  };
  return {
    async read(key) {
      const value = await inner.read(key);
      remember(key, value === undefined ? null : JSON.stringify(value));
      return value;
    },
    async write(key, value) {
      const before = seen.get(key);
      seen.delete(key);
      const empty = Object.keys(value).length === 0;
      if (empty ? before === null : before === JSON.stringify(value)) return;
      await (empty ? inner.delete(key) : inner.write(key, value));
    },
    async delete(key) {
      const before = seen.get(key);
      seen.delete(key);
      if (before !== null) await inner.delete(key);
    },
  };
}

/**
 * A store in this process's memory whose entries expire `ttlMs` after their
 * last write. Expired entries are dropped as new ones come, whether anyone
 * reads them again or not (grammY's MemorySessionStorage forgets an expired
 * entry only when it is read, so entries nobody comes back for stay
 * forever). Values are kept as they are, as the conversations plugin's own
 * memory store keeps them: a copy on every read and write would cost each
 * update of a conversation more than the state is worth.
 */
export class ExpiringMemoryStorage<T> implements KeyValueStorage<T> {
  /** By last write, oldest first: a key written again moves to the end. */
  private readonly entries = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many entries have not expired yet. */
  get size(): number {
    this.dropExpired();
    return this.entries.size;
  }

  read(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  write(key: string, value: T): void {
    this.dropExpired();
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Entries expire in the order they were written, so the expired ones are first. */
  private dropExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expires > now) break;
      this.entries.delete(key);
    }
  }
}
