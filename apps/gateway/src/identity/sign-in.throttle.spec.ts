import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in.throttle';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SignInThrottle', () => {
  it('allows 25 tries in 15 s, refuses the 26th with the seconds left to wait', () => {
    const time = clock();
    const throttle = new SignInThrottle(25, 15_000, time.now);
    for (let attempt = 0; attempt < 25; attempt += 1) {
      expect(throttle.hit('192.0.2.1')).toBe(0);
      time.advance(100);
    }
    const wait = throttle.hit('192.0.2.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15);
  });

  it('counts each IP separately', () => {
    const throttle = new SignInThrottle(2, 15_000, clock().now);
    throttle.hit('a');
    throttle.hit('a');
    expect(throttle.hit('a')).toBeGreaterThan(0);
    expect(throttle.hit('b')).toBe(0);
  });

  it('slides: tries older than the window no longer count', () => {
    const time = clock();
    const throttle = new SignInThrottle(2, 15_000, time.now);
    throttle.hit('a');
    time.advance(10_000);
    throttle.hit('a');
    expect(throttle.hit('a')).toBe(5);
    time.advance(5_001);
    expect(throttle.hit('a')).toBe(0);
  });

  it('refused tries do not extend the block', () => {
    const time = clock();
    const throttle = new SignInThrottle(1, 15_000, time.now);
    throttle.hit('a');
    for (let i = 0; i < 10; i += 1) {
      time.advance(1_000);
      expect(throttle.hit('a')).toBeGreaterThan(0);
    }
    time.advance(5_001);
    expect(throttle.hit('a')).toBe(0);
  });

  it('forgets idle IPs and never tracks more than its bound', () => {
    const time = clock();
    const throttle = new SignInThrottle(5, 15_000, time.now, 100);
    for (let i = 0; i < 1_000; i += 1) throttle.hit(`10.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(throttle.trackedKeys).toBeLessThanOrEqual(100);
    time.advance(16_000);
    throttle.hit('fresh');
    expect(throttle.trackedKeys).toBe(1);
  });
});
