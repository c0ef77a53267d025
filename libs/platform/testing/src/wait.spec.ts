import { describe, expect, it } from 'vitest';
import { expectEventually, StopWaitingError, waitFor, WaitTimeoutError } from './wait';

describe('waitFor', () => {
  it('returns the first truthy value of the condition', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('keeps 0 and empty strings as answers: only undefined, null and false mean "not yet"', async () => {
    await expect(waitFor(() => 0, { timeoutMs: 100 })).resolves.toBe(0);
    await expect(waitFor(() => '', { timeoutMs: 100 })).resolves.toBe('');
  });

  it('fails with the description and the last error once time is up', async () => {
    const attempt = waitFor(
      async () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 60, intervalMs: 5, description: 'the gateway' },
    );
    await expect(attempt).rejects.toThrow(WaitTimeoutError);
    await expect(attempt).rejects.toThrow(/Timed out after 60 ms waiting for the gateway.*connection refused/);
  });

  it('stops at once on StopWaitingError', async () => {
    const started = Date.now();
    await expect(
      waitFor(
        () => {
          throw new StopWaitingError('the service exited');
        },
        { timeoutMs: 5_000 },
      ),
    ).rejects.toThrow('the service exited');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const attempt = waitFor(() => false, { timeoutMs: 5_000, intervalMs: 10, signal: controller.signal });
    controller.abort(new Error('stopping'));
    await expect(attempt).rejects.toThrow('stopping');
  });
});

describe('expectEventually', () => {
  it('passes once the assertion holds', async () => {
    let value = 0;
    await expectEventually(() => {
      value += 1;
      expect(value).toBeGreaterThanOrEqual(3);
    }, { intervalMs: 1 });
    expect(value).toBe(3);
  });

  it('rethrows the assertion error itself when it never holds', async () => {
    await expect(expectEventually(() => expect(1).toBe(2), { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(
      /expected 1 to be 2[\s\S]*still failing after 50 ms/,
    );
  });
});
