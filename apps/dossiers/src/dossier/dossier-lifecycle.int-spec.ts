import { randomUUID } from 'node:crypto';
import { dossierContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, expert, instructeurOf, subsidyForm, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();

describe('dossiers: creation, values, submission, reading', () => {
  let t: DossiersUnderTest;
  let form: ReturnType<typeof subsidyForm>;
  let procedure: Procedure;
  let owner: BusContext;
  const instructeur = instructeurOf(tenantA);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(instructeur);
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenantA, form.list);
    owner = usager();
  });

  afterAll(async () => {
    await t?.stop();
  });

  const create = (ctx: BusContext = owner, procedureId = procedure.id) => t.request(dossierContracts.create, { procedureId, usager: aUsagerIdentity() }, ctx);

  /** Waits until the relay has published every state_changed row of the dossier, then reads the stream. */
  async function publishedEvents(dossierId: string, expected: number) {
    await waitFor(async () => {
      const rows = await t.outboxEvents(dossierId);
      return rows.length >= expected && rows.every((row) => row.publishedAt !== null);
    }, { description: `${expected} published events for ${dossierId}` });
    return t.streamEvents(dossierId);
  }

  describe('create', () => {
    it('starts a numbered brouillon on the published revision, owned by the signed-in account', async () => {
      const dossier = await create();
      expect(dossier).toMatchObject({
        state: 'brouillon',
        tenantId: tenantA,
        procedureId: procedure.id,
        procedureTitle: procedure.title,
        revisionId: procedure.publishedRevision?.id,
        usager: { accountId: owner.actor?.accountId, email: owner.actor?.email, firstName: 'Amélie', lastName: 'Durand' },
        values: {},
        correctionPending: false,
        motivation: null,
        submittedAt: null,
        decidedAt: null,
        traitements: [],
      });
      expect(dossier.number).toBeGreaterThan(0);
    });

    it('numbers dossiers from one sequence, unique across procedures and tenants', async () => {
      const other = await t.publishedProcedure(tenantB, subsidyForm().list);
      const numbers = await Promise.all([create(), create(usager(), other.id), create(), create(usager(), other.id)].map(async (created) => (await created).number));
      expect(new Set(numbers).size).toBe(4);
    });

    it('trims the names typed by the usager', async () => {
      const dossier = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: { email: 'x@example.fr', firstName: '  Jean ', lastName: ' Dupont  ' } }, owner);
      expect(dossier.usager).toMatchObject({ firstName: 'Jean', lastName: 'Dupont' });
    });

    it('refuses a caller who is not signed in', async () => {
      await expect(create({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(create(systemOf('gateway', tenantA))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('refuses a procedure that was never published, or does not exist', async () => {
      const draft = await t.draftProcedure(tenantA, subsidyForm().list);
      await expect(create(owner, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(create(owner, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses blank names and characters jsonb cannot store, naming the field', async () => {
      await expect(t.request(dossierContracts.create, { procedureId: procedure.id, usager: { email: 'x@example.fr', firstName: '  ', lastName: 'Durand' } }, owner)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { 'usager.firstName': 'Ce champ est obligatoire.' },
      });
      for (const lastName of ['B\u0000', 'B\udc00']) {
        await expect(t.request(dossierContracts.create, { procedureId: procedure.id, usager: { email: 'x@example.fr', firstName: 'A', lastName } }, owner)).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          fields: { 'usager.lastName': 'Caractère non autorisé.' },
        });
      }
    });

    it('answers CONTRACT_VIOLATION to a payload that breaks the contract', async () => {
      await expect(t.raw(dossierContracts.create, JSON.stringify({ procedureId: 'not-a-uuid', usager: aUsagerIdentity() }), owner)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(t.raw(dossierContracts.create, 'not json', owner)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    });
  });

  describe('create → save → submit', () => {
    it('saves values in steps, submits, and publishes exactly one state_changed event', async () => {
      const dossier = await create();
      const { fields, complete } = form;
      const firstHalf = await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [fields.name.stableId]: '  Les Amis du Patrimoine ', [fields.budget.stableId]: '1 500,50' } }, owner);
      expect(firstHalf.values).toEqual({ [fields.name.stableId]: 'Les Amis du Patrimoine', [fields.budget.stableId]: 1500.5 });

      const saved = await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: complete }, owner);
      expect(saved.state).toBe('brouillon');
      expect(saved.values[fields.phone.stableId]).toBe('06 12 34 56 78');
      expect(await t.outboxEvents(dossier.id)).toHaveLength(0);

      const submitted = await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
      expect(submitted).toMatchObject({ state: 'en_construction', submittedAt: expect.any(String) as string, decidedAt: null });
      expect(submitted.traitements).toEqual([
        { id: expect.any(String) as string, event: 'passer_en_construction', from: 'brouillon', to: 'en_construction', at: submitted.submittedAt, actorEmail: owner.actor?.email, motivation: null, justificatif: null },
      ]);

      const events = await publishedEvents(dossier.id, 1);
      expect(events).toHaveLength(1);
      const [event] = events;
      expect(event).toMatchObject({
        type: 'dossiers.dossier.state_changed',
        tenantId: tenantA,
        actor: { accountId: owner.actor?.accountId },
        data: {
          dossierId: dossier.id,
          number: dossier.number,
          traitementId: submitted.traitements[0]?.id,
          event: 'passer_en_construction',
          from: 'brouillon',
          to: 'en_construction',
          submittedAt: submitted.submittedAt,
          values: submitted.values,
          usager: submitted.usager,
        },
      });
      expect(await t.outboxEvents(dossier.id)).toHaveLength(1);
    });

    it('clears a value saved as null', async () => {
      const dossier = await create();
      const id = form.fields.phone.stableId;
      await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [id]: '+33 6 12 34 56 78' } }, owner);
      const cleared = await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [id]: null } }, owner);
      expect(cleared.values).toEqual({});
    });

    it('refuses submission with a missing mandatory field, naming it, and changes nothing', async () => {
      const dossier = await create();
      const { [form.fields.files.stableId]: _files, [form.fields.honour.stableId]: _honour, ...incomplete } = form.complete;
      await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { ...incomplete, [form.fields.honour.stableId]: false } }, owner);
      await expect(t.request(dossierContracts.submit, { dossierId: dossier.id }, owner)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { [`values.${form.fields.files.stableId}`]: 'Ce champ est obligatoire.', [`values.${form.fields.honour.stableId}`]: 'Ce champ est obligatoire.' },
      });
      const after = await t.request(dossierContracts.get, { dossierId: dossier.id }, owner);
      expect(after).toMatchObject({ state: 'brouillon', submittedAt: null, traitements: [] });
      expect(await t.outboxEvents(dossier.id)).toHaveLength(0);
    });

    it('refuses values of the wrong shape and unknown fields, under values.<stableId>', async () => {
      const dossier = await create();
      const { fields } = form;
      await expect(
        t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [fields.email.stableId]: 'pas une adresse', [fields.members.stableId]: 0, [fields.kind.stableId]: 'Bricolage', [fields.founded.stableId]: '2023-02-29', intrus: 'x' } }, owner),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: {
          [`values.${fields.email.stableId}`]: expect.stringContaining('Adresse électronique invalide') as string,
          [`values.${fields.members.stableId}`]: 'La valeur doit être supérieure ou égale à 1.',
          [`values.${fields.kind.stableId}`]: 'Choisissez une des valeurs proposées.',
          [`values.${fields.founded.stableId}`]: expect.stringContaining('date valide') as string,
          'values.intrus': 'Ce champ n’existe pas dans ce formulaire.',
        },
      });
      // Characters jsonb cannot store are refused as invalid values, never turned into INTERNAL.
      for (const unstorable of ['a\u0000b', 'lone \ud800 surrogate']) {
        await expect(t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [fields.name.stableId]: unstorable } }, owner)).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          fields: { [`values.${fields.name.stableId}`]: 'Le texte contient un caractère non autorisé.' },
        });
      }
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, owner)).values).toEqual({});
    });

    it('lets only the owner save or submit (anyone else: NOT_FOUND)', async () => {
      const dossier = await create();
      const values = { [form.fields.name.stableId]: 'Intrus' };
      for (const ctx of [usager(), instructeurOf(tenantA), administrateurOf(tenantA), systemOf('gateway', tenantA), {}]) {
        await expect(t.request(dossierContracts.updateValues, { dossierId: dossier.id, values }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(t.request(dossierContracts.submit, { dossierId: dossier.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(t.request(dossierContracts.submit, { dossierId: randomUUID() }, owner)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses a second submission', async () => {
      const dossier = await create();
      await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: form.complete }, owner);
      await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
      await expect(t.request(dossierContracts.submit, { dossierId: dossier.id }, owner)).rejects.toMatchObject({ code: 'DOSSIER_INVALID_TRANSITION' });
      expect(await publishedEvents(dossier.id, 1)).toHaveLength(1);
    });

    it('keeps a submitted dossier complete while the usager edits it, and freezes it once in instruction', async () => {
      const dossier = await create();
      await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: form.complete }, owner);
      await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
      const edited = await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [form.fields.name.stableId]: 'Nouveau nom' } }, owner);
      expect(edited).toMatchObject({ state: 'en_construction', values: { [form.fields.name.stableId]: 'Nouveau nom' } });
      await expect(t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [form.fields.name.stableId]: null } }, owner)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { [`values.${form.fields.name.stableId}`]: 'Ce champ est obligatoire.' },
      });
      await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'passer_en_instruction' }, instructeur);
      await expect(t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [form.fields.name.stableId]: 'Trop tard' } }, owner)).rejects.toMatchObject({ code: 'DOSSIER_NOT_EDITABLE' });
    });
  });

  describe('get', () => {
    let dossier: Dossier;

    beforeAll(async () => {
      dossier = await create();
      await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: form.complete }, owner);
      await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
    });

    it('shows the dossier to its owner, the instructeurs of its group, the tenant’s administrateurs, and the system of the tenant (experts included)', async () => {
      for (const ctx of [owner, instructeur, administrateurOf(tenantA), systemOf('experts', tenantA), systemOf('exports', tenantA)]) {
        const read = await t.request(dossierContracts.get, { dossierId: dossier.id }, ctx);
        expect(read).toMatchObject({ id: dossier.id, state: 'en_construction', traitements: [{ event: 'passer_en_construction' }] });
      }
      // The usager's read (one SQL statement, no entities) says exactly what the agents' read says,
      // but for who follows the dossier, its moves between groups, its labels, its private annotations
      // whether the administration deleted it from its lists, and whether the reader instructs it.
      const { followers, groupChanges, labels, annotations, annotationUpdatedAt, annotationUpdatedBy, hiddenByAdministrationAt, mayInstruct, ...asAgents } = await t.request(dossierContracts.get, { dossierId: dossier.id }, systemOf('exports', tenantA));
      expect(mayInstruct).toBe(true);
      expect(followers).toEqual([]);
      expect(groupChanges).toEqual([]);
      expect(labels).toEqual([]);
      expect(hiddenByAdministrationAt).toBeNull();
      expect({ annotations, annotationUpdatedAt, annotationUpdatedBy }).toEqual({ annotations: {}, annotationUpdatedAt: null, annotationUpdatedBy: null });
      expect(await t.request(dossierContracts.get, { dossierId: dossier.id }, owner)).toEqual(asAgents);
    });

    it('tells anyone else it does not exist', async () => {
      const outsiders: BusContext[] = [
        usager(),
        // An instructeur of the tenant in none of the dossier's groups.
        instructeurOf(tenantA),
        instructeurOf(tenantB),
        administrateurOf(tenantB),
        expert(tenantA),
        expert(),
        systemOf('experts', tenantB),
        systemOf('experts'),
        { actor: { ...instructeurOf(tenantA).actor!, roles: ['instructeur'] } },
        { tenantId: 'not-a-uuid', actor: instructeurOf(tenantA).actor! },
        {},
      ];
      for (const ctx of outsiders) {
        await expect(t.request(dossierContracts.get, { dossierId: dossier.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Dossier introuvable.' });
      }
    });

    it('answers NOT_FOUND for an unknown id and CONTRACT_VIOLATION for a malformed one', async () => {
      await expect(t.request(dossierContracts.get, { dossierId: randomUUID() }, instructeur)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(t.raw(dossierContracts.get, JSON.stringify({ dossierId: '1 or 1=1' }), owner)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    });
  });

  describe('listMine', () => {
    it('lists the account’s own dossiers, newest first, across tenants', async () => {
      const me = usager();
      const other = await t.publishedProcedure(tenantB, subsidyForm().list);
      const first = await create(me);
      const second = await create(me, other.id);
      await create(usager());
      const { items } = await t.request(dossierContracts.listMine, {}, me);
      expect(items.map((item) => item.id)).toEqual([second.id, first.id]);
      expect(items[0]).toEqual({ id: second.id, number: second.number, state: 'brouillon', test: false, procedureId: other.id, procedureTitle: other.title, updatedAt: second.updatedAt, submittedAt: null, tenantId: tenantB });
    });

    it('is empty for a new account and refuses an anonymous caller', async () => {
      expect(await t.request(dossierContracts.listMine, {}, usager())).toEqual({ items: [] });
      await expect(t.request(dossierContracts.listMine, {}, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
});
