import { describe, expect, it } from 'vitest';
import { objectDeletionBackoffMs } from './object-deletion.sweeper';

describe('objectDeletionBackoffMs', () => {
  it('doubles from the base at each failure, an hour at most', () => {
    expect([1, 2, 3, 4].map((attempts) => objectDeletionBackoffMs(attempts, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(objectDeletionBackoffMs(20, 30_000)).toBe(3_600_000);
    expect(objectDeletionBackoffMs(0, 100)).toBe(100);
  });
});
