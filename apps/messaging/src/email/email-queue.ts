import type { EntityManager } from '@mikro-orm/core';
import type { SqlPart } from '@guichet/platform-persistence';

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
 * Inserts e-mails in one statement, committed by the caller's connection or transaction, skipping
 * those whose id is already there (queued by an earlier attempt of the same event, sent or not).
 * With `processed` (a consumer's `processedEventInsert`), the statement also records the event as
 * processed, and inserts the e-mails only if it was not already: a consumer's whole effect in one
 * statement. Native insert, so the sender is not kicked by a commit: the caller kicks it. Resolves
 * with how many were new.
 */
export async function queueEmailsOnce(em: EntityManager, emails: readonly QueuedEmail[], processed?: SqlPart): Promise<number> {
  if (emails.length === 0 && processed === undefined) return 0;
  const rows = emails.map((email) => ({
    id: email.id,
    tenant_id: email.tenantId,
    dossier_id: email.dossierId,
    purpose: email.purpose,
    to: email.to,
    subject: headerLine(email.subject),
    text_body: email.text,
    html_body: email.html ?? null,
  }));
  const insert = `insert into "messaging"."email_message" (id, tenant_id, dossier_id, purpose, "to", subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
    select m.id, m.tenant_id, m.dossier_id, m.purpose, m."to", m.subject, m.text_body, m.html_body, 'pending', 0, now(), now()
    from jsonb_to_recordset(?::jsonb) as m(id text, tenant_id uuid, dossier_id uuid, purpose text, "to" text, subject text, text_body text, html_body text)
    ${processed === undefined ? '' : 'where exists (select from processed)'}
    on conflict (id) do nothing returning id`;
  const sql = processed === undefined ? `with queued as (${insert}) select count(*)::int as queued from queued` : `with processed as (${processed.sql}), queued as (${insert}) select count(*)::int as queued from queued`;
  const result = (await em
    .getConnection()
    .execute(sql, [...(processed?.params ?? []), JSON.stringify(rows)], 'all', em.getTransactionContext())) as { queued: number }[];
  return result[0]?.queued ?? 0;
}
