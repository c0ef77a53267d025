import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { messagingEvents } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { OutboxRelay, outboxInsert, outboxRow, WorkerLoop } from '@guichet/platform-persistence';
import { LOGGER } from '@guichet/platform-service';
import { MESSAGING_CONFIG, type MessagingConfig } from '../config';
import { messageIdOf } from './email-message.entity';
import { decideAfterFailure, describeSendError, type RetryPolicy } from './email-retry.policy';
import { MailTransport } from './mail.transport';

/** E-mails claimed by one statement. */
export const emailBatchSize = 20;

/** Batches sent in one pass before the loop yields (and runs another pass), so shutdown is never starved. */
const batchesPerPass = 5;

/** An e-mail as claimed: its attempts counted with this one. */
interface ClaimedEmail {
  id: string;
  tenant_id: string | null;
  dossier_id: string | null;
  to: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
}

/** What became of a claimed e-mail: sent, failed (to retry or given up), or not tried (released). */
type Outcome = { email: ClaimedEmail; sent: true } | { email: ClaimedEmail; sent: false; error: unknown } | { email: ClaimedEmail; released: true };

/**
 * Delivers the e-mail outbox, in batches and without holding a transaction across SMTP.
 *
 * One statement claims up to `emailBatchSize` due e-mails (`for update skip locked`, so replicas
 * never claim the same row) and leases them: it counts the attempt and moves `next_attempt_at` past
 * the lease, so no sender takes them again while they are being sent. The e-mails go over the
 * transport's pooled connections, then one statement records every outcome: the sent ones with their
 * `email.sent` outbox rows (inserted by the same statement, so the event exists if and only if the
 * status says sent), the failures with their retry time or as given up (`decideAfterFailure`).
 *
 * A sender that dies mid-batch leaves its e-mails leased: another replica (or the next run) takes them
 * when the lease ends and sends them again with the same Message-ID; the attempt the crash cost
 * counts, so an e-mail that crashes its sender every time is given up in the end. No send starts
 * later than `startWindowMs` after the claim, and a started one ends within the SMTP timeouts, so
 * the lease (`leaseMs`) outlasts the batch: a live sender never has its e-mails taken from under it.
 * Were it to happen anyway, its record is dropped (the row's `attempts` no longer match its claim).
 */
