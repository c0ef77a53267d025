/** What becomes of an e-mail after a failed send attempt. */
export type RetryDecision = { readonly status: 'pending'; readonly nextAttemptAt: Date } | { readonly status: 'failed' };

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Wait before each retry, in ms; the last value repeats. */
  readonly backoffMs: readonly number[];
}

/**
 * Retries with backoff until `maxAttempts` sends have failed. A permanent SMTP refusal (5xx: no such
 * mailbox, rejected sender…) would fail the same way every time, so it is given up at once.
 */
export function decideAfterFailure(attempts: number, error: unknown, policy: RetryPolicy, now: Date): RetryDecision {
  if (isPermanentSmtpError(error) || attempts >= policy.maxAttempts) return { status: 'failed' };
  const delay = policy.backoffMs[Math.min(attempts - 1, policy.backoffMs.length - 1)] ?? 60_000;
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + delay) };
}

export function isPermanentSmtpError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return false;
  const code = (error as { responseCode: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A short, single-line description of a send failure, kept on the row for operators. */
export function describeSendError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'Erreur inconnue';
}
