import { expectEventually } from '@guichet/platform-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aPdf } from '../factories';
import type { ApiClient } from './support/http-client';
import {
  addToDefaultGroup,
  aPublishedProcedure,
  aSubmittedDossier,
  aTenantWithAgents,
  operatorClient,
  signIn,
  signUp,
  upload,
  type PublishedProcedure,
  type TenantAgents,
} from './support/platform';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type DossierRead = { state: string; motivation: string | null; justificatif?: { fileId: string; fileName: string } | null; traitements: { event: string; justificatif?: { fileId: string; fileName: string } | null }[] };

/**
 * The justificatif an instructeur joins to a decision (DS `justificatif_motivation`), through the
 * gateway with every service running: uploaded first like any file, checked when the decision is
 * taken, downloaded by the usager and the agents, never by an expert or a stranger.
 */
describe('the justificatif of a decision', () => {
  let tenant: TenantAgents;
  let procedure: PublishedProcedure;
  let usager: ApiClient;
  let colleague: ApiClient;
  let dossier: { id: string; number: number };
  let otherDossier: { id: string; number: number };
  const expertEmail = `expert-justificatif-${Date.now()}@example.fr`;
  const expertPassword = 'Expert-mot-de-passe-2026';
  const arrete = aPdf('Arrêté de subvention n° 2026-14');

  const transitionsOf = (id: string) => `/api/instructeur/dossiers/${id}/transitions`;

  beforeAll(async () => {
    tenant = await aTenantWithAgents();
    procedure = await aPublishedProcedure(tenant);
    // A second instructeur of the same group: an account added to it by address.
    const signedUp = await signUp();
    colleague = signedUp.client;
    await addToDefaultGroup(tenant.admin, procedure.id, [signedUp.account.email]);
    await expectEventually(async () => {
      const me = await colleague.get<{ account: { roles: string[] } }>('/api/me');
      expect(me.body.account.roles).toContain('instructeur');
    }, { timeoutMs: 15_000, description: 'the colleague becomes an instructeur' });

    usager = (await signUp()).client;
    dossier = await aSubmittedDossier(usager, procedure, aPdf('Titre de propriété'));
    otherDossier = await aSubmittedDossier((await signUp()).client, procedure, aPdf('Titre'), 'Beffroi de Lille');
    for (const id of [dossier.id, otherDossier.id]) expect((await tenant.instructeur.post(transitionsOf(id), { event: 'passer_en_instruction' })).status).toBe(200);
  });

  async function refused(fileId: string, field: string): Promise<void> {
    const response = await tenant.instructeur.post<ErrorBody>(transitionsOf(dossier.id), { event: 'accepter', motivation: 'Conforme.', justificatifFileId: fileId });
    expect(response.status, field).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(response.body.error.fields ?? {})).toEqual(['justificatifFileId']);
    expect(response.body.error.fields?.justificatifFileId).toMatch(/justificatif|fichier/);
    const read = await tenant.instructeur.get<DossierRead>(`/api/dossiers/${dossier.id}`);
    expect(read.body).toMatchObject({ state: 'en_instruction', motivation: null, justificatif: null });
  }

  it('refuses, field-level and deciding nothing, a file of another dossier, someone else’s, an unconfirmed one, an unknown id', async () => {
    const ofOtherDossier = await upload(tenant.instructeur, otherDossier.id, arrete, 'arrete.pdf', 'application/pdf', { purpose: 'justificatif' });
    const ofColleague = await upload(colleague, dossier.id, arrete, 'arrete.pdf', 'application/pdf', { purpose: 'justificatif' });
    const unconfirmed = await upload(tenant.instructeur, dossier.id, arrete, 'arrete.pdf', 'application/pdf', { purpose: 'justificatif', confirm: false });
    const usagersPiece = await tenant.instructeur.get<{ values: Record<string, { fileId: string }[]> }>(`/api/dossiers/${dossier.id}`);
    await refused(ofOtherDossier.fileId, 'another dossier');
    await refused(ofColleague.fileId, 'another instructeur');
    await refused(unconfirmed.fileId, 'unconfirmed');
    await refused('00000000-0000-4000-8000-000000000000', 'unknown');
    await refused(usagersPiece.body.values[procedure.fields.piece]?.[0]?.fileId ?? '', 'the usager’s attachment');
  });

  it('refuses the usager an upload as a decision’s justificatif', async () => {
    const response = await usager.post<ErrorBody>('/api/uploads', { dossierId: dossier.id, purpose: 'justificatif', fileName: 'faux.pdf', mimeType: 'application/pdf', size: 100 });
    expect(response.status).toBe(403);
  });

  it('the instructeur uploads a PDF and accepts with it; the usager sees the decision and downloads the same bytes', async () => {
    const file = await upload(tenant.instructeur, dossier.id, arrete, 'Arrêté de subvention.pdf', 'application/pdf', { purpose: 'justificatif' });
    const accepted = await tenant.instructeur.post<DossierRead>(transitionsOf(dossier.id), { event: 'accepter', motivation: 'Dossier conforme.', justificatifFileId: file.fileId });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepte', justificatif: { fileId: file.fileId, fileName: 'Arrêté de subvention.pdf' } });

    const read = await usager.get<DossierRead>(`/api/dossiers/${dossier.id}`);
    expect(read.body.justificatif).toEqual({ fileId: file.fileId, fileName: 'Arrêté de subvention.pdf' });
    expect(read.body.traitements.at(-1)).toMatchObject({ event: 'accepter', justificatif: { fileId: file.fileId } });

    for (const reader of [usager, tenant.instructeur, tenant.admin, colleague]) {
      const redirect = await reader.get(`/api/dossiers/${dossier.id}/justificatif`);
      expect(redirect.status).toBe(302);
      const downloaded = await fetch(redirect.headers.get('location') ?? '');
      expect(downloaded.status).toBe(200);
      expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(arrete);
    }
  });

  it('an expert with an avis on the dossier, another usager and another administration cannot download it', async () => {
    const requested = await tenant.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/avis`, { expertEmail, introduction: 'Votre avis sur la décision ?', confidential: false });
    expect(requested.status).toBe(201);
    expect((await (await operatorClient()).post('/api/operator/experts', { email: expertEmail, password: expertPassword, firstName: 'Jean', lastName: 'Expert' })).status).toBe(201);
    const expert = await signIn(expertEmail, expertPassword);
    const seen = await expert.get<DossierRead>(`/api/expert/dossiers/${dossier.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('justificatif');
    expect(seen.body.traitements.every((traitement) => !('justificatif' in traitement))).toBe(true);

    expect((await expert.get(`/api/dossiers/${dossier.id}/justificatif`)).status).toBe(404);
    expect((await (await signUp()).client.get(`/api/dossiers/${dossier.id}/justificatif`)).status).toBe(404);
    expect((await (await aTenantWithAgents()).instructeur.get(`/api/dossiers/${dossier.id}/justificatif`)).status).toBe(404);
  });

  it('goes with the decision when the dossier returns to instruction', async () => {
    const reopened = await tenant.instructeur.post<DossierRead>(transitionsOf(dossier.id), { event: 'repasser_en_instruction' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.justificatif).toBeNull();
    const gone = await usager.get<ErrorBody>(`/api/dossiers/${dossier.id}/justificatif`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe('La décision de ce dossier n’a pas de justificatif.');
  });
});
