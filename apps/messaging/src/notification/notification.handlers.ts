import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import {
  dossierEventContracts,
  expertEvents,
  GuichetError,
  messagingEvents,
  procedureContracts,
  procedureNotices,
  type BusContext,
  type DossierChange,
  type EventDataOf,
  type EventEnvelope,
  type MailTemplate,
  type MailTemplateKind,
} from '@guichet/contracts';
import { emailTemplateFor } from '@guichet/dossier-state';
import { Bus, NoticedCache } from '@guichet/platform-bus';
import { processedEventInsert } from '@guichet/platform-persistence';
import { ProcedureRevisions } from '@guichet/procedure-revisions';
import { OnEvent } from '@guichet/platform-service';
import { MESSAGING_CONFIG, type MessagingConfig } from '../config';
import { EmailSender } from '../email/email-sender.service';
import { queueEmailsOnce, type QueuedEmail } from '../email/email-queue';
import { definition } from '../service.definition';
import { renderDossierEmail } from './dossier-email.renderer';
import { avisAnsweredEmail, avisRequestedEmail, newMessageEmail } from './notification-emails';

/** The durable consumers of this class: each records its processed events under its name. */
const consumers = {
  dossierEmails: 'messaging__dossier_emails',
  avisRequested: 'messaging__avis_requested_emails',
  avisAnswered: 'messaging__avis_answered_emails',
  messageEmails: 'messaging__message_emails',
} as const;

/**
 * Turns domain events into queued e-mails. Each handler asks what it needs first (outside any
 * transaction), then writes in one statement the processed-event record and, only if that record is
 * new, the e-mail (`recordsProcessed`): a redelivered event queues nothing more. The e-mail key is
 * derived from the event id too, so even a replayed record could not queue it twice.
 */
@Injectable()
export class NotificationHandlers {
  /**
   * The procedures' e-mail templates and titles, per tenant and kind, kept until procedures announces
   * a change of the procedure (`procedure.changed`), or the bus may have missed one.
   */
  private readonly templates: NoticedCache<{ title: string; template: MailTemplate }>;

  constructor(
    private readonly bus: Bus,
    private readonly sender: EmailSender,
    @Inject(ProcedureRevisions) private readonly revisions: ProcedureRevisions,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {
    this.templates = new NoticedCache<{ title: string; template: MailTemplate }>({ maxOwners: 1_000 }).follow(bus, procedureNotices.changed, ({ procedureId }) => procedureId);
  }

  /**
   * The usager's e-mail after a transition, from the procedure's template. When procedures does
   * not answer, the request throws and the event is retried (then dead-lettered): no e-mail is
   * better than one without its template.
   */
  @OnEvent(dossierEventContracts.stateChanged, { durable: consumers.dossierEmails, recordsProcessed: true })
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
    await this.queueOnce(em, consumers.dossierEmails, event, {
      id: `${event.id}.${kind}`,
      purpose: kind,
      tenantId: event.tenantId,
      dossierId: event.data.dossierId,
      to: event.data.usager.email,
      ...rendered,
    });
  }

  /** The event recorded as processed by `consumer` and its e-mail queued, in one statement; the sender woken. */
  private async queueOnce(em: EntityManager, consumer: string, event: EventEnvelope, email: QueuedEmail): Promise<void> {
    const queued = await queueEmailsOnce(em, [email], processedEventInsert(definition.orm.schema, consumer, event.id));
    if (queued > 0) this.sender.kick();
  }

  /**
   * The procedure's template of this kind and its title, as procedures had them at its last change
   * (kept per tenant: procedures decides whether the event's tenant may read them).
   */
  private mailTemplate(procedureId: string, kind: MailTemplateKind, ctx: BusContext): Promise<{ title: string; template: MailTemplate }> {
    return this.templates.get(procedureId, `${ctx.tenantId ?? ''}:${kind}`, () => this.askMailTemplate(procedureId, kind, ctx));
  }

  /**
   * The template as procedures has it now. A procedures service that does not serve that request
   * yet (a rolling deployment) is asked the whole procedure.
   */
  private async askMailTemplate(procedureId: string, kind: MailTemplateKind, ctx: BusContext): Promise<{ title: string; template: MailTemplate }> {
    try {
      return await this.bus.request(procedureContracts.getMailTemplate, { procedureId, kind }, ctx);
    } catch (error) {
      if (!(error instanceof GuichetError) || error.code !== 'UNAVAILABLE') throw error;
      const procedure = await this.bus.request(procedureContracts.get, { procedureId }, ctx);
      return { title: procedure.title, template: procedure.mailTemplates[kind] };
    }
  }

  @OnEvent(expertEvents.requested, { durable: consumers.avisRequested, recordsProcessed: true })
  async onAvisRequested(event: EventEnvelope<EventDataOf<typeof expertEvents.requested>>, em: EntityManager): Promise<void> {
    const { data } = event;
    await this.queueOnce(em, consumers.avisRequested, event, {
      id: `${event.id}.avis_requested`,
      purpose: 'avis_requested',
      tenantId: event.tenantId,
      dossierId: data.dossierId,
      to: data.expertEmail,
      ...avisRequestedEmail({ ...data, publicUrl: this.config.PUBLIC_URL }),
    });
  }

  @OnEvent(expertEvents.answered, { durable: consumers.avisAnswered, recordsProcessed: true })
  async onAvisAnswered(event: EventEnvelope<EventDataOf<typeof expertEvents.answered>>, em: EntityManager): Promise<void> {
    const { data } = event;
    await this.queueOnce(em, consumers.avisAnswered, event, {
      id: `${event.id}.avis_answered`,
      purpose: 'avis_answered',
      tenantId: event.tenantId,
      dossierId: data.dossierId,
      to: data.requestedBy,
      ...avisAnsweredEmail({ ...data, publicUrl: this.config.PUBLIC_URL }),
    });
  }

  /** Only the administration's messages reach the usager by e-mail; agents follow their dashboard. */
  @OnEvent(messagingEvents.posted, { durable: consumers.messageEmails, recordsProcessed: true })
  async onMessagePosted(event: EventEnvelope<EventDataOf<typeof messagingEvents.posted>>, em: EntityManager): Promise<void> {
    const { data } = event;
    if (data.authorRole !== 'instructeur') return;
    await this.queueOnce(em, consumers.messageEmails, event, {
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
