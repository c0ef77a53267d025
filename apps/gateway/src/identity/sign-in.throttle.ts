/**
 * Counts sign-in attempts per client IP in a sliding window (DS: 25 tries per 15 s per IP). Kept in
 * memory: each gateway replica counts its own traffic, which bounds guessing per replica.
 */
export class SignInThrottle {
  private readonly attempts = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    /** Beyond this many tracked IPs the oldest are forgotten, so a flood cannot exhaust memory. */
    private readonly maxTrackedKeys = 100_000,
  ) {}

  /** Records an attempt; returns 0 when allowed, else the seconds to wait before the next one. */
  hit(key: string): number {
    const now = this.now();
    this.sweep(now);
    const recent = (this.attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      const oldest = recent[0] ?? now;
      return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
    }
    recent.push(now);
    // Re-inserting moves the key to the end: Map order is then least recently used first.
    this.attempts.delete(key);
    this.attempts.set(key, recent);
    while (this.attempts.size > this.maxTrackedKeys) {
      const oldestKey = this.attempts.keys().next().value;
      if (oldestKey === undefined) break;
      this.attempts.delete(oldestKey);
    }
    return 0;
  }

  get trackedKeys(): number {
    return this.attempts.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.attempts) {
      if ((times[times.length - 1] ?? 0) <= now - this.windowMs) this.attempts.delete(key);
    }
  }
}
