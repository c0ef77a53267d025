import { randomUUID } from 'node:crypto';
import { dossierContracts, dossierEventContracts, GuichetError, messagingContracts, type Actor, type BusContext, type Dossier } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailSender } from '../email/email-sender.service';
import { aDossier, anEnvelope } from '../testing/messaging.factories';
import { MessagingHarness } from '../testing/messaging.harness';

/**
 * `dossier.deleted` through the real bus: messaging deletes the messages and e-mail rows of the
 * deleted dossiers, once, and nothing of other dossiers. Dossiers is another service: its
 * `dossiers.dossier.get` is answered by a responder on the test's bus client (owner, agents and
 * system callers of the dossier's tenant).
 */
describe('messaging: deleted dossiers', () => {
  let harness: MessagingHarness;
  const tenantId = randomUUID();
  const dossiers = new Map<string, Dossier>();
  const durable = 'messaging__dossier_deleted';

  const anActor = (roles: Actor['roles'], accountId: string = randomUUID()): Actor => ({ accountId, roles, email: `${roles[0] ?? 'x'}-${accountId.slice(0, 8)}@example.fr`, name: 'Test' });
  const instructeur: BusContext = { tenantId, actor: anActor(['instructeur']) };

  const aDossierOfTheTenant = (overrides: Partial<Dossier> = {}): { dossier: Dossier; usager: BusContext } => {
    const dossier = aDossier({ tenantId, ...overrides });
    dossiers.set(dossier.id, dossier);
    return { dossier, usager: { actor: { ...anActor(['usager'], dossier.usager.accountId), email: dossier.usager.email } } };
  };
  const post = (dossierId: string, body: string, ctx: BusContext) => harness.platform.bus.request(messagingContracts.post, { dossierId, body }, ctx);
  const count = async (table: 'message' | 'email_message', dossierId: string) =>
    Number((await harness.query<{ count: string }>(`select count(*) from messaging.${table} where dossier_id = ?`, [dossierId]))[0]?.count);
  /** An e-mail queued for later (a retry not yet due), as the sender leaves one after a failure. */
  const queueLaterEmail = async (dossier: Dossier, subject: string) => {
    const id = `${randomUUID()}.new_message`;
    await harness.query(
      `insert into messaging.email_message (id, tenant_id, dossier_id, purpose, "to", subject, text_body, status, attempts, next_attempt_at, created_at)
       values (?, ?, ?, 'new_message', ?, ?, 'Bonjour', 'pending', 1, now() + interval '3 seconds', now())`,
      [id, tenantId, dossier.id, dossier.usager.email, subject],
    );
    return id;
  };
  const deleted = (dossierIds: string[], tenant: string | null = tenantId) =>
    anEnvelope(dossierEventContracts.deleted.type, { procedureId: randomUUID(), dossierIds, reason: 'test_purge' as const }, tenant);

  beforeAll(async () => {
    harness = await MessagingHarness.start();
    harness.platform.bus.serve(dossierContracts.get, async ({ dossierId }, ctx) => {
      const dossier = dossiers.get(dossierId);
      const owner = ctx.actor?.accountId === dossier?.usager.accountId;
      const agentOrSystem = ctx.tenantId === dossier?.tenantId && (ctx.system !== undefined || (ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false));
      if (!dossier || !(owner || agentOrSystem)) throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
      return dossier;
    });
    await harness.platform.bus.nc.flush();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('deletes the messages and e-mails of the deleted dossiers only; a pending e-mail never leaves; a redelivery is harmless', async () => {
    const first = aDossierOfTheTenant({ test: true, state: 'brouillon' });
    const second = aDossierOfTheTenant({ test: true, state: 'en_construction' });
    const kept = aDossierOfTheTenant();
    for (const { dossier, usager } of [first, second, kept]) {
      await post(dossier.id, 'Bonjour, une question.', usager);
      await post(dossier.id, 'Voici la réponse.', instructeur);
    }
    // The instructeurs' messages were e-mailed (sent rows in the log).
    await waitFor(async () => (await harness.query<{ count: string }>(`select count(*) from messaging.email_message where status = 'sent' and tenant_id = ?`, [tenantId]))[0]?.count === '3', {
      description: 'three e-mails sent',
    });
    const laterSubject = `Relance ${randomUUID()}`;
    await queueLaterEmail(first.dossier, laterSubject);
    await queueLaterEmail(kept.dossier, `${laterSubject} (gardé)`);
    // Rows written behind the sender's back: let it see them and plan its wake-up for when they are due.
    harness.app.get(EmailSender).kick();
    expect(await count('message', first.dossier.id)).toBe(2);
    expect(await count('email_message', first.dossier.id)).toBe(2);

    const envelope = deleted([first.dossier.id, second.dossier.id]);
    const seq = await harness.publish(dossierEventContracts.deleted, envelope, envelope.id);
    await harness.waitForConsumer(durable, seq);

    for (const { dossier } of [first, second]) {
      expect(await count('message', dossier.id)).toBe(0);
      expect(await count('email_message', dossier.id)).toBe(0);
    }
    expect(await count('message', kept.dossier.id)).toBe(2);
    expect((await harness.platform.bus.request(messagingContracts.list, { dossierId: kept.dossier.id }, instructeur)).items).toHaveLength(2);

    // The kept dossier's delayed e-mail leaves when due; the deleted dossier's never does.
    await harness.sink.waitForMessage((mail) => mail.subject === `${laterSubject} (gardé)`, { timeoutMs: 15_000 });
    expect(harness.sink.messages().filter((mail) => mail.subject === laterSubject)).toEqual([]);
    expect(await count('email_message', kept.dossier.id)).toBe(2);

    // The same event again (new Nats-Msg-Id, so JetStream delivers it): recorded once, deletes nothing more.
    const messageAfter = await post(kept.dossier.id, 'Encore une question.', kept.usager);
    const again = await harness.publish(dossierEventContracts.deleted, envelope, randomUUID());
    await harness.waitForConsumer(durable, again);
    expect(await count('message', kept.dossier.id)).toBe(3);
    expect((await harness.platform.bus.request(messagingContracts.list, { dossierId: kept.dossier.id }, kept.usager)).items.map((m) => m.id)).toContain(messageAfter.id);
    const processed = await harness.query<{ count: string }>('select count(*) from messaging.processed_event where consumer = ? and event_id = ?', [durable, envelope.id]);
    expect(processed[0]?.count).toBe('1');
  });

  it('deletes nothing of another tenant’s dossier named in the event', async () => {
    const { dossier, usager } = aDossierOfTheTenant();
    await post(dossier.id, 'Bonjour.', usager);
    const envelope = deleted([dossier.id], randomUUID());
    const seq = await harness.publish(dossierEventContracts.deleted, envelope, envelope.id);
    await harness.waitForConsumer(durable, seq);
    expect(await count('message', dossier.id)).toBe(1);
  });
});