@Injectable()
export class EmailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: WorkerLoop;
  private wake: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly policy: RetryPolicy;
  /** How long claimed e-mails are kept from other senders. */
  readonly leaseMs: number;
  /** How long after a claim a send may still start: the rest of the batch is released. */
  private readonly startWindowMs: number;

  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
    private readonly transport: MailTransport,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.policy = { maxAttempts: config.MAIL_MAX_ATTEMPTS, backoffMs: config.MAIL_RETRY_BACKOFF_MS };
    // A send ends within its connection, greeting and socket timeouts (three times SMTP_TIMEOUT_MS).
    this.startWindowMs = 2 * config.SMTP_TIMEOUT_MS;
    this.leaseMs = 6 * config.SMTP_TIMEOUT_MS;
    this.loop = new WorkerLoop({
      pass: () => this.pass(),
      intervalMs: config.MAIL_POLL_INTERVAL_MS,
      gatherMs: config.MAIL_GATHER_MS,
      onError: (error) => this.logger.warn({ err: error }, 'e-mail sender pass failed; will retry'),
    });
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    // E-mails left pending by a previous run (crash, SMTP down) go now.
    this.loop.start();
  }

  /**
   * Before the platform closes the ORM: let the sends under way finish and record them, start no
   * new one (the e-mails of the batch not started yet are released to the next sender), then close
   * the SMTP connections.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake);
    await this.loop.stop();
    this.transport.close();
  }

  /**
   * Asks for a pass now, without waiting for the next tick: called by whoever queued e-mails, once
   * they are committed (`queueEmailsOnce` is a statement, which no ORM subscriber sees).
   */
  kick(): void {
    this.loop.kick();
  }

  /**
   * Sends the due e-mails batch by batch until a batch is not full: e-mails queued meanwhile kick
   * the loop, which runs another pass. Resolves with the number of e-mails handled (sent or not).
   */
  private async pass(): Promise<number> {
    let handled = 0;
    for (let batch = 0; batch < batchesPerPass; batch += 1) {
      if (this.stopped) return handled;
      const { claimed, nextDue } = await this.claim();
      const retries = claimed.length === 0 ? [] : await this.record(await this.sendAll(claimed));
      handled += claimed.length;
      this.wakeAt([nextDue, ...retries]);
      if (claimed.length < emailBatchSize) return handled;
    }
    this.kick();
    return handled;
  }

  /**
   * Claims and leases the due e-mails, oldest due first, in one statement, which also tells when the
   * next pending e-mail that is not due yet will be (a retry): an idle pass costs that one statement.
   */
  private async claim(): Promise<{ claimed: ClaimedEmail[]; nextDue: Date | null }> {
    const rows = (await this.orm.em.getConnection().execute(
      `with due as (
         select id from "messaging"."email_message"
         where status = 'pending' and next_attempt_at <= now()
         order by next_attempt_at, created_at
         limit ? for update skip locked
       ), claimed as (
         update "messaging"."email_message" e
         set attempts = e.attempts + 1, next_attempt_at = now() + ? * interval '1 millisecond'
         from due where e.id = due.id
         returning e.id, e.tenant_id, e.dossier_id, e."to", e.subject, e.text_body, e.html_body, e.attempts
       )
       select (select coalesce(json_agg(claimed), '[]'::json) from claimed) as claimed,
              (select min(next_attempt_at) from "messaging"."email_message" where status = 'pending' and next_attempt_at > now()) as next_due`,
      [emailBatchSize, this.leaseMs],
      'all',
    )) as { claimed: ClaimedEmail[]; next_due: Date | string | null }[];
    const row = rows[0];
    return { claimed: row?.claimed ?? [], nextDue: row?.next_due == null ? null : new Date(row.next_due) };
  }

  /** Sends the claimed e-mails, as many at once as the transport carries. */
  private async sendAll(claimed: readonly ClaimedEmail[]): Promise<Outcome[]> {
    const deadline = Date.now() + this.startWindowMs;
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let email = claimed[next++]; email !== undefined; email = claimed[next++]) {
        if (this.stopped || Date.now() > deadline) {
          outcomes.push({ email, released: true });
          continue;
        }
        try {
          await this.transport.send({ to: email.to, subject: email.subject, text: email.text_body, html: email.html_body, messageId: messageIdOf(email.id) });
          outcomes.push({ email, sent: true });
        } catch (error) {
          outcomes.push({ email, sent: false, error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.transport.concurrency, claimed.length) }, worker));
    return outcomes;
  }

  /**
   * Records every outcome of a batch in one statement: sent (with its `email.sent` outbox row),
   * to retry, given up, or released (not tried: the attempt is given back and it is due at once).
   * A row whose claim is no longer ours (deleted with its dossier meanwhile, or re-claimed after
   * the lease) is left alone, and no event is written for it. Resolves with the retry times.
   */
  private async record(outcomes: readonly Outcome[]): Promise<Date[]> {
    const now = new Date();
    const retries: Date[] = [];
    const results = outcomes.map((outcome) => {
      const { email } = outcome;
      if ('released' in outcome) return { id: email.id, attempts: email.attempts, status: 'pending', released: true, next_attempt_at: now.toISOString(), last_error: null };
      if (outcome.sent) return { id: email.id, attempts: email.attempts, status: 'sent', released: false, next_attempt_at: null, last_error: null };
      const lastError = describeSendError(outcome.error);
      const decision = decideAfterFailure(email.attempts, outcome.error, this.policy, now);
      if (decision.status === 'failed') {
        this.logger.error({ emailId: email.id, attempts: email.attempts, error: lastError }, 'e-mail given up');
        return { id: email.id, attempts: email.attempts, status: 'failed', released: false, next_attempt_at: null, last_error: lastError };
      }
      this.logger.warn({ emailId: email.id, attempts: email.attempts, error: lastError, retryAt: decision.nextAttemptAt }, 'e-mail send failed, will retry');
      retries.push(decision.nextAttemptAt);
      return { id: email.id, attempts: email.attempts, status: 'pending', released: false, next_attempt_at: decision.nextAttemptAt.toISOString(), last_error: lastError };
    });
    const sent = outcomes.flatMap((outcome) => ('sent' in outcome && outcome.sent ? [outcome.email] : []));
    const events = outboxInsert(
      'messaging',
      sent.map((email) =>
        outboxRow(
          messagingEvents.emailSent,
          { emailId: email.id, to: email.to, subject: email.subject, dossierId: email.dossier_id },
          { system: 'messaging', ...(email.tenant_id === null ? {} : { tenantId: email.tenant_id }) },
        ),
      ),
      { cte: 'sent', column: 'id', keys: sent.map((email) => email.id) },
    );
    const recorded = (await this.orm.em.getConnection().execute(
      `with result as (
         select * from jsonb_to_recordset(?::jsonb) as r(id text, attempts int, status text, released boolean, next_attempt_at timestamptz, last_error text)
       ), updated as (
         update "messaging"."email_message" e
         set status = r.status,
             attempts = case when r.released then e.attempts - 1 else e.attempts end,
             next_attempt_at = coalesce(r.next_attempt_at, e.next_attempt_at),
             last_error = case when r.released then e.last_error else r.last_error end,
             sent_at = case when r.status = 'sent' then now() else e.sent_at end
         from result r
         where e.id = r.id and e.status = 'pending' and e.attempts = r.attempts
         returning e.id, e.status
       ), sent as (select id from updated where status = 'sent'),
       events as (${events.sql})
       select (select count(*)::int from sent) as sent`,
      [JSON.stringify(results), ...events.params],
      'all',
    )) as { sent: number }[];
    // The relay directly, not `outboxRowsWritten`: this pass may run in the async context of the
    // handler whose commit kicked it, long done.
    if ((recorded[0]?.sent ?? 0) > 0) this.relay.kick();
    return retries;
  }

  /** Sleeps until the next retry is due rather than until the next poll. */
  private wakeAt(candidates: readonly (Date | null)[]): void {
    if (this.stopped) return;
    const times = candidates.flatMap((date) => (date === null ? [] : [date.getTime()]));
    if (times.length === 0) return;
    const delay = Math.max(0, Math.min(...times) - Date.now());
    if (delay >= this.config.MAIL_POLL_INTERVAL_MS) return;
    if (this.wake) clearTimeout(this.wake);
    this.wake = setTimeout(() => this.kick(), delay);
  }
}
