import { LockMode, MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { messagingEvents } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { addToOutbox, InsertedThenCommittedSubscriber, OutboxRelay } from '@guichet/platform-persistence';
import { LOGGER } from '@guichet/platform-service';
import { MESSAGING_CONFIG, type MessagingConfig } from '../config';
import { EmailMessage, messageIdOf } from './email-message.entity';
import { decideAfterFailure, describeSendError, type RetryPolicy } from './email-retry.policy';
import { MailTransport } from './mail.transport';

/** E-mails sent in one pass before yielding, so a long queue does not starve shutdown. */
const maxPerPass = 100;

/**
 * Delivers the e-mail outbox. Each e-mail is claimed with `for update skip locked` (replicas share
 * the work, never the same row), sent, and marked sent with its `email.sent` event in the same
 * transaction. A crash after the SMTP send and before the commit sends it again on restart, with
 * the same Message-ID; a failure is retried with backoff, then the e-mail is marked failed.
 */
@Injectable()
export class EmailSender implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly policy: RetryPolicy;

  constructor(
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
    private readonly transport: MailTransport,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.policy = { maxAttempts: config.MAIL_MAX_ATTEMPTS, backoffMs: config.MAIL_RETRY_BACKOFF_MS };
  }

  onModuleInit(): void {
    this.orm.em.getEventManager().registerSubscriber(new InsertedThenCommittedSubscriber(EmailMessage, () => this.kick()));
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.config.MAIL_POLL_INTERVAL_MS);
    // E-mails left pending by a previous run (crash, SMTP down) go now.
    this.kick();
  }

  /** Before the platform closes the ORM: let the e-mail being sent finish, take no new one. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    await this.running;
    this.transport.close();
  }

  /** Asks for a pass now (after a commit that queued an e-mail), without waiting for the next tick. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'e-mail sender pass failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends the due e-mails one by one. Resolves with the number of e-mails handled (sent or not). */
  async drain(): Promise<number> {
    let handled = 0;
    while (!this.stopped && handled < maxPerPass) {
      if (!(await this.sendNext())) break;
      handled += 1;
    }
    if (handled === maxPerPass) this.again = true;
    else await this.wakeForNextRetry();
    return handled;
  }

  /** Sleeps until the next retry is due rather than until the next poll. */
  private async wakeForNextRetry(): Promise<void> {
    if (this.stopped) return;
    const next = await this.orm.em.fork().findOne(EmailMessage, { status: 'pending' }, { orderBy: { nextAttemptAt: 'asc' }, fields: ['nextAttemptAt'] });
    if (!next) return;
    const delay = Math.max(0, next.nextAttemptAt.getTime() - Date.now());
    if (delay >= this.config.MAIL_POLL_INTERVAL_MS) return;
    if (this.wake) clearTimeout(this.wake);
    this.wake = setTimeout(() => this.kick(), delay);
  }

  /** Claims one due e-mail and tries it; false when none is due. */
  private async sendNext(): Promise<boolean> {
    // The last pass of every drain finds nothing due: one statement, without a transaction.
    const due = (await this.orm.em
      .getConnection()
      .execute(`select 1 from "messaging"."email_message" where status = 'pending' and next_attempt_at <= ? limit 1`, [new Date()], 'all')) as unknown[];
    if (due.length === 0) return false;
    let sent = false;
    const handled = await this.orm.em.fork().transactional(async (tx) => {
      const [email] = await tx.find(
        EmailMessage,
        { status: 'pending', nextAttemptAt: { $lte: new Date() } },
        { orderBy: { nextAttemptAt: 'asc', createdAt: 'asc' }, limit: 1, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      if (!email) return false;
      email.attempts += 1;
      try {
        await this.transport.send({ to: email.to, subject: email.subject, text: email.textBody, html: email.htmlBody, messageId: messageIdOf(email.id) });
      } catch (error) {
        email.lastError = describeSendError(error);
        const decision = decideAfterFailure(email.attempts, error, this.policy, new Date());
        if (decision.status === 'failed') {
          email.status = 'failed';
          this.logger.error({ emailId: email.id, attempts: email.attempts, error: email.lastError }, 'e-mail given up');
        } else {
          email.nextAttemptAt = decision.nextAttemptAt;
          this.logger.warn({ emailId: email.id, attempts: email.attempts, error: email.lastError, retryAt: decision.nextAttemptAt }, 'e-mail send failed, will retry');
        }
        return true;
      }
      email.status = 'sent';
      email.sentAt = new Date();
      email.lastError = null;
      addToOutbox(
        tx,
        messagingEvents.emailSent,
        { emailId: email.id, to: email.to, subject: email.subject, dossierId: email.dossierId },
        { system: 'messaging', ...(email.tenantId === null ? {} : { tenantId: email.tenantId }) },
      );
      sent = true;
      return true;
    });
    if (sent) this.relay.kick();
    return handled;
  }
}
