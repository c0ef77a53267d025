import { randomUUID } from 'node:crypto';
import { dossierContracts, dossierInstructionContracts, groupContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import type { DossierEvent } from '@guichet/dossier-state';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, expert, field, instructeurOf, subsidyForm, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();

/** The private annotations of the subsidy procedure: one of most types, a conditional one, a block. */
function subsidyAnnotations(kind: { stableId: string }) {
  const annotations = {
    section: field({ label: 'Instruction', type: 'header_section' }),
    favourable: field({ label: 'Avis favorable', type: 'yes_no', mandatory: true }),
    amount: field({ label: 'Montant accordé', type: 'integer_number', mandatory: true, options: { min: 0, max: 50_000 } }),
    committee: field({ label: 'Date du comité', type: 'date' }),
    note: field({ label: 'Note interne', type: 'textarea' }),
    priority: field({ label: 'Priorité', type: 'drop_down_list', options: { choices: ['Haute', 'Basse'] } }),
    // Only for sport projects (a usager's field), and then mandatory.
    licence: field({ label: 'Numéro de licence vérifié', type: 'text', mandatory: true, condition: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'Sport' } }),
    visits: field({
      label: 'Visites',
      type: 'repetition',
      options: { maxRows: 3 },
      children: [field({ label: 'Date de visite', type: 'date', mandatory: true }), field({ label: 'Compte rendu', type: 'textarea' })],
    }),
  };
  return { annotations, list: Object.values(annotations) };
}

