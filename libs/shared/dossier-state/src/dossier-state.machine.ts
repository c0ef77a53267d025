import { eventLabels, stateLabels } from './dossier-state.labels';
import {
  type ActorRole,
  type DossierEvent,
  type DossierState,
  type TransitionContext,
  type TransitionErrorCode,
  type TransitionResult,
  dossierEvents,
} from './dossier-state.model';

/**
 * Which procedures an edge exists in. `automatic_decision`: declarative acceptance or SVA/SVR;
 * `sva_svr`: the `sva` flag covers both SVA and SVR, the scheduler knows which one it runs and picks
 * `accepter` (SVA) or `refuser` (SVR).
 */
export type ProcedureCondition = 'any' | 'automatic_decision' | 'sva_svr' | 'not_sva_svr';

/** One edge of the dossier state machine, for the actors listed. */
export interface DossierTransition {
  readonly event: DossierEvent;
  readonly from: readonly DossierState[];
  readonly to: DossierState;
  readonly actors: readonly ActorRole[];
  readonly procedure: ProcedureCondition;
  /** A pending correction request blocks the edge (the usager has not answered yet). */
  readonly blockedByPendingCorrection: boolean;
  readonly motivationRequired: boolean;
}

function edge(
  event: DossierEvent,
  from: readonly DossierState[],
  to: DossierState,
  actors: readonly ActorRole[],
  options: Partial<Pick<DossierTransition, 'procedure' | 'blockedByPendingCorrection' | 'motivationRequired'>> = {},
): DossierTransition {
  return {
    event,
    from,
    to,
    actors,
    procedure: options.procedure ?? 'any',
    blockedByPendingCorrection: options.blockedByPendingCorrection ?? false,
    motivationRequired: options.motivationRequired ?? false,
  };
}

/**
 * The transition table of DOMAIN.md. Automatic decisions are separate edges for `system` so that
 * an instructor never gains the declarative/SVA shortcut from en_construction.
 */
export const dossierTransitions: readonly DossierTransition[] = [
  edge('passer_en_construction', ['brouillon'], 'en_construction', ['usager']),
  edge('passer_en_instruction', ['en_construction'], 'en_instruction', ['instructeur', 'system'], {
    blockedByPendingCorrection: true,
  }),
  // SVA/SVR: the clock would be meaningless if instructors could send the dossier back at will.
  edge('repasser_en_construction', ['en_instruction'], 'en_construction', ['instructeur'], { procedure: 'not_sva_svr' }),
  // Only one correction request at a time (DS `may_flag_as_pending_correction?`).
  edge('demander_correction', ['en_construction', 'en_instruction'], 'en_construction', ['instructeur'], {
    blockedByPendingCorrection: true,
  }),
  edge('accepter', ['en_instruction'], 'accepte', ['instructeur']),
  edge('accepter', ['en_construction', 'en_instruction'], 'accepte', ['system'], {
    procedure: 'automatic_decision',
    // The SVA clock is paused while the usager corrects the dossier.
    blockedByPendingCorrection: true,
  }),
  edge('refuser', ['en_instruction'], 'refuse', ['instructeur'], { motivationRequired: true }),
  edge('refuser', ['en_instruction'], 'refuse', ['system'], { procedure: 'sva_svr', motivationRequired: true }),
  edge('classer_sans_suite', ['en_instruction'], 'sans_suite', ['instructeur'], { motivationRequired: true }),
  edge('repasser_en_instruction', ['accepte', 'refuse', 'sans_suite'], 'en_instruction', ['instructeur']),
];

function procedureAllows(condition: ProcedureCondition, context: TransitionContext): boolean {
  switch (condition) {
    case 'any':
      return true;
    case 'automatic_decision':
      return context.declarative === true || context.sva === true;
    case 'sva_svr':
      return context.sva === true;
    case 'not_sva_svr':
      return context.sva !== true;
  }
}

const actorPhrases: Readonly<Record<ActorRole, string>> = {
  usager: 'à l’usager',
  instructeur: 'aux instructeurs',
  system: 'au traitement automatique',
};

function failure(code: TransitionErrorCode, message: string): TransitionResult {
  return { ok: false, code, message };
}

function invalidTransition(state: DossierState, event: DossierEvent, context: TransitionContext): TransitionResult {
  if (event === 'repasser_en_construction' && state === 'en_instruction' && context.sva === true) {
    return failure(
      'DOSSIER_INVALID_TRANSITION',
      'Un dossier d’une démarche SVA/SVR ne peut pas repasser en construction ; demandez plutôt une correction.',
    );
  }
  return failure(
    'DOSSIER_INVALID_TRANSITION',
    `L’action « ${eventLabels[event]} » n’est pas possible pour un dossier « ${stateLabels[state]} ».`,
  );
}

function forbidden(state: DossierState, event: DossierEvent, role: ActorRole): TransitionResult {
  if (event === 'accepter' && state === 'en_construction') {
    return failure(
      'FORBIDDEN',
      'Seule l’acceptation automatique (démarche déclarative ou SVA) s’applique à un dossier en construction ; passez-le d’abord en instruction.',
    );
  }
  return failure('FORBIDDEN', `L’action « ${eventLabels[event]} » n’est pas permise ${actorPhrases[role]}.`);
}

function correctionPending(event: DossierEvent): TransitionResult {
  const message =
    event === 'demander_correction'
      ? 'Une demande de correction est déjà en attente de réponse de l’usager.'
      : 'Une demande de correction est en attente : le dossier doit d’abord être corrigé par l’usager.';
  return failure('CORRECTION_PENDING', message);
}

function motivationRequired(event: DossierEvent): TransitionResult {
  const action = event === 'classer_sans_suite' ? 'classer un dossier sans suite' : 'refuser un dossier';
  return failure('MOTIVATION_REQUIRED', `Une motivation est obligatoire pour ${action}.`);
}

/**
 * Where `event` takes a dossier in `state`, or why it cannot. Checks run from the most general to
 * the most specific: the edge exists for this state and procedure, the actor may use it, no pending
 * correction blocks it, the motivation is present when required.
 */
export function nextState(state: DossierState, event: DossierEvent, context: TransitionContext): TransitionResult {
  const fromState = dossierTransitions.filter((t) => t.event === event && t.from.includes(state));
  const inProcedure = fromState.filter((t) => procedureAllows(t.procedure, context));
  if (inProcedure.length === 0) return invalidTransition(state, event, context);

  const transition = inProcedure.find((t) => t.actors.includes(context.actorRole));
  if (!transition) return forbidden(state, event, context.actorRole);

  // Past the deadline the system moves every dossier into instruction, correction or not (as DS).
  const deadlineOverride = event === 'passer_en_instruction' && context.actorRole === 'system' && context.deadlineReached === true;
  if (transition.blockedByPendingCorrection && context.correctionPending === true && !deadlineOverride) {
    return correctionPending(event);
  }

  if (transition.motivationRequired && (context.motivation ?? '').trim() === '') return motivationRequired(event);

  return { ok: true, to: transition.to };
}

/**
 * The events `context.actorRole` can trigger on a dossier in `state`, e.g. to show buttons. The
 * motivation is not considered: it is asked for when the action is taken.
 */
export function allowedEvents(state: DossierState, context: TransitionContext): DossierEvent[] {
  const withMotivation: TransitionContext = { ...context, motivation: 'motivation' };
  return dossierEvents.filter((event) => nextState(state, event, withMotivation).ok);
}
