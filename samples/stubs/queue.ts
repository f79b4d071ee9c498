// A typed queue with stub methods.

export class Queue<T> {
  private items: T[] = [];

  /** Add an item at the back. */
  enqueue(item: T): void {}

  /** Remove and return the front item. */
  dequeue(): T | undefined {
    throw new Error("TODO");
  }

  get length(): number {
    return this.items.length;
  }
}

export function isEmpty<T>(q: Queue<T>): boolean {
  return q.length === 0;
}
