import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this many milliseconds (default 5000). */
  timeoutMs?: number;
  /** Pause between two checks (default 50 ms). */
  intervalMs?: number;
  /** What is awaited, for the timeout message. */
  description?: string;
  /** Stop waiting early when this signal aborts. */
  signal?: AbortSignal;
}

export class WaitTimeoutError extends Error {
  constructor(
    message: string,
    readonly lastError?: unknown,
  ) {
    super(message, lastError === undefined ? undefined : { cause: lastError });
    this.name = 'WaitTimeoutError';
  }
}

/** Thrown by a condition to stop waiting at once: the awaited thing can no longer happen. */
export class StopWaitingError extends Error {
  override name = 'StopWaitingError';
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Polls `condition` until it returns a value other than undefined/false/null, and returns that value.
 * A condition that throws counts as "not yet"; its last error is reported if time runs out, which
 * tells more than a bare timeout. Throwing StopWaitingError ends the wait at once.
 */
export async function waitFor<T>(
  condition: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 5_000, intervalMs = 50, description = 'condition', signal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    signal?.throwIfAborted();
    attempts += 1;
    try {
      const value = await condition();
      if (value !== undefined && value !== false && value !== null) return value;
      lastError = undefined;
    } catch (error) {
      if (error instanceof StopWaitingError) throw error;
      lastError = error;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const detail = lastError === undefined ? '' : ` (last error: ${describeError(lastError)})`;
      throw new WaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${description}; ${attempts} checks${detail}`, lastError);
    }
    try {
      await sleep(Math.min(intervalMs, remaining), undefined, signal ? { signal } : undefined);
    } catch (error) {
      // Report why the caller aborted rather than a generic AbortError.
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  }
}

/**
 * Retries an assertion until it passes. On timeout the last assertion error is rethrown as is, so the
 * test report shows the real expected/actual difference.
 */
export async function expectEventually(assertion: () => Promise<void> | void, options: WaitOptions = {}): Promise<void> {
  try {
    await waitFor(async () => {
      await assertion();
      return true;
    }, options);
  } catch (error) {
    if (error instanceof WaitTimeoutError && error.lastError !== undefined) {
      if (error.lastError instanceof Error) {
        error.lastError.message = `${error.lastError.message}\n(still failing after ${options.timeoutMs ?? 5_000} ms${options.description ? `: ${options.description}` : ''})`;
      }
      throw error.lastError;
    }
    throw error;
  }
}
