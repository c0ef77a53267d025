import { describe, expect, it } from 'vitest';
import {
  type ActorRole,
  type DossierEvent,
  type DossierState,
  type TransitionContext,
  type TransitionErrorCode,
  actorRoles,
  allowedEvents,
  dossierEvents,
  dossierStates,
  dossierTransitions,
  nextState,
} from './index';

/** Expected outcome: the target state, or the error code. */
type Outcome = DossierState | TransitionErrorCode;
/** Outcomes for [usager, instructeur, system]. */
type ByRole = readonly [Outcome, Outcome, Outcome];
type Matrix = Record<DossierState, Record<DossierEvent, ByRole>>;

const I = 'DOSSIER_INVALID_TRANSITION';
const F = 'FORBIDDEN';
const CP = 'CORRECTION_PENDING';
const MR = 'MOTIVATION_REQUIRED';
const invalid: ByRole = [I, I, I];

function row(overrides: Partial<Record<DossierEvent, ByRole>>): Record<DossierEvent, ByRole> {
  return Object.fromEntries(dossierEvents.map((event) => [event, overrides[event] ?? invalid])) as Record<DossierEvent, ByRole>;
}

/** The matrix of a procedure with no declarative mode, no SVA/SVR, no pending correction, a motivation given. */
const baseline: Matrix = {
  brouillon: row({ passer_en_construction: ['en_construction', F, F] }),
  en_construction: row({
    passer_en_instruction: [F, 'en_instruction', 'en_instruction'],
    demander_correction: [F, 'en_construction', F],
  }),
  en_instruction: row({
    repasser_en_construction: [F, 'en_construction', F],
    demander_correction: [F, 'en_construction', F],
    accepter: [F, 'accepte', F],
    refuser: [F, 'refuse', F],
    classer_sans_suite: [F, 'sans_suite', F],
  }),
  accepte: row({ repasser_en_instruction: [F, 'en_instruction', F] }),
  refuse: row({ repasser_en_instruction: [F, 'en_instruction', F] }),
  sans_suite: row({ repasser_en_instruction: [F, 'en_instruction', F] }),
};

type Diff = Partial<Record<`${DossierState}/${DossierEvent}`, ByRole>>;

function withDiff(diff: Diff): Matrix {
  const matrix = structuredClone(baseline);
  for (const [key, outcome] of Object.entries(diff) as [`${DossierState}/${DossierEvent}`, ByRole][]) {
    const [state, event] = key.split('/') as [DossierState, DossierEvent];
    matrix[state][event] = outcome;
  }
  return matrix;
}

const scenarios: { name: string; context: Omit<TransitionContext, 'actorRole'>; expected: Matrix }[] = [
  { name: 'ordinary procedure', context: { motivation: 'Pièces manquantes' }, expected: baseline },
  {
    name: 'declarative procedure (automatic acceptance)',
    context: { declarative: true, motivation: 'Motif' },
    expected: withDiff({ 'en_construction/accepter': [F, F, 'accepte'], 'en_instruction/accepter': [F, 'accepte', 'accepte'] }),
  },
  {
    name: 'SVA/SVR procedure',
    context: { sva: true, motivation: 'Motif' },
    expected: withDiff({
      'en_construction/accepter': [F, F, 'accepte'],
      'en_instruction/accepter': [F, 'accepte', 'accepte'],
      'en_instruction/refuser': [F, 'refuse', 'refuse'],
      'en_instruction/repasser_en_construction': [I, I, I],
    }),
  },
  {
    name: 'declarative and SVA procedure',
    context: { declarative: true, sva: true, motivation: 'Motif' },
    expected: withDiff({
      'en_construction/accepter': [F, F, 'accepte'],
      'en_instruction/accepter': [F, 'accepte', 'accepte'],
      'en_instruction/refuser': [F, 'refuse', 'refuse'],
      'en_instruction/repasser_en_construction': [I, I, I],
    }),
  },
  {
    name: 'pending correction',
    context: { correctionPending: true, motivation: 'Motif' },
    expected: withDiff({
      'en_construction/passer_en_instruction': [F, CP, CP],
      'en_construction/demander_correction': [F, CP, F],
      'en_instruction/demander_correction': [F, CP, F],
    }),
  },
  {
    name: 'pending correction in an SVA procedure (clock paused)',
    context: { correctionPending: true, sva: true, motivation: 'Motif' },
    expected: withDiff({
      'en_construction/passer_en_instruction': [F, CP, CP],
      'en_construction/demander_correction': [F, CP, F],
      'en_instruction/demander_correction': [F, CP, F],
      'en_construction/accepter': [F, F, CP],
      'en_instruction/accepter': [F, 'accepte', CP],
      'en_instruction/refuser': [F, 'refuse', 'refuse'],
      'en_instruction/repasser_en_construction': [I, I, I],
    }),
  },
  {
    name: 'pending correction once the procedure deadline has passed',
    context: { correctionPending: true, deadlineReached: true, motivation: 'Motif' },
    expected: withDiff({
      'en_construction/passer_en_instruction': [F, CP, 'en_instruction'],
      'en_construction/demander_correction': [F, CP, F],
      'en_instruction/demander_correction': [F, CP, F],
    }),
  },
  {
    name: 'no motivation',
    context: { motivation: null },
    expected: withDiff({ 'en_instruction/refuser': [F, MR, F], 'en_instruction/classer_sans_suite': [F, MR, F] }),
  },
  {
    name: 'blank motivation in an SVR procedure',
    context: { sva: true, motivation: ' \n\t ' },
    expected: withDiff({
      'en_construction/accepter': [F, F, 'accepte'],
      'en_instruction/accepter': [F, 'accepte', 'accepte'],
      'en_instruction/refuser': [F, MR, MR],
      'en_instruction/classer_sans_suite': [F, MR, F],
      'en_instruction/repasser_en_construction': [I, I, I],
    }),
  },
];

