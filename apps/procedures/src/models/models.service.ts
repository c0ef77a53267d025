import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, labelEvents, type BusContext, type modelContracts, type Procedure as ProcedureDto, type ProcedureModel as ProcedureModelDto, type ProcedureModelDetail, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { GroupsRepository } from '../groups/groups.repository';
import { LabelsRepository } from '../labels/labels.repository';
import { labelChangedData } from '../labels/usecases/label-events';
import { ProcedureChanges } from '../procedure/procedure-changes';
import { pathTaken } from '../procedure/usecases/create-procedure.usecase';
import { Procedure as ProcedureEntity, type Procedure } from '../procedure/procedure.entity';
import { toProcedureDto } from '../procedure/procedure.mapper';
import { assertMayCreateProcedure, assertMayEditProcedure, procedureNotFound } from '../procedure/procedure.policy';
import { tenantOf } from '@guichet/platform-access';
import { ProcedureRepository } from '../procedure/procedure.repository';
import type { ProcedureRevision } from '../procedure/procedure-revision.entity';
import { rewriteCondition, rewriteForm, templatesForForm } from './clone.rewrite';
import { ProcedureModel } from './procedure-model.entity';

type Payload<K extends keyof typeof modelContracts> = RequestOf<(typeof modelContracts)[K]>;

/** Any administrateur of a tenant may browse the catalogue. */
function assertAdministrateur(ctx: BusContext): string {
  const tenantId = tenantOf(ctx);
  if (ctx.actor === undefined) throw new GuichetError('UNAUTHENTICATED', 'Connectez-vous pour consulter le catalogue des modèles.');
  if (tenantId === undefined || !ctx.actor.roles.includes('administrateur')) throw new GuichetError('FORBIDDEN', 'Le catalogue des modèles est réservé aux administrateurs.');
  return tenantId;
}

