import { nextState, type DossierState } from '@guichet/dossier-state';
import { describe, expect, it } from 'vitest';
import { declarativeSteps } from './declarative-decision';

describe('declarative procedures', () => {
  it('take a submitted dossier into instruction, and on to acceptance for "accepte"', () => {
    expect(declarativeSteps(null)).toEqual([]);
    expect(declarativeSteps('en_instruction')).toEqual(['passer_en_instruction']);
    expect(declarativeSteps('accepte')).toEqual(['passer_en_instruction', 'accepter']);
  });

  it('are steps the state machine allows the system from en_construction', () => {
    let state: DossierState = 'en_construction';
    for (const event of declarativeSteps('accepte')) {
      const next = nextState(state, event, { actorRole: 'system', declarative: true, correctionPending: false });
      expect(next.ok, event).toBe(true);
      if (next.ok) state = next.to;
    }
    expect(state).toBe('accepte');
  });
});
