import { randomUUID } from 'node:crypto';
import { procedureContracts, procedureEvents, publicProcedureSchema } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field, instructeurOf, mailTemplates, sampleFields, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);
const adminB = administrateurOf(tenantB);

describe('procedures: publication, public pages, revisions', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  /** Waits until the relay has sent every outbox row of the procedure, then reads the stream. */
  async function eventsOnceRelayed(procedureId: string, expected: number) {
    await waitFor(async () => {
      const rows = await svc.outboxRows(procedureId);
      return rows.length === expected && rows.every((row) => row.published_at !== null);
    }, { description: `${expected} outbox rows of ${procedureId} published` });
    return waitFor(async () => {
      const events = await svc.publishedEvents(procedureId);
      return events.length >= expected ? events : undefined;
    }, { description: `${expected} procedure.published events on the stream` });
  }

  describe('publish', () => {
    it('refuses a procedure without fields, and writes no event', async () => {
      const procedure = await svc.createProcedure(tenantA);
      await expect(svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA)).rejects.toMatchObject({
        code: 'PROCEDURE_INVALID',
        message: 'La démarche ne peut pas être publiée : son formulaire ne contient aucun champ.',
      });
      expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).state).toBe('brouillon');
      expect(await svc.outboxRows(procedure.id)).toEqual([]);
    });

    it('publishes the draft, leaves a copy to edit, and emits procedure.published exactly once', async () => {
      const draft = await svc.createProcedure(tenantA, { fields: true });
      const published = await svc.request(procedureContracts.publish, { procedureId: draft.id }, adminA);
      expect(published.state).toBe('publiee');
      expect(published.publishedAt).not.toBeNull();
      expect(published.publishedRevision).toMatchObject({ id: draft.draftRevision.id, fields: draft.draftRevision.fields, publishedAt: published.publishedAt });
      expect(published.draftRevision.id).not.toBe(draft.draftRevision.id);
      expect(published.draftRevision).toMatchObject({ procedureId: draft.id, tenantId: tenantA, fields: draft.draftRevision.fields, publishedAt: null });

      const events = await eventsOnceRelayed(draft.id, 1);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: procedureEvents.published.type,
        version: 1,
        tenantId: tenantA,
        actor: adminA.actor,
        data: { procedureId: draft.id, revisionId: draft.draftRevision.id, previousRevisionId: null },
      });

      // A relay crash after sending but before marking the row sends it again: JetStream drops the copy.
      await svc.sql(`update procedures.outbox_event set published_at = null where envelope->'data'->>'procedureId' = $1`, [draft.id]);
      await svc.relay().drain();
      await waitFor(async () => (await svc.outboxRows(draft.id)).every((row) => row.published_at !== null), { description: 'the row sent again' });
      expect(await svc.publishedEvents(draft.id)).toHaveLength(1);
    });

    it('keeps serving the published form while the draft is edited, then republishes with stable ids', async () => {
      const first = await svc.createProcedure(tenantA, { publish: true });
      const firstRevision = first.publishedRevision!;
      const [header, name, ...rest] = first.draftRevision.fields;
      const edited = [header!, { ...name!, label: 'Nom officiel de l’association' }, ...rest, field({ label: 'Commentaire', type: 'textarea' })];
      const updated = await svc.request(procedureContracts.updateDraft, { procedureId: first.id, fields: edited }, adminA);
      expect(updated.draftRevision.id).toBe(first.draftRevision.id);
      expect(updated.publishedRevision).toEqual(firstRevision);
      expect(await svc.request(procedureContracts.getPublic, { procedureId: first.id }, usager())).toMatchObject({ state: 'publiee', fields: firstRevision.fields });
      expect(await svc.request(procedureContracts.getRevision, { revisionId: firstRevision.id }, systemCaller(tenantA))).toEqual(firstRevision);

      const republished = await svc.request(procedureContracts.publish, { procedureId: first.id }, adminA);
      expect(republished.publishedRevision).toMatchObject({ id: first.draftRevision.id, fields: edited });
      expect(republished.publishedRevision?.fields.map((candidate) => candidate.stableId)).toEqual(edited.map((candidate) => candidate.stableId));
      expect(republished.publishedRevision?.fields[1]?.stableId).toBe(firstRevision.fields[1]?.stableId);
      expect(republished.draftRevision.id).not.toBe(first.draftRevision.id);
      expect(republished.publishedAt).toBe(first.publishedAt);
      expect(await svc.request(procedureContracts.getPublic, { procedureId: first.id }, {})).toMatchObject({ state: 'publiee', fields: edited });
      // The first published revision stays readable as it was, for the dossiers filed on it.
      expect(await svc.request(procedureContracts.getRevision, { revisionId: firstRevision.id }, usager())).toEqual(firstRevision);

      const events = await eventsOnceRelayed(first.id, 2);
      expect(events.map((event) => event.data)).toEqual([
        { procedureId: first.id, revisionId: firstRevision.id, previousRevisionId: null },
        { procedureId: first.id, revisionId: first.draftRevision.id, previousRevisionId: firstRevision.id },
      ]);
    });

    it('does nothing when republishing an unchanged form: no revision, no event', async () => {
      const published = await svc.createProcedure(tenantA, { publish: true });
      const again = await svc.request(procedureContracts.publish, { procedureId: published.id }, adminA);
      expect(again).toEqual(published);
      await eventsOnceRelayed(published.id, 1);
      expect(await svc.publishedEvents(published.id)).toHaveLength(1);
    });

    it('publishes once when two publications of one draft race', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const results = await Promise.all([0, 1, 2].map(() => svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA)));
      expect(new Set(results.map((result) => result.publishedRevision?.id))).toEqual(new Set([procedure.draftRevision.id]));
      const events = await eventsOnceRelayed(procedure.id, 1);
      expect(events).toHaveLength(1);
    });

    it('refuses to publish templates whose field tags no longer exist', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const initiated = { subject: 'Dépôt', body: 'Association : --Nom de l’association--' };
      await svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, mailTemplates: mailTemplates({ initiated }) }, adminA);
      const renamed = procedure.draftRevision.fields.map((candidate) => (candidate.label === 'Nom de l’association' ? { ...candidate, label: 'Raison sociale' } : candidate));
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: renamed }, adminA);
      await expect(svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA)).rejects.toMatchObject({
        code: 'UNKNOWN_TAGS',
        message: 'La démarche ne peut pas être publiée : ses modèles utilisent des balises qui n’existent plus. Balise inconnue : --Nom de l’association--.',
        fields: { 'mailTemplates.initiated.body': expect.stringContaining('--Raison sociale--') as string },
      });
      expect(await svc.outboxRows(procedure.id)).toEqual([]);
    });

    it('is for the administrateurs of the procedure: other tenants find nothing, nothing is emitted', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const payload = { procedureId: procedure.id };
      await expect(svc.request(procedureContracts.publish, payload, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.publish, payload, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.publish, payload, systemCaller())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.publish, payload, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.publish, { procedureId: randomUUID() }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await svc.raw(procedureContracts.publish, JSON.stringify({ procedureId: 'abc' }), adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      expect(await svc.raw(procedureContracts.publish, JSON.stringify({}), adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      expect((await svc.request(procedureContracts.get, payload, adminA)).state).toBe('brouillon');
      expect(await svc.outboxRows(procedure.id)).toEqual([]);
    });
  });

  describe('public pages', () => {
    it('shows a published procedure to anyone, by id or path, with the published form only', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true, title: 'Carte jeune été' });
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [...sampleFields(), field({ label: 'Brouillon seulement' })] }, adminA);
      const expected = {
        id: procedure.id,
        path: procedure.path,
        title: 'Carte jeune été',
        description: procedure.description,
        tenant: { id: tenantA, name: procedure.tenantName },
        closesAt: null,
        state: 'publiee',
        serviceContact: null,
        logoFileId: null,
        submissionMessage: '',
        fields: procedure.publishedRevision?.fields,
      };
      for (const ctx of [{}, usager(), adminB]) {
        expect(await svc.request(procedureContracts.getPublic, { procedureId: procedure.id }, ctx)).toEqual(expected);
        expect(await svc.request(procedureContracts.getPublic, { path: procedure.path }, ctx)).toEqual(expected);
      }
      expect(publicProcedureSchema.strict().safeParse(expected).success).toBe(true);
    });

    it('hides brouillons and unknown procedures', async () => {
      const draft = await svc.createProcedure(tenantA, { fields: true });
      for (const payload of [{ procedureId: draft.id }, { path: draft.path }, { procedureId: randomUUID() }, { path: 'inconnue' }]) {
        await expect(svc.request(procedureContracts.getPublic, payload, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(svc.request(procedureContracts.getPublic, { procedureId: draft.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await svc.raw(procedureContracts.getPublic, JSON.stringify({}), {})).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      expect(await svc.raw(procedureContracts.getPublic, JSON.stringify({ procedureId: 'abc' }), {})).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    });

    it('lists published procedures, newest first, optionally of one tenant', async () => {
      const tenantC = randomUUID();
      const older = await svc.createProcedure(tenantC, { publish: true, title: 'Plus ancienne' });
      const newer = await svc.createProcedure(tenantC, { publish: true, title: 'Plus récente' });
      const hidden = await svc.createProcedure(tenantC, { fields: true });
      const ofC = await svc.request(procedureContracts.listPublic, { tenantId: tenantC }, {});
      expect(ofC.items.map((item) => item.id)).toEqual([newer.id, older.id]);
      expect(ofC.items[0]).toEqual({ id: newer.id, path: newer.path, title: 'Plus récente', description: newer.description, tenant: { id: tenantC, name: newer.tenantName }, closesAt: null });
      const all = await svc.request(procedureContracts.listPublic, {}, usager());
      const ids = all.items.map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining([newer.id, older.id]));
      expect(ids).not.toContain(hidden.id);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      expect((await svc.request(procedureContracts.listPublic, { tenantId: randomUUID() }, {})).items).toEqual([]);
    });
  });

  describe('getRevision', () => {
    it('gives any revision to system callers and to the agents of its tenant', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      for (const ctx of [systemCaller(), systemCaller(tenantA), adminA, instructeurOf(tenantA)]) {
        expect(await svc.request(procedureContracts.getRevision, { revisionId: procedure.draftRevision.id }, ctx)).toEqual(procedure.draftRevision);
        expect(await svc.request(procedureContracts.getRevision, { revisionId: procedure.publishedRevision!.id }, ctx)).toEqual(procedure.publishedRevision);
      }
    });

    it('gives published revisions only to everyone else', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      for (const ctx of [usager(), adminB, systemCaller(tenantB), {}]) {
        expect(await svc.request(procedureContracts.getRevision, { revisionId: procedure.publishedRevision!.id }, ctx)).toEqual(procedure.publishedRevision);
        await expect(svc.request(procedureContracts.getRevision, { revisionId: procedure.draftRevision.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(svc.request(procedureContracts.getRevision, { revisionId: randomUUID() }, systemCaller())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await svc.raw(procedureContracts.getRevision, JSON.stringify({ revisionId: 12 }), systemCaller())).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    });
  });
});
