import { beforeAll, describe, expect, it } from 'vitest';
import { aPdf } from '../factories';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, mails, signUp, waitForMail, type TenantAgents } from './support/platform';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/**
 * Across the whole stack: the procedure's `expertsAllowed` setting is enforced by experts, and
 * closing a procedure e-mails the usagers who still have a brouillon on it (dossiers lists them,
 * messaging sends once per address).
 */
describe('procedure settings and closure, seen by instructeurs and usagers', () => {
  let tenant: TenantAgents;

  beforeAll(async () => {
    tenant = await aTenantWithAgents();
  });

  it('refuses avis requests while experts are not allowed on the procedure', async () => {
    const procedure = await aPublishedProcedure(tenant);
    const { client: usager } = await signUp();
    const dossier = await aSubmittedDossier(usager, procedure, aPdf('Titre de propriété'));
    expect((await tenant.admin.patch(`/api/admin/procedures/${procedure.id}/settings`, { expertsAllowed: false })).status).toBe(200);

    const ask = () => tenant.instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossier.id}/avis`, { expertEmail: 'expert-e2e@example.fr', introduction: 'Votre avis ?', confidential: false });
    const refused = await ask();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'EXPERTS_NOT_ALLOWED', message: expect.stringContaining('n’autorise pas') as string });
    expect((await tenant.instructeur.get<{ items: unknown[] }>(`/api/dossiers/${dossier.id}/avis`)).body.items).toEqual([]);

    expect((await tenant.admin.patch(`/api/admin/procedures/${procedure.id}/settings`, { expertsAllowed: true })).status).toBe(200);
    expect((await ask()).status).toBe(201);
  });

  it('e-mails each usager with a brouillon once when the procedure closes, with the replacement’s link', async () => {
    const procedure = await aPublishedProcedure(tenant);
    const replacement = await aPublishedProcedure(tenant);
    const { client: drafter, account } = await signUp();
    for (let i = 0; i < 2; i += 1) expect((await drafter.post('/api/dossiers', { procedureId: procedure.id })).status).toBe(201);
    const { client: submitter, account: submitterAccount } = await signUp();
    await aSubmittedDossier(submitter, procedure, aPdf('Titre de propriété'));

    const closed = await tenant.admin.post(`/api/admin/procedures/${procedure.id}/close`, {
      reason: 'autre_demarche',
      details: 'Les déclarations se font désormais sur la nouvelle démarche.',
      replacementProcedureId: replacement.id,
    });
    expect(closed.status).toBe(200);

    const notice = await waitForMail('the closure notice', (mail) => mail.to.includes(account.email) && mail.subject.includes('est close'));
    expect(notice.subject).toBe('La démarche « Déclaration annuelle des monuments historiques » est close');
    expect(notice.text).toContain('elle est remplacée par une autre démarche');
    expect(notice.text).toContain('Les déclarations se font désormais sur la nouvelle démarche.');
    expect(notice.text).toContain(`/commencer/${replacement.path}`);
    // One e-mail for two brouillons; nothing to the usager whose dossier was submitted.
    await waitForMail('the submitter’s acknowledgement', (mail) => mail.to.includes(submitterAccount.email));
    const all = await mails();
    expect(all.filter((mail) => mail.to.includes(account.email) && mail.subject.includes('est close'))).toHaveLength(1);
    expect(all.filter((mail) => mail.to.includes(submitterAccount.email) && mail.subject.includes('est close'))).toEqual([]);
  });
});
