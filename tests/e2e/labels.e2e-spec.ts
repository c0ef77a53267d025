import { expectEventually } from '@guichet/platform-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aPdf } from '../factories';
import type { ApiClient } from './support/http-client';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, operatorClient, signIn, signUp, type PublishedProcedure, type TenantAgents } from './support/platform';

interface LabelBody {
  id: string;
  name: string;
  color: string;
  version: number;
}
interface DossierBody {
  id: string;
  labels?: { id: string; name: string; color: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/**
 * Labels (« étiquettes ») through the gateway with every service running: the administrateur
 * defines them, the instructeur puts them on a dossier; agents see them, the usager and the expert
 * never; a rename and a deletion reach the dossier through the events.
 */
describe('labels: defined by the administrateur, put on dossiers by the instructeur, seen by agents only', () => {
  let tenant: TenantAgents;
  let other: TenantAgents;
  let procedure: PublishedProcedure;
  let usager: ApiClient;
  let expert: ApiClient;
  let dossier: { id: string; number: number };
  let urgent: LabelBody;
  let complet: LabelBody;

  beforeAll(async () => {
    [tenant, other] = await Promise.all([aTenantWithAgents(), aTenantWithAgents()]);
    procedure = await aPublishedProcedure(tenant);
    usager = (await signUp()).client;
    dossier = await aSubmittedDossier(usager, procedure, aPdf('Titre de propriété'));

    // An expert asked for an avis on the dossier reads it (without labels).
    const expertEmail = `expert-etiquettes-${Date.now()}@example.fr`;
    expect((await (await operatorClient()).post('/api/operator/experts', { email: expertEmail, password: 'Expert-mot-de-passe-2026', firstName: 'Exp', lastName: 'Ert' })).status).toBe(201);
    expect((await tenant.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/avis`, { expertEmail, introduction: 'Votre avis ?', confidential: false })).status).toBe(201);
    expert = await signIn(expertEmail, 'Expert-mot-de-passe-2026');
  });

  it('the administrateur creates labels; a name taken (case and accents ignored) is refused on the field', async () => {
    const created = await tenant.admin.post<LabelBody>(`/api/admin/procedures/${procedure.id}/labels`, { name: 'Urgent', color: 'pink-tuile' });
    expect(created.status).toBe(201);
    urgent = created.body;
    complet = (await tenant.admin.post<LabelBody>(`/api/admin/procedures/${procedure.id}/labels`, { name: 'Complet', color: 'green-bourgeon' })).body;
    const taken = await tenant.admin.post<ErrorBody>(`/api/admin/procedures/${procedure.id}/labels`, { name: 'URGENT', color: 'blue-ecume' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toEqual({ name: 'Ce nom est déjà pris.' });
    const listed = await tenant.instructeur.get<{ items: LabelBody[] }>(`/api/instructeur/procedures/${procedure.id}/labels`);
    expect(listed.body.items.map((label) => label.name)).toEqual(['Complet', 'Urgent']);
    // Another administration's agents do not see the procedure.
    expect((await other.admin.get(`/api/admin/procedures/${procedure.id}/labels`)).status).toBe(404);
    expect((await other.instructeur.get(`/api/instructeur/procedures/${procedure.id}/labels`)).status).toBe(404);
  });

  it('the instructeur puts them on the dossier; agents see them, the usager and the expert do not', async () => {
    const added = await tenant.instructeur.post<DossierBody>(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: urgent.id });
    expect(added.status).toBe(200);
    expect(added.body.labels).toEqual([{ id: urgent.id, name: 'Urgent', color: 'pink-tuile' }]);
    expect((await tenant.instructeur.post<DossierBody>(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: urgent.id })).body.labels).toHaveLength(1);
    await tenant.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: complet.id });

    const asInstructeur = await tenant.instructeur.get<DossierBody>(`/api/dossiers/${dossier.id}`);
    expect(asInstructeur.body.labels?.map((label) => label.name)).toEqual(['Complet', 'Urgent']);
    const asAdmin = await tenant.admin.get<DossierBody>(`/api/dossiers/${dossier.id}`);
    expect(asAdmin.body.labels?.map((label) => label.name)).toEqual(['Complet', 'Urgent']);
    const asUsager = await usager.get<DossierBody>(`/api/dossiers/${dossier.id}`);
    expect(asUsager.status).toBe(200);
    expect(asUsager.body).not.toHaveProperty('labels');
    const asExpert = await expert.get<DossierBody>(`/api/expert/dossiers/${dossier.id}`);
    expect(asExpert.status).toBe(200);
    expect(asExpert.body).not.toHaveProperty('labels');

    const removed = await tenant.instructeur.delete<DossierBody>(`/api/instructeur/dossiers/${dossier.id}/labels/${complet.id}`);
    expect(removed.body.labels?.map((label) => label.name)).toEqual(['Urgent']);
    expect((await tenant.instructeur.delete<DossierBody>(`/api/instructeur/dossiers/${dossier.id}/labels/${complet.id}`)).status).toBe(200);
  });

  it('refuses a label of another administration’s procedure on the field (422 in French), and anyone who does not instruct the dossier', async () => {
    const foreignProcedure = await aPublishedProcedure(other);
    const foreign = (await other.admin.post<LabelBody>(`/api/admin/procedures/${foreignProcedure.id}/labels`, { name: 'Étrangère', color: 'brown-opera' })).body;
    const refused = await tenant.instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: foreign.id });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { labelId: 'Choisissez une étiquette de cette démarche.' } });
    // The other administration's instructeur does not see the dossier; its usager does not instruct it.
    expect((await other.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: urgent.id })).status).toBe(404);
    expect((await usager.post(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: urgent.id })).status).toBe(403);
    expect((await tenant.admin.post(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: urgent.id })).status).toBe(403);
  });

  it('a clone of the procedure takes its labels (new ids, same names and colours): its dossiers take them, its dashboard filters on them', async () => {
    const cloned = await tenant.admin.post<{ id: string; path: string; draftRevision: { fields: { stableId: string }[] } }>(`/api/admin/procedures/${procedure.id}/clone`, {
      path: `copie-etiquettes-${Date.now()}`,
      title: 'Copie avec ses étiquettes',
      parts: { fields: true, templates: true, groups: true, settings: true },
    });
    expect(cloned.status).toBe(201);
    const labels = (await tenant.instructeur.get<{ items: LabelBody[] }>(`/api/instructeur/procedures/${cloned.body.id}/labels`)).body.items;
    expect(labels.map((label) => [label.name, label.color, label.version])).toEqual([
      ['Complet', 'green-bourgeon', 1],
      ['Urgent', 'pink-tuile', 1],
    ]);
    expect(labels.map((label) => label.id)).not.toContain(urgent.id);
    expect(labels.map((label) => label.id)).not.toContain(complet.id);

    expect((await tenant.admin.post(`/api/admin/procedures/${cloned.body.id}/publish`)).status).toBe(200);
    const [text, date, piece] = cloned.body.draftRevision.fields.map((field) => field.stableId);
    const copy: PublishedProcedure = { id: cloned.body.id, path: cloned.body.path, fields: { text: text ?? '', date: date ?? '', piece: piece ?? '' } };
    const copyDossier = await aSubmittedDossier(usager, copy, aPdf('Titre de propriété'));
    const copyUrgent = labels.find((label) => label.name === 'Urgent');
    const added = await tenant.instructeur.post<DossierBody>(`/api/instructeur/dossiers/${copyDossier.id}/labels`, { labelId: copyUrgent?.id });
    expect(added.status).toBe(200);
    expect(added.body.labels).toEqual([{ id: copyUrgent?.id, name: 'Urgent', color: 'pink-tuile' }]);
    // The source's label is another procedure's.
    expect((await tenant.instructeur.post(`/api/instructeur/dossiers/${copyDossier.id}/labels`, { labelId: urgent.id })).status).toBe(422);
    const filtered = await tenant.instructeur.get<{ items: { id: string }[] }>(
      `/api/instructeur/procedures/${copy.id}/tableau?${new URLSearchParams({ onglet: 'tous', filtres: JSON.stringify([{ column: 'label', values: [copyUrgent?.id] }]) }).toString()}`,
    );
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((item) => item.id)).toEqual([copyDossier.id]);
  });

  it('a rename reaches the dossier; a deleted label leaves it', async () => {
    expect((await tenant.admin.patch(`/api/admin/procedures/${procedure.id}/labels/${urgent.id}`, { name: 'Très urgent', color: 'orange-terre-battue' })).status).toBe(200);
    await expectEventually(async () => {
      const read = await tenant.instructeur.get<DossierBody>(`/api/dossiers/${dossier.id}`);
      expect(read.body.labels).toEqual([{ id: urgent.id, name: 'Très urgent', color: 'orange-terre-battue' }]);
    }, { timeoutMs: 15_000, description: 'the renamed label on the dossier' });
    expect((await tenant.admin.delete(`/api/admin/procedures/${procedure.id}/labels/${urgent.id}`)).status).toBe(200);
    await expectEventually(async () => {
      const read = await tenant.instructeur.get<DossierBody>(`/api/dossiers/${dossier.id}`);
      expect(read.body.labels).toEqual([]);
    }, { timeoutMs: 15_000, description: 'the deleted label gone from the dossier' });
    const again = await tenant.instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/labels`, { labelId: urgent.id });
    expect(again.status).toBe(422);
  });
});
