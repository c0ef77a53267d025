import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { messagingEvents } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { OutboxRelay } from '@guichet/platform-persistence';
import { LOGGER } from '@guichet/platform-service';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGING_CONFIG, type MessagingConfig } from '../config';
import { MessagingHarness } from '../testing/messaging.harness';
import { queueEmailsOnce, type QueuedEmail } from './email-queue';
import { emailBatchSize, EmailSender } from './email-sender.service';
import { MailTransport, type OutgoingMail } from './mail.transport';

/** A transport that records what it is given, waits `delayMs`, and fails as `fail` says. */
class RecordingTransport extends MailTransport {
  readonly sent: OutgoingMail[] = [];
  closed = false;
  constructor(
    readonly concurrency = 2,
    private readonly delayMs = 5,
    private readonly fail: (mail: OutgoingMail) => unknown = () => undefined,
  ) {
    super();
  }
  async send(mail: OutgoingMail): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const error = this.fail(mail);
    if (error !== undefined) throw error;
    this.sent.push(mail);
  }
  close(): void {
    this.closed = true;
  }
}

/**
 * The sender's batches, leases and records, on the real database: several senders (replicas) at
 * once, failures, a sender that dies mid-batch and one that shuts down mid-batch.
 */
describe('messaging: e-mail sender', () => {
  let harness: MessagingHarness;
  const tenantId = randomUUID();

  beforeAll(async () => {
    harness = await MessagingHarness.start();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  /** Another sender on the app's database, as a replica would be, with its own transport and settings. */
  const aSender = (transport: MailTransport, settings: Partial<MessagingConfig> = {}): EmailSender =>
    new EmailSender(
      harness.app.get(MikroORM),
      harness.app.get(OutboxRelay),
      transport,
      { ...harness.app.get<MessagingConfig>(MESSAGING_CONFIG), ...settings },
      harness.app.get<Logger>(LOGGER),
    );

  /** E-mails written behind the app's sender (no kick), about one new dossier. */
  const queue = async (count: number, to: (n: number) => string = (n) => `usager-${n}-${randomUUID().slice(0, 8)}@example.fr`) => {
    const dossierId = randomUUID();
    const emails: QueuedEmail[] = Array.from({ length: count }, (_, n) => ({
      id: `${randomUUID()}.initiated`,
      purpose: 'initiated',
      tenantId,
      dossierId,
      to: to(n),
      subject: `Dossier ${n}`,
      text: 'Bonjour.',
    }));
    await queueEmailsOnce(harness.app.get(MikroORM).em.fork(), emails);
    return { dossierId, ids: emails.map((email) => email.id) };
  };
  const rows = (dossierId: string) =>
    harness.query<{ id: string; status: string; attempts: number; last_error: string | null; sent_at: Date | null }>(
      'select id, status, attempts, last_error, sent_at from messaging.email_message where dossier_id = ? order by id',
      [dossierId],
    );
  const sentEvents = (dossierId: string) =>
    harness.query<{ email_id: string }>(`select envelope->'data'->>'emailId' as email_id from messaging.outbox_event where subject = ? and envelope->'data'->>'dossierId' = ?`, [
      messagingEvents.emailSent.subject,
      dossierId,
    ]);

  it('shares a long queue between concurrent senders in batches, each e-mail sent once, with one email.sent each', async () => {
    const { dossierId, ids } = await queue(3 * emailBatchSize + 7);
    const transports = [new RecordingTransport(2, 5), new RecordingTransport(2, 7), new RecordingTransport(1, 3)];
    const senders = transports.map((transport) => aSender(transport));
    for (const sender of senders) sender.onApplicationBootstrap();
    harness.app.get(EmailSender).kick();
    await waitFor(async () => (await rows(dossierId)).every((row) => row.status === 'sent'), { timeoutMs: 20_000, description: 'every e-mail sent' });
    for (const sender of senders) await sender.beforeApplicationShutdown();

    const delivered = [...transports.flatMap((transport) => transport.sent.map((mail) => mail.messageId)), ...harness.sink.messages().flatMap((mail) => (mail.messageId === null ? [] : [mail.messageId]))].filter(
      (messageId) => ids.some((id) => messageId === `<${id}@guichet>`),
    );
    expect(delivered).toHaveLength(ids.length);
    expect(new Set(delivered).size).toBe(ids.length);
    // Several senders took part: the work was shared, not serialised behind one.
    expect(transports.filter((transport) => transport.sent.length > 0).length).toBeGreaterThan(1);
    expect((await rows(dossierId)).every((row) => row.attempts === 1 && row.sent_at !== null && row.last_error === null)).toBe(true);
    const events = await sentEvents(dossierId);
    expect(events.map((event) => event.email_id).sort()).toEqual([...ids].sort());
    expect(transports.every((transport) => transport.closed)).toBe(true);
  });

  it('sends over its kept SMTP connection, and still delivers after the relay restarts between two e-mails', async () => {
    const first = await queue(1);
    harness.app.get(EmailSender).kick();
    await waitFor(async () => (await rows(first.dossierId))[0]?.status === 'sent', { description: 'the first e-mail sent' });
    const { smtpPort } = harness.sink;
    await harness.sink.stop();
    await harness.sink.start({ smtpPort, httpPort: 0 });
    const second = await queue(1);
    harness.app.get(EmailSender).kick();
    await harness.sink.waitForMessage((mail) => mail.messageId === `<${second.ids[0]}@guichet>`, { timeoutMs: 10_000 });
    await waitFor(async () => (await rows(second.dossierId))[0]?.status === 'sent', { description: 'the second e-mail sent' });
    expect(harness.sink.messages().filter((mail) => mail.messageId === `<${first.ids[0]}@guichet>`)).toHaveLength(1);
    expect(await sentEvents(second.dossierId)).toHaveLength(1);
  });

  it('records a batch’s outcomes apart: sent, retried then sent, given up at once on a permanent refusal', async () => {
    let temporaryFailures = 0;
    const transport = new RecordingTransport(2, 1, (mail) => {
      if (mail.to.startsWith('refused')) return Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 });
      if (mail.to.startsWith('busy') && temporaryFailures++ === 0) return Object.assign(new Error('451 try again later'), { responseCode: 451 });
      return undefined;
    });
    const { dossierId, ids } = await queue(4, (n) => `${['ok', 'refused', 'busy', 'ok'][n]}-${n}@example.fr`);
    const sender = aSender(transport);
    sender.onApplicationBootstrap();
    await waitFor(async () => (await rows(dossierId)).every((row) => row.status !== 'pending'), { timeoutMs: 10_000, description: 'every e-mail settled' });
    await sender.beforeApplicationShutdown();

    const byId = new Map((await rows(dossierId)).map((row) => [row.id, row]));
    expect(byId.get(ids[0] ?? '')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(byId.get(ids[1] ?? '')).toMatchObject({ status: 'failed', attempts: 1, last_error: '550 mailbox unavailable', sent_at: null });
    // Retried after the backoff (woken by its retry time, not by a poll), then sent; its error cleared.
    expect(byId.get(ids[2] ?? '')).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(byId.get(ids[3] ?? '')).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await sentEvents(dossierId)).map((event) => event.email_id).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
  });

  it('lets another sender take the e-mails of a sender that died mid-send once its lease ends; the dead one’s late record is dropped', async () => {
    let release: () => void = () => undefined;
    const stuck = new (class extends RecordingTransport {
      override async send(mail: OutgoingMail): Promise<void> {
        await new Promise<void>((resolve) => (release = resolve));
        this.sent.push(mail);
      }
    })(1);
    const { dossierId, ids } = await queue(1);
    // SMTP_TIMEOUT_MS 150: a lease of 900 ms.
    const dying = aSender(stuck, { SMTP_TIMEOUT_MS: 150 });
    dying.onApplicationBootstrap();
    await waitFor(async () => (await rows(dossierId))[0]?.attempts === 1, { description: 'the e-mail claimed' });
    const rescuer = new RecordingTransport();
    const other = aSender(rescuer, { SMTP_TIMEOUT_MS: 150 });
    other.onApplicationBootstrap();
    // Not before the lease ends.
    expect(rescuer.sent).toEqual([]);
    await waitFor(async () => (await rows(dossierId))[0]?.status === 'sent', { timeoutMs: 10_000, description: 'sent by the other sender' });
    expect(rescuer.sent.map((mail) => mail.messageId)).toEqual([`<${ids[0]}@guichet>`]);
    expect((await rows(dossierId))[0]).toMatchObject({ attempts: 2 });

    // The first sender's send ends at last: its record no longer matches the row, nothing changes.
    release();
    await dying.beforeApplicationShutdown();
    await other.beforeApplicationShutdown();
    expect(stuck.sent).toHaveLength(1);
    expect((await rows(dossierId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await sentEvents(dossierId)).toHaveLength(1);
  });

  it('on shutdown, finishes and records the send under way and gives the rest of its batch back, untried', async () => {
    const slow = new RecordingTransport(1, 300);
    const { dossierId, ids } = await queue(4);
    const sender = aSender(slow);
    sender.onApplicationBootstrap();
    await waitFor(async () => (await rows(dossierId)).every((row) => row.attempts === 1), { description: 'the batch claimed' });
    await sender.beforeApplicationShutdown();

    expect(slow.sent).toHaveLength(1);
    const after = await rows(dossierId);
    expect(after.filter((row) => row.status === 'sent').map((row) => row.id)).toEqual([slow.sent[0]?.messageId.slice(1, -'@guichet>'.length)]);
    expect(after.filter((row) => row.status === 'pending')).toHaveLength(ids.length - 1);
    expect(after.filter((row) => row.status === 'pending').every((row) => row.attempts === 0 && row.last_error === null)).toBe(true);
    expect(slow.closed).toBe(true);
    // Released rows are due at once: the app's sender takes them.
    harness.app.get(EmailSender).kick();
    await waitFor(async () => (await rows(dossierId)).every((row) => row.status === 'sent'), { timeoutMs: 10_000, description: 'the rest sent by the app' });
  });
});
