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

/**
 * Adds an e-mail to the outbox in the caller's unit of work: it is sent only if the caller's
 * transaction commits (the sender is kicked right after the commit, see EmailQueuedSubscriber).
 */
export function queueEmail(em: EntityManager, email: QueuedEmail): EmailMessage {
  return em.create(EmailMessage, {
    id: email.id,
    purpose: email.purpose,
    tenantId: email.tenantId,
    dossierId: email.dossierId,
    to: email.to,
    // A header line: no line breaks, and a sane length.
    subject: email.subject.replace(/\s+/g, ' ').trim().slice(0, 300),
    textBody: email.text,
    htmlBody: email.html ?? null,
  });
}
