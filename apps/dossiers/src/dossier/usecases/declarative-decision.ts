import type { EntityManager } from '@mikro-orm/postgresql';
import { GuichetError, type BusContext, type DeclarativeMode } from '@guichet/contracts';
import { nextState, type DossierEvent } from '@guichet/dossier-state';
import type { Dossier } from '../dossier.entity';
import type { DossierRepository } from '../dossier.repository';
import { recordTransition } from './record-transition';

/** The automatic steps of a declarative procedure after submission, in order. */
export function declarativeSteps(mode: DeclarativeMode | null): DossierEvent[] {
  if (mode === 'en_instruction') return ['passer_en_instruction'];
  if (mode === 'accepte') return ['passer_en_instruction', 'accepter'];
  return [];
}

/**
 * Takes a just-submitted dossier of a declarative procedure on by itself, in the submission's
 * transaction: each step is its own transition (history row, `dossier.state_changed`) by the system,
 * acting for the dossier's tenant.
 */
export function applyDeclarativeMode(em: EntityManager, dossiers: DossierRepository, dossier: Dossier, mode: DeclarativeMode | null, ctx: BusContext): void {
  const system: BusContext = { system: 'dossiers', tenantId: dossier.tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) };
  for (const event of declarativeSteps(mode)) {
    const next = nextState(dossier.state, event, { actorRole: 'system', declarative: true, correctionPending: dossier.correctionPending });
    if (!next.ok) throw new GuichetError(next.code, next.message);
    recordTransition(
      em,
      dossiers,
      dossier,
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
