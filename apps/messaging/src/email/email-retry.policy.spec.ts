import { describe, expect, it } from 'vitest';
import { decideAfterFailure, describeSendError, isPermanentSmtpError } from './email-retry.policy';

const policy = { maxAttempts: 4, backoffMs: [1_000, 10_000] };
const now = new Date('2026-03-01T10:00:00Z');

describe('e-mail retry policy', () => {
  it('retries after the first delay, then the next, then repeats the last one', () => {
    expect(decideAfterFailure(1, new Error('ECONNREFUSED'), policy, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-03-01T10:00:01Z') });
    expect(decideAfterFailure(2, new Error('ECONNREFUSED'), policy, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-03-01T10:00:10Z') });
    expect(decideAfterFailure(3, new Error('ECONNREFUSED'), policy, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-03-01T10:00:10Z') });
  });

  it('gives up after the last allowed attempt', () => {
    expect(decideAfterFailure(4, new Error('timeout'), policy, now)).toEqual({ status: 'failed' });
    expect(decideAfterFailure(9, new Error('timeout'), policy, now)).toEqual({ status: 'failed' });
  });

  it('gives up at once on a permanent SMTP refusal, but not on a temporary one', () => {
    const permanent = Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 });
    const temporary = Object.assign(new Error('451 try again later'), { responseCode: 451 });
    expect(isPermanentSmtpError(permanent)).toBe(true);
    expect(isPermanentSmtpError(temporary)).toBe(false);
    expect(isPermanentSmtpError('550')).toBe(false);
    expect(decideAfterFailure(1, permanent, policy, now)).toEqual({ status: 'failed' });
    expect(decideAfterFailure(1, temporary, policy, now).status).toBe('pending');
  });

  it('keeps a short single-line description of the error', () => {
    expect(describeSendError(new Error('connect\n  ECONNREFUSED 127.0.0.1:25'))).toBe('connect ECONNREFUSED 127.0.0.1:25');
    expect(describeSendError(new Error('x'.repeat(5_000)))).toHaveLength(1_000);
    expect(describeSendError('')).toBe('Erreur inconnue');
  });
});
