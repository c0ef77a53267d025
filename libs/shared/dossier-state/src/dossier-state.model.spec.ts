import { describe, expect, it } from 'vitest';
import {
  actorRoleLabels,
  actorRoleSchema,
  decidedStates,
  dossierEventSchema,
  dossierEvents,
  dossierStateSchema,
  dossierStates,
  emailTemplateFor,
  emailTemplateKindSchema,
  emailTemplateKinds,
  emailTemplateLabels,
  emailTemplateStates,
  nextState,
  dossierTransitions,
  eventLabels,
  isDecided,
  isDecisionEvent,
  stateLabels,
  submittedStates,
  transitionContextSchema,
} from './index';

describe('dossier states and events', () => {
  it('lists the six DS states in lifecycle order', () => {
    expect(dossierStates).toEqual(['brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite']);
  });

  it.each(dossierStates)('accepts the state %s', (state) => {
    expect(dossierStateSchema.parse(state)).toBe(state);
  });

  it.each(['', 'Brouillon', 'termine', 'en construction', 'EN_INSTRUCTION', null, 3])('rejects the state %j', (value) => {
    expect(dossierStateSchema.safeParse(value).success).toBe(false);
  });

  it.each(dossierEvents)('accepts the event %s', (event) => {
    expect(dossierEventSchema.parse(event)).toBe(event);
  });

  it.each(['submit', 'accepter_automatiquement', 'refuser ', '', undefined])('rejects the event %j', (value) => {
    expect(dossierEventSchema.safeParse(value).success).toBe(false);
  });

  it('accepts the three actor roles and nothing else', () => {
    expect(actorRoleSchema.safeParse('system').success).toBe(true);
    expect(actorRoleSchema.safeParse('administrateur').success).toBe(false);
    expect(actorRoleSchema.safeParse('expert').success).toBe(false);
  });
});

describe('transitionContextSchema', () => {
  it('accepts a minimal context and a full one', () => {
    expect(transitionContextSchema.safeParse({ actorRole: 'usager' }).success).toBe(true);
    expect(
      transitionContextSchema.safeParse({
        actorRole: 'system',
        declarative: true,
        sva: false,
        correctionPending: false,
        deadlineReached: true,
        motivation: null,
      }).success,
    ).toBe(true);
  });

  it('rejects a missing role, an unknown role and wrongly typed flags', () => {
    expect(transitionContextSchema.safeParse({}).success).toBe(false);
    expect(transitionContextSchema.safeParse({ actorRole: 'admin' }).success).toBe(false);
    expect(transitionContextSchema.safeParse({ actorRole: 'usager', sva: 'yes' }).success).toBe(false);
    expect(transitionContextSchema.safeParse({ actorRole: 'usager', motivation: 42 }).success).toBe(false);
  });
});

describe('isDecided', () => {
  it.each(['accepte', 'refuse', 'sans_suite'] as const)('%s is decided', (state) => {
    expect(isDecided(state)).toBe(true);
  });

  it.each(['brouillon', 'en_construction', 'en_instruction'] as const)('%s is not decided', (state) => {
    expect(isDecided(state)).toBe(false);
  });

  it('partitions the states with submittedStates', () => {
    expect(decidedStates.every((state) => (submittedStates as readonly string[]).includes(state))).toBe(true);
    expect(submittedStates).not.toContain('brouillon');
  });
});

describe('isDecisionEvent', () => {
  it('is exactly the events that lead to a decided state', () => {
    const leadingToDecision = new Set(dossierTransitions.filter((transition) => isDecided(transition.to)).map((transition) => transition.event));
    for (const event of dossierEvents) expect(isDecisionEvent(event), event).toBe(leadingToDecision.has(event));
    expect(dossierEvents.filter(isDecisionEvent)).toEqual(['accepter', 'refuser', 'classer_sans_suite']);
  });
});

describe('labels', () => {
  it('uses the DS wording for states', () => {
    expect(stateLabels.en_construction).toBe('En construction');
    expect(stateLabels.sans_suite).toBe('Classé sans suite');
    expect(stateLabels.accepte).toBe('Accepté');
    expect(stateLabels.refuse).toBe('Refusé');
  });

  it('labels every state, event, role and template, without blanks or duplicates', () => {
    const groups = [
      Object.values(stateLabels),
      Object.values(eventLabels),
      Object.values(actorRoleLabels),
      Object.values(emailTemplateLabels),
    ];
    for (const labels of groups) {
      expect(labels.every((label) => label.trim().length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(Object.keys(stateLabels).sort()).toEqual([...dossierStates].sort());
    expect(Object.keys(eventLabels).sort()).toEqual([...dossierEvents].sort());
  });
});

describe('emailTemplateFor', () => {
  it.each([
    ['passer_en_construction', 'initiated'],
    ['passer_en_instruction', 'received'],
    ['accepter', 'closed'],
    ['refuser', 'refused'],
    ['classer_sans_suite', 'without_continuation'],
    ['repasser_en_instruction', 're_instructed'],
  ] as const)('%s sends %s', (event, template) => {
    expect(emailTemplateFor(event)).toBe(template);
  });

  it.each(['repasser_en_construction', 'demander_correction'] as const)('%s sends no template e-mail', (event) => {
    expect(emailTemplateFor(event)).toBeNull();
  });

  it('uses each template exactly once', () => {
    const used = dossierEvents.map(emailTemplateFor).filter((kind) => kind !== null);
    expect([...used].sort()).toEqual([...emailTemplateKinds].sort());
  });

  it('renders each template in the state its event leads to', () => {
    for (const event of dossierEvents) {
      const kind = emailTemplateFor(event);
      if (kind === null) continue;
      const targets = new Set(dossierTransitions.filter((t) => t.event === event).map((t) => t.to));
      expect(targets).toEqual(new Set([emailTemplateStates[kind]]));
    }
    expect(nextState('brouillon', 'passer_en_construction', { actorRole: 'usager' })).toEqual({ ok: true, to: emailTemplateStates.initiated });
  });

  it('validates template kinds', () => {
    expect(emailTemplateKindSchema.safeParse('closed').success).toBe(true);
    expect(emailTemplateKindSchema.safeParse('accepted').success).toBe(false);
    expect(emailTemplateKindSchema.safeParse('').success).toBe(false);
  });
});
