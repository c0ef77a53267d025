import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Dossier, FieldDefinition } from '@guichet/contracts';
import { dossierColumns } from './dossier-columns';

const field = (type: FieldDefinition['type'], label: string): FieldDefinition => ({ stableId: randomUUID(), type, label, description: '', mandatory: false, options: {} });

describe('dossierColumns', () => {
  const section = field('header_section', 'Identité');
  const birth = field('date', 'Date de naissance');
  const consent = field('checkbox', 'J’accepte les conditions');
  const files = field('piece_justificative', 'Justificatifs');
  const dossier: Dossier = {
    id: randomUUID(),
    number: 77,
    tenantId: randomUUID(),
    procedureId: randomUUID(),
    procedureTitle: 'Pass été',
    revisionId: randomUUID(),
    state: 'sans_suite',
    test: false,
    usager: { accountId: randomUUID(), email: 'lea@example.fr', firstName: 'Léa', lastName: 'Durand' },
    values: { [birth.stableId]: '2009-12-24', [consent.stableId]: true, [files.stableId]: [{ fileId: randomUUID(), fileName: 'rib.pdf' }, { fileId: randomUUID(), fileName: 'avis.png' }] },
    correctionPending: false,
    motivation: null,
    createdAt: '2026-01-02T08:00:00.000Z',
    updatedAt: '2026-01-02T08:00:00.000Z',
    submittedAt: '2026-01-02T08:00:00.000Z',
    decidedAt: null,
    traitements: [],
  };

  it('puts the dossier and applicant first, then one column per field with a value', () => {
    const columns = dossierColumns([section, birth, consent, files]);
    expect(columns.map((column) => column.header)).toEqual([
      'Numéro',
      'État',
      'Déposé le',
      'Décidé le',
      'Demandeur nom',
      'Demandeur prénom',
      'Demandeur e-mail',
      'Date de naissance',
      'J’accepte les conditions',
      'Justificatifs',
    ]);
    expect(columns.map((column) => column.value(dossier))).toEqual(['77', 'Classé sans suite', '02/01/2026 09:00', '', 'Durand', 'Léa', 'lea@example.fr', '24/12/2009', 'Oui', 'rib.pdf, avis.png']);
  });

  it('ends with one column per private annotation, filled from the annotations', () => {
    const amount = field('integer_number', 'Montant accordé');
    const title = field('header_section', 'Instruction');
    const columns = dossierColumns([birth], [title, amount]);
    expect(columns.map((column) => column.header).slice(-2)).toEqual(['Date de naissance', 'Annotation : Montant accordé']);
    expect(columns.at(-1)?.value({ ...dossier, annotations: { [amount.stableId]: 1200 } })).toBe('1200');
    expect(columns.at(-1)?.value(dossier)).toBe('');
  });

  it('leaves the cells of fields a dossier has no value for empty', () => {
    const later = field('text', 'Ajouté plus tard');
    expect(dossierColumns([later])[7]?.value(dossier)).toBe('');
  });
});
