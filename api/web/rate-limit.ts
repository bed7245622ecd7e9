// A fixed-window counter per key, in memory: enough for one API process to keep a sign-in form
// from becoming a way to flood someone's mailbox. Several API processes each count their own.
export class RateLimiter {
  readonly max: number;
  readonly windowMs: number;
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Counts one attempt; false once the key has used up its window. */
  allow(key: string, nowMs = Date.now()): boolean {
    if (this.hits.size > 10_000) {
      for (const [k, h] of this.hits) if (nowMs - h.start >= this.windowMs) this.hits.delete(k);
    }
    const hit = this.hits.get(key);
    if (!hit || nowMs - hit.start >= this.windowMs) {
      this.hits.set(key, { start: nowMs, count: 1 });
      return true;
    }
    hit.count += 1;
    return hit.count <= this.max;
  }

  /** How long until the key may try again: 0 while it still has attempts left. */
  retryAfterMs(key: string, nowMs = Date.now()): number {
    const hit = this.hits.get(key);
    if (!hit || hit.count <= this.max) return 0;
    return Math.max(0, hit.start + this.windowMs - nowMs);
  }
}
