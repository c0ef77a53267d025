import type { Procedure as ProcedureDto, PublicProcedure, Revision } from '@guichet/contracts';
import { effectiveMailTemplates } from './mail-templates.defaults';
import type { ProcedureRevision } from './procedure-revision.entity';
import type { Procedure } from './procedure.entity';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function toRevisionDto(revision: ProcedureRevision): Revision {
  return { id: revision.id, procedureId: revision.procedureId, tenantId: revision.tenantId, fields: revision.fields, publishedAt: iso(revision.publishedAt) };
}

/** The full procedure, as its agents and the other services see it (all six mail templates). */
export function toProcedureDto(procedure: Procedure, draft: ProcedureRevision, published: ProcedureRevision | null): ProcedureDto {
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
  };
}

export type PublicProcedureSummary = Omit<PublicProcedure, 'fields'>;

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
  return { ...toPublicSummary(procedure), fields: published.fields };
}
