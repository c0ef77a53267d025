import { z } from 'zod';

/** Every state a dossier can be in, in lifecycle order. */
export const dossierStates = ['brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'] as const;
export type DossierState = (typeof dossierStates)[number];
export const dossierStateSchema = z.enum(dossierStates);

/** Every event that moves a dossier from one state to another (names as DS integrators know them). */
export const dossierEvents = [
  'passer_en_construction',
  'passer_en_instruction',
  'repasser_en_construction',
  'demander_correction',
  'accepter',
  'refuser',
  'classer_sans_suite',
  'repasser_en_instruction',
] as const;
export type DossierEvent = (typeof dossierEvents)[number];
export const dossierEventSchema = z.enum(dossierEvents);

/** Who triggers a transition: `system` covers declarative mode, SVA/SVR and the procedure deadline. */
export const actorRoles = ['usager', 'instructeur', 'system'] as const;
export type ActorRole = (typeof actorRoles)[number];
export const actorRoleSchema = z.enum(actorRoles);

/** States in which a decision has been taken (DS `TERMINE`). */
export const decidedStates = ['accepte', 'refuse', 'sans_suite'] as const satisfies readonly DossierState[];
export type DecidedState = (typeof decidedStates)[number];

export function isDecided(state: DossierState): state is DecidedState {
  return (decidedStates as readonly DossierState[]).includes(state);
}

/** The events that take a decision; each may carry a motivation and a justificatif file (DS `dossierAccepter`, `dossierRefuser`, `dossierClasserSansSuite`). */
export const decisionEvents = ['accepter', 'refuser', 'classer_sans_suite'] as const satisfies readonly DossierEvent[];
export type DecisionEvent = (typeof decisionEvents)[number];

export function isDecisionEvent(event: DossierEvent): event is DecisionEvent {
  return (decisionEvents as readonly DossierEvent[]).includes(event);
}

/** States a dossier reaches once the usager has submitted it (DS `SOUMIS`). */
export const submittedStates = [
  'en_construction',
  'en_instruction',
  'accepte',
  'refuse',
  'sans_suite',
] as const satisfies readonly DossierState[];

/**
 * States in which instructeurs write private annotations: from submission until the decision.
 * Never a brouillon (agents do not see it); not once decided, since the decision's e-mail and
 * attestation were filled from them (« repasser en instruction » opens them again).
 */
export const annotatableStates = ['en_construction', 'en_instruction'] as const satisfies readonly DossierState[];

export function isAnnotatable(state: DossierState): boolean {
  return (annotatableStates as readonly DossierState[]).includes(state);
}

/** What the state machine needs to know about the procedure, the dossier and the actor. */
export const transitionContextSchema = z.object({
  actorRole: actorRoleSchema,
  /** The procedure is in declarative mode with automatic acceptance. */
  declarative: z.boolean().optional(),
  /** The procedure runs SVA or SVR (silence means acceptance / rejection). */
  sva: z.boolean().optional(),
  /** An instructor's correction request waits for the usager to resubmit. */
  correctionPending: z.boolean().optional(),
  /**
   * The procedure deadline (`auto_archive_on`) has passed: the system then moves dossiers into
   * instruction even with a pending correction, as DS does.
   */
  deadlineReached: z.boolean().optional(),
  motivation: z.string().nullable().optional(),
});
export type TransitionContext = z.infer<typeof transitionContextSchema>;

export const transitionErrorCodes = ['DOSSIER_INVALID_TRANSITION', 'MOTIVATION_REQUIRED', 'FORBIDDEN', 'CORRECTION_PENDING'] as const;
export type TransitionErrorCode = (typeof transitionErrorCodes)[number];

export type TransitionResult =
  | { readonly ok: true; readonly to: DossierState }
  | { readonly ok: false; readonly code: TransitionErrorCode; readonly message: string };
