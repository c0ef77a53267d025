import { randomUUID } from 'node:crypto';
import {
  dossierEventContracts,
  expertEvents,
  GuichetError,
  messagingEvents,
  procedureContracts,
  type BusContext,
  type DossierChange,
  type Procedure,
  type Revision,
} from '@guichet/contracts';
import { freePort, waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDossierChange, aField, anEnvelope, aProcedure } from '../testing/messaging.factories';
import { MessagingHarness, publicUrl } from '../testing/messaging.harness';

/**
 * E-mails caused by events: dossier transitions (templated from the procedure), avis and messages.
 * Procedures is another service: its two requests are answered by a responder registered on the
 * test's bus client, as procedures would answer them (tenant-scoped, system caller).
 */
describe('messaging: e-mails from events', () => {
  let harness: MessagingHarness;
  const tenantId = randomUUID();
  const monument = aField({ type: 'text', label: 'Nom du monument' });
  const procedures = new Map<string, Procedure>();
  const revisions = new Map<string, Revision>();
  /** Procedures for which procedures answers UNAVAILABLE, as if it were down. */
  const unavailable = new Set<string>();
  const procedureCalls: { procedureId: string; ctx: BusContext }[] = [];

  const aProcedureOfTheTenant = (): Procedure => {
    const procedure = aProcedure({ tenantId });
    const revision = { ...procedure.draftRevision, fields: [monument] };
    const published = { ...procedure, draftRevision: revision, publishedRevision: revision };
    procedures.set(published.id, published);
    revisions.set(revision.id, revision);
    return published;
  };
  let procedure: Procedure;

  const aSubmission = (overrides: Partial<DossierChange> = {}): DossierChange =>
    aDossierChange({
      procedureId: procedure.id,
      procedureTitle: procedure.title,
      revisionId: procedure.draftRevision.id,
      values: { [monument.stableId]: 'Château de Vincennes' },
      ...overrides,
    });
  const stateChanged = (data: DossierChange) => anEnvelope(dossierEventContracts.stateChanged.type, data, tenantId);

  const emailRows = (dossierId: string) =>
    harness.query<{ id: string; status: string; attempts: number; last_error: string | null; purpose: string }>(
      'select id, status, attempts, last_error, purpose from messaging.email_message where dossier_id = ? order by created_at',
      [dossierId],
    );

  beforeAll(async () => {
    harness = await MessagingHarness.start();
    procedure = aProcedureOfTheTenant();
    const { bus } = harness.platform;
    bus.serve(procedureContracts.get, async ({ procedureId }, ctx) => {
      procedureCalls.push({ procedureId, ctx });
      if (unavailable.has(procedureId)) throw new GuichetError('UNAVAILABLE', 'Service indisponible.');
      const found = procedures.get(procedureId);
      if (!found || ctx.tenantId !== found.tenantId) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      return found;
    });
    bus.serve(procedureContracts.getRevision, async ({ revisionId }, ctx) => {
      const found = revisions.get(revisionId);
      if (!found || ctx.tenantId !== found.tenantId) throw new GuichetError('NOT_FOUND', 'Révision introuvable.');
      return found;
    });
    await bus.nc.flush();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('sends the acknowledgement of a submission from the procedure’s template, with a Message-ID derived from the event', async () => {
    const change = aSubmission();
    const envelope = stateChanged(change);
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, envelope);

    const mail = await harness.sink.waitForMessage((m) => m.to.includes(change.usager.email), { timeoutMs: 10_000 });
    expect(mail.subject).toBe(`Votre dossier n° ${change.number} a bien été déposé`);
    expect(mail.from).toBe('Guichet <ne-pas-repondre@guichet.local>');
    expect(mail.text).toContain('Bonjour Amélie Durand,');
    expect(mail.text).toContain(`« ${procedure.title} » a été déposé le 01/03/2026`);
    expect(mail.text).toContain(`${publicUrl}/dossiers/${change.dossierId}`);
    expect(mail.html).toContain(`href="${publicUrl}/dossiers/${change.dossierId}"`);
    expect(mail.messageId).toBe(`<${envelope.id}.initiated@guichet>`);
    // Procedures was asked as the messaging service, for the event's tenant.
    expect(procedureCalls.find((call) => call.procedureId === procedure.id)?.ctx).toMatchObject({ system: 'messaging', tenantId });

    // Marked sent, and email.sent went out through the outbox.
    await waitFor(async () => (await emailRows(change.dossierId))[0]?.status === 'sent', { description: 'e-mail marked sent' });
    const sentEvents = await waitFor(async () => {
      const rows = await harness.query<{ envelope: { tenantId: string; data: { emailId: string; to: string } } }>(
        `select envelope from messaging.outbox_event where subject = ? and published_at is not null and envelope->'data'->>'dossierId' = ?`,
        [messagingEvents.emailSent.subject, change.dossierId],
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(sentEvents).toHaveLength(1);
    expect(sentEvents[0]?.envelope).toMatchObject({ tenantId, data: { emailId: `${envelope.id}.initiated`, to: change.usager.email } });
  });

  it('sends one e-mail when the same event is delivered twice (republished with a new Nats-Msg-Id)', async () => {
    const change = aSubmission();
    const envelope = stateChanged(change);
    await harness.publish(dossierEventContracts.stateChanged, envelope, envelope.id);
    await harness.sink.waitForMessage((m) => m.to.includes(change.usager.email));
    const again = await harness.publish(dossierEventContracts.stateChanged, envelope, randomUUID());
    await harness.waitForConsumer('messaging__dossier_emails', again);
    await waitFor(async () => (await emailRows(change.dossierId))[0]?.status === 'sent');

    const mails = harness.mailsTo(change.usager.email).filter((m) => m.subject.includes(String(change.number)));
    expect(mails).toHaveLength(1);
    expect(await emailRows(change.dossierId)).toHaveLength(1);
  });

  it('uses the template of each decision, with the motivation and the attestation link', async () => {
    const change = aSubmission({ event: 'accepter', from: 'en_instruction', to: 'accepte', motivation: 'Dossier conforme', decidedAt: '2026-04-10T10:00:00.000Z' });
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, stateChanged(change));
    const mail = await harness.sink.waitForMessage((m) => m.to.includes(change.usager.email));
    expect(mail.subject).toBe(`Votre dossier n° ${change.number} a été accepté`);
    expect(mail.text).toContain('Décision du 10/04/2026 : Dossier conforme');
    expect(mail.text).toContain(`${publicUrl}/api/dossiers/${change.dossierId}/attestation`);
  });

  it('sends nothing for a transition that has no e-mail (back to construction)', async () => {
    const change = aSubmission({ event: 'repasser_en_construction', from: 'en_instruction', to: 'en_construction' });
    const seq = await harness.publish(dossierEventContracts.stateChanged, stateChanged(change));
    await harness.waitForConsumer('messaging__dossier_emails', seq);
    expect(await emailRows(change.dossierId)).toEqual([]);
    expect(harness.mailsTo(change.usager.email)).toEqual([]);
  });

  it('retries the event while procedures is unavailable, then sends the e-mail once', async () => {
    const down = aProcedureOfTheTenant();
    unavailable.add(down.id);
    const change = aSubmission({ procedureId: down.id, revisionId: down.draftRevision.id });
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, stateChanged(change));
    // A second request for the same procedure proves the event was redelivered after a failure.
    await waitFor(() => procedureCalls.filter((call) => call.procedureId === down.id).length >= 2, { timeoutMs: 10_000, description: 'a retry' });
    expect(harness.mailsTo(change.usager.email)).toEqual([]);
    expect(await emailRows(change.dossierId)).toEqual([]);

    unavailable.delete(down.id);
    const mail = await harness.sink.waitForMessage((m) => m.to.includes(change.usager.email), { timeoutMs: 15_000 });
    expect(mail.subject).toContain(String(change.number));
    await waitFor(async () => (await emailRows(change.dossierId))[0]?.status === 'sent');
    expect(harness.mailsTo(change.usager.email)).toHaveLength(1);
  });

  it('queues nothing for an event whose procedure is not found in the event’s tenant (it is retried, then dead-lettered)', async () => {
    const change = aSubmission({ procedureId: randomUUID() });
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, stateChanged(change));
    // The dead letter comes after six attempts with the production backoff (about a minute; the
    // platform's own test covers it): here, the refusal and its absence of effect.
    await waitFor(() => procedureCalls.some((call) => call.procedureId === change.procedureId), { description: 'procedures asked' });
    await waitFor(() => procedureCalls.filter((call) => call.procedureId === change.procedureId).length >= 2, { timeoutMs: 10_000, description: 'a retry' });
    expect(await emailRows(change.dossierId)).toEqual([]);
    expect(harness.mailsTo(change.usager.email)).toEqual([]);
  });

  it('invites the expert asked for an avis, with the introduction and the link to the avis', async () => {
    const dossierId = randomUUID();
    const expertEmail = `expert-${randomUUID().slice(0, 8)}@example.fr`;
    const envelope = anEnvelope(
      expertEvents.requested.type,
      {
        avisId: randomUUID(),
        dossierId,
        dossierNumber: 5150,
        procedureTitle: procedure.title,
        expertEmail,
        introduction: 'Pouvez-vous évaluer l’état de la toiture ?',
        requestedBy: 'instructeur@prefecture.fr',
      },
      tenantId,
    );
    await harness.platform.events.publish(expertEvents.requested.subject, envelope);
    const mail = await harness.sink.waitForMessage((m) => m.to.includes(expertEmail));
    expect(mail.subject).toBe('Un avis vous est demandé sur le dossier n° 5150');
    expect(mail.text).toContain('Pouvez-vous évaluer l’état de la toiture ?');
    expect(mail.text).toContain(`${publicUrl}/expert/avis`);
    expect(mail.messageId).toBe(`<${envelope.id}.avis_requested@guichet>`);
  });

  it('tells the instructeur who asked that the avis was answered', async () => {
    const requestedBy = `instructeur-${randomUUID().slice(0, 8)}@prefecture.fr`;
    const dossierId = randomUUID();
    await harness.platform.events.publish(
      expertEvents.answered.subject,
      anEnvelope(expertEvents.answered.type, { avisId: randomUUID(), dossierId, dossierNumber: 5151, expertEmail: 'expert@example.fr', requestedBy }, tenantId),
    );
    const mail = await harness.sink.waitForMessage((m) => m.to.includes(requestedBy));
    expect(mail.subject).toBe('Avis rendu sur le dossier n° 5151');
    expect(mail.text).toContain('expert@example.fr');
  });

  it('tells the usager about an instructeur’s message, and nobody about the usager’s own', async () => {
    const usagerEmail = `usager-${randomUUID().slice(0, 8)}@example.fr`;
    const dossierId = randomUUID();
    const fromUsager = anEnvelope(messagingEvents.posted.type, { messageId: randomUUID(), dossierId, dossierNumber: 6001, authorRole: 'usager', usagerEmail }, tenantId);
    const seq = await harness.publish(messagingEvents.posted, fromUsager, fromUsager.id);
    await harness.waitForConsumer('messaging__message_emails', seq);
    expect(await emailRows(dossierId)).toEqual([]);

    const fromInstructeur = anEnvelope(messagingEvents.posted.type, { messageId: randomUUID(), dossierId, dossierNumber: 6001, authorRole: 'instructeur', usagerEmail }, tenantId);
    await harness.platform.events.publish(messagingEvents.posted.subject, fromInstructeur);
    const mail = await harness.sink.waitForMessage((m) => m.to.includes(usagerEmail));
    expect(mail.subject).toBe('Nouveau message sur votre dossier n° 6001');
    expect(mail.text).toContain(`${publicUrl}/dossiers/${dossierId}`);
    expect(harness.mailsTo(usagerEmail)).toHaveLength(1);
  });

  it('keeps an e-mail whose send failed, and sends it exactly once after a restart', async () => {
    // SMTP points at a closed port: the row is written, the send fails, the app stops.
    await harness.restart({ SMTP_PORT: String(await freePort()) });
    const change = aSubmission();
    const envelope = stateChanged(change);
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, envelope);
    const [failed] = await waitFor(
      async () => {
        const rows = await emailRows(change.dossierId);
        // Recorded: the attempt is counted when the e-mail is claimed, its error once the send failed.
        return rows[0] && rows[0].attempts >= 1 && rows[0].last_error !== null ? rows : undefined;
      },
      { timeoutMs: 10_000, description: 'a failed send attempt' },
    );
    expect(failed).toMatchObject({ status: 'pending', last_error: expect.stringContaining('ECONNREFUSED') as unknown });
    await harness.restart();
    expect(harness.mailsTo(change.usager.email)).toEqual([]);

    // The new process finds the pending e-mail at boot and sends it.
    const mail = await harness.sink.waitForMessage((m) => m.to.includes(change.usager.email), { timeoutMs: 10_000 });
    expect(mail.messageId).toBe(`<${envelope.id}.initiated@guichet>`);
    await waitFor(async () => (await emailRows(change.dossierId))[0]?.status === 'sent');
    expect(harness.mailsTo(change.usager.email)).toHaveLength(1);
    expect(await emailRows(change.dossierId)).toHaveLength(1);
  });

  it('gives an e-mail up after the last allowed attempt', async () => {
    await harness.restart({ SMTP_PORT: String(await freePort()), MAIL_MAX_ATTEMPTS: '2' });
    const change = aSubmission();
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, stateChanged(change));
    const [given] = await waitFor(
      async () => {
        const rows = await emailRows(change.dossierId);
        return rows[0]?.status === 'failed' ? rows : undefined;
      },
      { timeoutMs: 10_000, description: 'e-mail given up' },
    );
    expect(given).toMatchObject({ attempts: 2, last_error: expect.stringContaining('ECONNREFUSED') as unknown });

    // Back to a working relay: a given-up e-mail stays given up, new ones go.
    await harness.restart();
    const next = aSubmission();
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, stateChanged(next));
    await harness.sink.waitForMessage((m) => m.to.includes(next.usager.email));
    expect(harness.mailsTo(change.usager.email)).toEqual([]);
    expect((await emailRows(change.dossierId))[0]?.status).toBe('failed');
  });
});
