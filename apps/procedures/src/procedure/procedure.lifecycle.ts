import type { ProcedureState } from '@guichet/contracts';

/**
 * The procedure lifecycle (DOMAIN.md "Procedure"), as demarches-simplifiees.fr runs it:
 *
 * - `publish` (the draft revision): from brouillon, publiee or depubliee, to publiee. A closed
 *   procedure is not published directly: its closure (reason, replacement) was announced to usagers,
 *   so reopening it is an explicit `republish`; the draft can be published afterwards.
 * - `close`: publiee or depubliee → close, with a reason (also the deadline's automatic closure).
 * - `depublish`: publiee → depubliee; the link stops working, existing dossiers go on.
 * - `republish`: close or depubliee → publiee, serving the revision published before.
 */
export const procedureActions = ['publish', 'close', 'depublish', 'republish'] as const;
export type ProcedureAction = (typeof procedureActions)[number];

const allowedFrom: Readonly<Record<ProcedureAction, readonly ProcedureState[]>> = {
  publish: ['brouillon', 'publiee', 'depubliee'],
  close: ['publiee', 'depubliee'],
  depublish: ['publiee'],
  republish: ['close', 'depubliee'],
};

const stateLabels: Readonly<Record<ProcedureState, string>> = {
  brouillon: 'en test (brouillon)',
  publiee: 'publiée',
  close: 'close',
  depubliee: 'dépubliée',
};

const actionLabels: Readonly<Record<ProcedureAction, string>> = {
  publish: 'publiée',
  close: 'close',
  depublish: 'dépubliée',
  republish: 'republiée',
};

export type LifecycleResult = { ok: true; to: ProcedureState } | { ok: false; message: string };

/** Where `action` takes a procedure in `state`, or why it cannot (a French message for the administrateur). */
export function lifecycleTransition(state: ProcedureState, action: ProcedureAction): LifecycleResult {
  if (allowedFrom[action].includes(state)) return { ok: true, to: action === 'close' ? 'close' : action === 'depublish' ? 'depubliee' : 'publiee' };
  if (action === 'publish' && state === 'close') {
    return { ok: false, message: 'La démarche est close : republiez-la avant de publier une nouvelle version de son formulaire.' };
  }
  if (action === 'republish' && state === 'publiee') return { ok: false, message: 'La démarche est déjà publiée.' };
  if (action === 'republish' && state === 'brouillon') return { ok: false, message: 'La démarche n’a jamais été publiée : publiez-la.' };
  return { ok: false, message: `La démarche ne peut pas être ${actionLabels[action]} : elle est ${stateLabels[state]}.` };
}

/** The actions an administrateur may take on a procedure in `state` (e.g. to show buttons). */
export function allowedActions(state: ProcedureState): ProcedureAction[] {
  return procedureActions.filter((action) => lifecycleTransition(state, action).ok);
}
