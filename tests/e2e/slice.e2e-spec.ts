import { extractPdfText, waitFor } from '@guichet/platform-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aPdf } from '../factories';
import type { ApiClient } from './support/http-client';
import {
  aPublishedProcedure,
  aSubmittedDossier,
  aTenantWithAgents,
  operatorClient,
  signIn,
  signUp,
  waitForMail,
  type PublishedProcedure,
  type TenantAgents,
} from './support/platform';

/**
 * One dossier carried through every service, through the gateway's HTTP API only, with every
 * service running as its own process (started by the global setup).
 */
describe('one dossier through every service', () => {
  let tenantA: TenantAgents;
  let tenantB: TenantAgents;
  let procedure: PublishedProcedure;
  let usager: ApiClient;
  let usagerEmail: string;
  let dossier: { id: string; number: number };
  const expertEmail = `expert-${Date.now()}@example.fr`;
  const expertPassword = 'Expert-mot-de-passe-2026';

  beforeAll(async () => {
    [tenantA, tenantB] = await Promise.all([aTenantWithAgents(), aTenantWithAgents()]);
  });

  it('an administrateur builds and publishes a procedure with templates and an attestation', async () => {
    procedure = await aPublishedProcedure(tenantA);
    const listed = await tenantA.admin.get<{ id: string; state: string }>(`/api/admin/procedures/${procedure.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.state).toBe('publiee');
    const publicList = await tenantA.admin.get<{ items: { id: string }[] }>('/api/public/procedures');
    expect(publicList.body.items.map((item) => item.id)).toContain(procedure.id);
  });

  it('a usager signs up, files a dossier with an attachment, and gets the acknowledgement e-mail', async () => {
    const signedUp = await signUp();
    usager = signedUp.client;
    usagerEmail = signedUp.account.email;
    dossier = await aSubmittedDossier(usager, procedure, aPdf('Titre de propriété'));
    const read = await usager.get<{ state: string; number: number }>(`/api/dossiers/${dossier.id}`);
    expect(read.body.state).toBe('en_construction');
    const mail = await waitForMail('acknowledgement e-mail', (m) => m.to.includes(usagerEmail) && m.subject.includes(`n° ${dossier.number} déposé`));
    expect(mail.text).toContain(String(dossier.number));
    const mine = await usager.get<{ items: { id: string; state: string }[] }>('/api/usager/dossiers');
    expect(mine.body.items).toEqual([expect.objectContaining({ id: dossier.id, state: 'en_construction' })]);
  });

  it('an instructeur instructs, asks an expert for an avis, the expert answers', async () => {
    const instructed = await tenantA.instructeur.post<{ state: string }>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'passer_en_instruction' });
    expect(instructed.status).toBe(200);
    expect(instructed.body.state).toBe('en_instruction');

    const requested = await tenantA.instructeur.post<{ id: string }>(`/api/instructeur/dossiers/${dossier.id}/avis`, {
      expertEmail,
      introduction: 'Pouvez-vous donner votre avis sur l’état du monument ?',
      confidential: false,
      question: 'Le monument est-il en bon état ?',
    });
    expect(requested.status).toBe(201);
    await waitForMail('expert invitation', (m) => m.to.includes(expertEmail) && m.text.includes(String(dossier.number)));

    // The operator registers the invited expert's account (experts are national accounts).
    const created = await (await operatorClient()).post('/api/operator/experts', { email: expertEmail, password: expertPassword, firstName: 'Jean', lastName: 'Expert' });
    expect(created.status).toBe(201);
    const expert = await signIn(expertEmail, expertPassword);
    const avisList = await expert.get<{ items: { id: string; dossierId: string }[] }>('/api/expert/avis');
    expect(avisList.body.items).toEqual([expect.objectContaining({ id: requested.body.id, dossierId: dossier.id })]);
    const seen = await expert.get<{ number: number }>(`/api/expert/dossiers/${dossier.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.number).toBe(dossier.number);
    const answered = await expert.post(`/api/expert/avis/${requested.body.id}/answer`, { answer: 'Le monument est en bon état.', questionAnswer: true });
    expect(answered.status).toBe(200);
    const avis = await tenantA.instructeur.get<{ items: { answer: string | null; questionAnswer: boolean | null }[] }>(`/api/dossiers/${dossier.id}/avis`);
    expect(avis.body.items).toEqual([expect.objectContaining({ answer: 'Le monument est en bon état.', questionAnswer: true })]);
  });

  it('the instructeur posts a message that the usager reads, then accepts with a motivation', async () => {
    const posted = await tenantA.instructeur.post(`/api/dossiers/${dossier.id}/messages`, { body: 'Merci, votre dossier est complet.' });
    expect(posted.status).toBe(201);
    const messages = await usager.get<{ items: { body: string; author: { role: string } }[] }>(`/api/dossiers/${dossier.id}/messages`);
    expect(messages.body.items).toEqual([expect.objectContaining({ body: 'Merci, votre dossier est complet.', author: expect.objectContaining({ role: 'instructeur' }) as unknown })]);

    const accepted = await tenantA.instructeur.post<{ state: string; motivation: string }>(`/api/instructeur/dossiers/${dossier.id}/transitions`, {
      event: 'accepter',
      motivation: 'Dossier conforme',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepte');
    const mail = await waitForMail('acceptance e-mail', (m) => m.to.includes(usagerEmail) && m.subject.includes(`n° ${dossier.number} accepté`));
    expect(mail.text).toContain('Dossier conforme');
  });

  it('the attestation PDF is generated, and the usager downloads it through the gateway', async () => {
    const redirect = await waitFor(
      async () => {
        const response = await usager.get(`/api/dossiers/${dossier.id}/attestation`);
        return response.status === 302 ? response : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'attestation ready' },
    );
    const location = redirect.headers.get('location');
    expect(location).toBeTruthy();
    const pdf = Buffer.from(await (await fetch(location ?? '')).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await extractPdfText(pdf);
    expect(text).toContain(String(dossier.number));
    expect(text).toContain('Amélie');
    expect(text).toContain('Durand');
  });

  it('the instructeur exports the procedure to CSV with the dossier and its values', async () => {
    const job = await tenantA.instructeur.post<{ id: string }>(`/api/instructeur/procedures/${procedure.id}/exports`, { format: 'csv' });
    expect(job.status).toBe(201);
    await waitFor(
      async () => {
        const state = await tenantA.instructeur.get<{ status: string }>(`/api/exports/${job.body.id}`);
        if (state.body.status === 'failed') throw new Error('export failed');
        return state.body.status === 'ready' ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'export ready' },
    );
    const download = await tenantA.instructeur.get(`/api/exports/${job.body.id}/download`);
    expect(download.status).toBe(302);
    const csv = await (await fetch(download.headers.get('location') ?? '')).text();
    expect(csv).toContain(String(dossier.number));
    expect(csv).toContain('Château de Vincennes');
    expect(csv).toContain('Nom du monument');
  });

  it('an agent of another tenant sees none of it', async () => {
    expect((await tenantB.admin.get(`/api/admin/procedures/${procedure.id}`)).status).toBe(404);
    expect((await tenantB.admin.patch(`/api/admin/procedures/${procedure.id}`, { title: 'Détournée' })).status).toBe(404);
    expect((await tenantB.instructeur.get(`/api/dossiers/${dossier.id}`)).status).toBe(404);
    expect((await tenantB.instructeur.get(`/api/instructeur/procedures/${procedure.id}/dossiers`)).status).toBe(404);
    expect((await tenantB.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'repasser_en_instruction' })).status).toBe(404);
    expect((await tenantB.instructeur.get(`/api/dossiers/${dossier.id}/messages`)).status).toBe(404);
    expect((await tenantB.instructeur.post(`/api/instructeur/procedures/${procedure.id}/exports`, { format: 'csv' })).status).toBe(404);
    const list = await tenantB.admin.get<{ items: { id: string }[] }>('/api/admin/procedures');
    expect(list.body.items.map((item) => item.id)).not.toContain(procedure.id);
  });

  it('a usager cannot read another usager’s dossier, messages or attestation', async () => {
    const { client: other } = await signUp();
    expect((await other.get(`/api/dossiers/${dossier.id}`)).status).toBe(404);
    expect((await other.get(`/api/dossiers/${dossier.id}/messages`)).status).toBe(404);
    expect((await other.post(`/api/dossiers/${dossier.id}/messages`, { body: 'Bonjour' })).status).toBe(404);
    expect((await other.get(`/api/dossiers/${dossier.id}/attestation`)).status).toBe(404);
    expect((await other.post(`/api/dossiers/${dossier.id}/submit`)).status).toBe(404);
    const mine = await other.get<{ items: unknown[] }>('/api/usager/dossiers');
    expect(mine.body.items).toEqual([]);
  });
});
