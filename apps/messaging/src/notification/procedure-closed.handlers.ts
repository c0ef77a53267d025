import { createHash } from 'node:crypto';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { dossierClosureContracts, procedureContracts, procedureEvents, type BusContext, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER, OnEvent } from '@guichet/platform-service';
import { MESSAGING_CONFIG, type MessagingConfig } from '../config';
import { EmailSender } from '../email/email-sender.service';
import { queueEmailsOnce } from '../email/email-queue';
import { procedureClosedEmail } from './notification-emails';

/** Usagers asked of dossiers per page (the contract's maximum). */
const pageSize = 500;

type Closed = EventDataOf<typeof procedureEvents.closed>;

/**
 * When a procedure closes, each usager having a dossier in brouillon on it is told, once: the
 * brouillon can no longer be submitted. Dossiers lists the distinct addresses page by page; each
 * page's e-mails are inserted in their own transaction under ids derived from the event and the
 * address (`<event id>.procedure_closed.<hash>`), `on conflict do nothing`, so a procedure with
 * 100,000 brouillons never makes one huge transaction, and an event redelivered after a failure
 * midway (dossiers or procedures unavailable, crash) queues only the e-mails not queued yet.
 * The processed-event record then makes a later redelivery a no-op.
 */
@Injectable()
export class ProcedureClosedHandlers {
  constructor(
    private readonly bus: Bus,
    private readonly orm: MikroORM,
    private readonly sender: EmailSender,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OnEvent(procedureEvents.closed, { durable: 'messaging__procedure_closed_emails' })
  async onProcedureClosed(event: EventEnvelope<Closed>, _em: EntityManager): Promise<void> {
    if (event.tenantId === null) return;
    const { data } = event;
    const ctx: BusContext = { system: 'messaging', tenantId: event.tenantId, ...(event.traceparent !== null ? { traceparent: event.traceparent } : {}) };
    const procedure = await this.bus.request(procedureContracts.get, { procedureId: data.procedureId }, ctx);
    // A late (redelivered) event for a procedure republished since tells nobody it is closed.
    if (procedure.state !== 'close') return;
    let after: string | undefined;
    let queued = 0;
    for (;;) {
      const page = await this.bus.request(dossierClosureContracts.listBrouillonUsagers, { procedureId: data.procedureId, limit: pageSize, ...(after !== undefined ? { after } : {}) }, ctx);
      const emails = page.items.map((usager) => ({
        id: `${event.id}.procedure_closed.${addressKey(usager.email)}`,
        purpose: 'procedure_closed',
        tenantId: event.tenantId,
        dossierId: null,
        to: usager.email,
        ...procedureClosedEmail({
          procedureTitle: procedure.title,
          reason: data.reason,
          details: data.details,
          replacementPath: data.replacementPath,
          closedAt: data.closedAt,
          usager,
          publicUrl: this.config.PUBLIC_URL,
        }),
      }));
      const inserted = await this.orm.em.fork().transactional((tx) => queueEmailsOnce(tx, emails));
      queued += inserted;
      if (inserted > 0) this.sender.kick();
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    this.logger.info({ eventId: event.id, procedureId: data.procedureId, queued }, 'procedure closed: usagers with a brouillon told');
  }
}

/** The same address whatever its case, in a form fit for an id (and a Message-ID). */
function addressKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}
