import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import {
  dossierEventContracts,
  expertEvents,
  GuichetError,
  messagingEvents,
  procedureContracts,
  type BusContext,
  type DossierChange,
  type EventDataOf,
  type EventEnvelope,
  type MailTemplate,
  type MailTemplateKind,
} from '@guichet/contracts';
import { emailTemplateFor } from '@guichet/dossier-state';
import { Bus } from '@guichet/platform-bus';
import { ProcedureRevisions } from '@guichet/procedure-revisions';
import { OnEvent } from '@guichet/platform-service';
import { MESSAGING_CONFIG, type MessagingConfig } from '../config';
import { queueEmail } from '../email/email-queue';
import { renderDossierEmail } from './dossier-email.renderer';
import { avisAnsweredEmail, avisRequestedEmail, newMessageEmail } from './notification-emails';

/**
 * Turns domain events into queued e-mails. Each handler runs in the transaction that records the
 * event as processed, so a redelivered event queues nothing more; the e-mail key is derived from
 * the event id for the same reason.
 */
@Injectable()
export class NotificationHandlers {
  constructor(
    private readonly bus: Bus,
    @Inject(ProcedureRevisions) private readonly revisions: ProcedureRevisions,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  /**
   * The usager's e-mail after a transition, from the procedure's template. When procedures does
   * not answer, the request throws and the event is retried (then dead-lettered): no e-mail is
   * better than one without its template.
   */
  @OnEvent(dossierEventContracts.stateChanged, { durable: 'messaging__dossier_emails' })
  async onDossierStateChanged(event: EventEnvelope<DossierChange>, em: EntityManager): Promise<void> {
    const kind = emailTemplateFor(event.data.event);
    if (kind === null) return;
    const ctx = systemContext(event);
    const [procedure, revision] = await Promise.all([
      this.mailTemplate(event.data.procedureId, kind, ctx),
      // A published revision never changes: kept after its first read (the template is read afresh).
      this.revisions.get(event.data.revisionId, ctx),
    ]);
    const rendered = renderDossierEmail({
      change: event.data,
      template: procedure.template,
      procedureTitle: procedure.title,
      fields: revision.fields,
      annotations: revision.annotations,
      publicUrl: this.config.PUBLIC_URL,
    });
    queueEmail(em, {
      id: `${event.id}.${kind}`,
      purpose: kind,
      tenantId: event.tenantId,
      dossierId: event.data.dossierId,
      to: event.data.usager.email,
      ...rendered,
    });
  }

  /**
   * The procedure's template of this kind and its title, as procedures has them now. A procedures
   * service that does not serve that request yet (a rolling deployment) is asked the whole procedure.
   */
  private async mailTemplate(procedureId: string, kind: MailTemplateKind, ctx: BusContext): Promise<{ title: string; template: MailTemplate }> {
    try {
      return await this.bus.request(procedureContracts.getMailTemplate, { procedureId, kind }, ctx);
    } catch (error) {
      if (!(error instanceof GuichetError) || error.code !== 'UNAVAILABLE') throw error;
      const procedure = await this.bus.request(procedureContracts.get, { procedureId }, ctx);
      return { title: procedure.title, template: procedure.mailTemplates[kind] };
    }
  }

  @OnEvent(expertEvents.requested, { durable: 'messaging__avis_requested_emails' })
  async onAvisRequested(event: EventEnvelope<EventDataOf<typeof expertEvents.requested>>, em: EntityManager): Promise<void> {
    const { data } = event;
    queueEmail(em, {
      id: `${event.id}.avis_requested`,
      purpose: 'avis_requested',
      tenantId: event.tenantId,
      dossierId: data.dossierId,
      to: data.expertEmail,
      ...avisRequestedEmail({ ...data, publicUrl: this.config.PUBLIC_URL }),
    });
  }

  @OnEvent(expertEvents.answered, { durable: 'messaging__avis_answered_emails' })
  async onAvisAnswered(event: EventEnvelope<EventDataOf<typeof expertEvents.answered>>, em: EntityManager): Promise<void> {
    const { data } = event;
    queueEmail(em, {
      id: `${event.id}.avis_answered`,
      purpose: 'avis_answered',
      tenantId: event.tenantId,
      dossierId: data.dossierId,
      to: data.requestedBy,
      ...avisAnsweredEmail({ ...data, publicUrl: this.config.PUBLIC_URL }),
    });
  }

  /** Only the administration's messages reach the usager by e-mail; agents follow their dashboard. */
  @OnEvent(messagingEvents.posted, { durable: 'messaging__message_emails' })
  async onMessagePosted(event: EventEnvelope<EventDataOf<typeof messagingEvents.posted>>, em: EntityManager): Promise<void> {
    const { data } = event;
    if (data.authorRole !== 'instructeur') return;
    queueEmail(em, {
      id: `${event.id}.new_message`,
      purpose: 'new_message',
      tenantId: event.tenantId,
      dossierId: data.dossierId,
      to: data.usagerEmail,
      ...newMessageEmail({ ...data, publicUrl: this.config.PUBLIC_URL }),
    });
  }
}

/** Work messaging does on its own, for the event's tenant. */
function systemContext(event: EventEnvelope): BusContext {
  return { system: 'messaging', ...(event.tenantId === null ? {} : { tenantId: event.tenantId }) };
}
