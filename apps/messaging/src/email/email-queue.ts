import type { EntityManager } from '@mikro-orm/core';
import { EmailMessage } from './email-message.entity';

export interface QueuedEmail {
  /** Idempotency key: `<event id>.<purpose>`. */
  id: string;
  purpose: string;
  tenantId: string | null;
  dossierId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/** A header line: no line breaks, and a sane length. */
function headerLine(subject: string): string {
  return subject.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * Adds an e-mail to the outbox in the caller's unit of work: it is sent only if the caller's
 * transaction commits (the sender is kicked right after the commit, see InsertedThenCommittedSubscriber).
 */
export function queueEmail(em: EntityManager, email: QueuedEmail): EmailMessage {
  return em.create(EmailMessage, {
    id: email.id,
    purpose: email.purpose,
    tenantId: email.tenantId,
    dossierId: email.dossierId,
    to: email.to,
    subject: headerLine(email.subject),
    textBody: email.text,
    htmlBody: email.html ?? null,
  });
}

/**
 * Inserts many e-mails at once, committed by the caller's connection or transaction, skipping those
 * whose id is already there (queued by an earlier attempt of the same event, sent or not): for
 * consumers that queue more e-mails than one unit of work should hold. Native insert, so the
 * sender is not kicked by the commit: the caller kicks it. Resolves with how many were new.
 */
export async function queueEmailsOnce(em: EntityManager, emails: readonly QueuedEmail[]): Promise<number> {
  if (emails.length === 0) return 0;
  const now = new Date();
  const rows = emails.map((email) => ({
    id: email.id,
    tenant_id: email.tenantId,
    dossier_id: email.dossierId,
    purpose: email.purpose,
    to: email.to,
    subject: headerLine(email.subject),
    text_body: email.text,
    html_body: email.html ?? null,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  }));
  const columns = Object.keys(rows[0] ?? {});
  const placeholders = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
  const values = rows.flatMap((row) => Object.values(row));
  const inserted = (await em
    .getConnection()
    .execute(
      `insert into messaging.email_message (${columns.map((column) => `"${column}"`).join(', ')}) values ${placeholders} on conflict (id) do nothing returning id`,
      values,
      'all',
      em.getTransactionContext(),
    )) as unknown[];
  return inserted.length;
}
