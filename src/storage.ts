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

/** A storage adapter behind {@link guardStorage}: every call a promise. */
export interface GuardedStorage<T> extends KeyValueStorage<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * What a call of a store gives, as a promise that fails as one
 * {@link StorageUnavailableError} whether the call throws or rejects.
 */
export function guarded<R>(operation: StorageUnavailableError["operation"], call: () => R | Promise<R>): Promise<R> {
  const failed = (cause: unknown): never => {
    throw new StorageUnavailableError(operation, { cause });
  };
  try {
    return Promise.resolve(call()).catch(failed);
  } catch (cause) {
    return Promise.reject(new StorageUnavailableError(operation, { cause }));
  }
}

/**
 * Wraps a storage adapter so that any failure of it surfaces as one
 * {@link StorageUnavailableError}, which the bot can tell apart from bugs.
 */
export function guardStorage<T>(inner: KeyValueStorage<T>): GuardedStorage<T> {
  return {
    read: (key) => guarded<T | undefined>("read", () => inner.read(key)),
    write: (key, value) => guarded<void>("write", () => inner.write(key, value)),
    delete: (key) => guarded<void>("delete", () => inner.delete(key)),
  };
}

/** Whether `error`, or an error it wraps, is a {@link StorageUnavailableError}. */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof StorageUnavailableError) return true;
  }
  return false;
}
