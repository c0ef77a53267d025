import { extractPdfText, waitFor } from '@guichet/platform-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aField, aPdf, acceptanceAttestation, mailTemplates, unique } from '../factories';
import type { ApiClient } from './support/http-client';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, operatorClient, signIn, signUp, waitForMail, type PublishedProcedure, type TenantAgents } from './support/platform';

type DossierBody = { id: string; state: string; annotations?: Record<string, unknown>; annotationUpdatedBy?: string | null };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

/**
 * Private annotations through the gateway, every service running: the instructeur fills them one by
 * one, accepting waits for the mandatory one, and their values reach the acceptance e-mail and the
 * attestation, while the usager and the expert never see them.
 */
describe('private annotations: saved by the instructeur, shown in the attestation and the e-mail, hidden from the usager and the expert', () => {
  let tenant: TenantAgents;
  let other: TenantAgents;
  let procedure: PublishedProcedure;
  let usager: ApiClient;
  let usagerEmail: string;
  let dossier: { id: string; number: number };
  const amount = aField('integer_number', 'Montant accordé', { options: { min: 0, max: 100_000 } });
  const reference = aField('text', 'Référence du comité', { mandatory: false });

  beforeAll(async () => {
    [tenant, other] = await Promise.all([aTenantWithAgents(), aTenantWithAgents()]);
    procedure = await aPublishedProcedure(tenant);
    // The administrateur adds two annotations and uses them in the acceptance e-mail and attestation, then republishes.
    const updated = await tenant.admin.patch(`/api/admin/procedures/${procedure.id}`, { annotations: [amount, reference] });
    expect(updated.status).toBe(200);
    const templates = await tenant.admin.put(`/api/admin/procedures/${procedure.id}/templates`, {
      mailTemplates: { ...mailTemplates, closed: { subject: 'Dossier n° --numéro du dossier-- accepté', body: 'Subvention accordée : --Montant accordé-- euros (comité --Référence du comité--).' } },
      attestationTemplates: [{ ...acceptanceAttestation, body: `${acceptanceAttestation.body} Montant accordé : --Montant accordé-- euros, comité --Référence du comité--.` }],
    });
    expect(templates.status, JSON.stringify(templates.body)).toBe(200);
    const published = await tenant.admin.post(`/api/admin/procedures/${procedure.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    const signedUp = await signUp();
    usager = signedUp.client;
    usagerEmail = signedUp.account.email;
    dossier = await aSubmittedDossier(usager, procedure, aPdf('Titre de propriété'));
    const instructed = await tenant.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'passer_en_instruction' });
    expect(instructed.status).toBe(200);
  });

  const saveAs = (client: ApiClient, stableId: string, value: unknown) => client.put<DossierBody & ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/annotations/${stableId}`, { value });

  it('the agents read the annotation fields with the form; the usager does not', async () => {
    const agentForm = await tenant.instructeur.get<{ annotations?: { label: string }[] }>(`/api/dossiers/${dossier.id}/form`);
    expect(agentForm.body.annotations?.map((annotation) => annotation.label)).toEqual(['Montant accordé', 'Référence du comité']);
    const usagerForm = await usager.get<Record<string, unknown>>(`/api/dossiers/${dossier.id}/form`);
    expect(usagerForm.status).toBe(200);
    expect(usagerForm.body).not.toHaveProperty('annotations');
  });

  it('refuses bad input field by field, in French, and callers who may not instruct the dossier', async () => {
    const wrongType = await saveAs(tenant.instructeur, amount.stableId, 'beaucoup');
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { [`annotations.${amount.stableId}`]: expect.any(String) as string } });
    const unknown = await saveAs(tenant.instructeur, procedure.fields.text, 'Autre');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toEqual({ [`annotations.${procedure.fields.text}`]: 'Annotation inconnue.' });
    const noValue = await tenant.instructeur.put<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/annotations/${amount.stableId}`, {});
    expect(noValue.status).toBe(422);
    // A malformed address (a path parameter out of bounds): refused at the edge, as every route does.
    const tooLong = await saveAs(tenant.instructeur, 'x'.repeat(101), 1);
    expect(tooLong.status).toBe(400);

    expect((await saveAs(usager, amount.stableId, 1)).status).toBe(403);
    expect((await saveAs(tenant.admin, amount.stableId, 1)).status).toBe(403);
    expect((await saveAs(other.instructeur, amount.stableId, 1)).status).toBe(404);
    const read = await tenant.instructeur.get<DossierBody>(`/api/dossiers/${dossier.id}`);
    expect(read.body.annotations).toEqual({});
  });

  it('refuses to accept while the mandatory annotation is empty, naming it', async () => {
    await saveAs(tenant.instructeur, reference.stableId, 'CTE-2026-07');
    const refused = await tenant.instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'accepter' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DOSSIER_ANNOTATIONS_INCOMPLETE');
    expect(refused.body.error.message).toContain('« Montant accordé »');
    expect((await tenant.instructeur.get<DossierBody>(`/api/dossiers/${dossier.id}`)).body.state).toBe('en_instruction');
  });

  it('saves annotations one by one; the usager never sees them', async () => {
    const saved = await saveAs(tenant.instructeur, amount.stableId, 1200);
    expect(saved.status).toBe(200);
    expect(saved.body.annotations).toEqual({ [amount.stableId]: 1200, [reference.stableId]: 'CTE-2026-07' });
    expect(saved.body.annotationUpdatedBy).toBe(tenant.instructeurEmail);
    const asUsager = await usager.get<Record<string, unknown>>(`/api/dossiers/${dossier.id}`);
    expect(asUsager.body).not.toHaveProperty('annotations');
    expect(JSON.stringify(asUsager.body)).not.toContain('CTE-2026-07');
  });

  it('never shows them to an expert asked for an avis', async () => {
    const expertEmail = `${unique('expert')}@example.fr`;
    const requested = await tenant.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/avis`, { expertEmail, introduction: 'Votre avis sur le montant ?', confidential: false });
    expect(requested.status).toBe(201);
    const created = await (await operatorClient()).post('/api/operator/experts', { email: expertEmail, password: 'Expert-mot-de-passe-2026', firstName: 'Jean', lastName: 'Expert' });
    expect(created.status).toBe(201);
    const expert = await signIn(expertEmail, 'Expert-mot-de-passe-2026');
    const seen = await expert.get<Record<string, unknown>>(`/api/expert/dossiers/${dossier.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('annotations');
    expect(seen.body).not.toHaveProperty('annotationUpdatedBy');
    expect(JSON.stringify(seen.body)).not.toContain('CTE-2026-07');
  });

  it('accepts; the e-mail and the attestation show the annotations’ values', async () => {
    const accepted = await tenant.instructeur.post<DossierBody>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'accepter', motivation: 'Dossier conforme' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepte');
    // Decided: the annotations are closed until the dossier returns to instruction.
    expect((await saveAs(tenant.instructeur, amount.stableId, 1)).status).toBe(409);

    const mail = await waitForMail('acceptance e-mail', (m) => m.to.includes(usagerEmail) && m.subject.includes(`n° ${dossier.number} accepté`));
    expect(mail.text).toContain('Subvention accordée : 1');
    expect(mail.text).toMatch(/Subvention accordée : 1\s?200 euros \(comité CTE-2026-07\)\./u);

    const redirect = await waitFor(
      async () => {
        const response = await usager.get(`/api/dossiers/${dossier.id}/attestation`);
        return response.status === 302 ? response : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'attestation ready' },
    );
    const pdf = Buffer.from(await (await fetch(redirect.headers.get('location') ?? '')).arrayBuffer());
    const text = (await extractPdfText(pdf)).replace(/\s+/gu, ' ');
    expect(text).toContain('CTE-2026-07');
    expect(text).toMatch(/Montant accordé : 1\s?200 euros/u);
  });
});
