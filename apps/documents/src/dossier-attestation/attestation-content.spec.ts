import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AttestationTemplate, DossierChange, FieldDefinition } from '@guichet/contracts';
import { renderAttestationText } from './attestation-content';

const amount: FieldDefinition = { stableId: randomUUID(), type: 'decimal_number', label: 'Montant demandé', description: '', mandatory: true, options: {} };
const birth: FieldDefinition = { stableId: randomUUID(), type: 'date', label: 'Date de naissance', description: '', mandatory: false, options: {} };

function change(overrides: Partial<DossierChange> = {}): DossierChange {
  return {
    dossierId: randomUUID(),
    number: 1042,
    procedureId: randomUUID(),
    procedureTitle: 'Pass été',
    revisionId: randomUUID(),
    traitementId: randomUUID(),
    event: 'accepter',
    from: 'en_instruction',
    to: 'accepte',
    motivation: 'Dossier complet.',
    usager: { accountId: randomUUID(), email: 'camille@example.fr', firstName: 'Camille', lastName: 'Martin' },
    values: { [amount.stableId]: 1250.5, [birth.stableId]: '2008-03-01' },
    submittedAt: '2026-03-10T09:00:00.000Z',
    decidedAt: '2026-04-01T10:00:00.000Z',
    ...overrides,
  };
}

const template = (body: string): AttestationTemplate => ({ kind: 'acceptation', title: 'Attestation n° --numéro du dossier--', body, footer: '--libellé démarche--', logoFileId: null, signatureFileId: null });

describe('renderAttestationText', () => {
  it('replaces the dossier, usager, decision and field tags', () => {
    const text = renderAttestationText(
      template('--prénom-- --nom--, déposé le --date de dépôt--, accepté le --date de décision-- : --motivation-- Montant : --Montant demandé-- €, né le --Date de naissance--.'),
      change(),
      [amount, birth],
      'Pass été',
    );
    expect(text.title).toBe('Attestation n° 1042');
    expect(text.body).toBe('Camille Martin, déposé le 10 mars 2026, accepté le 1er avril 2026 : Dossier complet. Montant : 1250,5 €, né le 01/03/2008.');
    expect(text.footer).toBe('Pass été');
  });

  it('fills the private annotations’ tags from the annotations of the decision', () => {
    const granted: FieldDefinition = { stableId: randomUUID(), type: 'decimal_number', label: 'Montant accordé', description: '', mandatory: true, options: {} };
    const reference: FieldDefinition = { stableId: randomUUID(), type: 'text', label: 'Référence comptable', description: '', mandatory: false, options: {} };
    const decided = change({ annotations: { [granted.stableId]: 900, [reference.stableId]: 'EJ-2026-0042' }, values: { [amount.stableId]: 1250.5, [granted.stableId]: 5 } });
    const text = renderAttestationText(template('Demandé : --Montant demandé-- €, accordé : --Montant accordé-- € (--Référence comptable--).'), decided, [amount, birth], 'Pass été', [granted, reference]);
    expect(text.body).toBe('Demandé : 1250,5 €, accordé : 900 € (EJ-2026-0042).');
    // Without annotations in the event (an older producer), the tags are replaced by nothing.
    expect(renderAttestationText(template('[--Montant accordé--]'), change(), [amount], 'Pass été', [granted]).body).toBe('[]');
  });

  it('leaves text that only looks like a tag as written, and empties tags without a value', () => {
    const text = renderAttestationText(template('-- voir ci-dessous -- / --motivation--'), change({ motivation: null }), [], 'Pass été');
    expect(text.body).toBe('-- voir ci-dessous -- / ');
  });
});
