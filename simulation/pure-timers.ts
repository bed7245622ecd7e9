// The pending timers of a simulated year's duties, earliest first (ties in the order they were
// set, as a server fires timers due at one instant): a binary heap. A timer a later change of
// its duty replaced stays in the heap and is dropped when it comes up.

export interface Timer<T> {
  at: number;
  seq: number;
  of: T;
}

const before = <T>(a: Timer<T>, b: Timer<T>): boolean =>
  a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class Timers<T> {
  private readonly heap: Timer<T>[] = [];
  private seq = 0;
  /** Whether a timer (by its sequence number) is still the one its owner waits for. */
  private readonly current: (of: T, seq: number) => boolean;

  constructor(current: (of: T, seq: number) => boolean) {
    this.current = current;
  }

  /** Sets a timer; its sequence number identifies it. */
  push(at: number, of: T): number {
    const seq = this.seq++;
    const heap = this.heap;
    heap.push({ at, seq, of });
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
    return seq;
  }

  /** The earliest timer still current, left in place. */
  peek(): Timer<T> | undefined {
    for (let top = this.heap[0]; top; top = this.heap[0]) {
      if (this.current(top.of, top.seq)) return top;
      this.pop();
    }
    return undefined;
  }

  /** Removes the earliest timer. */
  pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}
