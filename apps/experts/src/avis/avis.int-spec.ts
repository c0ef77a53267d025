import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { defaultProcedureSettings, dossierContracts, expertContracts, expertEvents, GuichetError, procedureContracts, type BusContext, type Dossier, type RequestOf } from '@guichet/contracts';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';
import { aDossier, anActor, anAgentOf, anExpert } from '../testing/experts.factories';

/**
 * Avis through the bus, on real PostgreSQL and NATS. Dossiers is another service:
 * `dossiers.dossier.get` is answered by a responder on the test's bus client that applies
 * dossiers' rule (owner, agents of the dossier's tenant, a system caller of that tenant, the
 * experts of its avis; anyone else NOT_FOUND). Procedures answers `get_status` for the dossiers'
 * procedures (experts allowed; experts-allowed.int-spec.ts covers the setting) to system callers of
 * their tenant.
 */
describe('experts: avis', () => {
  let platform: TestPlatform;
  const tenantId = randomUUID();
  const otherTenantId = randomUUID();
  const dossiers = new Map<string, Dossier>();
  const expertsOf = new Map<string, Set<string>>();
  const instructeur = anAgentOf(tenantId);
  const administrateur = anAgentOf(tenantId, 'administrateur');
  const otherTenantInstructeur = anAgentOf(otherTenantId);

  const aDossierOfTheTenant = (): { dossier: Dossier; usager: BusContext } => {
    const dossier = aDossier({ tenantId });
    dossiers.set(dossier.id, dossier);
    return { dossier, usager: { actor: anActor(['usager'], { accountId: dossier.usager.accountId, email: dossier.usager.email }) } };
  };
  /** Dossiers lets an expert read the dossiers of their avis. */
  const letExpertRead = (dossierId: string, email: string) => expertsOf.set(dossierId, new Set([...(expertsOf.get(dossierId) ?? []), email.toLowerCase()]));

  const request = (input: Partial<RequestOf<typeof expertContracts.request>> & { dossierId: string }, ctx: BusContext = instructeur) =>
    platform.bus.request(expertContracts.request, { expertEmail: `expert-${randomUUID().slice(0, 8)}@example.fr`, introduction: 'Votre avis sur la toiture ?', confidential: false, ...input }, ctx);
  const answer = (avisId: string, ctx: BusContext, extra: { questionAnswer?: boolean } = {}) =>
    platform.bus.request(expertContracts.answer, { avisId, answer: 'La toiture est saine.', ...extra }, ctx);
  const listForDossier = (dossierId: string, ctx: BusContext) => platform.bus.request(expertContracts.listForDossier, { dossierId }, ctx);
  const listMine = (ctx: BusContext) => platform.bus.request(expertContracts.listMine, {}, ctx);

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const app = platform.apps.get('experts');
    if (!app) throw new Error('experts is not running');
    return (await app.get(MikroORM).em.fork().getConnection().execute(sql, params)) as T[];
  };
  const storedAvis = async (dossierId: string) => Number((await query<{ count: string }>('select count(*) from experts.avis where dossier_id = ?', [dossierId]))[0]?.count);
  const publishedEvents = (subject: string, avisId: string) =>
    waitFor(async () => {
      const rows = await query<{ envelope: { tenantId: string | null; data: Record<string, unknown> } }>(
        `select envelope from experts.outbox_event where subject = ? and published_at is not null and envelope->'data'->>'avisId' = ?`,
        [subject, avisId],
      );
      return rows.length > 0 ? rows.map((row) => row.envelope) : undefined;
    });

  beforeAll(async () => {
    platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }]);
    platform.bus.serve(dossierContracts.get, async ({ dossierId }, ctx) => {
      const dossier = dossiers.get(dossierId);
      const owner = ctx.actor?.accountId === dossier?.usager.accountId;
      const agent = ctx.tenantId === dossier?.tenantId && (ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false);
      const system = ctx.system !== undefined && ctx.tenantId === dossier?.tenantId;
      const expert = ctx.actor !== undefined && (expertsOf.get(dossierId)?.has(ctx.actor.email.toLowerCase()) ?? false);
      if (!dossier || !(owner || agent || system || expert)) throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
      return dossier;
    });
    platform.bus.serve(procedureContracts.getStatus, async ({ procedureId }, ctx) => {
      const dossier = [...dossiers.values()].find((candidate) => candidate.procedureId === procedureId);
      if (!dossier || ctx.system === undefined || ctx.tenantId !== dossier.tenantId) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      return { procedureId, tenantId: dossier.tenantId, state: 'publiee' as const, closesAt: null, settings: defaultProcedureSettings() };
    });
    await platform.bus.nc.flush();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('request', () => {
    it('stores the avis with the dossier’s number, procedure and tenant, and publishes avis.requested', async () => {
      const { dossier } = aDossierOfTheTenant();
      const avis = await request({ dossierId: dossier.id, expertEmail: '  Jean.Expert@Example.FR ', introduction: 'Pouvez-vous évaluer la toiture ?', question: 'La toiture est-elle saine ?' });
      expect(avis).toMatchObject({
        dossierId: dossier.id,
        dossierNumber: dossier.number,
        procedureTitle: dossier.procedureTitle,
        tenantId,
        expertEmail: 'jean.expert@example.fr',
        introduction: 'Pouvez-vous évaluer la toiture ?',
        confidential: false,
        question: 'La toiture est-elle saine ?',
        answer: null,
        questionAnswer: null,
        requestedBy: instructeur.actor?.email,
        answeredAt: null,
        revokedAt: null,
      });
      const [event] = await publishedEvents(expertEvents.requested.subject, avis.id);
      expect(event).toMatchObject({
        tenantId,
        data: { avisId: avis.id, dossierId: dossier.id, dossierNumber: dossier.number, procedureTitle: dossier.procedureTitle, expertEmail: 'jean.expert@example.fr', introduction: avis.introduction, requestedBy: instructeur.actor?.email },
      });
    });

    it('lets an administrateur of the tenant ask too; a blank question counts as none', async () => {
      const { dossier } = aDossierOfTheTenant();
      const avis = await request({ dossierId: dossier.id, question: '   ', confidential: true }, administrateur);
      expect(avis).toMatchObject({ question: null, confidential: true, requestedBy: administrateur.actor?.email });
    });

    it('answers NOT_FOUND to those who cannot see the dossier, FORBIDDEN to those who can but are not agents', async () => {
      const { dossier, usager } = aDossierOfTheTenant();
      for (const ctx of [otherTenantInstructeur, { actor: anActor(['instructeur']) }, { actor: anActor(['usager']) }, {}]) {
        await expect(request({ dossierId: dossier.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Dossier introuvable.' });
      }
      await expect(request({ dossierId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const expert = anExpert();
      letExpertRead(dossier.id, expert.actor?.email ?? '');
      for (const ctx of [usager, expert, { system: 'exports', tenantId }]) {
        await expect(request({ dossierId: dossier.id }, ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(await storedAvis(dossier.id)).toBe(0);
    });

    it('refuses payloads that break the contract, on the sender side and on the receiving side', async () => {
      const { dossier } = aDossierOfTheTenant();
      await expect(request({ dossierId: dossier.id, expertEmail: 'pas-une-adresse' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { expertEmail: expect.any(String) as string } });
      await expect(request({ dossierId: dossier.id, introduction: '   ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { introduction: expect.any(String) as string } });
      await expect(request({ dossierId: dossier.id, question: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      const raw = await platform.bus.nc.request(platform.bus.names.wire(expertContracts.request.subject), new TextEncoder().encode(JSON.stringify({ dossierId: dossier.id, expertEmail: 42 })));
      expect(JSON.parse(new TextDecoder().decode(raw.data))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      expect(await storedAvis(dossier.id)).toBe(0);
    });
  });

  describe('answer', () => {
    it('lets the invited expert answer once, whatever the case of the address, and publishes avis.answered', async () => {
      const { dossier } = aDossierOfTheTenant();
      const asked = await request({ dossierId: dossier.id, expertEmail: 'marie.expert@example.fr', question: 'Faut-il des travaux ?' });
      const expert = anExpert('Marie.Expert@EXAMPLE.fr');
      const answered = await answer(asked.id, expert, { questionAnswer: true });
      expect(answered).toMatchObject({ id: asked.id, answer: 'La toiture est saine.', questionAnswer: true, answeredAt: expect.any(String) as string });
      const [event] = await publishedEvents(expertEvents.answered.subject, asked.id);
      // The expert's request named no tenant: the event carries the avis's.
      expect(event).toMatchObject({ tenantId, data: { avisId: asked.id, dossierId: dossier.id, dossierNumber: dossier.number, expertEmail: 'marie.expert@example.fr', requestedBy: instructeur.actor?.email } });

      await expect(answer(asked.id, expert, { questionAnswer: false })).rejects.toMatchObject({ code: 'CONFLICT' });
      const [stored] = (await listForDossier(dossier.id, instructeur)).items;
      expect(stored).toMatchObject({ answer: 'La toiture est saine.', questionAnswer: true });
    });

    it('requires the yes/no answer exactly when a question was asked', async () => {
      const { dossier } = aDossierOfTheTenant();
      const expert = anExpert();
      const email = expert.actor?.email ?? '';
      const withQuestion = await request({ dossierId: dossier.id, expertEmail: email, question: 'Faut-il des travaux ?' });
      const withoutQuestion = await request({ dossierId: dossier.id, expertEmail: email });
      await expect(answer(withQuestion.id, expert)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { questionAnswer: expect.any(String) as string } });
      await expect(answer(withoutQuestion.id, expert, { questionAnswer: true })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { questionAnswer: expect.any(String) as string } });
      // A refused answer changes nothing: both can still be answered properly.
      expect(await answer(withQuestion.id, expert, { questionAnswer: false })).toMatchObject({ questionAnswer: false });
      expect(await answer(withoutQuestion.id, expert)).toMatchObject({ questionAnswer: null });
    });

    it('answers NOT_FOUND to anyone but the invited expert, and to an unknown avis', async () => {
      const { dossier, usager } = aDossierOfTheTenant();
      const asked = await request({ dossierId: dossier.id });
      for (const ctx of [anExpert(), instructeur, usager, {}, { system: 'dossiers', tenantId }]) {
        await expect(answer(asked.id, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Demande d’avis introuvable.' });
      }
      await expect(answer(randomUUID(), anExpert(asked.expertEmail))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(platform.bus.request(expertContracts.answer, { avisId: asked.id, answer: '  ' }, anExpert(asked.expertEmail))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((await listForDossier(dossier.id, instructeur)).items[0]).toMatchObject({ answer: null, answeredAt: null });
    });

    it('accepts only one of two answers sent at the same time', async () => {
      const { dossier } = aDossierOfTheTenant();
      const asked = await request({ dossierId: dossier.id });
      const expert = anExpert(asked.expertEmail);
      const results = await Promise.allSettled([answer(asked.id, expert), answer(asked.id, expert), answer(asked.id, expert)]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refusals = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as GuichetError] : []));
      expect(refusals.map((error) => error.code)).toEqual(['CONFLICT', 'CONFLICT']);
    });
  });

  describe('listForDossier', () => {
    it('shows agents every avis, confidential ones included, oldest first; experts their own and the non-confidential ones', async () => {
      const { dossier, usager } = aDossierOfTheTenant();
      const alice = anExpert();
      const bruno = anExpert();
      const open = await request({ dossierId: dossier.id, expertEmail: alice.actor?.email ?? '' });
      const secret = await request({ dossierId: dossier.id, expertEmail: bruno.actor?.email ?? '', confidential: true });
      letExpertRead(dossier.id, alice.actor?.email ?? '');
      letExpertRead(dossier.id, bruno.actor?.email ?? '');

      for (const agent of [instructeur, administrateur, { system: 'exports', tenantId }]) {
        expect((await listForDossier(dossier.id, agent)).items.map((item) => item.id)).toEqual([open.id, secret.id]);
      }
      expect((await listForDossier(dossier.id, bruno)).items.map((item) => item.id)).toEqual([open.id, secret.id]);
      expect((await listForDossier(dossier.id, alice)).items.map((item) => item.id)).toEqual([open.id]);

      // The usager may read the dossier but never its avis (nor learn whether there are any).
      await expect(listForDossier(dossier.id, usager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers NOT_FOUND outside the dossier’s tenant and to experts not asked on the dossier', async () => {
      const { dossier } = aDossierOfTheTenant();
      await request({ dossierId: dossier.id });
      const stranger = anExpert();
      letExpertRead(dossier.id, stranger.actor?.email ?? '');
      for (const ctx of [otherTenantInstructeur, stranger, { actor: anActor(['usager']) }, {}, { system: 'exports', tenantId: otherTenantId }]) {
        await expect(listForDossier(dossier.id, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      expect((await listForDossier(aDossierOfTheTenant().dossier.id, instructeur)).items).toEqual([]);
    });
  });

  describe('listMine', () => {
    it('lists the avis asked of the account’s address, newest first, across dossiers, confidential ones included', async () => {
      const expert = anExpert();
      const email = expert.actor?.email ?? '';
      const first = await request({ dossierId: aDossierOfTheTenant().dossier.id, expertEmail: email });
      const second = await request({ dossierId: aDossierOfTheTenant().dossier.id, expertEmail: email.toUpperCase(), confidential: true });
      await request({ dossierId: aDossierOfTheTenant().dossier.id });
      const mine = await listMine(anExpert(email.toUpperCase()));
      expect(mine.items.map((item) => item.id)).toEqual([second.id, first.id]);
      expect((await listMine(anExpert())).items).toEqual([]);
    });

    it('refuses a caller without an account', async () => {
      await expect(listMine({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(listMine({ system: 'gateway' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
});
