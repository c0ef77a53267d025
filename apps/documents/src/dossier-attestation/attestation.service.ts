import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  documentEvents,
  GuichetError,
  procedureContracts,
  type AttestationTemplate,
  type BusContext,
  type DossierChange,
  type EventEnvelope,
  type ResponseOf,
  type documentContracts,
} from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { addToOutbox } from '@guichet/platform-persistence';
import { LOGGER } from '@guichet/platform-service';
import { ObjectStorage } from '@guichet/platform-storage';
import type { EntityManager } from '@mikro-orm/core';
import { DossierAccess } from '@guichet/dossier-access';
import { ProcedureRevisions } from '@guichet/procedure-revisions';
import { AttestationInputError, renderAttestationPdf } from '../attestation/attestation.render';
import { StoredFileRepository } from '../stored-file/stored-file.repository';
import { attestationImagePolicy } from '../stored-file/upload-policy';
import { buckets, type DocumentsBucket } from '../buckets';
import { DOWNLOAD_URL_SECONDS } from '../stored-file/stored-file.service';
import type { AttestationKind } from './attestation.entity';
import { renderAttestationText } from './attestation-content';
import { AttestationRepository } from './attestation.repository';

type AttestationInfo = ResponseOf<typeof documentContracts.getAttestation>;

const kindOfDecision: Partial<Record<DossierChange['to'], AttestationKind>> = { accepte: 'acceptation', refuse: 'refus' };
const defaultTitles: Record<AttestationKind, string> = { acceptation: 'Attestation d’acceptation', refus: 'Attestation de refus' };

/**
 * The state changes attestations have to do with: a decision that may have one (acceptance,
 * refusal), a return to instruction that withdraws them, and an event without a tenant (logged).
 * `onDossierStateChanged` does nothing for the others (a submission, a passage en instruction…).
 */
export function concernsAttestations(event: EventEnvelope<DossierChange>): boolean {
  return event.tenantId === null || event.data.event === 'repasser_en_instruction' || kindOfDecision[event.data.to] !== undefined;
}

export function attestationObjectKey(tenantId: string, dossierId: string, traitementId: string): string {
  return `attestations/${tenantId}/${dossierId}/${traitementId}.pdf`;
}

