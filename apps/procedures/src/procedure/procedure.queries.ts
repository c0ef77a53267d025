import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Procedure, type procedureContracts, type PublicProcedure, type RequestOf, type Revision } from '@guichet/contracts';
import { toProcedureDto, toPublicProcedure, toPublicSummary, toRevisionDto, type PublicProcedureSummary } from './procedure.mapper';
import { assertMayListProcedures, isAgentOf, isSystemFor, mayReadProcedure, procedureNotFound, tenantOf } from './procedure.policy';
import { ProcedureRepository } from './procedure.repository';

/** The read side: agents' views, public pages, and revisions for the other services. */
@Injectable()
export class ProcedureQueries {
  constructor(@Inject(ProcedureRepository) private readonly procedures: ProcedureRepository) {}

  /** Agents of the procedure's tenant and system callers; anyone else is told it does not exist. */
  async get({ procedureId }: RequestOf<typeof procedureContracts.get>, ctx: BusContext): Promise<Procedure> {
    const tenantId = tenantOf(ctx);
    const procedure =
      tenantId !== undefined
        ? await this.procedures.findInTenant(tenantId, procedureId)
        : ctx.system !== undefined && ctx.tenantId === undefined
          ? await this.procedures.findByIdForSystem(procedureId)
          : null;
    if (procedure === null || !mayReadProcedure(ctx, procedure.tenantId)) throw procedureNotFound();
    const { draft, published } = await this.procedures.loadRevisions(procedure);
    return toProcedureDto(procedure, draft, published);
  }

  /** Every procedure of the request's tenant, newest first. */
  async list(ctx: BusContext): Promise<{ items: Procedure[] }> {
    const tenantId = assertMayListProcedures(ctx);
    const loaded = await this.procedures.withRevisions(await this.procedures.listInTenant(tenantId));
    return { items: loaded.map(({ procedure, draft, published }) => toProcedureDto(procedure, draft, published)) };
  }

  /** Anyone, signed in or not: a published procedure's public page and form. */
  async getPublic(payload: RequestOf<typeof procedureContracts.getPublic>): Promise<PublicProcedure> {
    const procedure = await this.procedures.findPublished(payload.procedureId !== undefined ? { procedureId: payload.procedureId } : { path: payload.path });
    if (procedure === null) throw procedureNotFound();
    const { published } = await this.procedures.loadRevisions(procedure);
    if (published === null) throw procedureNotFound();
    return toPublicProcedure(procedure, published);
  }

  async listPublic(payload: RequestOf<typeof procedureContracts.listPublic>): Promise<{ items: PublicProcedureSummary[] }> {
    const procedures = await this.procedures.listPublished(payload.tenantId);
    return { items: procedures.map(toPublicSummary) };
  }

  /**
   * Any revision for system callers and the tenant's agents; a published revision for anyone else
   * (its form was public when usagers filed dossiers on it).
   */
  async getRevision({ revisionId }: RequestOf<typeof procedureContracts.getRevision>, ctx: BusContext): Promise<Revision> {
    const revision = await this.procedures.findRevision(revisionId);
    if (revision === null) throw new GuichetError('NOT_FOUND', 'Révision introuvable.');
    const mayRead = revision.publishedAt !== null || isAgentOf(ctx, revision.tenantId) || isSystemFor(ctx, revision.tenantId);
    if (!mayRead) throw new GuichetError('NOT_FOUND', 'Révision introuvable.');
    return toRevisionDto(revision);
  }
}