describe('dossiers: private annotations', () => {
  let t: DossiersUnderTest;
  const form = subsidyForm();
  const { annotations, list: annotationList } = subsidyAnnotations(form.fields.kind);
  let procedure: Procedure;
  const instructeur = instructeurOf(tenantA);
  const colleague = instructeurOf(tenantA);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(instructeur);
    await t.enrol(colleague);
    procedure = await t.publishedProcedure(tenantA, form.list, annotationList);
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function submittedDossier(values: Record<string, unknown> = form.complete): Promise<{ dossier: Dossier; owner: BusContext }> {
    const owner = usager();
    const created = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
    await t.request(dossierContracts.updateValues, { dossierId: created.id, values }, owner);
    return { dossier: await t.request(dossierContracts.submit, { dossierId: created.id }, owner), owner };
  }

  const save = (dossierId: string, stableId: string, value: unknown, ctx: BusContext = instructeur) => t.request(dossierInstructionContracts.saveAnnotation, { dossierId, stableId, value }, ctx);
  const transition = (dossierId: string, event: DossierEvent, ctx: BusContext = instructeur, motivation?: string) =>
    t.request(dossierContracts.transition, { dossierId, event, ...(motivation !== undefined ? { motivation } : {}) }, ctx);
  const read = (dossierId: string, ctx: BusContext = instructeur) => t.request(dossierContracts.get, { dossierId }, ctx);

  describe('saving one annotation at a time', () => {
    it('saves, replaces and clears one annotation, the others untouched, recording who and when', async () => {
      const { dossier } = await submittedDossier();
      expect(dossier.annotations).toBeUndefined();
      const before = Date.now();

      const first = await save(dossier.id, annotations.amount.stableId, '1500');
      expect(first.annotations).toEqual({ [annotations.amount.stableId]: 1500 });
      expect(first.annotationUpdatedBy).toBe(instructeur.actor?.email);
      expect(Date.parse(first.annotationUpdatedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);

      await save(dossier.id, annotations.note.stableId, '  À présenter au comité  ', colleague);
      const replaced = await save(dossier.id, annotations.amount.stableId, 1200);
      expect(replaced.annotations).toEqual({ [annotations.amount.stableId]: 1200, [annotations.note.stableId]: 'À présenter au comité' });

      const cleared = await save(dossier.id, annotations.note.stableId, null, colleague);
      expect(cleared.annotations).toEqual({ [annotations.amount.stableId]: 1200 });
      expect(cleared.annotationUpdatedBy).toBe(colleague.actor?.email);
      // Blank is empty, as for the usager's fields: the annotation goes.
      expect((await save(dossier.id, annotations.amount.stableId, '   ')).annotations).toEqual({});

      // The usager's side of the dossier does not move: annotations are private.
      const agentRead = await read(dossier.id);
      expect(agentRead.updatedAt).toBe(dossier.updatedAt);
      expect(agentRead.values).toEqual(dossier.values);
      expect(agentRead.traitements).toHaveLength(1);

      const events = await t.annotationEvents(dossier.id);
      expect(events.map((event) => [event.data.stableId, event.data.cleared, event.data.actorEmail])).toEqual([
        [annotations.amount.stableId, false, instructeur.actor?.email],
        [annotations.note.stableId, false, colleague.actor?.email],
        [annotations.amount.stableId, false, instructeur.actor?.email],
        [annotations.note.stableId, true, colleague.actor?.email],
        [annotations.amount.stableId, true, instructeur.actor?.email],
      ]);
      expect(events.every((event) => event.type === 'dossiers.dossier.annotation_changed' && event.tenantId === tenantA && event.data.number === dossier.number)).toBe(true);
      // The event says which annotation changed, never its value.
      expect(JSON.stringify(events)).not.toContain('comité');
    });

    it('checks each type as the usager’s fields are checked, with field-level French errors, and changes nothing when refused', async () => {
      const { dossier } = await submittedDossier();
      await save(dossier.id, annotations.amount.stableId, 800);
      const refusals: [string, unknown][] = [
        [annotations.amount.stableId, 'beaucoup'],
        [annotations.amount.stableId, 60_000],
        [annotations.amount.stableId, { value: 3 }],
        [annotations.favourable.stableId, 'peut-être'],
        [annotations.committee.stableId, '2026-02-30'],
        [annotations.priority.stableId, 'Moyenne'],
        [annotations.note.stableId, 'a\u0000b'],
        [annotations.note.stableId, ['liste']],
      ];
      for (const [stableId, value] of refusals) {
        const refusal = save(dossier.id, stableId, value);
        await expect(refusal, `${stableId} ← ${JSON.stringify(value)}`).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { [`annotations.${stableId}`]: expect.any(String) as string } });
      }
      const kept = await read(dossier.id);
      expect(kept.annotations).toEqual({ [annotations.amount.stableId]: 800 });
      expect(await t.annotationEvents(dossier.id)).toHaveLength(1);
    });

    it('refuses an unknown stable id, a header, a usager’s field and a hidden annotation', async () => {
      const { dossier } = await submittedDossier();
      const unknown = randomUUID();
      await expect(save(dossier.id, unknown, 'x')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { [`annotations.${unknown}`]: 'Annotation inconnue.' }, message: expect.stringMatching(/n’existe pas/) as string });
      // A usager's field is not an annotation, whatever its value.
      await expect(save(dossier.id, form.fields.name.stableId, 'Autre nom')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { [`annotations.${form.fields.name.stableId}`]: 'Annotation inconnue.' } });
      // A child of a block is saved with its block.
      const child = annotations.visits.children?.[0]?.stableId ?? '';
      await expect(save(dossier.id, child, '2026-01-01')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      // The licence is asked for sport projects only; this one is cultural.
      await expect(save(dossier.id, annotations.licence.stableId, 'L-42')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { [`annotations.${annotations.licence.stableId}`]: expect.stringMatching(/masquée/) as string } });
      expect((await save(dossier.id, annotations.licence.stableId, null)).annotations).toEqual({});
      // A header carries no value: saving one stores nothing.
      expect((await save(dossier.id, annotations.section.stableId, null)).annotations).toEqual({});
      expect((await read(dossier.id)).values).toEqual((await read(dossier.id)).values);
      await expect(t.raw(dossierInstructionContracts.saveAnnotation, JSON.stringify({ dossierId: dossier.id, stableId: 'x'.repeat(101), value: 1 }), instructeur)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(t.raw(dossierInstructionContracts.saveAnnotation, JSON.stringify({ dossierId: 'pas-un-uuid', stableId: annotations.note.stableId, value: 1 }), instructeur)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    });

    it('saves repeatable rows with their children checked, errors keyed by row', async () => {
      const { dossier } = await submittedDossier();
      const [date, report] = (annotations.visits.children ?? []).map((child) => child.stableId) as [string, string];
      const rowA = randomUUID();
      const rowB = randomUUID();
      const saved = await save(dossier.id, annotations.visits.stableId, { rows: [{ rowId: rowA, values: { [date]: '2026-03-02', [report]: 'Locaux conformes' } }, { rowId: rowB, values: { [date]: '2026-04-10' } }] });
      expect(saved.annotations?.[annotations.visits.stableId]).toEqual({ rows: [{ rowId: rowA, values: { [date]: '2026-03-02', [report]: 'Locaux conformes' } }, { rowId: rowB, values: { [date]: '2026-04-10' } }] });

      await expect(save(dossier.id, annotations.visits.stableId, { rows: [{ rowId: rowA, values: { [date]: 'hier' } }] })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { [`annotations.${annotations.visits.stableId}.rows.0.${date}`]: expect.any(String) as string },
      });
      await expect(save(dossier.id, annotations.visits.stableId, { rows: Array.from({ length: 4 }, () => ({ rowId: randomUUID(), values: {} })) })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { [`annotations.${annotations.visits.stableId}`]: 'Au plus 3 lignes.' },
      });
      await expect(save(dossier.id, annotations.visits.stableId, [{ [date]: '2026-03-02' }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((await read(dossier.id)).annotations?.[annotations.visits.stableId]).toEqual(saved.annotations?.[annotations.visits.stableId]);
    });
  });

  describe('who may write, and when', () => {
    it('lets only the instructeurs of the dossier’s group write; others are told it does not exist or is forbidden', async () => {
      const { dossier, owner } = await submittedDossier();
      const otherGroup = await t.request(groupContracts.create, { procedureId: procedure.id, label: `Autre ${randomUUID()}` }, administrateurOf(tenantA));
      const elsewhere = instructeurOf(tenantA);
      await t.addToGroup(elsewhere, procedure, otherGroup.id);
      for (const ctx of [elsewhere, instructeurOf(tenantA), instructeurOf(tenantB), usager(), expert(tenantA), systemOf('experts', tenantB), { actor: instructeur.actor! }, {}]) {
        await expect(save(dossier.id, annotations.note.stableId, 'Intrus', ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      // Those who read it without instructing it: its usager, an administrateur, the system.
      for (const ctx of [owner, administrateurOf(tenantA), systemOf('procedures', tenantA)]) {
        await expect(save(dossier.id, annotations.note.stableId, 'Intrus', ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect((await read(dossier.id)).annotations).toEqual({});
      expect(await t.annotationEvents(dossier.id)).toEqual([]);
    });

    it('is possible en construction and en instruction, never on a brouillon nor once decided', async () => {
      const owner = usager();
      const draft = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
      await expect(save(draft.id, annotations.note.stableId, 'Trop tôt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(save(draft.id, annotations.note.stableId, 'Trop tôt', owner)).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const { dossier } = await submittedDossier();
      await save(dossier.id, annotations.note.stableId, 'Reçu complet');
      await transition(dossier.id, 'passer_en_instruction');
      await save(dossier.id, annotations.favourable.stableId, false);
      await save(dossier.id, annotations.amount.stableId, 0);
      await transition(dossier.id, 'refuser', instructeur, 'Budget épuisé.');
      await expect(save(dossier.id, annotations.note.stableId, 'Trop tard')).rejects.toMatchObject({ code: 'DOSSIER_NOT_EDITABLE', message: expect.stringMatching(/« Refusé »/) as string });
      await transition(dossier.id, 'repasser_en_instruction');
      expect((await save(dossier.id, annotations.note.stableId, 'Réexaminé')).annotations?.[annotations.note.stableId]).toBe('Réexaminé');
    });
  });

  it('keeps both of two annotations saved at the same time by two instructeurs', async () => {
    const dossiers = await Promise.all(Array.from({ length: 4 }, () => submittedDossier().then(({ dossier }) => dossier)));
    await Promise.all(
      dossiers.flatMap((dossier, index) => [
        save(dossier.id, annotations.note.stableId, `Note ${index}`, instructeur),
        save(dossier.id, annotations.amount.stableId, 100 + index, colleague),
        save(dossier.id, annotations.priority.stableId, 'Haute', instructeur),
        save(dossier.id, annotations.committee.stableId, '2026-06-01', colleague),
      ]),
    );
    for (const [index, dossier] of dossiers.entries()) {
      expect((await read(dossier.id)).annotations).toEqual({
        [annotations.note.stableId]: `Note ${index}`,
        [annotations.amount.stableId]: 100 + index,
        [annotations.priority.stableId]: 'Haute',
        [annotations.committee.stableId]: '2026-06-01',
      });
      expect(await t.annotationEvents(dossier.id)).toHaveLength(4);
    }
  });

  describe('accepting', () => {
    it('is refused while a visible mandatory annotation is empty, naming it, then allowed', async () => {
      const { dossier } = await submittedDossier();
      await transition(dossier.id, 'passer_en_instruction');
      const refusal = transition(dossier.id, 'accepter');
      await expect(refusal).rejects.toMatchObject({
        code: 'DOSSIER_ANNOTATIONS_INCOMPLETE',
        message: 'Le dossier ne peut pas être accepté : les annotations privées obligatoires « Avis favorable », « Montant accordé » doivent d’abord être remplies.',
        fields: { [`annotations.${annotations.favourable.stableId}`]: expect.any(String) as string, [`annotations.${annotations.amount.stableId}`]: expect.any(String) as string },
      });
      await save(dossier.id, annotations.favourable.stableId, true);
      await expect(transition(dossier.id, 'accepter')).rejects.toMatchObject({ code: 'DOSSIER_ANNOTATIONS_INCOMPLETE', message: expect.stringMatching(/l’annotation privée obligatoire « Montant accordé » doit/) as string });
      const unchanged = await read(dossier.id);
      expect(unchanged).toMatchObject({ state: 'en_instruction', decidedAt: null });
      expect(unchanged.traitements).toHaveLength(2);

      await save(dossier.id, annotations.amount.stableId, 0);
      // The licence is hidden for a cultural project, so it does not hold the acceptance back.
      const accepted = await transition(dossier.id, 'accepter', instructeur, 'Dossier complet.');
      expect(accepted.state).toBe('accepte');
      // Refusing needs no annotation.
      await transition(dossier.id, 'repasser_en_instruction');
      await save(dossier.id, annotations.amount.stableId, null);
      expect((await transition(dossier.id, 'refuser', instructeur, 'Finalement non.')).state).toBe('refuse');
    });

    it('asks for a conditional mandatory annotation once its condition holds', async () => {
      const { dossier } = await submittedDossier({ ...form.complete, [form.fields.kind.stableId]: 'Sport' });
      await transition(dossier.id, 'passer_en_instruction');
      await save(dossier.id, annotations.favourable.stableId, true);
      await save(dossier.id, annotations.amount.stableId, 300);
      await expect(transition(dossier.id, 'accepter')).rejects.toMatchObject({ code: 'DOSSIER_ANNOTATIONS_INCOMPLETE', message: expect.stringMatching(/« Numéro de licence vérifié »/) as string });
      await save(dossier.id, annotations.licence.stableId, 'FFF-2026-001');
      expect((await transition(dossier.id, 'accepter')).state).toBe('accepte');
    });

    it('carries the annotations in the state change event (the tags of e-mails and attestations)', async () => {
      const { dossier } = await submittedDossier();
      await transition(dossier.id, 'passer_en_instruction');
      await save(dossier.id, annotations.favourable.stableId, true);
      await save(dossier.id, annotations.amount.stableId, 2500);
      await transition(dossier.id, 'accepter');
      await waitFor(async () => (await t.outboxEvents(dossier.id)).length === 3, { description: 'three state changes' });
      const accepted = (await t.outboxEvents(dossier.id)).at(-1)?.envelope;
      expect(accepted?.data).toMatchObject({ event: 'accepter', annotations: { [annotations.favourable.stableId]: true, [annotations.amount.stableId]: 2500 } });
    });
  });

  describe('reading', () => {
    it('shows the annotations and their fields to agents, never to the usager', async () => {
      const { dossier, owner } = await submittedDossier();
      await save(dossier.id, annotations.note.stableId, 'Secret de l’instruction');

      const ownerRead = await read(dossier.id, owner);
      expect(ownerRead).not.toHaveProperty('annotations');
      expect(ownerRead).not.toHaveProperty('annotationUpdatedBy');
      expect(JSON.stringify(ownerRead)).not.toContain('Secret');
      const ownerForm = await t.request(dossierContracts.form, { dossierId: dossier.id }, owner);
      expect(ownerForm).not.toHaveProperty('annotations');
      expect(JSON.stringify(ownerForm)).not.toContain('Montant accordé');
      expect(JSON.stringify(await t.request(dossierContracts.listMine, {}, owner))).not.toContain('Secret');
      // The usager saving their dossier (en construction) gets their view back, and keeps the annotations intact.
      const ownerSave = await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [form.fields.phone.stableId]: '01 23 45 67 89' } }, owner);
      expect(JSON.stringify(ownerSave)).not.toContain('Secret');

      for (const ctx of [instructeur, administrateurOf(tenantA), systemOf('documents', tenantA)]) {
        expect((await read(dossier.id, ctx)).annotations).toEqual({ [annotations.note.stableId]: 'Secret de l’instruction' });
      }
      const agentForm = await t.request(dossierContracts.form, { dossierId: dossier.id }, instructeur);
      expect(agentForm.annotations?.map((annotation) => annotation.label)).toEqual(annotationList.map((annotation) => annotation.label));
      const listed = await t.request(dossierContracts.listForProcedure, { procedureId: procedure.id, limit: 500 }, systemOf('exports', tenantA));
      expect(listed.items.find((item) => item.id === dossier.id)?.annotations).toEqual({ [annotations.note.stableId]: 'Secret de l’instruction' });
    });
  });
});
