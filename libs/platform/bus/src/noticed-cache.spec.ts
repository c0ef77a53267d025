import { z } from 'zod';
import { defineNotice } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import type { Bus } from './bus';
import { NoticedCache } from './noticed-cache';

describe('NoticedCache', () => {
  it('shares one load between concurrent callers and keeps it per owner and key', async () => {
    const cache = new NoticedCache<string>({ maxOwners: 10 });
    let loads = 0;
    const load = (value: string) => () => {
      loads += 1;
      return Promise.resolve(value);
    };
    const [a, b] = await Promise.all([cache.get('p1', 'k', load('one')), cache.get('p1', 'k', load('two'))]);
    expect([a, b, loads]).toEqual(['one', 'one', 1]);
    expect(await cache.get('p1', 'other', load('three'))).toBe('three');
    expect(await cache.get('p2', 'k', load('four'))).toBe('four');
    expect(loads).toBe(3);
  });

  it('drops an owner on notice, everything on a gap, and a value older than its maximum age', async () => {
    let now = 0;
    const cache = new NoticedCache<number>({ maxOwners: 10, maxAgeMs: 1_000, now: () => now });
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await cache.get('p1', 'k', load);
    await cache.get('p2', 'k', load);
    cache.drop('p1');
    expect(await cache.get('p1', 'k', load)).toBe(3);
    expect(await cache.get('p2', 'k', load)).toBe(2);
    cache.dropAll();
    expect(cache.size).toBe(0);
    expect(await cache.get('p2', 'k', load)).toBe(4);
    now = 999;
    expect(await cache.get('p2', 'k', load)).toBe(4);
    now = 1_000;
    expect(await cache.get('p2', 'k', load)).toBe(5);
  });

  it('keeps no failure and nothing `keep` refuses; evicts the least recently used owners beyond its bound', async () => {
    const cache = new NoticedCache<string>({ maxOwners: 2 });
    await expect(cache.get('p1', 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('p1', 'k', () => Promise.resolve('up'))).toBe('up');
    expect(await cache.get('draft', 'k', () => Promise.resolve('d1'), () => false)).toBe('d1');
    expect(await cache.get('draft', 'k', () => Promise.resolve('d2'), () => false)).toBe('d2');
    await cache.get('p2', 'k', () => Promise.resolve('p2'));
    await cache.get('p1', 'k', () => Promise.resolve('again'));
    await cache.get('p3', 'k', () => Promise.resolve('p3'));
    expect(await cache.get('p1', 'k', () => Promise.resolve('reloaded'))).toBe('up');
    expect(await cache.get('p2', 'k', () => Promise.resolve('reloaded'))).toBe('reloaded');
  });

  it('follows a notice: each drops the owner it names, a gap drops everything', async () => {
    const thingChanged = defineNotice('procedures', 'thing.changed', z.object({ thingId: z.string() }));
    const listeners: { listener: (data: { thingId: string }) => void; onGap: () => void }[] = [];
    const bus = { listen: (_notice: unknown, listener: (data: { thingId: string }) => void, onGap: () => void) => listeners.push({ listener, onGap }) } as unknown as Bus;
    const cache = new NoticedCache<number>({ maxOwners: 10 }).follow(bus, thingChanged, ({ thingId }) => thingId);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await cache.get('a', 'k', load);
    await cache.get('b', 'k', load);
    listeners[0]?.listener({ thingId: 'a' });
    expect(await cache.get('a', 'k', load)).toBe(3);
    expect(await cache.get('b', 'k', load)).toBe(2);
    listeners[0]?.onGap();
    expect(cache.size).toBe(0);
  });
});
