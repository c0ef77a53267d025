/**
 * Counts failed sign-in attempts per client IP in a sliding window (DS: 25 tries per 15 s per IP).
 * Only failures count: a whole prefecture signing in at 9 am behind one NAT address is not an attack,
 * while password guessing is made of failures. Kept in memory: each gateway replica counts its own
 * traffic, which bounds guessing per replica.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    /** Beyond this many tracked IPs the oldest are forgotten, so a flood cannot exhaust memory. */
    private readonly maxTrackedKeys = 100_000,
  ) {}

  /** Returns 0 when an attempt from `key` may proceed, else the seconds to wait before the next one. */
  check(key: string): number {
    const now = this.now();
    this.sweep(now);
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    const oldest = recent[0] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  /** Records a failed attempt from `key`. */
  recordFailure(key: string): void {
    const now = this.now();
    const recent = this.recent(key, now);
    recent.push(now);
    // Re-inserting moves the key to the end: Map order is then least recently used first.
    this.failures.delete(key);
    this.failures.set(key, recent);
    while (this.failures.size > this.maxTrackedKeys) {
      const oldestKey = this.failures.keys().next().value;
      if (oldestKey === undefined) break;
      this.failures.delete(oldestKey);
    }
  }

  get trackedKeys(): number {
    return this.failures.size;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.failures) {
      if ((times[times.length - 1] ?? 0) <= now - this.windowMs) this.failures.delete(key);
    }
  }
}
