import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { FieldDefinition } from '@guichet/contracts';
import { ProcedureFormerPath } from './procedure-former-path.entity';
import { ProcedureRevision } from './procedure-revision.entity';
import { Procedure, type ProcedureState } from './procedure.entity';

/** A procedure with the revisions its DTO shows. */
export interface ProcedureWithRevisions {
  procedure: Procedure;
  draft: ProcedureRevision;
  published: ProcedureRevision | null;
  /** A closed procedure's replacement path, while the replacement is published. */
  replacementPath: string | null;
}

/**
 * Data access for procedures and revisions. Tenant-scoped reads take the tenant id; the few
 * unscoped ones say why in their name (public pages, system callers that name no tenant).
 * The injected EntityManager resolves to the request's fork, or to the open transaction's.
 */
@Injectable()
export class ProcedureRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** `lock` takes a row lock (inside a transaction) so concurrent edits and publications queue up. */
  findInTenant(tenantId: string, procedureId: string, options: { lock?: boolean } = {}): Promise<Procedure | null> {
    return this.em.findOne(Procedure, { id: procedureId, tenantId }, options.lock === true ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** For system callers that name no tenant: they act for the whole instance. */
  findByIdForSystem(procedureId: string): Promise<Procedure | null> {
    return this.em.findOne(Procedure, { id: procedureId });
  }

  /** Id, title and state of the tenant's procedures (those named, when named), without the entities' forms. */
  async summariesInTenant(tenantId: string, procedureIds?: readonly string[]): Promise<Array<{ id: string; title: string; state: Procedure['state'] }>> {
    if (procedureIds !== undefined && procedureIds.length === 0) return [];
    return this.em.find(Procedure, { tenantId, ...(procedureIds !== undefined ? { id: { $in: [...procedureIds] } } : {}) }, { fields: ['id', 'title', 'state'] });
  }

  listInTenant(tenantId: string): Promise<Procedure[]> {
    return this.em.find(Procedure, { tenantId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /**
   * Public: only published and closed procedures are ever found here (a closed one tells where to go).
   * By path, a former path (the settings moved the procedure) finds the procedure too: its read
   * carries the current path, where the web app sends the visitor.
   */
  async findPublicOrClosed(by: { procedureId?: string; path?: string }): Promise<Procedure | null> {
    const visible = { state: { $in: ['publiee', 'close'] as ProcedureState[] } };
    if (by.procedureId !== undefined) return this.em.findOne(Procedure, { id: by.procedureId, ...visible });
    const path = by.path ?? '';
    const current = await this.em.findOne(Procedure, { path, ...visible });
    if (current !== null) return current;
    const former = await this.findFormerPath(path);
    return former === null ? null : this.em.findOne(Procedure, { id: former.procedureId, ...visible });
  }

  /** A procedure in brouillon by its path (its test link). */
  findBrouillonByPath(path: string): Promise<Procedure | null> {
    return this.em.findOne(Procedure, { path, state: 'brouillon' });
  }

  /** A published procedure of the tenant (a closure's replacement). */
  findPublishedInTenant(tenantId: string, procedureId: string): Promise<Procedure | null> {
    return this.em.findOne(Procedure, { id: procedureId, tenantId, state: 'publiee' });
  }

  /** Public: newest publications first, optionally for one tenant. */
  listPublished(tenantId?: string): Promise<Procedure[]> {
    return this.em.find(Procedure, { state: 'publiee', ...(tenantId !== undefined ? { tenantId } : {}) }, { orderBy: { publishedAt: 'desc', id: 'asc' } });
  }

  /**
   * Whether another procedure than `exceptProcedureId` has this path, as its current path or as a
   * former one (an old link keeps leading to its procedure).
   */
  async pathTaken(path: string, exceptProcedureId?: string): Promise<boolean> {
    const other = exceptProcedureId !== undefined ? { id: { $ne: exceptProcedureId } } : {};
    if ((await this.em.count(Procedure, { path, ...other })) > 0) return true;
    const former = await this.em.findOne(ProcedureFormerPath, { path });
    return former !== null && former.procedureId !== exceptProcedureId;
  }

  /**
   * Serializes, until the end of the caller's transaction, every change that takes or frees these
   * paths (current and former paths live in two tables, so no single unique index covers both).
   */
  async lockPaths(paths: readonly string[]): Promise<void> {
    for (const path of [...new Set(paths)].sort()) {
      await this.em.getConnection().execute('select pg_advisory_xact_lock(hashtextextended(?, 7491))', [`procedure-path:${path}`], 'all', this.em.getTransactionContext());
    }
  }

  /**
   * Moves a procedure to `path`: its current path becomes a former path (kept leading to it), and
   * taking back one of its own former paths removes that row. Inside the caller's transaction,
   * after `lockPaths` and `pathTaken`.
   */
  async movePath(procedure: Procedure, path: string, now: Date): Promise<void> {
    if (path === procedure.path) return;
    await this.em.nativeDelete(ProcedureFormerPath, { path, procedureId: procedure.id });
    await this.em.upsert(ProcedureFormerPath, { path: procedure.path, procedureId: procedure.id, tenantId: procedure.tenantId, retiredAt: now });
    procedure.path = path;
  }

  /** The procedure a former path leads to (public reads of an old link). */
  async findFormerPath(path: string): Promise<ProcedureFormerPath | null> {
    return this.em.findOne(ProcedureFormerPath, { path });
  }

  /** A procedure's former paths, oldest first. */
  listFormerPaths(procedureId: string): Promise<ProcedureFormerPath[]> {
    return this.em.find(ProcedureFormerPath, { procedureId }, { orderBy: { retiredAt: 'asc', path: 'asc' } });
  }

  /**
   * Published procedures whose deadline has passed, row-locked for the caller's transaction. SKIP
   * LOCKED lets several replicas sweep side by side, each closing different procedures.
   */
  async lockExpired(now: Date, limit: number): Promise<Procedure[]> {
    const rows = await this.em
      .getConnection()
      .execute<{ id: string }[]>(
        `select id from "procedures"."procedure" where state = 'publiee' and closes_at <= ? order by closes_at, id limit ? for update skip locked`,
        [now, limit],
        'all',
        this.em.getTransactionContext(),
      );
    if (rows.length === 0) return [];
    return this.em.find(Procedure, { id: { $in: rows.map((row) => row.id) } }, { orderBy: { closesAt: 'asc', id: 'asc' } });
  }

  findRevision(revisionId: string): Promise<ProcedureRevision | null> {
    return this.em.findOne(ProcedureRevision, { id: revisionId });
  }

  /** The draft and published revisions of several procedures, in one query. */
  async withRevisions(procedures: readonly Procedure[]): Promise<ProcedureWithRevisions[]> {
    const ids = procedures.flatMap((procedure) => (procedure.publishedRevisionId === null ? [procedure.draftRevisionId] : [procedure.draftRevisionId, procedure.publishedRevisionId]));
    const revisions = ids.length === 0 ? [] : await this.em.find(ProcedureRevision, { id: { $in: ids } });
    const byId = new Map(revisions.map((revision) => [revision.id, revision]));
    const replacementIds = [...new Set(procedures.flatMap((procedure) => (procedure.state === 'close' && procedure.replacementProcedureId !== null ? [procedure.replacementProcedureId] : [])))];
    const replacements = replacementIds.length === 0 ? [] : await this.em.find(Procedure, { id: { $in: replacementIds }, state: 'publiee' });
    const replacementPaths = new Map(replacements.map((replacement) => [replacement.id, replacement.path]));
    return procedures.map((procedure) => {
      const draft = byId.get(procedure.draftRevisionId);
      if (draft === undefined) throw new Error(`procedure ${procedure.id}: draft revision ${procedure.draftRevisionId} is missing`);
      const published = procedure.publishedRevisionId === null ? null : (byId.get(procedure.publishedRevisionId) ?? null);
      if (procedure.publishedRevisionId !== null && published === null) throw new Error(`procedure ${procedure.id}: published revision is missing`);
      const replacementPath = procedure.replacementProcedureId === null ? null : (replacementPaths.get(procedure.replacementProcedureId) ?? null);
      return { procedure, draft, published, replacementPath };
    });
  }

  async loadRevisions(procedure: Procedure): Promise<ProcedureWithRevisions> {
    const [loaded] = await this.withRevisions([procedure]);
    if (loaded === undefined) throw new Error(`procedure ${procedure.id}: revisions not loaded`);
    return loaded;
  }

  /** A new, unpublished revision; persisted with the next flush. */
  newRevision(procedure: Pick<Procedure, 'id' | 'tenantId'>, fields: FieldDefinition[], annotations: FieldDefinition[] = []): ProcedureRevision {
    return this.em.create(ProcedureRevision, { id: randomUUID(), procedureId: procedure.id, tenantId: procedure.tenantId, fields, annotations, createdAt: new Date(), publishedAt: null });
  }

  /** A brouillon with an empty draft revision; persisted with the next flush. */
  newProcedure(data: Pick<Procedure, 'tenantId' | 'tenantName' | 'path' | 'title' | 'description'>): ProcedureWithRevisions {
    const now = new Date();
    const procedure = this.em.create(Procedure, {
      id: randomUUID(),
      ...data,
      state: 'brouillon',
      draftRevisionId: randomUUID(),
      publishedRevisionId: null,
      mailTemplates: {},
      attestationTemplates: [],
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      closesAt: null,
      retentionMonths: 12,
      expertsAllowed: true,
      submissionMessage: '',
      closedAutomatically: false,
    });
    const draft = this.newRevision(procedure, []);
    procedure.draftRevisionId = draft.id;
    return { procedure, draft, published: null, replacementPath: null };
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
