/**
 * At most this many entries in each {@link BoundedCache}. People type the
 * same words over and over, so a few thousand cover nearly every update;
 * a full cache starts over rather than tracking what is least used.
 */
const CACHE_SIZE = 5_000;

/** A Map that forgets everything once it holds {@link CACHE_SIZE} entries. */
export class BoundedCache<V> extends Map<string, V> {
  /** Keeps `value` under `key` (emptying the cache first when it is full) and returns it. */
  remember(key: string, value: V): V {
    if (this.size >= CACHE_SIZE) this.clear();
    this.set(key, value);
    return value;
  }
}
