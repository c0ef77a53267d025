import { GuichetError, procedureContracts, procedureNotices, type BusContext, type NoticeContract, type RequestContract } from '@guichet/contracts';
import type { Bus } from '@guichet/platform-bus';

/** How the double answers one request subject (a throw is a refusal). */
export type Answer = (payload: unknown, ctx: BusContext) => unknown;

/**
 * A bus double for unit tests of what the dossiers service asks procedures: it answers the subjects
 * it is given (nobody answers the others: UNAVAILABLE, as NATS without responders), records every
 * request, and lets the test send `procedure.changed` notices or a gap to the listeners. Snapshot
 * requests the test does not answer (a procedures service without them) are counted apart, in
 * `unansweredSnapshots`, so that `calls` reads as the former requests alone.
 */
export function fakeProceduresBus(answers: Partial<Record<string, Answer>>) {
  const calls: { subject: string; payload: unknown; ctx: BusContext }[] = [];
  const unanswered = { snapshots: 0 };
  const listeners: { notice: NoticeContract; listener: (data: unknown) => void; onGap: () => void }[] = [];
  const bus = {
    request: (contract: RequestContract, payload: unknown, ctx: BusContext) => {
      const answer = answers[contract.subject];
      if (answer === undefined && contract.subject === procedureContracts.getSnapshot.subject) unanswered.snapshots += 1;
      else calls.push({ subject: contract.subject, payload, ctx });
      if (answer === undefined) return Promise.reject(new GuichetError('UNAVAILABLE', `Service indisponible (${contract.subject}).`));
      try {
        return Promise.resolve(answer(payload, ctx));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    listen: (notice: NoticeContract, listener: (data: unknown) => void, onGap: () => void) => {
      listeners.push({ notice, listener, onGap });
    },
  };
  return {
    bus: bus as unknown as Bus,
    calls,
    unanswered,
    /** Procedures announces a change of `procedureId`. */
    changed: (procedureId: string) => {
      for (const entry of listeners) if (entry.notice === procedureNotices.changed) entry.listener({ procedureId });
    },
    /** The connection was lost: notices may have been missed. */
    gap: () => {
      for (const entry of listeners) entry.onGap();
    },
  };
}
