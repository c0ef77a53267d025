import { GuichetError, type BusContext, type DeclarativeMode } from '@guichet/contracts';
import { nextState, type DossierEvent } from '@guichet/dossier-state';
import type { Transition, TransitionSubject } from './record-transition';

/** The automatic steps of a declarative procedure after submission, in order. */
export function declarativeSteps(mode: DeclarativeMode | null): DossierEvent[] {
  if (mode === 'en_instruction') return ['passer_en_instruction'];
  if (mode === 'accepte') return ['passer_en_instruction', 'accepter'];
  return [];
}

/**
 * Takes a just-submitted dossier of a declarative procedure on by itself, in the submission's
 * transaction: each step is its own transition (history row, `dossier.state_changed`) by the system,
 * acting for the dossier's tenant, handed to `record` in order.
 */
export function applyDeclarativeMode(dossier: TransitionSubject, mode: DeclarativeMode | null, ctx: BusContext, record: (transition: Transition, ctx: BusContext) => void): void {
  const system: BusContext = { system: 'dossiers', tenantId: dossier.tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) };
  for (const event of declarativeSteps(mode)) {
    const next = nextState(dossier.state, event, { actorRole: 'system', declarative: true, correctionPending: dossier.correctionPending });
    if (!next.ok) throw new GuichetError(next.code, next.message);
    record(
      {
        event,
        to: next.to,
        motivation: null,
        apply: (at) => {
          if (event !== 'accepter') return;
          dossier.decidedAt = at;
          dossier.motivation = null;
          dossier.justificatifFileId = null;
          dossier.justificatifFileName = null;
        },
      },
      system,
    );
  }
}