/** Attestations: generated when a decision is taken, withdrawn when it is undone, downloaded by those who may see the dossier. */
@Injectable()
export class AttestationService {
  constructor(
    @Inject(AttestationRepository) private readonly attestations: AttestationRepository,
    @Inject(StoredFileRepository) private readonly files: StoredFileRepository,
    @Inject(Bus) private readonly bus: Bus,
    @Inject(DossierAccess) private readonly dossiers: DossierAccess,
    @Inject(ProcedureRevisions) private readonly revisions: ProcedureRevisions,
    @Inject(ObjectStorage) private readonly storage: ObjectStorage<DocumentsBucket>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Called once per event id, inside the consumer's transaction (`em`). */
  async onDossierStateChanged(event: EventEnvelope<DossierChange>, em: EntityManager): Promise<void> {
    const change = event.data;
    const tenantId = event.tenantId;
    if (tenantId === null) {
      this.logger.warn({ eventId: event.id, dossierId: change.dossierId }, 'state change without a tenant: no attestation');
      return;
    }
    if (change.event === 'repasser_en_instruction') {
      const at = new Date(event.occurredAt);
      await this.attestations.withdrawAll(tenantId, change.dossierId, at);
      await this.attestations.recordWithdrawal(tenantId, change.dossierId, at);
      await this.attestations.flush();
      return;
    }
    const kind = kindOfDecision[change.to];
    if (kind === undefined) return;
    await this.generate(event, tenantId, kind, em);
  }

  private async generate(event: EventEnvelope<DossierChange>, tenantId: string, kind: AttestationKind, em: EntityManager): Promise<void> {
    const change = event.data;
    // The same decision under another event id (a republished outbox row): one attestation only.
    if (await this.attestations.findByTraitement(tenantId, change.traitementId)) return;
    // A retried decision event overtaken by the return to instruction that undid it.
    const withdrawal = await this.attestations.findWithdrawal(tenantId, change.dossierId);
    if (withdrawal && withdrawal.withdrawnThrough >= new Date(event.occurredAt)) return;

    const ctx: BusContext = { system: 'documents', tenantId, ...(event.traceparent ? { traceparent: event.traceparent } : {}) };
    const procedure = await this.bus.request(procedureContracts.get, { procedureId: change.procedureId }, ctx);
    const template = procedure.attestationTemplates.find((candidate) => candidate.kind === kind);
    if (!template) return;
    // A published revision never changes: kept after its first read (the templates are read afresh).
    const revision = await this.revisions.get(change.revisionId, ctx);

    const text = renderAttestationText(template, change, revision.fields, procedure.title, revision.annotations);
    const [logo, signature] = await Promise.all([this.templateImage(tenantId, template.logoFileId), this.templateImage(tenantId, template.signatureFileId)]);
    const pdf = await this.render({
      title: text.title.trim() === '' ? defaultTitles[kind] : text.title,
      body: text.body,
      footer: text.footer,
      procedureTitle: procedure.title,
      tenantName: procedure.tenantName,
      dossierNumber: change.number,
      usagerName: `${change.usager.firstName} ${change.usager.lastName}`.trim(),
      decidedAt: new Date(change.decidedAt ?? event.occurredAt),
      ...(logo ? { logo } : {}),
      ...(signature ? { signature } : {}),
    });

    // Deterministic key: a retry after a failed commit overwrites the same object.
    const objectKey = attestationObjectKey(tenantId, change.dossierId, change.traitementId);
    await this.storage.put(buckets.attestations, objectKey, pdf, 'application/pdf');
    this.attestations.create({ id: randomUUID(), tenantId, dossierId: change.dossierId, traitementId: change.traitementId, kind, objectKey });
    addToOutbox(em, documentEvents.attestationGenerated, { dossierId: change.dossierId, traitementId: change.traitementId, kind, objectKey }, ctx);
    await this.attestations.flush();
  }

  private async render(input: Parameters<typeof renderAttestationPdf>[0]): Promise<Buffer> {
    try {
      return await renderAttestationPdf(input);
    } catch (error) {
      if (error instanceof AttestationInputError) throw new GuichetError('PROCEDURE_INVALID', error.message);
      throw error;
    }
  }

  /** A logo or signature uploaded by the tenant's administrators; a missing or unreadable one is left out. */
  private async templateImage(tenantId: string, fileId: AttestationTemplate['logoFileId']): Promise<Buffer | undefined> {
    if (fileId === null) return undefined;
    const file = await this.files.findInTenant(tenantId, fileId);
    if (!file || file.status !== 'safe') return undefined;
    try {
      return await this.storage.readSmall(buckets.uploads, file.objectKey, attestationImagePolicy.maxBytes);
    } catch (error) {
      this.logger.warn({ err: error as Error, fileId }, 'attestation image unreadable: left out');
      return undefined;
    }
  }

  async getAttestation(dossierId: string, ctx: BusContext): Promise<AttestationInfo> {
    const dossier = await this.dossiers.read(dossierId, ctx);
    const ready = await this.attestations.latestReady(dossier.tenantId, dossier.id);
    if (ready) return { dossierId, status: 'ready', kind: ready.kind, generatedAt: ready.generatedAt.toISOString() };
    const kind = kindOfDecision[dossier.state];
    if (kind !== undefined) {
      // Decided but not generated yet: pending if the procedure has a template of that kind, else none will ever come.
      const procedure = await this.bus.request(procedureContracts.get, { procedureId: dossier.procedureId }, { system: 'documents', tenantId: dossier.tenantId });
      const expected = procedure.attestationTemplates.some((template) => template.kind === kind);
      return { dossierId, status: expected ? 'pending' : 'none', kind: expected ? kind : null, generatedAt: null };
    }
    const latest = await this.attestations.latest(dossier.tenantId, dossier.id);
    if (latest) return { dossierId, status: 'withdrawn', kind: latest.kind, generatedAt: latest.generatedAt.toISOString() };
    return { dossierId, status: 'none', kind: null, generatedAt: null };
  }

  async presignAttestationDownload(dossierId: string, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.presignAttestationDownload>> {
    const dossier = await this.dossiers.read(dossierId, ctx);
    const ready = await this.attestations.latestReady(dossier.tenantId, dossier.id);
    if (!ready) throw new GuichetError('ATTESTATION_NOT_READY', 'L’attestation de ce dossier n’est pas disponible.');
    const fileName = `attestation-${ready.kind}-dossier-${String(dossier.number)}.pdf`;
    return { download: await this.storage.presignGet(buckets.attestations, ready.objectKey, DOWNLOAD_URL_SECONDS, fileName, 'application/pdf') };
  }
}
