import { randomUUID } from 'node:crypto';
import { type FieldDefinition, procedureContracts } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const adminA = administrateurOf(tenantA);

/** One field of every new kind, with options, and a repeatable block. */
function catalogueFields(): FieldDefinition[] {
  return [
    field({ label: 'Civilité', type: 'civilite', mandatory: true }),
    field({ label: 'SIRET', type: 'siret' }),
    field({ label: 'IBAN', type: 'iban' }),
    field({ label: 'Commune', type: 'communes' }),
    field({ label: 'Pays', type: 'pays' }),
    field({ label: 'Adresse', type: 'address' }),
    field({ label: 'Zone', type: 'carte', options: { allowedGeometries: ['Polygon'] } }),
    field({ label: 'Montant', type: 'decimal_number', options: { min: 0, decimalPlaces: 2 } }),
    field({ label: 'Immatriculation', type: 'formatted', options: { mode: 'regex', pattern: '[A-Z]{2}-\\d{3}-[A-Z]{2}', patternExample: 'AB-123-CD' } }),
    field({ label: 'Rendez-vous', type: 'datetime', options: { min: '2024-01-01T08:00' } }),
    field({ label: 'Transports', type: 'multiple_drop_down_list', options: { choices: ['Bus', 'Train'] } }),
    field({ label: 'Catégorie', type: 'linked_drop_down_list', options: { linkedChoices: [{ value: 'Fruits', children: ['Pomme'] }] } }),
    field({ label: 'Statut', type: 'drop_down_list', options: { choices: ['Salarié'], other: true } }),
    field({ label: 'Modèle', type: 'piece_justificative', options: { templateFileId: randomUUID(), maxFiles: 3 } }),
    field({ label: 'Établissement', type: 'annuaire_education' }),
    field({
      label: 'Enfants',
      type: 'repetition',
      options: { minRows: 1, maxRows: 5 },
      children: [field({ label: 'Prénom', mandatory: true }), field({ label: 'Naissance', type: 'date', options: { max: '2024-12-31' } })],
    }),
  ];
}

describe('procedures: the full field catalogue', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  it('saves every kind of field, options and repetition children as sent', async () => {
    const procedure = await svc.createProcedure(tenantA);
    const fields = catalogueFields();
    const saved = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields }, adminA);
    expect(saved.draftRevision.fields).toEqual(fields);
    expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).draftRevision.fields).toEqual(fields);
  });

  it('refuses invalid options and repetitions with precise paths, and saves nothing', async () => {
    const procedure = await svc.createProcedure(tenantA, { fields: true });
    const invalid = [
      field({ label: 'Code', type: 'formatted', options: { mode: 'regex', pattern: '(' } }),
      field({ label: 'Montant', type: 'decimal_number', options: { decimalPlaces: 12 } }),
      field({ label: 'Bloc', type: 'repetition', options: { minRows: 3, maxRows: 2 }, children: [field({ label: 'Interne', type: 'repetition' }), field({ label: 'Liste', type: 'drop_down_list' })] }),
      field({ label: 'Vide', type: 'repetition' }),
    ];
    const error = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, title: 'Ne doit pas changer', fields: invalid }, adminA).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error as { fields: Record<string, string> }).fields).toEqual({
      'fields.0.options.pattern': 'Expression régulière invalide.',
      'fields.1.options.decimalPlaces': 'Au plus 10 décimales.',
      'fields.2.options.maxRows': 'Le nombre maximal de lignes doit être supérieur ou égal au minimum.',
      'fields.2.children.0.type': 'Un bloc répétable ne peut pas contenir un autre bloc répétable.',
      'fields.2.children.1.options.choices': 'Indiquez au moins un choix.',
      'fields.3.children': 'Un bloc répétable contient au moins un champ.',
    });
    const after = await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA);
    expect(after.title).toBe(procedure.title);
    expect(after.draftRevision.fields).toEqual(procedure.draftRevision.fields);
  });

  it('answers CONTRACT_VIOLATION to options a type does not take, and to children of a child', async () => {
    const procedure = await svc.createProcedure(tenantA);
    const malformed = [
      { procedureId: procedure.id, fields: [{ stableId: randomUUID(), type: 'siret', label: 'SIRET', options: { maxLength: 14 } }] },
      { procedureId: procedure.id, fields: [{ stableId: randomUUID(), type: 'repetition', label: 'Bloc', children: [{ stableId: randomUUID(), type: 'text', label: 'X', options: { choices: ['a'] } }] }] },
      { procedureId: procedure.id, fields: [{ stableId: randomUUID(), type: 'carte', label: 'Carte', options: { allowedGeometries: ['Circle'] } }] },
    ];
    for (const payload of malformed) {
      expect(await svc.raw(procedureContracts.updateDraft, JSON.stringify(payload), adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    }
    expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).draftRevision.fields).toEqual([]);
  });

  it('saves conditions on earlier fields and refuses later, missing or cyclic ones with their path', async () => {
    const procedure = await svc.createProcedure(tenantA, { fields: true });
    const question = field({ label: 'Avez-vous des enfants ?', type: 'yes_no' });
    const shown = field({ label: 'Combien ?', type: 'integer_number', condition: { kind: 'comparison', field: question.stableId, operator: 'eq', value: true } });
    const saved = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [question, shown] }, adminA);
    expect(saved.draftRevision.fields).toEqual([question, shown]);

    const later = field({ label: 'Plus tard', type: 'yes_no' });
    const invalid = [field({ label: 'Avant', condition: { kind: 'comparison', field: later.stableId, operator: 'eq', value: true } }), later];
    const error = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: invalid }, adminA).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'fields.0.condition.field': 'La condition ne peut porter que sur un champ placé avant ; « Plus tard » est placé après.' } });
    expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).draftRevision.fields).toEqual([question, shown]);

    // A malformed condition (unknown operator) never reaches the service.
    const malformed = { procedureId: procedure.id, fields: [{ ...question }, { ...shown, condition: { kind: 'comparison', field: question.stableId, operator: 'ressemble' } }] };
    expect(await svc.raw(procedureContracts.updateDraft, JSON.stringify(malformed), adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
  });
});
