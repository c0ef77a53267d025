import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dossierEventContracts, type BusContext, type DecisionJustificatif, type DossierChange } from '@guichet/contracts';
import type { DossierEvent, DossierState } from '@guichet/dossier-state';
import { addToOutbox } from '@guichet/platform-persistence';
import type { Dossier } from '../dossier.entity';
import { toDossierChange, type DossierData, type TraitementData } from '../dossier.mapper';
import type { DossierRepository } from '../dossier.repository';
import type { Traitement } from '../traitement.entity';

/** A transition as a use case asks for it. */
export interface Transition {
  event: DossierEvent;
  to: DossierState;
  motivation: string | null;
  /** A decision's justificatif, already checked with documents. */
  justificatif?: DecisionJustificatif | null;
  /** The event's own effects on the dossier (dates, motivation…), applied before the event is written. */
  apply?: (at: Date) => void;
}

/** What a transition reads and changes of a dossier: an entity, or a row a filing step read. */
export type TransitionSubject = DossierData & Pick<Dossier, 'annotations'>;

/** What a transition leaves to be written: its history row and its `dossier.state_changed` event. */
export interface TransitionRecord {
  traitement: TraitementData;
  change: DossierChange;
  /** The event belongs to the dossier's tenant, whoever asked (a usager's request names no tenant). */
  eventCtx: BusContext;
}

/**
 * The dossier takes its new state (the history time never goes backwards for a dossier, so its rows
 * sort in order); returns the history row and the event, for the caller to write in the same
 * transaction as the dossier.
 */
export function transitionOf(dossier: TransitionSubject, transition: Transition, ctx: BusContext): TransitionRecord {
  const at = new Date(Math.max(Date.now(), dossier.updatedAt.getTime() + 1));
  const from = dossier.state;
  dossier.state = transition.to;
  dossier.updatedAt = at;
  transition.apply?.(at);
  const traitement: TraitementData = {
    id: randomUUID(),
    event: transition.event,
    fromState: from,
    toState: transition.to,
    at,
    actorEmail: ctx.actor?.email ?? null,
    motivation: transition.motivation,
    justificatifFileId: transition.justificatif?.fileId ?? null,
    justificatifFileName: transition.justificatif?.fileName ?? null,
  };
  return { traitement, change: toDossierChange(dossier, traitement), eventCtx: { ...ctx, tenantId: dossier.tenantId } };
}

/**
 * The common end of every transition, inside the caller's transaction: the dossier takes its new
 * state, a history row is written and `dossier.state_changed` goes to the outbox, all committed
 * together.
 */
export function recordTransition(em: EntityManager, dossiers: DossierRepository, dossier: Dossier, transition: Transition, ctx: BusContext): Traitement {
  const { traitement, change, eventCtx } = transitionOf(dossier, transition, ctx);
  const row = dossiers.newTraitement(dossier, traitement);
  addToOutbox(em, dossierEventContracts.stateChanged, change, eventCtx);
  return row;
}
