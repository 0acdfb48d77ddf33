/**
 * Thrown when a store of the bot's state (users' settings, /choose runs)
 * cannot be reached.
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

/**
 * A store in this process's memory whose entries expire `ttlMs` after their
 * last write. Expired entries are dropped as new ones come, whether anyone
 * reads them again or not (grammY's MemorySessionStorage forgets an expired
 * entry only when it is read, so entries nobody comes back for stay
 * forever). Values are kept as they are, not copied: the caller does not
 * change what it wrote or read.
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
