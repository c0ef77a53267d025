import { randomUUID } from 'node:crypto';
import { dossierContracts, GuichetError, messagingContracts, messagingEvents, type Actor, type BusContext, type Dossier } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDossier } from '../testing/messaging.factories';
import { MessagingHarness } from '../testing/messaging.harness';

/**
 * Posting and reading a dossier's messages. Dossiers is another service: `dossiers.dossier.get` is
 * answered by a responder on the test's bus client that applies dossiers' rule (owner, agents of
 * the dossier's tenant, a system caller of that tenant, the experts of its avis; anyone else
 * NOT_FOUND).
 */
describe('messaging: dossier messages', () => {
  let harness: MessagingHarness;
  const tenantId = randomUUID();
  const otherTenantId = randomUUID();
  const dossiers = new Map<string, Dossier>();
  /** Dossiers for which dossiers answers FORBIDDEN or UNAVAILABLE instead of applying its rule. */
  const answersWith = new Map<string, 'FORBIDDEN' | 'UNAVAILABLE'>();
  /** Experts dossiers lets read a dossier (the dossiers of their avis). */
  const expertOf = new Map<string, string>();

  const anActor = (roles: Actor['roles'], accountId: string = randomUUID()): Actor => ({ accountId, roles, email: `${roles[0] ?? 'x'}-${accountId.slice(0, 8)}@example.fr`, name: 'Test' });
  const instructeur: BusContext = { tenantId, actor: anActor(['instructeur']) };
  const administrateur: BusContext = { tenantId, actor: anActor(['administrateur']) };
  const otherTenantInstructeur: BusContext = { tenantId: otherTenantId, actor: anActor(['instructeur']) };

  const aDossierOfTheTenant = (): { dossier: Dossier; usager: BusContext } => {
    const dossier = aDossier({ tenantId });
    dossiers.set(dossier.id, dossier);
    return { dossier, usager: { actor: { ...anActor(['usager'], dossier.usager.accountId), email: dossier.usager.email } } };
  };

  const post = (dossierId: string, body: string, ctx: BusContext) => harness.platform.bus.request(messagingContracts.post, { dossierId, body }, ctx);
  const list = (dossierId: string, ctx: BusContext) => harness.platform.bus.request(messagingContracts.list, { dossierId }, ctx);
  const storedMessages = async (dossierId: string) =>
    Number((await harness.query<{ count: string }>('select count(*) from messaging.message where dossier_id = ?', [dossierId]))[0]?.count);

  beforeAll(async () => {
    harness = await MessagingHarness.start();
    harness.platform.bus.serve(dossierContracts.get, async ({ dossierId }, ctx) => {
      const special = answersWith.get(dossierId);
      if (special) throw new GuichetError(special, 'Refus du service dossiers.');
      const dossier = dossiers.get(dossierId);
      const owner = ctx.actor?.accountId === dossier?.usager.accountId;
      const agent = ctx.tenantId === dossier?.tenantId && (ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false);
      const system = ctx.system !== undefined && ctx.tenantId === dossier?.tenantId;
      const expert = ctx.actor !== undefined && expertOf.get(dossierId) === ctx.actor.email;
      if (!dossier || !(owner || agent || system || expert)) throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
      return dossier;
    });
    await harness.platform.bus.nc.flush();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('lets the usager and the instructeurs write, and both read the thread oldest first', async () => {
    const { dossier, usager } = aDossierOfTheTenant();
    const question = await post(dossier.id, 'Bonjour, mon dossier est-il complet ?', usager);
    expect(question).toMatchObject({
      dossierId: dossier.id,
      body: 'Bonjour, mon dossier est-il complet ?',
      author: { accountId: dossier.usager.accountId, email: dossier.usager.email, role: 'usager' },
      attachmentFileId: null,
    });
    const answer = await post(dossier.id, '  Oui, il est complet.  ', instructeur);
    expect(answer.author).toEqual({ accountId: instructeur.actor?.accountId, email: instructeur.actor?.email, role: 'instructeur' });
    expect(answer.body).toBe('Oui, il est complet.');
    const fileId = randomUUID();
    const withFile = await harness.platform.bus.request(messagingContracts.post, { dossierId: dossier.id, body: 'Voici le plan.', attachmentFileId: fileId }, administrateur);
    expect(withFile).toMatchObject({ attachmentFileId: fileId, author: { role: 'instructeur' } });

    for (const reader of [usager, instructeur, administrateur, { system: 'exports', tenantId }]) {
      const { items } = await list(dossier.id, reader);
      expect(items.map((item) => item.id)).toEqual([question.id, answer.id, withFile.id]);
    }
  });

  it('publishes message.posted for the dossier’s tenant, and e-mails the usager about the instructeur’s message only', async () => {
    const { dossier, usager } = aDossierOfTheTenant();
    const fromUsager = await post(dossier.id, 'Une question.', usager);
    const fromInstructeur = await post(dossier.id, 'Une réponse.', instructeur);

    const mail = await harness.sink.waitForMessage((m) => m.to.includes(dossier.usager.email));
    expect(mail.subject).toBe(`Nouveau message sur votre dossier n° ${dossier.number}`);
    const events = await waitFor(async () => {
      const rows = await harness.query<{ envelope: { tenantId: string; data: { messageId: string; authorRole: string; usagerEmail: string; dossierNumber: number } } }>(
        `select envelope from messaging.outbox_event where subject = ? and published_at is not null and envelope->'data'->>'dossierId' = ? order by created_at`,
        [messagingEvents.posted.subject, dossier.id],
      );
      return rows.length === 2 ? rows : undefined;
    });
    // A usager's request names no tenant: the event still carries the dossier's.
    expect(events.map((row) => row.envelope)).toEqual([
      expect.objectContaining({ tenantId, data: expect.objectContaining({ messageId: fromUsager.id, authorRole: 'usager', usagerEmail: dossier.usager.email, dossierNumber: dossier.number }) as unknown }),
      expect.objectContaining({ tenantId, data: expect.objectContaining({ messageId: fromInstructeur.id, authorRole: 'instructeur' }) as unknown }),
    ]);
    const rows = await waitFor(async () => {
      const found = await harness.query<{ purpose: string; status: string }>('select purpose, status from messaging.email_message where dossier_id = ?', [dossier.id]);
      return found[0]?.status === 'sent' ? found : undefined;
    });
    expect(rows).toEqual([{ purpose: 'new_message', status: 'sent' }]);
    expect(harness.mailsTo(dossier.usager.email)).toHaveLength(1);
  });

  it('answers NOT_FOUND to anyone dossiers does not let see the dossier, and stores nothing', async () => {
    const { dossier } = aDossierOfTheTenant();
    const outsiders: BusContext[] = [
      { actor: anActor(['usager']) },
      otherTenantInstructeur,
      // An instructeur whose request names no tenant holds no role for this dossier.
      { actor: anActor(['instructeur']) },
      {},
      { system: 'exports', tenantId: otherTenantId },
    ];
    for (const ctx of outsiders) {
      await expect(post(dossier.id, 'Bonjour', ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Dossier introuvable.' });
      await expect(list(dossier.id, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(post(randomUUID(), 'Bonjour', instructeur)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await storedMessages(dossier.id)).toBe(0);
  });

  it('refuses those dossiers lets read but who are not in the thread: an expert, a service writing', async () => {
    const { dossier } = aDossierOfTheTenant();
    const expert = anActor(['expert']);
    expertOf.set(dossier.id, expert.email);
    await expect(post(dossier.id, 'Mon avis', { actor: expert })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(list(dossier.id, { actor: expert })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(post(dossier.id, 'Message automatique', { system: 'exports', tenantId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await storedMessages(dossier.id)).toBe(0);
  });

  it('turns a FORBIDDEN from dossiers into NOT_FOUND, and lets UNAVAILABLE through (never INTERNAL)', async () => {
    const { dossier, usager } = aDossierOfTheTenant();
    answersWith.set(dossier.id, 'FORBIDDEN');
    await expect(post(dossier.id, 'Bonjour', usager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(list(dossier.id, usager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    answersWith.set(dossier.id, 'UNAVAILABLE');
    await expect(post(dossier.id, 'Bonjour', usager)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await storedMessages(dossier.id)).toBe(0);
  });

  it('refuses payloads that break the contract, on the sender side and on the receiving side', async () => {
    const { dossier, usager } = aDossierOfTheTenant();
    await expect(post(dossier.id, '   ', usager)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { body: expect.any(String) as string } });
    await expect(post(dossier.id, 'x'.repeat(20_001), usager)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(post('pas-un-uuid', 'Bonjour', usager)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { dossierId: expect.any(String) as string } });
    const raw = async (subject: string, body: string) => {
      const reply = await harness.platform.bus.nc.request(harness.platform.bus.names.wire(subject), new TextEncoder().encode(body));
      return JSON.parse(new TextDecoder().decode(reply.data)) as unknown;
    };
    expect(await raw(messagingContracts.post.subject, JSON.stringify({ dossierId: dossier.id, body: 42 }))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(await raw(messagingContracts.post.subject, JSON.stringify({ dossierId: dossier.id, body: 'ok', attachmentFileId: 'x' }))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(await raw(messagingContracts.list.subject, 'pas du JSON')).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(await storedMessages(dossier.id)).toBe(0);
  });

  it('keeps each dossier’s thread to itself', async () => {
    const first = aDossierOfTheTenant();
    const second = aDossierOfTheTenant();
    await post(first.dossier.id, 'Premier dossier', first.usager);
    await post(second.dossier.id, 'Second dossier', second.usager);
    expect((await list(first.dossier.id, instructeur)).items.map((item) => item.body)).toEqual(['Premier dossier']);
    expect((await list(second.dossier.id, second.usager)).items.map((item) => item.body)).toEqual(['Second dossier']);
    // The first usager cannot read the second one's thread.
    await expect(list(second.dossier.id, first.usager)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
