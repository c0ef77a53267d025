import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentContracts, dossierContracts, expertContracts, exportContracts, GuichetError, messagingContracts, procedureContracts } from '@guichet/contracts';
import { freshEmail, signedUpUsager, tenantWithAgents, testPassword } from '../testing/accounts';
import { aDossier, aFile, anAvis, anExportJob, aPresignedUrl, aProcedure } from '../testing/factories';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; errorId?: string } };

/** Services answer through fakes on the bus; the gateway is real (HTTP, sessions, bus client). */
describe('gateway: routes answered by the services over the bus', () => {
  let gateway: GatewayUnderTest;
  let fakes: FakeServices;
  let usager: { browser: TestBrowser; email: string; id: string };
  let instructeur: TestBrowser;
  let administrateur: TestBrowser;
  let expert: TestBrowser;
  let tenant: { id: string; name: string };
  const expertEmail = freshEmail('expert');

  beforeAll(async () => {
    // A short bus timeout so the 504 case does not wait 10 s.
    gateway = await startGatewayForTest({ BUS_REQUEST_TIMEOUT_MS: '400' });
    fakes = new FakeServices(gateway.bus);
    usager = await signedUpUsager(gateway);
    const agents = await tenantWithAgents(gateway, 'Préfecture API', 'api');
    ({ tenant, administrateur, instructeur } = agents);
    await agents.operator.post('/api/operator/experts', { email: expertEmail, firstName: 'Eve', lastName: 'Experte', password: testPassword });
    expert = new TestBrowser(gateway.app);
    await expert.post('/api/auth/signin', { email: expertEmail, password: testPassword });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  describe('service errors become HTTP errors', () => {
    it('passes the public catalogue through, asked anonymously', async () => {
      const procedure = aProcedure();
      await fakes.on(procedureContracts.listPublic, () => ({ items: [{ id: procedure.id, path: procedure.path, title: procedure.title, description: '', tenant: { id: procedure.tenantId, name: 'Préfecture' }, closesAt: null }] }));
      const response = await new TestBrowser(gateway.app).get<{ items: { id: string }[] }>('/api/public/procedures');
      expect(response.status).toBe(200);
      expect(response.body.items.map((item) => item.id)).toEqual([procedure.id]);
      expect(fakes.lastCall(procedureContracts.listPublic)?.ctx.actor).toBeUndefined();
    });

    it('maps NOT_FOUND from a service to 404 with its French message', async () => {
      await fakes.on(procedureContracts.getPublic, () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      });
      const response = await new TestBrowser(gateway.app).get<ErrorBody>('/api/public/procedures/permis-de-conduire');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Démarche introuvable.' } });
      expect(fakes.lastCall(procedureContracts.getPublic)?.payload).toEqual({ path: 'permis-de-conduire' });
    });

    it('maps a service that does not answer in time to 504 TIMEOUT', async () => {
      await fakes.on(procedureContracts.listPublic, () => new Promise(() => undefined));
      const response = await new TestBrowser(gateway.app).get<ErrorBody>('/api/public/procedures');
      expect(response.status).toBe(504);
      expect(response.body.error.code).toBe('TIMEOUT');
      // The bus subject is not shown to the client.
      expect(response.body.error.message).not.toContain('procedures.');
    });

    it('maps a service that is not running to 503 UNAVAILABLE', async () => {
      // Nothing answers dossiers.dossier.list_mine yet: the fake is registered by a later test.
      const response = await usager.browser.get<ErrorBody>('/api/usager/dossiers');
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('UNAVAILABLE');
    });

    it('passes a service’s INTERNAL errorId through, and answers a reply that breaks its contract as INTERNAL with an errorId', async () => {
      await fakes.on(procedureContracts.list, () => {
        throw new Error('database exploded');
      });
      const internal = await administrateur.get<ErrorBody>('/api/admin/procedures');
      expect(internal.status).toBe(500);
      expect(internal.body.error).toMatchObject({ code: 'INTERNAL', errorId: expect.any(String) as string });
      expect(internal.body.error.message).not.toContain('exploded');

      await fakes.on(procedureContracts.get, () => ({ not: 'a procedure' }) as never);
      const violation = await administrateur.get<ErrorBody>(`/api/admin/procedures/${randomUUID()}`);
      expect(violation.status).toBe(500);
      expect(violation.body.error).toMatchObject({ code: 'INTERNAL', errorId: expect.any(String) as string });
    });

    it('answers 413 for a body that fits the HTTP limit but not a bus message, without sending it', async () => {
      const before = fakes.calls(dossierContracts.updateValues).length;
      const response = await usager.browser.patch<ErrorBody>(`/api/dossiers/${randomUUID()}/values`, { values: { texte: 'x'.repeat(1_045_000) } });
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(fakes.calls(dossierContracts.updateValues).length).toBe(before);
    });

    it('passes field errors of a service through as 422 with the same fields', async () => {
      await fakes.on(dossierContracts.submit, () => {
        throw new GuichetError('VALIDATION_FAILED', 'Le dossier est incomplet.', { 'values.nom': 'Ce champ est obligatoire.' });
      });
      const response = await usager.browser.post<ErrorBody>(`/api/dossiers/${randomUUID()}/submit`);
      expect(response.status).toBe(422);
      expect(response.body.error).toEqual({ code: 'VALIDATION_FAILED', message: 'Le dossier est incomplet.', fields: { 'values.nom': 'Ce champ est obligatoire.' } });
    });
  });

  describe('usager routes', () => {
    it('creates a dossier with the usager’s identity from the account (201)', async () => {
      const procedureId = randomUUID();
      await fakes.on(dossierContracts.create, (payload, ctx) => aDossier({ procedureId: payload.procedureId, usager: { accountId: ctx.actor?.accountId ?? '', ...payload.usager } }));
      const response = await usager.browser.post<{ procedureId: string; usager: { email: string } }>('/api/dossiers', { procedureId });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ procedureId, usager: { email: usager.email } });
      const call = fakes.lastCall(dossierContracts.create);
      expect(call?.payload).toEqual({ procedureId, test: false, usager: { email: usager.email, firstName: 'Camille', lastName: 'Martin' } });
      expect(call?.ctx.actor).toMatchObject({ accountId: usager.id, email: usager.email, roles: ['usager'] });
      expect(call?.ctx.tenantId).toBeUndefined();

      // A test dossier (the test link of a procedure in brouillon) says so.
      await usager.browser.post('/api/dossiers', { procedureId, test: true });
      expect(fakes.lastCall(dossierContracts.create)?.payload).toMatchObject({ procedureId, test: true });
    });

    it('refuses a dossier without session (401) or with an invalid procedure id (422), without asking the service', async () => {
      const before = fakes.calls(dossierContracts.create).length;
      expect((await new TestBrowser(gateway.app).post<ErrorBody>('/api/dossiers', { procedureId: randomUUID() })).status).toBe(401);
      const invalid = await usager.browser.post<ErrorBody>('/api/dossiers', { procedureId: 'abc', usager: { email: 'someone@else.fr' } });
      expect(invalid.status).toBe(422);
      expect(Object.keys(invalid.body.error.fields ?? {}).sort()).toEqual(['_', 'procedureId']);
      expect(fakes.calls(dossierContracts.create).length).toBe(before);
    });

    it('reads, saves values of and lists the usager’s dossiers, shaped for the web app', async () => {
      const dossier = aDossier({ usager: { accountId: usager.id, email: usager.email, firstName: 'Camille', lastName: 'Martin' } });
      await fakes.on(dossierContracts.get, () => dossier);
      await fakes.on(dossierContracts.updateValues, (payload) => ({ ...dossier, values: payload.values }));
      await fakes.on(dossierContracts.listMine, () => ({ items: [dossier] }));
      expect((await usager.browser.get<{ id: string }>(`/api/dossiers/${dossier.id}`)).body.id).toBe(dossier.id);
      const saved = await usager.browser.patch<{ values: Record<string, unknown> }>(`/api/dossiers/${dossier.id}/values`, { values: { champ: 'valeur' } });
      expect(saved.status).toBe(200);
      expect(fakes.lastCall(dossierContracts.updateValues)?.payload).toEqual({ dossierId: dossier.id, values: { champ: 'valeur' } });
      expect((await usager.browser.patch<ErrorBody>(`/api/dossiers/${dossier.id}/values`, { values: 'pas un objet' })).status).toBe(422);
      const mine = await usager.browser.get<{ items: unknown[] }>('/api/usager/dossiers');
      expect(mine.body.items).toEqual([
        { id: dossier.id, number: dossier.number, state: 'brouillon', test: false, procedure: { id: dossier.procedureId, title: dossier.procedureTitle }, updatedAt: dossier.updatedAt, submittedAt: null },
      ]);
    });

    it('redirects to the attestation (302) or answers 409 ATTESTATION_NOT_READY', async () => {
      const dossierId = randomUUID();
      await fakes.on(documentContracts.presignAttestationDownload, () => ({ download: aPresignedUrl('http://127.0.0.1:4568/attestations/a.pdf?sig=1') }));
      const ready = await usager.browser.get(`/api/dossiers/${dossierId}/attestation`);
      expect(ready.status).toBe(302);
      expect(ready.headers.location).toBe('http://127.0.0.1:4568/attestations/a.pdf?sig=1');
      await fakes.on(documentContracts.presignAttestationDownload, () => {
        throw new GuichetError('ATTESTATION_NOT_READY', 'L’attestation n’est pas encore prête.');
      });
      const notReady = await usager.browser.get<ErrorBody>(`/api/dossiers/${dossierId}/attestation`);
      expect(notReady.status).toBe(409);
      expect(notReady.body.error.code).toBe('ATTESTATION_NOT_READY');
    });

    it('redirects to the justificatif of the decision (302), as the caller, or passes 404 through', async () => {
      const dossierId = randomUUID();
      await fakes.on(documentContracts.presignJustificatifDownload, () => ({ file: aFile({ dossierId, purpose: 'justificatif', status: 'safe' }), download: aPresignedUrl('http://127.0.0.1:4568/uploads/j?sig=1') }));
      const ready = await usager.browser.get(`/api/dossiers/${dossierId}/justificatif`);
      expect(ready.status).toBe(302);
      expect(ready.headers.location).toBe('http://127.0.0.1:4568/uploads/j?sig=1');
      expect(fakes.lastCall(documentContracts.presignJustificatifDownload)).toMatchObject({ payload: { dossierId }, ctx: { actor: { accountId: usager.id } } });
      await fakes.on(documentContracts.presignJustificatifDownload, () => {
        throw new GuichetError('NOT_FOUND', 'La décision de ce dossier n’a pas de justificatif.');
      });
      const none = await usager.browser.get<ErrorBody>(`/api/dossiers/${dossierId}/justificatif`);
      expect(none.status).toBe(404);
      expect(none.body.error.message).toBe('La décision de ce dossier n’a pas de justificatif.');
      expect((await new TestBrowser(gateway.app).get(`/api/dossiers/${dossierId}/justificatif`)).status).toBe(401);
      expect((await usager.browser.get<ErrorBody>('/api/dossiers/pas-un-id/justificatif')).status).toBe(404);
    });

    it('lists and posts messages on a dossier', async () => {
      const dossierId = randomUUID();
      const message = { id: randomUUID(), dossierId, body: 'Bonjour', author: { accountId: usager.id, email: usager.email, role: 'usager' as const }, attachmentFileId: null, createdAt: new Date().toISOString() };
      await fakes.on(messagingContracts.list, () => ({ items: [message] }));
      await fakes.on(messagingContracts.post, () => message);
      expect((await usager.browser.get<{ items: unknown[] }>(`/api/dossiers/${dossierId}/messages`)).body.items).toHaveLength(1);
      const posted = await usager.browser.post(`/api/dossiers/${dossierId}/messages`, { body: 'Bonjour' });
      expect(posted.status).toBe(201);
      expect(fakes.lastCall(messagingContracts.post)?.payload).toEqual({ dossierId, body: 'Bonjour' });
      const empty = await usager.browser.post<ErrorBody>(`/api/dossiers/${dossierId}/messages`, { body: '   ' });
      expect(empty.status).toBe(422);
      expect(empty.body.error.fields?.body).toBeTruthy();
    });

    it('presigns uploads (201), confirms them, and redirects downloads (302)', async () => {
      const file = aFile();
      await fakes.on(documentContracts.presignUpload, () => ({ file, upload: aPresignedUrl('http://127.0.0.1:4568/uploads/x', 'PUT') }));
      await fakes.on(documentContracts.confirmUpload, () => ({ ...file, status: 'safe' as const }));
      await fakes.on(documentContracts.presignDownload, () => ({ file, download: aPresignedUrl('http://127.0.0.1:4568/uploads/x?get') }));
      const upload = await usager.browser.post<{ file: { id: string }; upload: { method: string } }>('/api/uploads', { purpose: 'champ', fileName: 'piece.pdf', mimeType: 'application/pdf', size: 1234 });
      expect(upload.status).toBe(201);
      expect(upload.body.upload.method).toBe('PUT');
      expect((await usager.browser.post<{ status: string }>(`/api/uploads/${file.id}/confirm`)).body.status).toBe('safe');
      const download = await usager.browser.get(`/api/files/${file.id}`);
      expect(download.status).toBe(302);
      expect(download.headers.location).toBe('http://127.0.0.1:4568/uploads/x?get');
      const invalid = await usager.browser.post<ErrorBody>('/api/uploads', { purpose: 'virus', fileName: '', mimeType: 'application/pdf', size: -1 });
      expect(invalid.status).toBe(422);
      expect(Object.keys(invalid.body.error.fields ?? {}).sort()).toEqual(['fileName', 'purpose', 'size']);
    });
  });

  describe('administrateur and instructeur routes', () => {
    it('creates a procedure in the session’s tenant, passing the tenant name', async () => {
      await fakes.on(procedureContracts.create, (payload, ctx) => aProcedure({ tenantId: ctx.tenantId ?? randomUUID(), tenantName: payload.tenantName, title: payload.title, path: payload.path }));
      const response = await administrateur.post<{ tenantName: string }>('/api/admin/procedures', { title: 'Inscription au permis', path: 'inscription-permis' });
      expect(response.status).toBe(201);
      expect(response.body.tenantName).toBe('Préfecture API');
      expect(fakes.lastCall(procedureContracts.create)?.payload).toEqual({ title: 'Inscription au permis', path: 'inscription-permis', description: '', tenantName: 'Préfecture API' });
      expect(fakes.lastCall(procedureContracts.create)?.ctx).toMatchObject({ tenantId: tenant.id, actor: { roles: ['usager', 'administrateur'] } });
      const smuggled = await administrateur.post<ErrorBody>('/api/admin/procedures', { title: 'Titre', path: 'chemin-ok', tenantName: 'Autre préfecture' });
      expect(smuggled.status).toBe(422);
    });

    it('edits, sets templates of and publishes a procedure; usagers and instructeurs are refused (403)', async () => {
      const procedure = aProcedure({ tenantId: tenant.id });
      await fakes.on(procedureContracts.updateDraft, () => procedure);
      await fakes.on(procedureContracts.setTemplates, () => procedure);
      await fakes.on(procedureContracts.publish, () => ({ ...procedure, state: 'publiee' as const }));
      const stableId = randomUUID();
      const patch = await administrateur.patch(`/api/admin/procedures/${procedure.id}`, { fields: [{ stableId, type: 'text', label: 'Nom' }] });
      expect(patch.status).toBe(200);
      expect(fakes.lastCall(procedureContracts.updateDraft)?.payload).toEqual({ procedureId: procedure.id, fields: [{ stableId, type: 'text', label: 'Nom', description: '', mandatory: false, options: {} }] });
      const badField = await administrateur.patch<ErrorBody>(`/api/admin/procedures/${procedure.id}`, { fields: [{ stableId, type: 'hologramme', label: '' }] });
      expect(badField.status).toBe(422);
      expect(Object.keys(badField.body.error.fields ?? {}).sort()).toEqual(['fields.0.label', 'fields.0.type']);
      expect((await administrateur.put(`/api/admin/procedures/${procedure.id}/templates`, { attestationTemplates: [] })).status).toBe(200);
      expect((await administrateur.post<{ state: string }>(`/api/admin/procedures/${procedure.id}/publish`)).body.state).toBe('publiee');
      for (const browser of [usager.browser, instructeur]) {
        expect((await browser.post<ErrorBody>(`/api/admin/procedures/${procedure.id}/publish`)).status).toBe(403);
      }
    });

    it('pages an instructeur’s dossiers with validated query parameters', async () => {
      const procedureId = randomUUID();
      await fakes.on(procedureContracts.get, (payload) => aProcedure({ id: payload.procedureId }));
      await fakes.on(dossierContracts.listForProcedure, () => ({ items: [aDossier({ procedureId })], nextCursor: '42' }));
      const page = await instructeur.get<{ nextCursor: string }>(`/api/instructeur/procedures/${procedureId}/dossiers?after=41&limit=10&state=en_construction&state=en_instruction`);
      expect(page.status).toBe(200);
      expect(page.body.nextCursor).toBe('42');
      expect(fakes.lastCall(dossierContracts.listForProcedure)?.payload).toEqual({ procedureId, after: '41', limit: 10, states: ['en_construction', 'en_instruction'] });
      await instructeur.get(`/api/instructeur/procedures/${procedureId}/dossiers`);
      expect(fakes.lastCall(dossierContracts.listForProcedure)?.payload).toEqual({ procedureId, limit: 100 });
      const invalid = await instructeur.get<ErrorBody>(`/api/instructeur/procedures/${procedureId}/dossiers?limit=abc&state=perdu`);
      expect(invalid.status).toBe(422);
      expect(Object.keys(invalid.body.error.fields ?? {}).sort()).toEqual(['limit', 'state']);
      expect((await usager.browser.get(`/api/instructeur/procedures/${procedureId}/dossiers`)).status).toBe(403);
      // Another tenant's procedure looks absent, not empty.
      await fakes.on(procedureContracts.get, () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      });
      expect((await instructeur.get(`/api/instructeur/procedures/${procedureId}/dossiers`)).status).toBe(404);
    });

    it('applies transitions and asks for avis; bad events are 422 and service refusals keep their code', async () => {
      const dossier = aDossier({ tenantId: tenant.id, state: 'en_instruction' });
      await fakes.on(dossierContracts.transition, (payload) => {
        if (payload.event === 'refuser' && !payload.motivation) throw new GuichetError('MOTIVATION_REQUIRED', 'Une motivation est obligatoire pour refuser.');
        return { ...dossier, state: 'accepte' as const };
      });
      const accepted = await instructeur.post<{ state: string }>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'accepter' });
      expect(accepted.body.state).toBe('accepte');
      expect((await instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'refuser' })).body.error.code).toBe('MOTIVATION_REQUIRED');
      expect((await instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'teleporter' })).status).toBe(422);
      expect((await usager.browser.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'accepter' })).status).toBe(403);

      // A decision's justificatif goes through to the dossiers service, which checks it; a malformed id is refused here, on the field.
      const justificatifFileId = randomUUID();
      expect((await instructeur.post(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'accepter', justificatifFileId })).status).toBe(200);
      expect(fakes.lastCall(dossierContracts.transition)?.payload).toEqual({ dossierId: dossier.id, event: 'accepter', justificatifFileId });
      const malformed = await instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'accepter', justificatifFileId: 'arrete.pdf' });
      expect(malformed.status).toBe(422);
      expect(Object.keys(malformed.body.error.fields ?? {})).toEqual(['justificatifFileId']);

      await fakes.on(expertContracts.request, (payload) => anAvis({ dossierId: payload.dossierId, expertEmail: payload.expertEmail, tenantId: tenant.id }));
      const avis = await instructeur.post<{ expertEmail: string }>(`/api/instructeur/dossiers/${dossier.id}/avis`, { expertEmail: ' Expert@Example.FR ', introduction: 'Votre avis ?' });
      expect(avis.status).toBe(201);
      expect(fakes.lastCall(expertContracts.request)?.payload).toEqual({ dossierId: dossier.id, expertEmail: 'expert@example.fr', introduction: 'Votre avis ?', confidential: false });
      await fakes.on(expertContracts.listForDossier, () => ({ items: [anAvis({ dossierId: dossier.id })] }));
      expect((await instructeur.get<{ items: unknown[] }>(`/api/dossiers/${dossier.id}/avis`)).body.items).toHaveLength(1);
    });

    it('creates exports (201), reads them and redirects to a ready file (302); usagers are refused', async () => {
      const job = anExportJob();
      await fakes.on(exportContracts.create, (payload) => ({ ...job, procedureId: payload.procedureId }));
      await fakes.on(exportContracts.get, () => ({ ...job, status: 'ready' as const }));
      await fakes.on(exportContracts.presignDownload, () => ({ download: aPresignedUrl('http://127.0.0.1:4568/exports/e.csv?sig') }));
      const procedureId = randomUUID();
      const created = await instructeur.post<{ procedureId: string }>(`/api/instructeur/procedures/${procedureId}/exports`, { format: 'csv' });
      expect(created.status).toBe(201);
      expect(fakes.lastCall(exportContracts.create)?.payload).toEqual({ procedureId, format: 'csv' });
      expect((await instructeur.post<ErrorBody>(`/api/instructeur/procedures/${procedureId}/exports`, { format: 'xlsx' })).status).toBe(422);
      expect((await instructeur.get<{ status: string }>(`/api/exports/${job.id}`)).body.status).toBe('ready');
      const download = await instructeur.get(`/api/exports/${job.id}/download`);
      expect(download.status).toBe(302);
      expect(download.headers.location).toBe('http://127.0.0.1:4568/exports/e.csv?sig');
      expect((await usager.browser.post(`/api/instructeur/procedures/${procedureId}/exports`, { format: 'csv' })).status).toBe(403);
      expect((await usager.browser.get(`/api/exports/${job.id}/download`)).status).toBe(403);
    });
  });

  describe('expert routes', () => {
    it('lists and answers the expert’s avis; non-experts are refused', async () => {
      const avis = anAvis({ expertEmail });
      await fakes.on(expertContracts.listMine, () => ({ items: [avis] }));
      await fakes.on(expertContracts.answer, (payload) => ({ ...avis, answer: payload.answer, questionAnswer: payload.questionAnswer ?? null, answeredAt: new Date().toISOString() }));
      expect((await expert.get<{ items: unknown[] }>('/api/expert/avis')).body.items).toHaveLength(1);
      expect(fakes.lastCall(expertContracts.listMine)?.ctx.actor).toMatchObject({ email: expertEmail, roles: ['usager', 'expert'] });
      const answered = await expert.post<{ answer: string }>(`/api/expert/avis/${avis.id}/answer`, { answer: 'Favorable.', questionAnswer: true });
      expect(answered.body.answer).toBe('Favorable.');
      expect((await expert.post<ErrorBody>(`/api/expert/avis/${avis.id}/answer`, { answer: '' })).status).toBe(422);
      expect((await usager.browser.get('/api/expert/avis')).status).toBe(403);
      expect((await instructeur.get('/api/expert/avis')).status).toBe(403);
    });

    it('reads the dossier of one of the expert’s avis as the gateway system, in the avis’ tenant', async () => {
      const avisTenant = randomUUID();
      const group = { id: randomUUID(), label: 'Nord' };
      const justificatif = { fileId: randomUUID(), fileName: 'arrete.pdf' };
      // Read as the system, the dossier comes as agents see it, the instructeurs' own data included.
      const dossier = aDossier({
        tenantId: avisTenant,
        state: 'accepte',
        justificatif,
        traitements: [{ id: randomUUID(), event: 'accepter', from: 'en_instruction', to: 'accepte', at: new Date().toISOString(), actorEmail: 'instructeur@example.fr', motivation: 'Conforme.', justificatif }],
        values: { [randomUUID()]: 'Beffroi' },
        groupeInstructeur: group,
        archived: false,
        followers: [{ accountId: randomUUID(), email: 'suiveuse@example.fr' }],
        groupChanges: [{ from: { id: randomUUID(), label: 'Groupe par défaut' }, to: group, at: new Date().toISOString(), actorEmail: 'instructeur@example.fr' }],
        labels: [{ id: randomUUID(), name: 'Urgent', color: 'pink-tuile' }],
        annotations: { [randomUUID()]: 'Note interne' },
        annotationUpdatedAt: new Date().toISOString(),
        annotationUpdatedBy: 'instructeur@example.fr',
        hiddenByAdministrationAt: null,
      });
      const revoked = aDossier();
      await fakes.on(expertContracts.listMine, () => ({ items: [anAvis({ expertEmail, dossierId: dossier.id, tenantId: avisTenant }), anAvis({ expertEmail, dossierId: revoked.id, revokedAt: new Date().toISOString() })] }));
      await fakes.on(dossierContracts.get, (payload) => (payload.dossierId === dossier.id ? dossier : revoked));
      const before = fakes.calls(dossierContracts.get).length;
      const response = await expert.get<Record<string, unknown>>(`/api/expert/dossiers/${dossier.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: dossier.id, state: 'accepte', values: dossier.values, groupeInstructeur: group });
      // What its usager reads, never who follows it, its moves between groups, its labels, the private annotations.
      for (const internal of ['followers', 'groupChanges', 'labels', 'annotations', 'annotationUpdatedAt', 'annotationUpdatedBy', 'hiddenByAdministrationAt']) expect(response.body).not.toHaveProperty(internal);
      expect(JSON.stringify(response.body)).not.toContain('suiveuse@example.fr');
      // The justificatif of the decision is for the usager and the agents: neither on the dossier nor in its history.
      expect(response.body).not.toHaveProperty('justificatif');
      expect(response.body['traitements']).toEqual([expect.objectContaining({ event: 'accepter', motivation: 'Conforme.' })]);
      expect((response.body['traitements'] as Record<string, unknown>[])[0]).not.toHaveProperty('justificatif');
      const call = fakes.lastCall(dossierContracts.get);
      expect(call?.ctx).toMatchObject({ system: 'gateway', tenantId: avisTenant });
      expect(call?.ctx.actor).toBeUndefined();

      // A revoked avis, or a dossier the expert has no avis on: 404, and the dossier is never read.
      expect((await expert.get<ErrorBody>(`/api/expert/dossiers/${revoked.id}`)).status).toBe(404);
      expect((await expert.get<ErrorBody>(`/api/expert/dossiers/${randomUUID()}`)).status).toBe(404);
      expect(fakes.calls(dossierContracts.get).length).toBe(before + 1);
      expect((await usager.browser.get(`/api/expert/dossiers/${dossier.id}`)).status).toBe(403);
    });
  });
});
