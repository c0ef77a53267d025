import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { FieldDefinition } from '@guichet/contracts';
import { schemaTable } from '@guichet/platform-persistence';
import { ProcedureFormerPath } from './procedure-former-path.entity';
import { ProcedureRevision } from './procedure-revision.entity';
import { Procedure, type ProcedureState } from './procedure.entity';

/** The columns a procedure's status, settings and new dossiers need: no templates, no forms. */
export type ProcedureHead = Pick<
  Procedure,
  'id' | 'tenantId' | 'title' | 'state' | 'closesAt' | 'publishedRevisionId' | 'serviceContact' | 'logoFileId' | 'declarativeMode' | 'svaSvr' | 'retentionMonths' | 'expertsAllowed' | 'submissionMessage'
>;

/** Who a read is for: one tenant's procedures, or any procedure (a system caller naming no tenant). */
export type ReadScope = { tenantId: string } | 'any';

interface HeadRow {
  id: string;
  tenant_id: string;
  title: string;
  state: ProcedureState;
  /** The driver hands timestamps over as text. */
  closes_at: Date | string | null;
  published_revision_id: string | null;
  service_contact: Procedure['serviceContact'];
  logo_file_id: string | null;
  declarative_mode: Procedure['declarativeMode'];
  sva_svr: Procedure['svaSvr'];
  retention_months: number;
  experts_allowed: boolean;
  submission_message: string;
}

const headColumns =
  'p.id, p.tenant_id, p.title, p.state, p.closes_at, p.published_revision_id, p.service_contact, p.logo_file_id, p.declarative_mode, p.sva_svr, p.retention_months, p.experts_allowed, p.submission_message';

function toHead(row: HeadRow): ProcedureHead {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    title: row.title,
    state: row.state,
    closesAt: row.closes_at === null ? null : new Date(row.closes_at),
    publishedRevisionId: row.published_revision_id,
    serviceContact: row.service_contact,
    logoFileId: row.logo_file_id,
    declarativeMode: row.declarative_mode,
    svaSvr: row.sva_svr,
    retentionMonths: row.retention_months,
    expertsAllowed: row.experts_allowed,
    submissionMessage: row.submission_message,
  };
}

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

  private table(name: string): string {
    return schemaTable(this.em, name, 'procedures');
  }

  /**
   * The hot reads of other services (a dossier started, submitted, an e-mail written) take one
   * statement each and build no entity: the unit of work and hydration cost more than the SQL.
   */

  /** A published or closed procedure (what the public read finds), as a new dossier needs it. */
  async publicOrClosedHead(procedureId: string): Promise<ProcedureHead | null> {
    const rows = await this.em.execute<HeadRow[]>(`select ${headColumns} from ${this.table('procedure')} p where p.id = ? and p.state in ('publiee', 'close')`, [procedureId]);
    return rows[0] === undefined ? null : toHead(rows[0]);
  }

  /** A procedure's head with its group set's version (null before its first routing), in one statement. */
  async headWithGroupSet(scope: ReadScope, procedureId: string): Promise<{ head: ProcedureHead; groupSet: { version: number; tenantId: string } | null } | null> {
    const rows = await this.em.execute<Array<HeadRow & { set_version: number | null; set_tenant_id: string | null }>>(
      `select ${headColumns}, s.version as set_version, s.tenant_id as set_tenant_id
         from ${this.table('procedure')} p left join ${this.table('instructor_group_set')} s on s.procedure_id = p.id
        where p.id = ?${scope === 'any' ? '' : ' and p.tenant_id = ?'}`,
      scope === 'any' ? [procedureId] : [procedureId, scope.tenantId],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return { head: toHead(row), groupSet: row.set_version === null || row.set_tenant_id === null ? null : { version: row.set_version, tenantId: row.set_tenant_id } };
  }

  /** Title and templates, for an e-mail. */
  async templatesOf(scope: ReadScope, procedureId: string): Promise<Pick<Procedure, 'tenantId' | 'title' | 'mailTemplates' | 'attestationTemplates'> | null> {
    const rows = await this.em.execute<Array<{ tenant_id: string; title: string; mail_templates: Procedure['mailTemplates']; attestation_templates: Procedure['attestationTemplates'] }>>(
      `select tenant_id, title, mail_templates, attestation_templates from ${this.table('procedure')} where id = ?${scope === 'any' ? '' : ' and tenant_id = ?'}`,
      scope === 'any' ? [procedureId] : [procedureId, scope.tenantId],
    );
    const row = rows[0];
    return row === undefined ? null : { tenantId: row.tenant_id, title: row.title, mailTemplates: row.mail_templates, attestationTemplates: row.attestation_templates };
  }

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