const cursorOf = (model: ProcedureModel): string => Buffer.from(`${model.sharedAt.toISOString()}|${model.procedureId}`).toString('base64url');
function parseCursor(after: string | undefined): { sharedAt: Date; procedureId: string } | undefined {
  if (after === undefined) return undefined;
  const [at, procedureId] = Buffer.from(after, 'base64url').toString().split('|');
  const sharedAt = new Date(at ?? '');
  if (procedureId === undefined || Number.isNaN(sharedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(procedureId)) throw new GuichetError('VALIDATION_FAILED', 'Curseur de page invalide.', { after: 'Curseur de page invalide.' });
  return { sharedAt, procedureId };
}

const topLevelFieldCount = (revision: ProcedureRevision | null): number => revision?.fields.length ?? 0;

/** Sharing procedures as models, the catalogue, and cloning. */
@Injectable()
export class ModelsService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(ProcedureChanges) private readonly changes: ProcedureChanges,
  ) {}

  private toDto(model: ProcedureModel, procedure: Procedure, published: ProcedureRevision | null): ProcedureModelDto {
    return { procedureId: procedure.id, title: procedure.title, description: model.description, tenantName: procedure.tenantName, fieldCount: topLevelFieldCount(published), sharedAt: model.sharedAt.toISOString() };
  }

  /** The procedure of the caller's tenant that the caller administers; others learn nothing. */
  private async administered(procedureId: string, ctx: BusContext): Promise<Procedure> {
    const tenantId = tenantOf(ctx);
    const procedure = tenantId === undefined ? null : await this.procedures.findInTenant(tenantId, procedureId);
    if (procedure === null) throw procedureNotFound();
    assertMayEditProcedure(ctx, procedure.tenantId);
    return procedure;
  }

  async share({ procedureId, description }: Payload<'share'>, ctx: BusContext): Promise<ProcedureModelDto> {
    const procedure = await this.administered(procedureId, ctx);
    if (procedure.publishedRevisionId === null) {
      throw new GuichetError('PROCEDURE_INVALID', 'Seule une démarche déjà publiée peut être partagée comme modèle.', { procedureId: 'Publiez la démarche avant de la partager.' });
    }
    const model = (await this.em.findOne(ProcedureModel, { procedureId })) ?? this.em.create(ProcedureModel, { procedureId, tenantId: procedure.tenantId, description, sharedAt: new Date() });
    model.description = description;
    await this.em.flush();
    const { published } = await this.procedures.loadRevisions(procedure);
    return this.toDto(model, procedure, published);
  }

  async unshare({ procedureId }: Payload<'unshare'>, ctx: BusContext): Promise<{ shared: false }> {
    await this.administered(procedureId, ctx);
    await this.em.nativeDelete(ProcedureModel, { procedureId });
    return { shared: false };
  }

  async list({ after, limit, q }: Payload<'list'>, ctx: BusContext): Promise<{ items: ProcedureModelDto[]; next: string | null }> {
    assertAdministrateur(ctx);
    const cursor = parseCursor(after);
    const search = q === undefined || q === '' ? undefined : `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const rows = await this.em.getConnection().execute<{ procedure_id: string }[]>(
      `select m.procedure_id from "procedures"."procedure_model" m join "procedures"."procedure" p on p.id = m.procedure_id
       where p.published_revision_id is not null
       ${cursor !== undefined ? 'and (m.shared_at, m.procedure_id) < (?, ?)' : ''}
       ${search !== undefined ? 'and p.title ilike ?' : ''}
       order by m.shared_at desc, m.procedure_id desc limit ?`,
      [...(cursor !== undefined ? [cursor.sharedAt, cursor.procedureId] : []), ...(search !== undefined ? [search] : []), limit + 1],
    );
    const ids = rows.slice(0, limit).map((row) => row.procedure_id);
    const [models, procedures] = await Promise.all([this.em.find(ProcedureModel, { procedureId: { $in: ids } }), this.em.find(ProcedureEntity, { id: { $in: ids } })]);
    const loaded = new Map((await this.procedures.withRevisions(procedures)).map((entry) => [entry.procedure.id, entry]));
    const byId = new Map(models.map((model) => [model.procedureId, model]));
    const items = ids.flatMap((id) => {
      const model = byId.get(id);
      const entry = loaded.get(id);
      return model === undefined || entry === undefined ? [] : [this.toDto(model, entry.procedure, entry.published)];
    });
    const last = ids.length > 0 ? byId.get(ids[ids.length - 1] ?? '') : undefined;
    return { items, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
  }

  async get({ procedureId }: Payload<'get'>, ctx: BusContext): Promise<ProcedureModelDetail> {
    assertAdministrateur(ctx);
    const model = await this.em.findOne(ProcedureModel, { procedureId });
    const procedure = model === null ? null : await this.procedures.findByIdForSystem(procedureId);
    if (model === null || procedure === null) throw new GuichetError('NOT_FOUND', 'Modèle introuvable.');
    const { published } = await this.procedures.loadRevisions(procedure);
    if (published === null) throw new GuichetError('NOT_FOUND', 'Modèle introuvable.');
    return { ...this.toDto(model, procedure, published), fields: published.fields };
  }

  /**
   * A new brouillon of the caller's tenant. From the caller's own procedure: its draft, and files and
   * members, which belong to the tenant. From another tenant's shared model: its published revision,
   * without files, contact or members. Rules and tags naming fields the copy lacks are dropped. One
   * transaction (labels' `procedure.label_changed` events included): a refusal leaves nothing behind.
   */
  async clone(payload: Payload<'clone'>, ctx: BusContext): Promise<ProcedureDto> {
    const tenantId = assertMayCreateProcedure(ctx);
    const source = await this.procedures.findByIdForSystem(payload.sourceProcedureId);
    if (source === null) throw procedureNotFound();
    const own = source.tenantId === tenantId;
    if (!own && (await this.em.findOne(ProcedureModel, { procedureId: source.id })) === null) throw procedureNotFound();
    const { draft: sourceDraft, published: sourcePublished } = await this.procedures.loadRevisions(source);
    const revision = own ? sourceDraft : sourcePublished;
    if (revision === null) throw procedureNotFound();
    if (await this.procedures.pathTaken(payload.path)) throw pathTaken();
    const { parts } = payload;

    let membersCopied = false;
    try {
      const cloned = await this.em.transactional(async (tx) => {
        const procedures = new ProcedureRepository(tx);
        const groups = new GroupsRepository(tx);
        // Former paths are in another table than the unique index: checked again under the path's lock.
        await procedures.lockPaths([payload.path]);
        if (await procedures.pathTaken(payload.path)) throw pathTaken();
        const { procedure, draft } = procedures.newProcedure({ tenantId, tenantName: payload.tenantName, path: payload.path, title: payload.title ?? source.title, description: source.description });
        const form = parts.fields ? rewriteForm(revision.fields, revision.annotations) : { fields: [], annotations: [], ids: new Map<string, string>() };
        draft.fields = form.fields;
        draft.annotations = form.annotations;

        if (parts.templates) {
          // Tags of fields the copy lacks (fields left out, a model's draft-only fields) are removed.
          const { mailTemplates, attestationTemplates } = templatesForForm(source, draft.fields, draft.annotations);
          procedure.mailTemplates = mailTemplates;
          // Images are files of the source's tenant: only a clone within the tenant may keep them.
          procedure.attestationTemplates = attestationTemplates.map((template) => (own ? template : { ...template, logoFileId: null, signatureFileId: null }));
        }

        if (parts.settings) {
          procedure.declarativeMode = source.declarativeMode;
          procedure.svaSvr = structuredClone(source.svaSvr);
          procedure.retentionMonths = source.retentionMonths;
          procedure.expertsAllowed = source.expertsAllowed;
          procedure.submissionMessage = source.submissionMessage;
          // The contact and the logo are the source organisation's own.
          if (own) {
            procedure.serviceContact = structuredClone(source.serviceContact);
            procedure.logoFileId = source.logoFileId;
          }
        }
        await tx.flush();

        if (parts.groups) {
          const set = await groups.lockSet(procedure);
          const sourceGroups = await groups.listGroups(source.id);
          const sourceMembers = own ? await groups.membersOfProcedure(source.id) : [];
          const defaultGroup = await groups.findGroup(procedure.id, set.defaultGroupId);
          for (const group of sourceGroups) {
            const copy = group.isDefault
              ? defaultGroup
              : groups.newGroup({
                  tenantId,
                  procedureId: procedure.id,
                  label: group.label,
                  active: group.active,
                  // Rules read fields: without the fields (or naming one the copy lacks), the group keeps no rule.
                  routingRule: group.routingRule === null || !parts.fields ? null : (rewriteCondition(group.routingRule, form.ids) ?? null),
                  position: group.position,
                });
            if (copy === null) continue;
            if (group.isDefault) copy.label = group.label;
            for (const member of sourceMembers.filter((candidate) => candidate.groupId === group.id)) {
              groups.newMember(copy, member.accountEmail, member.accountId);
              membersCopied = true;
            }
          }
          set.version += 1;
          await tx.flush();
        }

        if (parts.labels) {
          // Names and colours are no tenant's own: a model's labels come too (as on DS). Each new
          // label is announced like a creation, so the dossiers service's copy has them.
          const labels = new LabelsRepository(tx);
          for (const label of await labels.list(source.id)) {
            const copy = labels.newLabel({ tenantId, procedureId: procedure.id, name: label.name, color: label.color });
            addToOutbox(tx, labelEvents.changed, labelChangedData(copy), { ...ctx, tenantId });
          }
          await tx.flush();
        }
        return toProcedureDto(procedure, draft, null);
      });
      // The members copied are the tenant's agents: their groups kept by other services go.
      if (membersCopied) this.changes.announceMembers(tenantId);
      return cloned;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw pathTaken();
      throw error;
    }
  }
}
