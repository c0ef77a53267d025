import { randomUUID } from 'node:crypto';
import { procedureContracts, procedureEvents, type EventEnvelope, type Procedure } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field, instructeurOf, sampleFields, systemCaller, uniquePath, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';
import { ProcedureDeadlineSweeper } from './procedure-deadline.sweeper';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);
const adminB = administrateurOf(tenantB);

type OutboxEnvelope = EventEnvelope<Record<string, unknown>>;

describe('procedures: lifecycle, settings, deadline', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    // A logo is checked with documents when set: the real service runs beside.
    svc = await startProcedures({ documents: true });
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const closedEvents = (procedureId: string) =>
    svc.sql<{ envelope: OutboxEnvelope; published_at: Date | null }>(
      `select envelope, published_at from procedures.outbox_event where subject = $1 and envelope->'data'->>'procedureId' = $2 order by created_at`,
      [procedureEvents.closed.subject, procedureId],
    );
  const stateOf = async (procedureId: string) => (await svc.sql<{ state: string }>('select state from procedures.procedure where id = $1', [procedureId]))[0]?.state;

  describe('close', () => {
    it('closes with a reason and a replacement of the tenant, emits procedure.closed, and the public read points to the replacement', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const replacement = await svc.createProcedure(tenantA, { publish: true });
      const closed = await svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'autre_demarche', replacementProcedureId: replacement.id }, adminA);
      expect(closed.state).toBe('close');
      expect(closed.closure).toMatchObject({ reason: 'autre_demarche', details: null, replacementProcedureId: replacement.id, replacementPath: replacement.path, automatic: false });

      const rows = await closedEvents(procedure.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.envelope).toMatchObject({
        type: 'procedures.procedure.closed',
        tenantId: tenantA,
        actor: { accountId: adminA.actor?.accountId },
        data: { procedureId: procedure.id, reason: 'autre_demarche', details: null, replacementProcedureId: replacement.id, replacementPath: replacement.path, closedAt: closed.closure?.closedAt, automatic: false },
      });
      await waitFor(async () => (await closedEvents(procedure.id))[0]?.published_at instanceof Date, { description: 'procedure.closed relayed' });

      for (const by of [{ procedureId: procedure.id }, { path: procedure.path }]) {
        expect(await svc.request(procedureContracts.getPublic, by, usager())).toEqual({
          state: 'close',
          id: procedure.id,
          path: procedure.path,
          title: procedure.title,
          tenant: { id: tenantA, name: procedure.tenantName },
          closure: { reason: 'autre_demarche', details: null, replacementPath: replacement.path, closedAt: closed.closure?.closedAt },
        });
      }
      const listed = await svc.request(procedureContracts.listPublic, { tenantId: tenantA }, {});
      expect(listed.items.map((item) => item.id)).toContain(replacement.id);
      expect(listed.items.map((item) => item.id)).not.toContain(procedure.id);
    });

    it('checks the reason: details for "autre", a replacement for "autre_demarche" only, nothing saved when refused', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'autre', details: '  ' }, adminA)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { details: 'Précisez la raison de la clôture.' },
      });
      await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'autre_demarche' }, adminA)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { replacementProcedureId: 'Choisissez la démarche qui remplace celle-ci.' },
      });
      await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'demarche_terminee', replacementProcedureId: randomUUID() }, adminA)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { replacementProcedureId: expect.stringContaining('Remplacée par une autre démarche') as string },
      });
      await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'fini' as never }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { reason: 'Valeur non autorisée.' } });
      expect(await stateOf(procedure.id)).toBe('publiee');
      expect(await closedEvents(procedure.id)).toHaveLength(0);

      const closed = await svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'autre', details: ' Fusion des services ' }, adminA);
      expect(closed.closure).toMatchObject({ reason: 'autre', details: 'Fusion des services', replacementProcedureId: null, replacementPath: null });
    });

    it('refuses as replacement another tenant’s procedure, an unpublished one, or itself', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const foreign = await svc.createProcedure(tenantB, { publish: true });
      const draft = await svc.createProcedure(tenantA, { fields: true });
      for (const replacementProcedureId of [foreign.id, draft.id, randomUUID()]) {
        await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'autre_demarche', replacementProcedureId }, adminA)).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          message: 'La démarche de remplacement doit être une démarche publiée de votre administration.',
          fields: { replacementProcedureId: 'Choisissez une démarche publiée de votre administration.' },
        });
      }
      await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'autre_demarche', replacementProcedureId: procedure.id }, adminA)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { replacementProcedureId: 'Choisissez une autre démarche.' },
      });
      expect(await stateOf(procedure.id)).toBe('publiee');
    });

    it('leaves the replacement path out once the replacement is no longer published', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const replacement = await svc.createProcedure(tenantA, { publish: true });
      await svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'autre_demarche', replacementProcedureId: replacement.id }, adminA);
      await svc.request(procedureContracts.depublish, { procedureId: replacement.id }, adminA);
      expect(await svc.request(procedureContracts.getPublic, { procedureId: procedure.id }, {})).toMatchObject({ state: 'close', closure: { replacementPath: null } });
      expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).closure).toMatchObject({ replacementProcedureId: replacement.id, replacementPath: null });
    });

    it('is for the tenant’s administrateurs only', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'demarche_terminee' }, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'demarche_terminee' }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.depublish, { procedureId: procedure.id }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await stateOf(procedure.id)).toBe('publiee');
    });
  });

  describe('transitions', () => {
    it('depublishes (link gone, not listed), republishes with the same revision, closes and republishes again', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const depublished = await svc.request(procedureContracts.depublish, { procedureId: procedure.id }, adminA);
      expect(depublished.state).toBe('depubliee');
      await expect(svc.request(procedureContracts.getPublic, { path: procedure.path }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await svc.request(procedureContracts.listPublic, { tenantId: tenantA }, {})).items.map((item) => item.id)).not.toContain(procedure.id);

      const republished = await svc.request(procedureContracts.republish, { procedureId: procedure.id }, adminA);
      expect(republished.state).toBe('publiee');
      expect(republished.publishedRevision?.id).toBe(procedure.publishedRevision?.id);
      expect(await svc.request(procedureContracts.getPublic, { path: procedure.path }, {})).toMatchObject({ state: 'publiee', id: procedure.id });

      await svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'demarche_terminee' }, adminA);
      const reopened = await svc.request(procedureContracts.republish, { procedureId: procedure.id }, adminA);
      expect(reopened).toMatchObject({ state: 'publiee', closure: null });
      expect((await svc.sql<{ closed_at: Date | null; closure_reason: string | null }>('select closed_at, closure_reason from procedures.procedure where id = $1', [procedure.id]))[0]).toEqual({ closed_at: null, closure_reason: null });
    });

    it('refuses invalid transitions with PROCEDURE_INVALID_TRANSITION and changes nothing', async () => {
      const draft = await svc.createProcedure(tenantA, { fields: true });
      await expect(svc.request(procedureContracts.close, { procedureId: draft.id, reason: 'demarche_terminee' }, adminA)).rejects.toMatchObject({
        code: 'PROCEDURE_INVALID_TRANSITION',
        message: 'La démarche ne peut pas être close : elle est en test (brouillon).',
      });
      await expect(svc.request(procedureContracts.depublish, { procedureId: draft.id }, adminA)).rejects.toMatchObject({ code: 'PROCEDURE_INVALID_TRANSITION' });
      await expect(svc.request(procedureContracts.republish, { procedureId: draft.id }, adminA)).rejects.toMatchObject({ code: 'PROCEDURE_INVALID_TRANSITION', message: 'La démarche n’a jamais été publiée : publiez-la.' });

      const published = await svc.createProcedure(tenantA, { publish: true });
      await expect(svc.request(procedureContracts.republish, { procedureId: published.id }, adminA)).rejects.toMatchObject({ code: 'PROCEDURE_INVALID_TRANSITION', message: 'La démarche est déjà publiée.' });
      await svc.request(procedureContracts.close, { procedureId: published.id, reason: 'demarche_terminee' }, adminA);
      await expect(svc.request(procedureContracts.close, { procedureId: published.id, reason: 'demarche_terminee' }, adminA)).rejects.toMatchObject({ code: 'PROCEDURE_INVALID_TRANSITION' });
      await expect(svc.request(procedureContracts.depublish, { procedureId: published.id }, adminA)).rejects.toMatchObject({ code: 'PROCEDURE_INVALID_TRANSITION' });
      // Publishing the draft of a closed procedure needs an explicit republication first.
      await svc.request(procedureContracts.updateDraft, { procedureId: published.id, fields: [...sampleFields(), field({ label: 'Nouveau champ' })] }, adminA);
      await expect(svc.request(procedureContracts.publish, { procedureId: published.id }, adminA)).rejects.toMatchObject({
        code: 'PROCEDURE_INVALID_TRANSITION',
        message: 'La démarche est close : republiez-la avant de publier une nouvelle version de son formulaire.',
      });
      expect(await stateOf(published.id)).toBe('close');
      expect(await closedEvents(published.id)).toHaveLength(1);
    });

    it('publishes the draft of a depublished procedure, which makes it published again', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      await svc.request(procedureContracts.depublish, { procedureId: procedure.id }, adminA);
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [...sampleFields(), field({ label: 'Commentaire' })] }, adminA);
      const published = await svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA);
      expect(published.state).toBe('publiee');
      expect(published.publishedRevision?.fields.at(-1)?.label).toBe('Commentaire');
    });
  });

  describe('settings', () => {
    it('has defaults, updates only what is sent, and shows usagers the contact, logo and message', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      expect(procedure.settings).toEqual({ serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' });
      const closesAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
      if (svc.documents === undefined) throw new Error('documents is not running');
      const logoFileId = (await svc.documents.upload(tenantA)).id;
      const contact = { organisation: 'Préfecture du Rhône', email: 'pref@rhone.gouv.fr', phone: '04 72 61 60 60', address: '106 rue Pierre Corneille, 69003 Lyon', openingHours: 'Lundi à vendredi, 9 h – 16 h' };
      const updated = await svc.request(
        procedureContracts.updateSettings,
        { procedureId: procedure.id, serviceContact: contact, logoFileId, closesAt, declarativeMode: 'en_instruction', retentionMonths: 36, expertsAllowed: false, submissionMessage: 'Merci, votre dossier sera étudié sous 15 jours.' },
        adminA,
      );
      expect(updated.closesAt).toBe(closesAt);
      expect(updated.settings).toEqual({ serviceContact: contact, logoFileId, declarativeMode: 'en_instruction', svaSvr: null, retentionMonths: 36, expertsAllowed: false, submissionMessage: 'Merci, votre dossier sera étudié sous 15 jours.' });

      const svaSvr = { decision: 'svr', delay: 2, unit: 'months', resubmission: 'reset' } as const;
      const switched = await svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, declarativeMode: null, svaSvr, logoFileId: null }, adminA);
      expect(switched.settings).toMatchObject({ serviceContact: contact, logoFileId: null, declarativeMode: null, svaSvr, retentionMonths: 36 });
      expect(await svc.request(procedureContracts.get, { procedureId: procedure.id }, instructeurOf(tenantA))).toMatchObject({ settings: switched.settings, closesAt });
      expect(await svc.request(procedureContracts.getStatus, { procedureId: procedure.id }, systemCaller(tenantA))).toEqual({ procedureId: procedure.id, tenantId: tenantA, state: 'publiee', closesAt, settings: switched.settings });
      expect(await svc.request(procedureContracts.getPublic, { procedureId: procedure.id }, {})).toMatchObject({
        state: 'publiee',
        closesAt,
        serviceContact: contact,
        logoFileId: null,
        submissionMessage: 'Merci, votre dossier sera étudié sous 15 jours.',
      });
      await expect(svc.request(procedureContracts.getStatus, { procedureId: procedure.id }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses bad settings field by field, all or nothing', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      await svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, declarativeMode: 'accepte' }, adminA);
      const past = new Date(Date.now() - 60_000).toISOString();
      await expect(
        svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, closesAt: past, svaSvr: { decision: 'sva', delay: 1, unit: 'weeks', resubmission: 'pause' }, retentionMonths: 24 }, adminA),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'Les paramètres de la démarche contiennent des erreurs.',
        fields: { closesAt: 'La date limite de dépôt doit être dans le futur.', svaSvr: expect.stringContaining('Une démarche déclarative') as string },
      });
      const raw = await svc.raw(procedureContracts.updateSettings, JSON.stringify({ procedureId: procedure.id, retentionMonths: 0, submissionMessage: 'x'.repeat(5001) }), adminA);
      expect(raw).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION', fields: { retentionMonths: 'Valeur trop petite (minimum 1).', submissionMessage: 'Au plus 5000 caractères.' } } });
      const after = await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA);
      expect(after.settings).toMatchObject({ declarativeMode: 'accepte', svaSvr: null, retentionMonths: 12, submissionMessage: '' });
      expect(after.closesAt).toBeNull();
      await expect(svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, retentionMonths: 24 }, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('changes the public path, refusing one taken by any tenant’s procedure with a message on `path`', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const other = await svc.createProcedure(tenantB);
      await expect(svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, path: other.path, retentionMonths: 6 }, adminA)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: 'Cette adresse est déjà utilisée par une autre démarche.',
        fields: { path: 'Cette adresse est déjà utilisée.' },
      });
      expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).settings.retentionMonths).toBe(12);
      // Its own path is not "taken".
      await expect(svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, path: procedure.path }, adminA)).resolves.toMatchObject({ path: procedure.path });
      const path = uniquePath('nouvelle-adresse');
      const moved = await svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, path }, adminA);
      expect(moved.path).toBe(path);
      expect(await svc.request(procedureContracts.getPublic, { path }, {})).toMatchObject({ id: procedure.id });
      // The old link keeps answering the procedure, with its current path (see procedure-former-paths.int-spec.ts).
      expect(await svc.request(procedureContracts.getPublic, { path: procedure.path }, {})).toMatchObject({ id: procedure.id, path });
    });

    it('settles two concurrent changes to the same path with the unique index: one wins, the other gets the path error', async () => {
      const first = await svc.createProcedure(tenantA);
      const second = await svc.createProcedure(tenantB);
      const path = uniquePath('course');
      const results = await Promise.allSettled([
        svc.request(procedureContracts.updateSettings, { procedureId: first.id, path }, adminA),
        svc.request(procedureContracts.updateSettings, { procedureId: second.id, path }, adminB),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((result) => result.status === 'rejected');
      expect(refused?.reason).toMatchObject({ code: 'CONFLICT', fields: { path: 'Cette adresse est déjà utilisée.' } });
    });
  });

  describe('deadline', () => {
    let sweeper: ProcedureDeadlineSweeper;
    beforeAll(() => {
      const app = svc.platform.apps.get('procedures');
      if (app === undefined) throw new Error('procedures did not start');
      sweeper = app.get(ProcedureDeadlineSweeper);
    });

    it('closes published procedures past their deadline, once, with an automatic procedure.closed', async () => {
      const expired = await svc.createProcedure(tenantA, { publish: true });
      const future = await svc.createProcedure(tenantA, { publish: true });
      const depublished = await svc.createProcedure(tenantA, { publish: true });
      await svc.request(procedureContracts.depublish, { procedureId: depublished.id }, adminA);
      await svc.request(procedureContracts.updateSettings, { procedureId: future.id, closesAt: new Date(Date.now() + 3_600_000).toISOString() }, adminA);
      await svc.sql(`update procedures.procedure set closes_at = now() - interval '1 minute' where id = any($1::uuid[])`, [[expired.id, depublished.id]]);

      await sweeper.sweep();
      await sweeper.sweep();

      const closed: Procedure = await svc.request(procedureContracts.get, { procedureId: expired.id }, adminA);
      expect(closed.state).toBe('close');
      expect(closed.closure).toMatchObject({ reason: 'date_limite_atteinte', details: null, replacementProcedureId: null, replacementPath: null, automatic: true });
      const rows = await closedEvents(expired.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.envelope).toMatchObject({ tenantId: tenantA, actor: null, data: { procedureId: expired.id, reason: 'date_limite_atteinte', automatic: true } });
      expect(await stateOf(future.id)).toBe('publiee');
      expect(await stateOf(depublished.id)).toBe('depubliee');
      expect(await closedEvents(future.id)).toHaveLength(0);
      expect(await svc.request(procedureContracts.getPublic, { procedureId: expired.id }, {})).toMatchObject({ state: 'close', closure: { reason: 'date_limite_atteinte' } });

      // Republishing is refused while the deadline is behind; pushing it back allows it.
      await expect(svc.request(procedureContracts.republish, { procedureId: expired.id }, adminA)).rejects.toMatchObject({
        code: 'PROCEDURE_INVALID',
        fields: { closesAt: 'Repoussez la date limite de dépôt ou retirez-la.' },
      });
      await svc.request(procedureContracts.updateSettings, { procedureId: expired.id, closesAt: null }, adminA);
      await expect(svc.request(procedureContracts.republish, { procedureId: expired.id }, adminA)).resolves.toMatchObject({ state: 'publiee', closure: null });
    });

    it('shares the work between sweepers running at once: each expired procedure is closed exactly once', async () => {
      const procedures = await Promise.all(Array.from({ length: 6 }, () => svc.createProcedure(tenantB, { publish: true })));
      const ids = procedures.map((procedure) => procedure.id);
      await svc.sql(`update procedures.procedure set closes_at = now() - interval '1 second' where id = any($1::uuid[])`, [ids]);
      await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
      const rows = await svc.sql<{ procedure_id: string; events: string }>(
        `select envelope->'data'->>'procedureId' as procedure_id, count(*) as events from procedures.outbox_event where subject = $1 and envelope->'data'->>'procedureId' = any($2::text[]) group by 1`,
        [procedureEvents.closed.subject, ids],
      );
      expect(rows.map((row) => [row.procedure_id, Number(row.events)]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
      for (const id of ids) expect(await stateOf(id)).toBe('close');
    });
  });

  describe('diff', () => {
    it('lists what the draft changes against the published revision, for agents of the tenant', async () => {
      const fresh = await svc.createProcedure(tenantA, { fields: true });
      const unpublished = await svc.request(procedureContracts.diff, { procedureId: fresh.id }, adminA);
      expect(unpublished.publishedRevisionId).toBeNull();
      expect(unpublished.changes.map((change) => change.kind)).toEqual(fresh.draftRevision.fields.map(() => 'added'));

      const procedure = await svc.createProcedure(tenantA, { publish: true });
      expect((await svc.request(procedureContracts.diff, { procedureId: procedure.id }, adminA)).changes).toEqual([]);
      const fields = procedure.draftRevision.fields;
      const [first, second, ...rest] = fields;
      if (first === undefined || second === undefined) throw new Error('sample fields missing');
      const added = field({ label: 'Site internet' });
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [first, { ...second, label: 'Nom complet de l’association' }, ...rest.slice(1), added] }, adminA);
      const diff = await svc.request(procedureContracts.diff, { procedureId: procedure.id }, adminA);
      expect(diff.publishedRevisionId).toBe(procedure.publishedRevision?.id);
      expect(diff.draftRevisionId).toBe(procedure.draftRevision.id);
      expect(diff.changes.map((change) => [change.kind, change.stableId]).sort()).toEqual(
        [
          ['added', added.stableId],
          ['changed', second.stableId],
          ['removed', rest[0]?.stableId],
        ].sort(),
      );
      expect(diff.changes.find((change) => change.kind === 'changed')?.changes).toEqual([
        expect.objectContaining({ attribute: 'label', from: second.label, to: 'Nom complet de l’association' }),
      ]);
      await expect(svc.request(procedureContracts.diff, { procedureId: procedure.id }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
