import { Inject, Injectable } from '@nestjs/common';
import {
  GuichetError,
  type BusContext,
  type Procedure,
  type procedureContracts,
  type ProcedureForNewDossier,
  type ProcedureStatus,
  type ProcedureSummary,
  type PublicProcedureRead,
  type PublicProcedureSummary,
  type TestProcedureRead,
  type RequestOf,
  type ResponseOf,
  type Revision,
  type RevisionDiff,
  type ProcedureTags,
} from '@guichet/contracts';
import { diffRevisions } from '@guichet/forms';
import { formatTag, tagsForProcedure } from '@guichet/tags';
import { effectiveMailTemplates } from './mail-templates.defaults';
import { attestationTemplateState, mailTemplateState, taggableFields } from './template-tags.validation';
import { toClosedPublicProcedure, toForNewDossierDto, toProcedureDto, toPublicProcedure, toPublicSummary, toRevisionDto, toStatusDto } from './procedure.mapper';
import type { Procedure as ProcedureEntity } from './procedure.entity';
import { isAgentOf } from '@guichet/platform-access';
import { assertMayListProcedures, isSystemFor, mayReadProcedure, procedureNotFound, readScope } from './procedure.policy';
import { ProcedureRepository } from './procedure.repository';

const byTitle = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The read side: agents' views, public pages, and revisions for the other services. */
@Injectable()
export class ProcedureQueries {
  constructor(@Inject(ProcedureRepository) private readonly procedures: ProcedureRepository) {}

  /** Agents of the procedure's tenant and system callers; anyone else is told it does not exist. */
  async get({ procedureId }: RequestOf<typeof procedureContracts.get>, ctx: BusContext): Promise<Procedure> {
    const procedure = await this.readable(procedureId, ctx);
    const { draft, published, replacementPath } = await this.procedures.loadRevisions(procedure);
    return toProcedureDto(procedure, draft, published, replacementPath);
  }

  /** The same readers as `get`: one e-mail template (as `get` gives it) and the title, without the forms. */
  async getMailTemplate({ procedureId, kind }: RequestOf<typeof procedureContracts.getMailTemplate>, ctx: BusContext): Promise<ResponseOf<typeof procedureContracts.getMailTemplate>> {
    const scope = readScope(ctx);
    const procedure = scope === null ? null : await this.procedures.templatesOf(scope, procedureId);
    if (procedure === null || !mayReadProcedure(ctx, procedure.tenantId)) throw procedureNotFound();
    return { title: procedure.title, template: effectiveMailTemplates(procedure.mailTemplates, procedure.attestationTemplates)[kind] };
  }

  /** The same readers as `get`: state, deadline and settings, without the forms. */
  async getStatus({ procedureId }: RequestOf<typeof procedureContracts.getStatus>, ctx: BusContext): Promise<ProcedureStatus> {
    return toStatusDto(await this.readable(procedureId, ctx));
  }

  /** The same readers as `get`: the draft form compared with the published one (all added before any publication). */
  async diff({ procedureId }: RequestOf<typeof procedureContracts.diff>, ctx: BusContext): Promise<RevisionDiff> {
    const { draft, published } = await this.procedures.loadRevisions(await this.readable(procedureId, ctx));
    return {
      draftRevisionId: draft.id,
      publishedRevisionId: published?.id ?? null,
      changes: diffRevisions(published?.fields ?? [], draft.fields).map((change) => ({ ...change, changes: [...change.changes] })),
      annotationChanges: diffRevisions(published?.annotations ?? [], draft.annotations).map((change) => ({ ...change, changes: [...change.changes] })),
    };
  }

  /** The same readers as `get`: every tag of the draft revision with the states it has a value in. */
  async tags({ procedureId }: RequestOf<typeof procedureContracts.tags>, ctx: BusContext): Promise<ProcedureTags> {
    const { draft } = await this.procedures.loadRevisions(await this.readable(procedureId, ctx));
    const tags = tagsForProcedure(taggableFields(draft.fields, draft.annotations)).map((tag) => ({
      id: tag.id,
      name: tag.name,
      tag: formatTag(tag.name),
      description: tag.description,
      kind: tag.kind,
      availableIn: [...tag.availableIn],
    }));
    return { tags, mailTemplateStates: { ...mailTemplateState }, attestationTemplateStates: { ...attestationTemplateState } };
  }

