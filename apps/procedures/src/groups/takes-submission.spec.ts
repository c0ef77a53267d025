import { describe, expect, it } from 'vitest';
import { takesSubmission } from './group.router';

describe('takesSubmission (whether a submission is routed)', () => {
  const now = Date.parse('2026-06-01T12:00:00.000Z');

  it('routes a dossier on a published or depublished procedure before its deadline, and a test dossier on a brouillon', () => {
    for (const state of ['publiee', 'depubliee'] as const) {
      expect(takesSubmission({ state, closesAt: null }, false, now)).toBe(true);
      expect(takesSubmission({ state, closesAt: '2026-06-01T12:00:01.000Z' }, false, now)).toBe(true);
    }
    expect(takesSubmission({ state: 'brouillon', closesAt: null }, true, now)).toBe(true);
  });

  it('does not route on a closed procedure, past the deadline, nor a test dossier once its procedure left brouillon', () => {
    expect(takesSubmission({ state: 'close', closesAt: null }, false, now)).toBe(false);
    expect(takesSubmission({ state: 'publiee', closesAt: '2026-06-01T12:00:00.000Z' }, false, now)).toBe(false);
    expect(takesSubmission({ state: 'publiee', closesAt: null }, true, now)).toBe(false);
    expect(takesSubmission({ state: 'brouillon', closesAt: '2026-06-01T11:00:00.000Z' }, true, now)).toBe(false);
  });
});
