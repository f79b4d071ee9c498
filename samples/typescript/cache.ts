// A small LRU cache with typed entries, a decorator and a few helpers.
import { strict as assert } from "assert";

export interface Entry<V> {
  key: string;
  value: V;
  hits: number;
}

type Loader<V> = (key: string) => Promise<V>;

/** Log every call of the decorated method. */
function logged(target: any, name: string, descriptor: PropertyDescriptor): PropertyDescriptor {
  const original = descriptor.value;
  descriptor.value = function (...args: unknown[]) {
    console.log(`${name}(${args.join(", ")})`);
    return original.apply(this, args);
  };
  return descriptor;
}

export class LruCache<V> {
  private entries = new Map<string, Entry<V>>();

  constructor(private readonly capacity: number) {
    assert(capacity > 0, "capacity must be positive");
  }

  /** The value for key, or undefined; marks the entry as recently used. */
  @logged
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.entries.delete(key);
    entry.hits += 1;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { key, value, hits: 0 });
  }

  get size(): number {
    return this.entries.size;
  }
}

export function memoize<V>(loader: Loader<V>, capacity = 16): Loader<V> {
  const cache = new LruCache<Promise<V>>(capacity);
  return (key: string) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = loader(key);
      cache.set(key, hit);
    }
    return hit;
  };
}

// Ratio of hits to lookups, 0 when nothing was looked up.
export const hitRatio = (hits: number, lookups: number): number => (lookups === 0 ? 0 : hits / lookups);

export default LruCache;