  /** Agents and system callers of the request's tenant: its procedures' ids, titles and states, by title (French order). */
  async listSummaries({ procedureIds }: RequestOf<typeof procedureContracts.listSummaries>, ctx: BusContext): Promise<{ items: ProcedureSummary[] }> {
    const tenantId = assertMayListProcedures(ctx);
    const rows = await this.procedures.summariesInTenant(tenantId, procedureIds);
    return { items: rows.map((row) => ({ id: row.id, title: row.title, state: row.state })).sort((a, b) => byTitle.compare(a.title, b.title) || (a.id < b.id ? -1 : 1)) };
  }

  /** Every procedure of the request's tenant, newest first. */
  async list(ctx: BusContext): Promise<{ items: Procedure[] }> {
    const tenantId = assertMayListProcedures(ctx);
    const loaded = await this.procedures.withRevisions(await this.procedures.listInTenant(tenantId));
    return { items: loaded.map(({ procedure, draft, published, replacementPath }) => toProcedureDto(procedure, draft, published, replacementPath)) };
  }

  /**
   * Anyone, signed in or not: a published procedure's public page and form; for a closed one, why
   * and the replacement's path (the web app redirects there). Others are not found.
   */
  async getPublic(payload: RequestOf<typeof procedureContracts.getPublic>): Promise<PublicProcedureRead> {
    const procedure = await this.procedures.findPublicOrClosed(payload.procedureId !== undefined ? { procedureId: payload.procedureId } : { path: payload.path });
    if (procedure === null) throw procedureNotFound();
    const { published, replacementPath } = await this.procedures.loadRevisions(procedure);
    if (procedure.state === 'close') return toClosedPublicProcedure(procedure, replacementPath);
    if (published === null) throw procedureNotFound();
    return toPublicProcedure(procedure, published);
  }

  /**
   * For the system (the dossiers service, when a usager starts a dossier): the procedure as the
   * public read finds it, with its published revision's id, without loading any revision.
   */
  async getForNewDossier({ procedureId }: RequestOf<typeof procedureContracts.getForNewDossier>, ctx: BusContext): Promise<ProcedureForNewDossier> {
    if (ctx.system === undefined) throw procedureNotFound();
    const procedure = await this.procedures.publicOrClosedHead(procedureId);
    if (procedure === null || !isSystemFor(ctx, procedure.tenantId)) throw procedureNotFound();
    // The public read of a published procedure serves its published form: without one, it is not found.
    if (procedure.state === 'publiee' && procedure.publishedRevisionId === null) throw procedureNotFound();
    return toForNewDossierDto(procedure);
  }

  /**
   * The test link, for any signed-in account (an administrateur shares it with colleagues): a
   * brouillon's draft form, as usagers will see it. Published or closed, it answers the public read
   * (the web app sends the visitor to the public link); anything else is not found.
   */
  async getTest({ path }: RequestOf<typeof procedureContracts.getTest>, ctx: BusContext): Promise<TestProcedureRead> {
    if (ctx.actor === undefined) throw new GuichetError('UNAUTHENTICATED', 'Connectez-vous pour tester cette démarche.');
    const procedure = await this.procedures.findBrouillonByPath(path);
    if (procedure === null) return this.getPublic({ path });
    const { draft } = await this.procedures.loadRevisions(procedure);
    return { ...toPublicProcedure(procedure, draft), state: 'brouillon' };
  }

  async listPublic(payload: RequestOf<typeof procedureContracts.listPublic>): Promise<{ items: PublicProcedureSummary[] }> {
    const procedures = await this.procedures.listPublished(payload.tenantId);
    return { items: procedures.map(toPublicSummary) };
  }

  /**
   * Any revision for system callers and the tenant's agents; a published revision for anyone else
   * (its form was public when usagers filed dossiers on it).
   */
  /** Agents of the procedure's tenant and system callers; anyone else is told it does not exist. */
  private async readable(procedureId: string, ctx: BusContext): Promise<ProcedureEntity> {
    const scope = readScope(ctx);
    const procedure = scope === null ? null : scope === 'any' ? await this.procedures.findByIdForSystem(procedureId) : await this.procedures.findInTenant(scope.tenantId, procedureId);
    if (procedure === null || !mayReadProcedure(ctx, procedure.tenantId)) throw procedureNotFound();
    return procedure;
  }

  async getRevision({ revisionId }: RequestOf<typeof procedureContracts.getRevision>, ctx: BusContext): Promise<Revision> {
    const revision = await this.procedures.findRevision(revisionId);
    if (revision === null) throw new GuichetError('NOT_FOUND', 'Révision introuvable.');
    const mayRead = revision.publishedAt !== null || isAgentOf(ctx, revision.tenantId) || isSystemFor(ctx, revision.tenantId);
    if (!mayRead) throw new GuichetError('NOT_FOUND', 'Révision introuvable.');
    return toRevisionDto(revision);
  }
}
