import { waitFor } from '@guichet/platform-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aField, aProcedure, mailTemplates } from '../factories';
import { addToDefaultGroup, aTenantWithAgents, newClient, signUp, waitForMail, type TenantAgents } from './support/platform';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/**
 * An administrateur tries the procedure before publishing it: colleagues file test dossiers through
 * its test link, with the draft form as it is being edited; the publication deletes them.
 */
describe('test dossiers on a procedure in brouillon', () => {
  let tenant: TenantAgents;

  beforeAll(async () => {
    tenant = await aTenantWithAgents();
  });

  it('files test dossiers through the test link, follows the draft, and deletes them at publication', async () => {
    const name = aField('text', 'Nom de l’association');
    const created = await tenant.admin.post<{ id: string; path: string; draftRevision: { id: string } }>('/api/admin/procedures', aProcedure({ title: 'Subvention de fonctionnement' }));
    expect(created.status).toBe(201);
    const { id: procedureId, path } = created.body;
    expect((await tenant.admin.patch(`/api/admin/procedures/${procedureId}`, { fields: [name] })).status).toBe(200);
    expect((await tenant.admin.put(`/api/admin/procedures/${procedureId}/templates`, { mailTemplates, attestationTemplates: [] })).status).toBe(200);
    await addToDefaultGroup(tenant.admin, procedureId, [tenant.instructeurEmail]);

    const { client: tester, account } = await signUp();
    // Not public yet: only the test link shows it, to signed-in accounts.
    expect((await tester.get(`/api/public/procedures/${path}`)).status).toBe(404);
    const testRead = await tester.get<{ state: string; fields: { stableId: string }[] }>(`/api/test/procedures/${path}`);
    expect(testRead.status).toBe(200);
    expect(testRead.body).toMatchObject({ state: 'brouillon', fields: [expect.objectContaining({ stableId: name.stableId })] });

    const refused = await tester.post<ErrorBody>('/api/dossiers', { procedureId });
    expect(refused.status).toBe(404);
    const dossier = await tester.post<{ id: string; number: number; test: boolean; revisionId: string }>('/api/dossiers', { procedureId, test: true });
    expect(dossier.status).toBe(201);
    expect(dossier.body).toMatchObject({ test: true, revisionId: created.body.draftRevision.id });
    const dossierId = dossier.body.id;

    // The administrateur adds a mandatory field while the test goes on: the dossier's form follows.
    const city = aField('text', 'Commune du siège');
    expect((await tenant.admin.patch(`/api/admin/procedures/${procedureId}`, { fields: [name, city] })).status).toBe(200);
    const form = await tester.get<{ fields: { stableId: string }[]; test: boolean }>(`/api/dossiers/${dossierId}/form`);
    expect(form.body.fields.map((field) => field.stableId)).toEqual([name.stableId, city.stableId]);
    expect((await tester.patch(`/api/dossiers/${dossierId}/values`, { values: { [name.stableId]: 'Les Amis du Vieux Lyon' } })).status).toBe(200);
    const incomplete = await tester.post<ErrorBody>(`/api/dossiers/${dossierId}/submit`);
    expect(incomplete.status).toBe(422);
    expect(Object.keys(incomplete.body.error.fields ?? {})).toEqual([`values.${city.stableId}`]);
    expect((await tester.patch(`/api/dossiers/${dossierId}/values`, { values: { [city.stableId]: 'Lyon' } })).status).toBe(200);
    const submitted = await tester.post<{ state: string }>(`/api/dossiers/${dossierId}/submit`);
    expect(submitted.body.state).toBe('en_construction');
    await waitForMail('acknowledgement of the test dossier', (mail) => mail.to.includes(account.email) && mail.subject.includes(`n° ${dossier.body.number} déposé`));
    // The instructeurs of its group see it, flagged.
    const listed = await tenant.instructeur.get<{ items: { id: string; test?: boolean }[] }>(`/api/instructeur/procedures/${procedureId}/dossiers`);
    expect(listed.body.items.map((item) => item.id)).toContain(dossierId);
    expect((await tester.get<{ items: { id: string; test: boolean }[] }>('/api/usager/dossiers')).body.items).toEqual([expect.objectContaining({ id: dossierId, test: true })]);

    const published = await tenant.admin.post(`/api/admin/procedures/${procedureId}/publish`);
    expect(published.status).toBe(200);
    await waitFor(async () => (await tester.get(`/api/dossiers/${dossierId}`)).status === 404, { description: 'the test dossier deleted' });
    expect((await tester.get<{ items: unknown[] }>('/api/usager/dossiers')).body.items).toEqual([]);
    expect((await tester.get(`/api/dossiers/${dossierId}/messages`)).status).toBe(404);

    // Published: the test link sends to the public read; new test dossiers are refused; real ones start.
    expect((await tester.get<{ state: string }>(`/api/test/procedures/${path}`)).body.state).toBe('publiee');
    const late = await tester.post<ErrorBody>('/api/dossiers', { procedureId, test: true });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('PROCEDURE_NOT_IN_TEST');
    const real = await tester.post<{ test: boolean }>('/api/dossiers', { procedureId });
    expect(real.status).toBe(201);
    expect(real.body.test).toBe(false);
  });

  it('asks to sign in for the test link, and answers 404 for an unknown one', async () => {
    const anonymous = await newClient().get<ErrorBody>('/api/test/procedures/personne-ne-porte-ce-nom');
    expect(anonymous.status).toBe(401);
    const { client } = await signUp();
    expect((await client.get('/api/test/procedures/personne-ne-porte-ce-nom')).status).toBe(404);
  });
});
