import { randomUUID } from 'node:crypto';
import { expertContracts, type BusContext } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAgentOf, anExpert } from '../testing/experts.factories';
import { ExpertsHarness } from '../testing/experts.harness';

/**
 * The procedure's `expertsAllowed` setting, read from procedures (`procedures.procedure.get_status`,
 * a responder on the test's bus client) at each avis request, on real PostgreSQL and NATS.
 */
describe('experts: procedures that do not allow experts', () => {
  let harness: ExpertsHarness;
  const tenantId = randomUUID();
  const instructeur = anAgentOf(tenantId);

  const request = (dossierId: string, expertEmail: string = `expert-${randomUUID().slice(0, 8)}@example.fr`, ctx: BusContext = instructeur) =>
    harness.platform.bus.request(expertContracts.request, { dossierId, expertEmail, introduction: 'Votre avis ?', confidential: false }, ctx);
  const storedAvis = async (dossierId: string) => Number((await harness.query<{ count: string }>('select count(*) from experts.avis where dossier_id = ?', [dossierId]))[0]?.count);
  const requestedEvents = async (dossierId: string) =>
    Number((await harness.query<{ count: string }>(`select count(*) from experts.outbox_event where envelope->'data'->>'dossierId' = ?`, [dossierId]))[0]?.count);

  beforeAll(async () => {
    harness = await ExpertsHarness.start();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('asks procedures as the experts service of the dossier’s tenant, and accepts the request when experts are allowed', async () => {
    const dossier = harness.aDossier(tenantId);
    const avis = await request(dossier.id);
    expect(avis).toMatchObject({ dossierId: dossier.id });
    expect(harness.statusCalls.filter((call) => call.procedureId === dossier.procedureId).map((call) => call.ctx)).toEqual([expect.objectContaining({ system: 'experts', tenantId })]);
  });

  it('refuses with EXPERTS_NOT_ALLOWED when the procedure does not allow experts, creating nothing', async () => {
    const dossier = harness.aDossier(tenantId, { expertsAllowed: false });
    await expect(request(dossier.id)).rejects.toMatchObject({
      code: 'EXPERTS_NOT_ALLOWED',
      message: 'Cette démarche n’autorise pas les demandes d’avis à des experts. Un administrateur de la démarche peut l’activer dans ses paramètres.',
    });
    expect(await storedAvis(dossier.id)).toBe(0);
    expect(await requestedEvents(dossier.id)).toBe(0);
  });

  it('keeps the avis asked before the setting was switched off readable and answerable, and refuses new ones', async () => {
    const dossier = harness.aDossier(tenantId);
    const expert = anExpert();
    const email = expert.actor?.email ?? '';
    const asked = await request(dossier.id, email);
    harness.setExpertsAllowed(dossier.procedureId, false);

    await expect(request(dossier.id, email)).rejects.toMatchObject({ code: 'EXPERTS_NOT_ALLOWED' });
    expect((await harness.platform.bus.request(expertContracts.listForDossier, { dossierId: dossier.id }, instructeur)).items.map((avis) => avis.id)).toEqual([asked.id]);
    expect((await harness.platform.bus.request(expertContracts.listMine, {}, expert)).items.map((avis) => avis.id)).toEqual([asked.id]);
    const answered = await harness.platform.bus.request(expertContracts.answer, { avisId: asked.id, answer: 'Favorable.' }, expert);
    expect(answered).toMatchObject({ id: asked.id, answer: 'Favorable.' });

    // Switched on again: requests are accepted at once (the setting is not cached).
    harness.setExpertsAllowed(dossier.procedureId, true);
    expect(await request(dossier.id, email)).toMatchObject({ dossierId: dossier.id });
  });

  it('answers UNAVAILABLE, creating nothing, when procedures does not answer', async () => {
    const dossier = harness.aDossier(tenantId);
    harness.down.add(dossier.procedureId);
    await expect(request(dossier.id)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('service des démarches ne répond pas') as string });
    expect(await storedAvis(dossier.id)).toBe(0);
    expect(await requestedEvents(dossier.id)).toBe(0);
  });

  it('checks the dossier first: a caller who cannot read it gets NOT_FOUND, not the procedure’s setting', async () => {
    const dossier = harness.aDossier(tenantId, { expertsAllowed: false });
    await expect(request(dossier.id, undefined, anAgentOf(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
