import { randomUUID } from 'node:crypto';
import { dossierEventContracts, expertContracts, type BusContext, type EventEnvelope } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAgentOf, anExpert } from '../testing/experts.factories';
import { ExpertsHarness } from '../testing/experts.harness';

/** `dossier.deleted` through the real bus: the avis of the deleted dossiers go, once, and nothing else. */
describe('experts: deleted dossiers', () => {
  let harness: ExpertsHarness;
  const tenantId = randomUUID();
  const instructeur = anAgentOf(tenantId);
  const durable = 'experts__dossier_deleted';

  const request = (dossierId: string, expertEmail: string, ctx: BusContext = instructeur) =>
    harness.platform.bus.request(expertContracts.request, { dossierId, expertEmail, introduction: 'Votre avis ?', confidential: false }, ctx);
  const storedAvis = async (dossierId: string) => Number((await harness.query<{ count: string }>('select count(*) from experts.avis where dossier_id = ?', [dossierId]))[0]?.count);
  const deleted = (dossierIds: string[], tenant: string | null = tenantId): EventEnvelope => ({
    id: randomUUID(),
    type: dossierEventContracts.deleted.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    tenantId: tenant,
    actor: null,
    traceparent: null,
    data: { procedureId: randomUUID(), dossierIds, reason: 'test_purge' },
  });

  beforeAll(async () => {
    harness = await ExpertsHarness.start();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('deletes the avis (asked and answered) of the deleted dossiers only, and a redelivery is harmless', async () => {
    const expert = anExpert();
    const email = expert.actor?.email ?? '';
    const first = harness.aDossier(tenantId, { test: true });
    const second = harness.aDossier(tenantId, { test: true });
    const kept = harness.aDossier(tenantId);
    const answered = await request(first.id, email);
    await harness.platform.bus.request(expertContracts.answer, { avisId: answered.id, answer: 'Favorable.' }, expert);
    await request(first.id, email);
    await request(second.id, email);
    const keptAvis = await request(kept.id, email);

    const envelope = deleted([first.id, second.id]);
    const seq = await harness.publish(dossierEventContracts.deleted, envelope, envelope.id);
    await harness.waitForConsumer(durable, seq);

    expect(await storedAvis(first.id)).toBe(0);
    expect(await storedAvis(second.id)).toBe(0);
    expect((await harness.platform.bus.request(expertContracts.listMine, {}, expert)).items.map((avis) => avis.id)).toEqual([keptAvis.id]);
    expect((await harness.platform.bus.request(expertContracts.listForDossier, { dossierId: kept.id }, instructeur)).items).toHaveLength(1);

    // Redelivered (a new Nats-Msg-Id, so JetStream delivers it again): recorded once, nothing more happens.
    const again = await harness.publish(dossierEventContracts.deleted, envelope, randomUUID());
    await harness.waitForConsumer(durable, again);
    expect(await storedAvis(kept.id)).toBe(1);
    const processed = await harness.query<{ count: string }>('select count(*) from experts.processed_event where consumer = ? and event_id = ?', [durable, envelope.id]);
    expect(processed[0]?.count).toBe('1');
  });

  it('deletes nothing of a dossier of another tenant than the event’s', async () => {
    const dossier = harness.aDossier(tenantId);
    await request(dossier.id, 'expert@example.fr');
    const envelope = deleted([dossier.id], randomUUID());
    const seq = await harness.publish(dossierEventContracts.deleted, envelope, envelope.id);
    await harness.waitForConsumer(durable, seq);
    expect(await storedAvis(dossier.id)).toBe(1);
  });
});
