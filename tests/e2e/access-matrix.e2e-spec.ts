import { expectEventually } from '@guichet/platform-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aPdf } from '../factories';
import type { ApiClient } from './support/http-client';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, operatorClient, signIn, signUp, type PublishedProcedure, type TenantAgents } from './support/platform';

type Actor = 'owner' | 'otherUsager' | 'instructeurOfGroup' | 'instructeurOfOtherGroup' | 'administrateur' | 'agentOfOtherTenant' | 'expert';
type Expected = Record<Actor, number>;

/** Everyone who sees the dossier: its usager, the instructeurs of its group, the administrateurs. */
const seers: Expected = { owner: 200, otherUsager: 404, instructeurOfGroup: 200, instructeurOfOtherGroup: 404, administrateur: 200, agentOfOtherTenant: 404, expert: 404 };

/**
 * Who sees and does what on a dossier, through the gateway, with every service running: the access
 * rules of issue 7 as a matrix of (read or action) × actor. Two instructor groups; routing sends the
 * dossier to the default group, a second one to « Nord ».
 */
describe('access matrix: dossiers are seen by their usager, their group’s instructeurs and the administrateurs', () => {
  let tenant: TenantAgents;
  let other: TenantAgents;
  let procedure: PublishedProcedure;
  let nordGroupId: string;
  let dossier: { id: string; number: number };
  let nordDossier: { id: string; number: number };
  let pieceFileId: string;
  let expertEmail: string;
  const actors = {} as Record<Actor, ApiClient>;

  async function becomesInstructeur(client: ApiClient): Promise<void> {
    await expectEventually(async () => {
      const me = await client.get<{ account: { roles: string[] } }>('/api/me');
      expect(me.body.account.roles).toContain('instructeur');
    }, { timeoutMs: 15_000, description: 'the instructeur role granted by the group membership' });
  }

  beforeAll(async () => {
    [tenant, other] = await Promise.all([aTenantWithAgents(), aTenantWithAgents()]);
    procedure = await aPublishedProcedure(tenant);
    const nord = await tenant.admin.post<{ id: string }>(`/api/admin/procedures/${procedure.id}/groups`, {
      label: 'Nord',
      routingRule: { kind: 'comparison', field: procedure.fields.text, operator: 'eq', value: 'Beffroi de Lille' },
    });
    expect(nord.status).toBe(201);
    nordGroupId = nord.body.id;

    // An usager of the platform added to « Nord » by address becomes an instructeur of the tenant.
    const nordAgent = await signUp();
    const added = await tenant.admin.post(`/api/admin/procedures/${procedure.id}/groups/${nordGroupId}/members`, { members: [{ email: nordAgent.account.email }] });
    expect(added.status).toBe(200);
    await becomesInstructeur(nordAgent.client);

    const owner = await signUp();
    dossier = await aSubmittedDossier(owner.client, procedure, aPdf('Titre de propriété'));
    nordDossier = await aSubmittedDossier((await signUp()).client, procedure, aPdf('Titre'), 'Beffroi de Lille');
    const read = await owner.client.get<{ values: Record<string, { fileId: string }[]>; groupeInstructeur: { id: string } }>(`/api/dossiers/${dossier.id}`);
    pieceFileId = read.body.values[procedure.fields.piece]?.[0]?.fileId ?? '';

    expertEmail = `expert-matrice-${Date.now()}@example.fr`;
    expect((await (await operatorClient()).post('/api/operator/experts', { email: expertEmail, password: 'Expert-mot-de-passe-2026', firstName: 'Exp', lastName: 'Ert' })).status).toBe(201);

    Object.assign(actors, {
      owner: owner.client,
      otherUsager: (await signUp()).client,
      instructeurOfGroup: tenant.instructeur,
      instructeurOfOtherGroup: nordAgent.client,
      administrateur: tenant.admin,
      agentOfOtherTenant: other.instructeur,
      expert: await signIn(expertEmail, 'Expert-mot-de-passe-2026'),
    });
  });

  async function statuses(request: (client: ApiClient) => Promise<{ status: number }>): Promise<Expected> {
    const result = {} as Expected;
    for (const actor of Object.keys(actors) as Actor[]) result[actor] = (await request(actors[actor])).status;
    return result;
  }

  it('routes the dossiers to their groups', async () => {
    const nord = await tenant.admin.get<{ groupeInstructeur: { id: string; label: string } }>(`/api/dossiers/${nordDossier.id}`);
    expect(nord.body.groupeInstructeur).toMatchObject({ id: nordGroupId, label: 'Nord' });
    const main = await tenant.admin.get<{ groupeInstructeur: { label: string } }>(`/api/dossiers/${dossier.id}`);
    expect(main.body.groupeInstructeur.label).toBe('Groupe par défaut');
  });

  it('reads: the dossier, its form, its messages, its pièces', async () => {
    expect(await statuses((client) => client.get(`/api/dossiers/${dossier.id}`))).toEqual(seers);
    expect(await statuses((client) => client.get(`/api/dossiers/${dossier.id}/form`))).toEqual(seers);
    expect(await statuses((client) => client.get(`/api/dossiers/${dossier.id}/messages`))).toEqual(seers);
    expect(await statuses((client) => client.get(`/api/files/${pieceFileId}`))).toEqual({ ...seers, owner: 302, instructeurOfGroup: 302, administrateur: 302 });
  });

  it('reads: the avis are the administration’s (never the usager’s)', async () => {
    expect(await statuses((client) => client.get(`/api/dossiers/${dossier.id}/avis`))).toEqual({ ...seers, owner: 404 });
  });

  it('lists: each instructeur lists the dossiers of their groups; the administrateur all; usagers and experts are refused', async () => {
    const listed = async (client: ApiClient) => {
      const response = await client.get<{ items: { id: string }[] }>(`/api/instructeur/procedures/${procedure.id}/dossiers`);
      return response.status === 200 ? response.body.items.map((item) => item.id).sort() : response.status;
    };
    expect(await listed(actors.instructeurOfGroup)).toEqual([dossier.id]);
    expect(await listed(actors.instructeurOfOtherGroup)).toEqual([nordDossier.id]);
    // Another tenant's procedure does not exist for an agent of this one.
    expect(await listed(actors.agentOfOtherTenant)).toBe(404);
    for (const actor of ['owner', 'otherUsager', 'expert', 'administrateur'] as const) expect(await listed(actors[actor])).toBe(403);
  });

  it('the dashboard: each instructeur counts and pages the dossiers of their groups, the administrateur all of them (read only); another tenant’s procedure is absent', async () => {
    const counts = async (client: ApiClient) => {
      const response = await client.get<{ tous: number }>(`/api/instructeur/procedures/${procedure.id}/counts`);
      return response.status === 200 ? response.body.tous : response.status;
    };
    expect(await counts(actors.instructeurOfGroup)).toBe(1);
    expect(await counts(actors.instructeurOfOtherGroup)).toBe(1);
    expect(await counts(actors.administrateur)).toBe(2);
    expect(await counts(actors.agentOfOtherTenant)).toBe(404);
    for (const actor of ['owner', 'otherUsager', 'expert'] as const) expect(await counts(actors[actor])).toBe(403);
    const administered = await actors.administrateur.get<{ items: { procedureId: string; counts: { tous: number } }[] }>('/api/instructeur/tableau');
    expect(administered.body.items.find((item) => item.procedureId === procedure.id)?.counts.tous).toBe(2);
    const all = await actors.administrateur.get<{ items: { id: string }[] }>(`/api/instructeur/procedures/${procedure.id}/tableau?onglet=tous`);
    expect(all.body.items.map((item) => item.id).sort()).toEqual([dossier.id, nordDossier.id].sort());
    // The group filter offers an administrateur every group, an instructeur theirs.
    const groupLabels = async (client: ApiClient) => (await client.get<{ items: { label: string }[] }>(`/api/instructeur/procedures/${procedure.id}/tableau/groupes`)).body.items.map((group) => group.label);
    expect(await groupLabels(actors.administrateur)).toEqual(['Groupe par défaut', 'Nord']);
    expect(await groupLabels(actors.instructeurOfOtherGroup)).toEqual(['Nord']);
    // Reading is not instructing: an administrateur's read says so, and batches stay the instructeurs'.
    expect((await actors.administrateur.get<{ mayInstruct: boolean }>(`/api/dossiers/${dossier.id}`)).body.mayInstruct).toBe(false);
    expect((await actors.instructeurOfGroup.get<{ mayInstruct: boolean }>(`/api/dossiers/${dossier.id}`)).body.mayInstruct).toBe(true);
    expect((await actors.administrateur.post(`/api/instructeur/procedures/${procedure.id}/lots`, { action: 'suivre', dossierIds: [dossier.id] })).status).toBe(403);
    const page = await actors.instructeurOfGroup.get<{ items: { id: string }[] }>(`/api/instructeur/procedures/${procedure.id}/tableau?onglet=a-suivre&tri=submittedAt&ordre=asc`);
    expect(page.body.items.map((item) => item.id)).toEqual([dossier.id]);
    const mine = await actors.instructeurOfGroup.get<{ items: { procedureId: string }[] }>('/api/instructeur/tableau');
    expect(mine.body.items.map((item) => item.procedureId)).toEqual([procedure.id]);
    // Bad input: a field-level 422 in French, never a 500.
    const bad = await actors.instructeurOfGroup.get<{ error: { code: string; fields: Record<string, string> } }>(`/api/instructeur/procedures/${procedure.id}/tableau?onglet=inconnu&after=forge`);
    expect(bad.status).toBe(422);
  });

  it('acts: saving a private annotation, only by an instructeur of the dossier’s group', async () => {
    // The procedure has no annotation: the instructeur of the group reaches the check (422 on the
    // field); everyone else is stopped before, by role or by scope.
    const saved = await statuses((client) => client.put(`/api/instructeur/dossiers/${dossier.id}/annotations/${procedure.fields.text}`, { value: 'Note' }));
    expect(saved).toEqual({ owner: 403, otherUsager: 403, instructeurOfGroup: 422, instructeurOfOtherGroup: 404, administrateur: 403, agentOfOtherTenant: 404, expert: 403 });
    const read = await actors.instructeurOfGroup.get<{ annotations: Record<string, unknown> }>(`/api/dossiers/${dossier.id}`);
    expect(read.body.annotations).toEqual({});
    const asOwner = await actors.owner.get<Record<string, unknown>>(`/api/dossiers/${dossier.id}`);
    expect(asOwner.body).not.toHaveProperty('annotations');
  });

  it('acts: following the dossier', async () => {
    const followed = await statuses((client) => client.post(`/api/instructeur/dossiers/${dossier.id}/follow`, { follow: true }));
    expect(followed).toEqual({ owner: 403, otherUsager: 403, instructeurOfGroup: 200, instructeurOfOtherGroup: 404, administrateur: 403, agentOfOtherTenant: 404, expert: 403 });
    const read = await actors.instructeurOfGroup.get<{ followers: { email: string }[] }>(`/api/dossiers/${dossier.id}`);
    expect(read.body.followers).toHaveLength(1);
  });

  it('acts: posting a message', async () => {
    const posted = await statuses((client) => client.post(`/api/dossiers/${dossier.id}/messages`, { body: 'Bonjour' }));
    expect(posted).toEqual({ ...seers, owner: 201, instructeurOfGroup: 201, administrateur: 201 });
  });

  it('acts: a transition, only by an instructeur of the dossier’s group (others: forbidden by role, or not found)', async () => {
    const moved = await statuses((client) => client.post(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'repasser_en_construction' }));
    // The instructeur of the group sees it and is told the move is not possible from en_construction.
    expect(moved).toEqual({ owner: 403, otherUsager: 403, instructeurOfGroup: 409, instructeurOfOtherGroup: 404, administrateur: 403, agentOfOtherTenant: 404, expert: 403 });
    const instructed = await actors.instructeurOfGroup.post<{ state: string }>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'passer_en_instruction' });
    expect(instructed.status).toBe(200);
    expect(instructed.body.state).toBe('en_instruction');
  });

  it('keeps brouillons from every agent', async () => {
    const owner = await signUp();
    const draft = await owner.client.post<{ id: string }>('/api/dossiers', { procedureId: procedure.id });
    expect(draft.status).toBe(201);
    expect(await statuses((client) => client.get(`/api/dossiers/${draft.body.id}`))).toEqual({ ...seers, owner: 404, instructeurOfGroup: 404, administrateur: 404 });
    expect((await owner.client.get(`/api/dossiers/${draft.body.id}`)).status).toBe(200);
  });

  it('a reassignment moves visibility at once and stays in the history', async () => {
    const refused = await actors.instructeurOfOtherGroup.post(`/api/instructeur/dossiers/${dossier.id}/groupe`, { groupId: nordGroupId });
    expect(refused.status).toBe(404);
    const moved = await actors.instructeurOfGroup.post<{ groupeInstructeur: { id: string }; groupChanges: { from: { label: string }; to: { label: string } }[] }>(`/api/instructeur/dossiers/${dossier.id}/groupe`, { groupId: nordGroupId });
    expect(moved.status).toBe(200);
    expect(moved.body.groupeInstructeur.id).toBe(nordGroupId);
    expect(moved.body.groupChanges).toEqual([expect.objectContaining({ from: expect.objectContaining({ label: 'Groupe par défaut' }), to: expect.objectContaining({ label: 'Nord' }) })]);
    expect((await actors.instructeurOfGroup.get(`/api/dossiers/${dossier.id}`)).status).toBe(404);
    expect((await actors.instructeurOfOtherGroup.get(`/api/dossiers/${dossier.id}`)).status).toBe(200);
    const unknown = await actors.instructeurOfOtherGroup.post<{ error: { fields: Record<string, string> } }>(`/api/instructeur/dossiers/${dossier.id}/groupe`, { groupId: procedure.id });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toEqual({ groupId: 'Choisissez un groupe de cette démarche.' });
  });

  it('the expert asked for an avis reads the dossier as its usager does: never who follows it nor its moves between groups', async () => {
    // Followed (« acts: following »), then moved to « Nord » (the reassignment above): the agents see both.
    const asAgent = await actors.instructeurOfOtherGroup.get<{ followers: unknown[]; groupChanges: unknown[] }>(`/api/dossiers/${dossier.id}`);
    expect(asAgent.body.followers).toHaveLength(1);
    expect(asAgent.body.groupChanges).toHaveLength(1);
    expect((await actors.expert.get(`/api/expert/dossiers/${dossier.id}`)).status).toBe(404);
    const requested = await actors.instructeurOfOtherGroup.post(`/api/instructeur/dossiers/${dossier.id}/avis`, { expertEmail, introduction: 'Votre avis ?', confidential: false });
    expect(requested.status).toBe(201);
    const asExpert = await actors.expert.get<Record<string, unknown>>(`/api/expert/dossiers/${dossier.id}`);
    expect(asExpert.status).toBe(200);
    expect(asExpert.body).toMatchObject({ id: dossier.id, groupeInstructeur: { id: nordGroupId, label: 'Nord' } });
    for (const internal of ['followers', 'groupChanges', 'labels', 'annotations', 'hiddenByAdministrationAt']) expect(asExpert.body).not.toHaveProperty(internal);
    // Through the dossier route, the expert is no agent of the tenant: not found.
    expect((await actors.expert.get(`/api/dossiers/${dossier.id}`)).status).toBe(404);
  });

  it('takes a removal from a group into account on the very next request', async () => {
    const nordAgent = actors.instructeurOfOtherGroup;
    expect((await nordAgent.get(`/api/dossiers/${nordDossier.id}`)).status).toBe(200);
    const me = await nordAgent.get<{ account: { email: string } }>('/api/me');
    const removed = await tenant.admin.post(`/api/admin/procedures/${procedure.id}/groups/${nordGroupId}/members/remove`, { emails: [me.body.account.email] });
    expect(removed.status).toBe(200);
    expect((await nordAgent.get(`/api/dossiers/${nordDossier.id}`)).status).toBe(404);
    expect((await nordAgent.post(`/api/instructeur/dossiers/${nordDossier.id}/transitions`, { event: 'passer_en_instruction' })).status).toBe(404);
  });

  it('gives the role to an address without an account when that person signs up', async () => {
    const email = `future-instructrice-${Date.now()}@example.fr`;
    const added = await tenant.admin.post(`/api/admin/procedures/${procedure.id}/groups/${nordGroupId}/members`, { members: [{ email }] });
    expect(added.status).toBe(200);
    // The grant is made from the group event; the account may be created before or after it lands.
    const { client, account } = await signUp({ email });
    await expectEventually(async () => {
      // Signing in again takes a grant that landed just after the account was created.
      const session = (await client.get(`/api/dossiers/${nordDossier.id}`)).status === 200 ? client : await signIn(email, account.password);
      expect((await session.get(`/api/dossiers/${nordDossier.id}`)).status).toBe(200);
    }, { timeoutMs: 15_000, description: 'the pending instructeur sees the group’s dossier' });
  });
});
