import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export const emailStatuses = ['pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/**
 * One e-mail to send: the e-mail outbox. Consumers only insert rows (in the statement that records
 * the event as processed); the sender delivers them. The id is an idempotency key derived
 * from the event that caused the e-mail, and the SMTP Message-ID is derived from it, so a resend
 * after a crash is recognisable as the same e-mail.
 */
@Entity({ tableName: 'email_message' })
@Index({ name: 'email_message_due_idx', properties: ['status', 'nextAttemptAt'] })
@Index({ name: 'email_message_dossier_idx', properties: ['tenantId', 'dossierId', 'createdAt'] })
export class EmailMessage {
  [OptionalProps]?: 'status' | 'attempts' | 'nextAttemptAt' | 'createdAt';

  /** `<event id>.<purpose>`: a redelivered event cannot queue a second e-mail. */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'uuid', nullable: true })
  tenantId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  dossierId: string | null = null;

  /** What the e-mail is (a dossier template kind, `avis_requested`, `new_message`…), for the log. */
  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'text' })
  to!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  textBody!: string;

  @Property({ type: 'text', nullable: true })
  htmlBody: string | null = null;

  @Property({ type: 'text' })
  status: EmailStatus = 'pending';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /**
   * When a sender may try (again): now for a new e-mail, later after a failure, and while a sender
   * holds it, the end of that sender's lease (see EmailSender).
   */
  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}

/** The SMTP Message-ID of an e-mail: stable across resends, so a duplicate can be recognised. */
export function messageIdOf(emailId: string): string {
  return `<${emailId}@guichet>`;
}