function outcomeOf(state: DossierState, event: DossierEvent, context: TransitionContext): Outcome {
  const result = nextState(state, event, context);
  return result.ok ? result.to : result.code;
}

describe('nextState: full matrix (state × event × role) per procedure scenario', () => {
  for (const scenario of scenarios) {
    describe(scenario.name, () => {
      const cases = dossierStates.flatMap((state) =>
        dossierEvents.flatMap((event) =>
          actorRoles.map((actorRole, index) => ({ state, event, actorRole, expected: scenario.expected[state][event][index] })),
        ),
      );

      it('covers every combination', () => {
        expect(cases).toHaveLength(dossierStates.length * dossierEvents.length * actorRoles.length);
      });

      it.each(cases)('$state + $event by $actorRole → $expected', ({ state, event, actorRole, expected }) => {
        expect(outcomeOf(state, event, { ...scenario.context, actorRole })).toBe(expected);
      });
    });
  }
});

describe('nextState: outcomes and messages', () => {
  it('submits a draft for the usager', () => {
    expect(nextState('brouillon', 'passer_en_construction', { actorRole: 'usager' })).toEqual({ ok: true, to: 'en_construction' });
  });

  it('accepts without a motivation (it is optional for acceptance)', () => {
    expect(nextState('en_instruction', 'accepter', { actorRole: 'instructeur' })).toEqual({ ok: true, to: 'accepte' });
    expect(nextState('en_instruction', 'accepter', { actorRole: 'instructeur', motivation: null })).toEqual({ ok: true, to: 'accepte' });
  });

  it('refuses with a motivation', () => {
    expect(nextState('en_instruction', 'refuser', { actorRole: 'instructeur', motivation: 'Hors délai' })).toEqual({ ok: true, to: 'refuse' });
  });

  it('explains an impossible transition in French with both labels', () => {
    expect(nextState('brouillon', 'accepter', { actorRole: 'instructeur' })).toEqual({
      ok: false,
      code: 'DOSSIER_INVALID_TRANSITION',
      message: 'L’action « Accepter » n’est pas possible pour un dossier « Brouillon ».',
    });
  });

  it('explains why an SVA/SVR dossier cannot return to construction', () => {
    const result = nextState('en_instruction', 'repasser_en_construction', { actorRole: 'instructeur', sva: true });
    expect(result).toMatchObject({ ok: false, code: 'DOSSIER_INVALID_TRANSITION' });
    expect(!result.ok && result.message).toContain('SVA/SVR');
  });

  it('refuses an accept from en_construction to an instructor of a declarative procedure', () => {
    const result = nextState('en_construction', 'accepter', { actorRole: 'instructeur', declarative: true });
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!result.ok && result.message).toContain('passez-le d’abord en instruction');
  });

  it('names the actor in a FORBIDDEN message', () => {
    expect(nextState('en_instruction', 'refuser', { actorRole: 'usager', motivation: 'x' })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: 'L’action « Refuser » n’est pas permise à l’usager.',
    });
    expect(nextState('brouillon', 'passer_en_construction', { actorRole: 'system' })).toMatchObject({
      message: 'L’action « Déposer le dossier » n’est pas permise au traitement automatique.',
    });
  });

  it('asks for a motivation in French, naming the action', () => {
    expect(nextState('en_instruction', 'refuser', { actorRole: 'instructeur' })).toEqual({
      ok: false,
      code: 'MOTIVATION_REQUIRED',
      message: 'Une motivation est obligatoire pour refuser un dossier.',
    });
    expect(nextState('en_instruction', 'classer_sans_suite', { actorRole: 'instructeur', motivation: '' })).toEqual({
      ok: false,
      code: 'MOTIVATION_REQUIRED',
      message: 'Une motivation est obligatoire pour classer un dossier sans suite.',
    });
  });

  it('distinguishes a second correction request from a blocked instruction', () => {
    const second = nextState('en_construction', 'demander_correction', { actorRole: 'instructeur', correctionPending: true });
    const instruction = nextState('en_construction', 'passer_en_instruction', { actorRole: 'instructeur', correctionPending: true });
    expect(second).toMatchObject({ code: 'CORRECTION_PENDING', message: expect.stringContaining('déjà en attente') });
    expect(instruction).toMatchObject({ code: 'CORRECTION_PENDING', message: expect.stringContaining('corrigé par l’usager') });
  });

  it('checks the role before the motivation', () => {
    expect(nextState('en_instruction', 'refuser', { actorRole: 'usager' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('checks the state before the role', () => {
    expect(nextState('accepte', 'refuser', { actorRole: 'usager' })).toMatchObject({ code: 'DOSSIER_INVALID_TRANSITION' });
  });

  it('does not let the deadline override anything but passer_en_instruction by the system', () => {
    const context = { correctionPending: true, deadlineReached: true, sva: true } as const;
    expect(nextState('en_construction', 'accepter', { ...context, actorRole: 'system' })).toMatchObject({ code: CP });
    expect(nextState('en_construction', 'passer_en_instruction', { ...context, actorRole: 'instructeur' })).toMatchObject({ code: CP });
  });

  it('ignores the deadline when no correction is pending', () => {
    expect(nextState('en_construction', 'passer_en_instruction', { actorRole: 'system', deadlineReached: true })).toEqual({
      ok: true,
      to: 'en_instruction',
    });
  });
});

describe('allowedEvents', () => {
  it('lists what an instructor can do on a dossier in instruction, motivation aside', () => {
    expect(allowedEvents('en_instruction', { actorRole: 'instructeur' })).toEqual([
      'repasser_en_construction',
      'demander_correction',
      'accepter',
      'refuser',
      'classer_sans_suite',
    ]);
  });

  it('drops repasser_en_construction in an SVA/SVR procedure', () => {
    expect(allowedEvents('en_instruction', { actorRole: 'instructeur', sva: true })).not.toContain('repasser_en_construction');
  });

  it('lets the system accept from en_construction in declarative mode', () => {
    expect(allowedEvents('en_construction', { actorRole: 'system', declarative: true })).toEqual(['passer_en_instruction', 'accepter']);
  });

  it('offers nothing to the usager but submission', () => {
    for (const state of dossierStates) {
      expect(allowedEvents(state, { actorRole: 'usager' })).toEqual(state === 'brouillon' ? ['passer_en_construction'] : []);
    }
  });

  it('offers nothing on a pending correction but messaging', () => {
    expect(allowedEvents('en_construction', { actorRole: 'instructeur', correctionPending: true })).toEqual([]);
  });

  it('offers only repasser_en_instruction on decided dossiers', () => {
    for (const state of ['accepte', 'refuse', 'sans_suite'] as const) {
      expect(allowedEvents(state, { actorRole: 'instructeur' })).toEqual(['repasser_en_instruction']);
      expect(allowedEvents(state, { actorRole: 'system', sva: true, declarative: true })).toEqual([]);
    }
  });

  it('agrees with nextState for every state, role and flag combination', () => {
    const flags = [false, true];
    for (const state of dossierStates)
      for (const actorRole of actorRoles as readonly ActorRole[])
        for (const declarative of flags)
          for (const sva of flags)
            for (const correctionPending of flags) {
              const context = { actorRole, declarative, sva, correctionPending, motivation: 'Motif' };
              const expected = dossierEvents.filter((event) => nextState(state, event, context).ok);
              expect(allowedEvents(state, { ...context, motivation: null })).toEqual(expected);
            }
  });
});

describe('dossierTransitions', () => {
  it('only reaches valid states from valid states', () => {
    for (const transition of dossierTransitions) {
      expect(dossierStates).toContain(transition.to);
      for (const from of transition.from) expect(dossierStates).toContain(from);
      expect(transition.actors.length).toBeGreaterThan(0);
    }
  });

  it('has an edge for every event', () => {
    expect(new Set(dossierTransitions.map((t) => t.event))).toEqual(new Set(dossierEvents));
  });

  it('never leads back to brouillon', () => {
    expect(dossierTransitions.some((t) => t.to === 'brouillon')).toBe(false);
  });

  it('never lets the usager decide', () => {
    const deciding = dossierTransitions.filter((t) => ['accepte', 'refuse', 'sans_suite'].includes(t.to));
    expect(deciding.some((t) => t.actors.includes('usager'))).toBe(false);
  });
});
