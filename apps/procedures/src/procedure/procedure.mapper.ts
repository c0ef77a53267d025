import type { ClosedPublicProcedure, Procedure as ProcedureDto, ProcedureClosure, ProcedureForNewDossier, ProcedureSettings, ProcedureStatus, PublicProcedure, PublicProcedureSummary, Revision } from '@guichet/contracts';
import { effectiveMailTemplates } from './mail-templates.defaults';
import type { ProcedureRevision } from './procedure-revision.entity';
import type { Procedure } from './procedure.entity';
import type { ProcedureHead } from './procedure.repository';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function toRevisionDto(revision: ProcedureRevision): Revision {
  return { id: revision.id, procedureId: revision.procedureId, tenantId: revision.tenantId, fields: revision.fields, annotations: revision.annotations, publishedAt: iso(revision.publishedAt) };
}

export function toSettingsDto(procedure: ProcedureHead): ProcedureSettings {
  return {
    serviceContact: procedure.serviceContact,
    logoFileId: procedure.logoFileId,
    declarativeMode: procedure.declarativeMode,
    svaSvr: procedure.svaSvr,
    retentionMonths: procedure.retentionMonths,
    expertsAllowed: procedure.expertsAllowed,
    submissionMessage: procedure.submissionMessage,
  };
}

/** Why and when a `close` procedure was closed; null in any other state. */
export function toClosureDto(procedure: Procedure, replacementPath: string | null): ProcedureClosure | null {
  if (procedure.state !== 'close' || procedure.closedAt === null || procedure.closureReason === null) return null;
  return {
    reason: procedure.closureReason,
    details: procedure.closureDetails,
    replacementProcedureId: procedure.replacementProcedureId,
    replacementPath,
    closedAt: procedure.closedAt.toISOString(),
    automatic: procedure.closedAutomatically,
  };
}

/** What a new dossier needs (a procedure the public read finds: published or closed). */
export function toForNewDossierDto(procedure: ProcedureHead): ProcedureForNewDossier {
  return {
    procedureId: procedure.id,
    tenantId: procedure.tenantId,
    title: procedure.title,
    state: procedure.state === 'close' ? 'close' : 'publiee',
    closesAt: iso(procedure.closesAt),
    publishedRevisionId: procedure.publishedRevisionId,
  };
}

export function toStatusDto(procedure: ProcedureHead): ProcedureStatus {
  return { procedureId: procedure.id, tenantId: procedure.tenantId, state: procedure.state, closesAt: iso(procedure.closesAt), settings: toSettingsDto(procedure) };
}

/**
 * The full procedure, as its agents and the other services see it (all six mail templates).
 * `replacementPath`: the path of a closed procedure's replacement while that one is published.
 */
export function toProcedureDto(procedure: Procedure, draft: ProcedureRevision, published: ProcedureRevision | null, replacementPath: string | null = null): ProcedureDto {
  return {
    id: procedure.id,
    tenantId: procedure.tenantId,
    tenantName: procedure.tenantName,
    path: procedure.path,
    title: procedure.title,
    description: procedure.description,
    state: procedure.state,
    draftRevision: toRevisionDto(draft),
    publishedRevision: published === null ? null : toRevisionDto(published),
    mailTemplates: effectiveMailTemplates(procedure.mailTemplates, procedure.attestationTemplates),
    attestationTemplates: procedure.attestationTemplates,
    createdAt: procedure.createdAt.toISOString(),
    publishedAt: iso(procedure.publishedAt),
    closesAt: iso(procedure.closesAt),
    settings: toSettingsDto(procedure),
    closure: toClosureDto(procedure, replacementPath),
  };
}

export function toPublicSummary(procedure: Procedure): PublicProcedureSummary {
  return {
    id: procedure.id,
    path: procedure.path,
    title: procedure.title,
    description: procedure.description,
    tenant: { id: procedure.tenantId, name: procedure.tenantName },
    closesAt: iso(procedure.closesAt),
  };
}

/** What anyone may see: the published revision's form, never the draft. */
export function toPublicProcedure(procedure: Procedure, published: ProcedureRevision): PublicProcedure {
  return {
    ...toPublicSummary(procedure),
    state: 'publiee',
    serviceContact: procedure.serviceContact,
    logoFileId: procedure.logoFileId,
    submissionMessage: procedure.submissionMessage,
    fields: published.fields,
  };
}

/** What anyone may see of a closed procedure: no form, the reason and where to go instead. */
export function toClosedPublicProcedure(procedure: Procedure, replacementPath: string | null): ClosedPublicProcedure {
  const closure = toClosureDto(procedure, replacementPath);
  if (closure === null) throw new Error(`procedure ${procedure.id}: not closed`);
  return {
    state: 'close',
    id: procedure.id,
    path: procedure.path,
    title: procedure.title,
    tenant: { id: procedure.tenantId, name: procedure.tenantName },
    closure: { reason: closure.reason, details: closure.details, replacementPath: closure.replacementPath, closedAt: closure.closedAt },
  };
}
