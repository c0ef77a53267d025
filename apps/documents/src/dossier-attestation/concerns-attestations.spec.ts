import { dossierEvents, type DossierEvent } from '@guichet/dossier-state';
import type { DossierChange, EventEnvelope } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { concernsAttestations } from './attestation.service';

const change = (event: DossierEvent, to: DossierChange['to'], tenantId: string | null = '3f0f8a0e-6a0b-4f3e-9d1c-2b7c1e0a9f11') =>
  ({ tenantId, data: { event, to } }) as unknown as EventEnvelope<DossierChange>;

describe('concernsAttestations', () => {
  it('takes the decisions that may have an attestation, the return to instruction and events without a tenant', () => {
    expect(concernsAttestations(change('accepter', 'accepte'))).toBe(true);
    expect(concernsAttestations(change('refuser', 'refuse'))).toBe(true);
    expect(concernsAttestations(change('repasser_en_instruction', 'en_instruction'))).toBe(true);
    expect(concernsAttestations(change('passer_en_construction', 'en_construction', null))).toBe(true);
  });

  it('leaves the others: a submission, a passage en instruction, a classement sans suite', () => {
    expect(concernsAttestations(change('passer_en_construction', 'en_construction'))).toBe(false);
    expect(concernsAttestations(change('passer_en_instruction', 'en_instruction'))).toBe(false);
    expect(concernsAttestations(change('classer_sans_suite', 'sans_suite'))).toBe(false);
    expect(dossierEvents).toContain('classer_sans_suite');
  });
});
