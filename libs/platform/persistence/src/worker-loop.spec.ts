import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerLoop } from './worker-loop';

describe('WorkerLoop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A pass that stays open until released, counting how many started. */
  function gatedPass() {
    const state = { started: 0, release: () => undefined as void };
    const pass = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          state.started += 1;
          state.release = resolve;
        }),
    );
    return { state, pass };
  }

  it('runs one pass at a time and one more after a kick that came during a pass, not one per kick', async () => {
    const { state, pass } = gatedPass();
    const loop = new WorkerLoop({ pass, intervalMs: 60_000, onError: () => undefined });
    loop.start();
    expect(state.started).toBe(1);
    loop.kick();
    loop.kick();
    loop.kick();
    expect(state.started).toBe(1);
    state.release();
    await vi.waitFor(() => expect(state.started).toBe(2));
    state.release();
    await loop.idle();
    expect(pass).toHaveBeenCalledTimes(2);
    await loop.stop();
  });

  it('does nothing before start and after stop, and stop waits for the pass under way', async () => {
    const { state, pass } = gatedPass();
    const loop = new WorkerLoop({ pass, intervalMs: 60_000, onError: () => undefined });
    loop.kick();
    expect(state.started).toBe(0);
    loop.start();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    state.release();
    await stopping;
    loop.kick();
    expect(state.started).toBe(1);
  });

  it('reports a failed pass and runs again at the next tick', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const loop = new WorkerLoop({
      pass: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('database down')) : Promise.resolve();
      },
      intervalMs: 1_000,
      onError: (error) => errors.push(error),
    });
    loop.start();
    await loop.idle();
    expect(errors).toEqual([new Error('database down')]);
    await vi.advanceTimersByTimeAsync(1_000);
    await loop.idle();
    expect(calls).toBe(2);
    await loop.stop();
  });

  it('with gatherMs, starts one pass for the kicks of that window, and none once stopped', async () => {
    vi.useFakeTimers();
    let passes = 0;
    const loop = new WorkerLoop({ pass: () => Promise.resolve(void (passes += 1)), intervalMs: 60_000, onError: () => undefined, gatherMs: 50 });
    loop.start();
    loop.kick();
    loop.kick();
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(49);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
    loop.kick();
    await loop.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(passes).toBe(1);
  });
});
