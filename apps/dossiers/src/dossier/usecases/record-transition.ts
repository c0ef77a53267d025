import type { EntityManager } from '@mikro-orm/postgresql';
import { dossierEventContracts, type BusContext, type DecisionJustificatif } from '@guichet/contracts';
import type { DossierEvent, DossierState } from '@guichet/dossier-state';
import { addToOutbox } from '@guichet/platform-persistence';
import type { Dossier } from '../dossier.entity';
import { toDossierChange } from '../dossier.mapper';
import type { DossierRepository } from '../dossier.repository';
import type { Traitement } from '../traitement.entity';

/**
 * The common end of every transition, inside the caller's transaction: the dossier takes its new
 * state, a history row is written and `dossier.state_changed` goes to the outbox, all committed
 * together. The history time never goes backwards for a dossier, so its rows sort in order.
 */
export function recordTransition(
  em: EntityManager,
  dossiers: DossierRepository,
  dossier: Dossier,
  transition: {
    event: DossierEvent;
    to: DossierState;
    motivation: string | null;
    /** A decision's justificatif, already checked with documents. */
    justificatif?: DecisionJustificatif | null;
    /** The event's own effects on the dossier (dates, motivation…), applied before the event is written. */
    apply?: (at: Date) => void;
  },
  ctx: BusContext,
): Traitement {
  const at = new Date(Math.max(Date.now(), dossier.updatedAt.getTime() + 1));
  const from = dossier.state;
  dossier.state = transition.to;
  dossier.updatedAt = at;
  transition.apply?.(at);
  const traitement = dossiers.newTraitement(dossier, { event: transition.event, from, to: transition.to, at, actorEmail: ctx.actor?.email ?? null, motivation: transition.motivation, justificatif: transition.justificatif ?? null });
  // The event belongs to the dossier's tenant, whoever asked (a usager's request names no tenant).
  addToOutbox(em, dossierEventContracts.stateChanged, toDossierChange(dossier, traitement), { ...ctx, tenantId: dossier.tenantId });
  return traitement;
}
