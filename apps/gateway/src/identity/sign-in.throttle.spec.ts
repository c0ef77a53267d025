import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in.throttle';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** One attempt that fails, as the use case does it: check first, record the failure if allowed. */
function failOnce(throttle: SignInThrottle, key: string): number {
  const wait = throttle.check(key);
  if (wait === 0) throttle.recordFailure(key);
  return wait;
}

describe('SignInThrottle', () => {
  it('allows 25 failed tries in 15 s, refuses the 26th with the seconds left to wait', () => {
    const time = clock();
    const throttle = new SignInThrottle(25, 15_000, time.now);
    for (let attempt = 0; attempt < 25; attempt += 1) {
      expect(failOnce(throttle, '192.0.2.1')).toBe(0);
      time.advance(100);
    }
    const wait = throttle.check('192.0.2.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15);
  });

  it('does not count successful sign-ins: an administration behind one address signs in as often as it needs', () => {
    const throttle = new SignInThrottle(25, 15_000, clock().now);
    for (let attempt = 0; attempt < 500; attempt += 1) expect(throttle.check('198.51.100.7')).toBe(0);
    expect(throttle.trackedKeys).toBe(0);
  });

  it('counts each IP separately', () => {
    const throttle = new SignInThrottle(2, 15_000, clock().now);
    failOnce(throttle, 'a');
    failOnce(throttle, 'a');
    expect(throttle.check('a')).toBeGreaterThan(0);
    expect(throttle.check('b')).toBe(0);
  });

  it('slides: failures older than the window no longer count', () => {
    const time = clock();
    const throttle = new SignInThrottle(2, 15_000, time.now);
    failOnce(throttle, 'a');
    time.advance(10_000);
    failOnce(throttle, 'a');
    expect(throttle.check('a')).toBe(5);
    time.advance(5_001);
    expect(throttle.check('a')).toBe(0);
  });

  it('refused tries do not extend the block', () => {
    const time = clock();
    const throttle = new SignInThrottle(1, 15_000, time.now);
    failOnce(throttle, 'a');
    for (let i = 0; i < 10; i += 1) {
      time.advance(1_000);
      expect(failOnce(throttle, 'a')).toBeGreaterThan(0);
    }
    time.advance(5_001);
    expect(throttle.check('a')).toBe(0);
  });

  it('forgets idle IPs and never tracks more than its bound', () => {
    const time = clock();
    const throttle = new SignInThrottle(5, 15_000, time.now, 100);
    for (let i = 0; i < 1_000; i += 1) failOnce(throttle, `10.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(throttle.trackedKeys).toBeLessThanOrEqual(100);
    time.advance(16_000);
    failOnce(throttle, 'fresh');
    expect(throttle.trackedKeys).toBe(1);
  });
});
