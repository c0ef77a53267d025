import { randomUUID } from 'node:crypto';
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { AgentScope } from '@guichet/platform-access';
import type { DossierEvent, DossierState } from '@guichet/dossier-state';
import type { FieldValue } from '@guichet/forms';
import type { Actor, Dossier as DossierDto } from '@guichet/contracts';
import { outboxInsert, outboxRowsWritten, type OutboxRow } from '@guichet/platform-persistence';
import { DossierFollow } from './dossier-follow.entity';
import { DossierGroupChange } from './dossier-group-change.entity';
import { Dossier } from './dossier.entity';
import { toAgentDossierDto, type DossierData, type TraitementData } from './dossier.mapper';
import { labelsOfDossiers } from '../labels/dossier-labels.repository';
import { Traitement } from './traitement.entity';

export interface FindOptions {
  /** Row lock (inside a transaction): concurrent writes on the dossier queue up behind it. */
  lock?: boolean;
}

const lockOptions = (options: FindOptions) => (options.lock === true ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});

/** Timestamps come back as Dates or as PostgreSQL text, depending on the connection's parsers. */
const instant = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

interface OwnedRow {
  id: string;
  number: number;
  tenant_id: string;
  procedure_id: string;
  procedure_title: string;
  revision_id: string;
  state: DossierState;
  test: boolean;
  usager_account_id: string;
  usager_email: string;
  usager_first_name: string;
  usager_last_name: string;
  values: Dossier['values'];
  lookups: Dossier['lookups'];
  correction_pending: boolean;
  motivation: string | null;
  justificatif_file_id: string | null;
  justificatif_file_name: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  submitted_at: Date | string | null;
  decided_at: Date | string | null;
  group_id: string | null;
  group_label: string | null;
  archived: boolean;
  traitements: {
    id: string;
    event: DossierEvent;
    from_state: DossierState;
    to_state: DossierState;
    at: string;
    actor_email: string | null;
    motivation: string | null;
    justificatif_file_id: string | null;
    justificatif_file_name: string | null;
  }[];
}

/** The usager's columns of a dossier (those of `DossierData`), as `readOwned` and the filing steps read them. */
const ownedColumns = (alias: string): string =>
  ['id', 'number', 'tenant_id', 'procedure_id', 'procedure_title', 'revision_id', 'state', 'test', 'usager_account_id', 'usager_email', 'usager_first_name', 'usager_last_name', 'values', 'lookups',
    'correction_pending', 'motivation', 'justificatif_file_id', 'justificatif_file_name', 'created_at', 'updated_at', 'submitted_at', 'decided_at', 'group_id', 'group_label', 'archived']
    .map((column) => `${alias}.${column}`)
    .join(', ');

/** A dossier's history as one JSON array, oldest first (a scalar subquery on the dossier `alias`). */
const traitementsOf = (alias: string): string =>
  `coalesce((select json_agg(json_build_object('id', t.id, 'event', t.event, 'from_state', t.from_state, 'to_state', t.to_state, 'at', t.at,
                                               'actor_email', t.actor_email, 'motivation', t.motivation,
                                               'justificatif_file_id', t.justificatif_file_id, 'justificatif_file_name', t.justificatif_file_name) order by t.at, t.id)
             from "dossiers"."traitement" t where t.dossier_id = ${alias}.id), '[]'::json)`;

function dossierOfRow(row: Omit<OwnedRow, 'traitements'>): DossierData {
  return {
    id: row.id,
    number: row.number,
    tenantId: row.tenant_id,
    procedureId: row.procedure_id,
    procedureTitle: row.procedure_title,
    revisionId: row.revision_id,
    state: row.state,
    test: row.test,
    usagerAccountId: row.usager_account_id,
    usagerEmail: row.usager_email,
    usagerFirstName: row.usager_first_name,
    usagerLastName: row.usager_last_name,
    values: row.values,
    lookups: row.lookups,
    correctionPending: row.correction_pending,
    motivation: row.motivation,
    justificatifFileId: row.justificatif_file_id,
    justificatifFileName: row.justificatif_file_name,
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
    submittedAt: row.submitted_at === null ? null : instant(row.submitted_at),
    decidedAt: row.decided_at === null ? null : instant(row.decided_at),
    groupId: row.group_id,
    groupLabel: row.group_label,
    archived: row.archived,
  };
}

const traitementOfRow = (t: OwnedRow['traitements'][number]): TraitementData => ({
  id: t.id,
  event: t.event,
  fromState: t.from_state,
  toState: t.to_state,
  at: instant(t.at),
  actorEmail: t.actor_email,
  motivation: t.motivation,
  justificatifFileId: t.justificatif_file_id,
  justificatifFileName: t.justificatif_file_name,
});

/** A dossier as a filing step reads it (`readOwnedForFiling`). */
export type FilingDossier = DossierData & Pick<Dossier, 'annotations'> & { rowVersion: string };
export interface OwnedForFiling {
  dossier: FilingDossier;
  traitements: TraitementData[];
}

/** The columns a filing step writes (`writeFiling`): values, lookups, state, dates, decision and group. */
export type FilingChanges = Partial<Pick<DossierData, 'state' | 'values' | 'lookups' | 'correctionPending' | 'motivation' | 'updatedAt' | 'submittedAt' | 'decidedAt' | 'groupId' | 'groupLabel'>>;

const filingColumns: Record<keyof FilingChanges, { name: string; cast: string }> = {
  state: { name: 'state', cast: '' },
  values: { name: 'values', cast: '::jsonb' },
  lookups: { name: 'lookups', cast: '::jsonb' },
  correctionPending: { name: 'correction_pending', cast: '' },
  motivation: { name: 'motivation', cast: '' },
  updatedAt: { name: 'updated_at', cast: '::timestamptz' },
  submittedAt: { name: 'submitted_at', cast: '::timestamptz' },
  decidedAt: { name: 'decided_at', cast: '::timestamptz' },
  groupId: { name: 'group_id', cast: '::uuid' },
  groupLabel: { name: 'group_label', cast: '' },
};

/**
 * The dossiers an agent scope covers, as a query condition; null when it covers none (an
 * instructeur in no group). The same rule as `scopeIncludes` of `@guichet/platform-access`.
 */
export function scopeCondition(scope: AgentScope): FilterQuery<Dossier> | null {
  switch (scope.kind) {
    case 'system':
      return { tenantId: scope.tenantId };
    case 'tenant':
      return { tenantId: scope.tenantId, state: { $ne: 'brouillon' } };
    case 'groups':
      return scope.groupIds.length === 0 ? null : { tenantId: scope.tenantId, state: { $ne: 'brouillon' }, groupId: { $in: [...scope.groupIds] } };
  }
}

/**
 * Data access for dossiers and their history. Every read is scoped, by the owner's account or by an
 * agent scope (tenant, and for instructeurs their groups): there is no way to fetch a dossier by id
 * alone. The injected EntityManager resolves
 * to the request's fork, or to the open transaction's.
 */
@Injectable()
export class DossierRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /**
   * The usager's read of their dossier with its history, in one statement and without the ORM's
   * entity building: the hottest read of the platform (about 40 % of the service's CPU went to the
   * ORM on this path).
   */
  async readOwned(accountId: string, dossierId: string): Promise<{ dossier: DossierData; traitements: TraitementData[] } | null> {
    const row = (await this.em.getConnection().execute(
      `select ${ownedColumns('d')}, ${traitementsOf('d')} as traitements from "dossiers"."dossier" d where d.id = ? and d.usager_account_id = ?`,
      [dossierId, accountId],
      'get',
      this.em.getTransactionContext(),
    )) as OwnedRow | undefined;
    if (row === undefined || row === null) return null;
    return { dossier: dossierOfRow(row), traitements: row.traitements.map(traitementOfRow) };
  }

  /**
   * The usager's dossier as a filing step (save, submit) reads it: with its history, its private
   * annotations (the events carry them) and its row version (`xmin`), with which the step's write
   * can be made conditional on the row being unchanged since (`writeFiling`). `lock` takes the row
   * lock, inside the caller's transaction.
   */
  async readOwnedForFiling(accountId: string, dossierId: string, options: FindOptions = {}): Promise<OwnedForFiling | null> {
    const row = (await this.em.getConnection().execute(
      `select ${ownedColumns('d')}, d.annotations, d.xmin::text as row_version, ${traitementsOf('d')} as traitements
       from "dossiers"."dossier" d where d.id = ? and d.usager_account_id = ?${options.lock === true ? ' for update of d' : ''}`,
      [dossierId, accountId],
      'get',
      this.em.getTransactionContext(),
    )) as (OwnedRow & { annotations: Dossier['annotations']; row_version: string }) | undefined;
    if (row === undefined || row === null) return null;
    return { dossier: { ...dossierOfRow(row), annotations: row.annotations, rowVersion: row.row_version }, traitements: row.traitements.map(traitementOfRow) };
  }

  /** A brouillon, inserted (and numbered by PostgreSQL) in one statement: the row as stored. */
  async insertBrouillon(
    data: Pick<Dossier, 'tenantId' | 'procedureId' | 'procedureTitle' | 'revisionId' | 'usagerAccountId' | 'usagerEmail' | 'usagerFirstName' | 'usagerLastName' | 'test'>,
  ): Promise<DossierData> {
    const now = new Date().toISOString();
    const row = (await this.em.getConnection().execute(
      `insert into "dossiers"."dossier" (id, tenant_id, procedure_id, procedure_title, revision_id, state, test, usager_account_id, usager_email, usager_first_name, usager_last_name,
                                         values, correction_pending, motivation, created_at, updated_at, submitted_at, decided_at, group_id, group_label)
       values (?, ?, ?, ?, ?, 'brouillon', ?, ?, ?, ?, ?, '{}'::jsonb, false, null, ?::timestamptz, ?::timestamptz, null, null, null, null)
       returning ${ownedColumns('dossier')}`,
      [randomUUID(), data.tenantId, data.procedureId, data.procedureTitle, data.revisionId, data.test, data.usagerAccountId, data.usagerEmail, data.usagerFirstName, data.usagerLastName, now, now],
      'get',
      this.em.getTransactionContext(),
    )) as OwnedRow;
    return dossierOfRow(row);
  }

  /**
   * A filing step's write, in one statement: the dossier's changed columns, its new history rows and
   * the outbox rows of its events. With `unlessChangedSince` (the row version the step was computed
   * from), nothing at all is written if the row changed since, and null is returned: the caller
   * then redoes the step under the row lock. Returns the row as stored, with its history as it was
   * before the statement (the rows inserted here are the caller's own).
   */
  async writeFiling(
    dossierId: string,
    changes: FilingChanges,
    written: { history?: readonly TraitementData[]; outbox?: readonly OutboxRow[]; unlessChangedSince?: string } = {},
  ): Promise<{ dossier: DossierData; traitements: TraitementData[] } | null> {
    const assignments: string[] = [];
    const params: unknown[] = [];
    for (const [property, value] of Object.entries(changes) as [keyof FilingChanges, unknown][]) {
      if (value === undefined) continue;
      const column = filingColumns[property];
      assignments.push(`"${column.name}" = ?${column.cast}`);
      params.push(column.cast === '::jsonb' ? JSON.stringify(value) : value instanceof Date ? value.toISOString() : value);
    }
    if (assignments.length === 0) throw new Error('writeFiling: nothing to write');
    params.push(dossierId);
    const guard = written.unlessChangedSince !== undefined ? ' and xmin = ?::text::xid' : '';
    if (written.unlessChangedSince !== undefined) params.push(written.unlessChangedSince);
    const history = written.history ?? [];
    const outbox = written.outbox ?? [];
    const parts = [
      `updated as (update "dossiers"."dossier" set ${assignments.join(', ')} where id = ?${guard} returning ${ownedColumns('dossier')}, ${traitementsOf('dossier')} as traitements)`,
    ];
    if (history.length > 0) {
      parts.push(`history as (insert into "dossiers"."traitement" (id, dossier_id, event, from_state, to_state, at, actor_email, motivation, justificatif_file_id, justificatif_file_name)
        select t.id, u.id, t.event, t.from_state, t.to_state, t.at, t.actor_email, t.motivation, t.justificatif_file_id, t.justificatif_file_name
        from updated u, jsonb_to_recordset(?::jsonb) as t(id uuid, event text, from_state text, to_state text, at timestamptz, actor_email text, motivation text, justificatif_file_id uuid, justificatif_file_name text))`);
      params.push(
        JSON.stringify(
          history.map((t) => ({
            id: t.id,
            event: t.event,
            from_state: t.fromState,
            to_state: t.toState,
            at: t.at.toISOString(),
            actor_email: t.actorEmail,
            motivation: t.motivation,
            justificatif_file_id: t.justificatifFileId,
            justificatif_file_name: t.justificatifFileName,
          })),
        ),
      );
    }
    if (outbox.length > 0) {
      const events = outboxInsert('dossiers', outbox, { cte: 'updated' });
      parts.push(`events as (${events.sql})`);
      params.push(...events.params);
    }
    const row = (await this.em.getConnection().execute(`with ${parts.join(', ')} select * from updated`, params, 'get', this.em.getTransactionContext())) as OwnedRow | undefined;
    if (row === undefined || row === null) return null;
    if (outbox.length > 0) outboxRowsWritten(this.em);
    return { dossier: dossierOfRow(row), traitements: row.traitements.map(traitementOfRow) };
  }

  findOwned(accountId: string, dossierId: string, options: FindOptions = {}): Promise<Dossier | null> {
    return this.em.findOne(Dossier, { id: dossierId, usagerAccountId: accountId }, lockOptions(options));
  }

  /** A dossier within an agent scope (never a brouillon, but for the system). */
  async findInScope(scope: AgentScope, dossierId: string, options: FindOptions = {}): Promise<Dossier | null> {
    const condition = scopeCondition(scope);
    if (condition === null) return null;
    return this.em.findOne(Dossier, { $and: [{ id: dossierId }, condition] }, lockOptions(options));
  }

  /** The account's dossiers, newest first. */
  listOwned(accountId: string, limit: number): Promise<Dossier[]> {
    return this.em.find(Dossier, { usagerAccountId: accountId }, { orderBy: { number: 'desc' }, limit });
  }

  /** A page of a procedure's dossiers within the scope in `states`, by increasing number after `afterNumber`. */
  async pageForProcedure(scope: AgentScope, procedureId: string, states: readonly DossierState[], afterNumber: number | undefined, limit: number): Promise<Dossier[]> {
    const condition = scopeCondition(scope);
    if (condition === null) return [];
    const where: FilterQuery<Dossier> = { $and: [condition, { procedureId, state: { $in: [...states] }, ...(afterNumber !== undefined ? { number: { $gt: afterNumber } } : {}) }] };
    return this.em.find(Dossier, where, { orderBy: { number: 'asc' }, limit });
  }

  /** The history of several dossiers in one query, oldest first for each. */
  async traitementsOf(dossiers: readonly Dossier[]): Promise<Map<string, Traitement[]>> {
    const byDossier = new Map<string, Traitement[]>(dossiers.map((dossier) => [dossier.id, []]));
    if (dossiers.length === 0) return byDossier;
    const rows = await this.em.find(Traitement, { dossier: { $in: dossiers.map((dossier) => dossier.id) } }, { orderBy: { at: 'asc', id: 'asc' } });
    for (const row of rows) byDossier.get(row.dossier.id)?.push(row);
    return byDossier;
  }

  /** The followers of several dossiers in one query, first followers first. */
  async followersOf(dossiers: readonly Dossier[]): Promise<Map<string, DossierFollow[]>> {
    const byDossier = new Map<string, DossierFollow[]>(dossiers.map((dossier) => [dossier.id, []]));
    if (dossiers.length === 0) return byDossier;
    const rows = await this.em.find(DossierFollow, { dossier: { $in: dossiers.map((dossier) => dossier.id) } }, { orderBy: { followedAt: 'asc', accountId: 'asc' } });
    for (const row of rows) byDossier.get(row.dossier.id)?.push(row);
    return byDossier;
  }

  /**
   * The account follows the dossier (nothing changes if it already does); written at once, with the
   * dossier's follower count in the same statement.
   */
  async follow(dossier: Dossier, actor: Pick<Actor, 'accountId' | 'email'>): Promise<void> {
    await this.em.getConnection().execute(
      `with added as (
         insert into "dossiers"."dossier_follow" (dossier_id, account_id, tenant_id, account_email, followed_at) values (?, ?, ?, ?, now()) on conflict do nothing returning dossier_id
       )
       update "dossiers"."dossier" set follower_count = follower_count + 1 where id in (select dossier_id from added)`,
      [dossier.id, actor.accountId, dossier.tenantId, actor.email.toLowerCase()],
      'run',
      this.em.getTransactionContext(),
    );
  }

  async unfollow(dossier: Dossier, accountId: string): Promise<void> {
    await this.em.getConnection().execute(
      `with removed as (delete from "dossiers"."dossier_follow" where dossier_id = ? and account_id = ? returning dossier_id)
       update "dossiers"."dossier" set follower_count = follower_count - 1 where id in (select dossier_id from removed)`,
      [dossier.id, accountId],
      'run',
      this.em.getTransactionContext(),
    );
  }

  /**
   * Sets (or, with null, removes) one private annotation in one UPDATE that merges the key into the
   * stored document, so a concurrent save of another annotation is never overwritten; records who
   * and when. The dossier's `updatedAt` is left alone: the usager sees it, annotations are private.
   * The entity is refreshed from the row afterwards (its ORM snapshot too: no second write).
   */
  async saveAnnotation(dossier: Dossier, stableId: string, value: FieldValue | null, by: string, at: Date): Promise<void> {
    const merge = value === null ? `"annotations" - ?::text` : `"annotations" || jsonb_build_object(?::text, ?::jsonb)`;
    const mergeParams = value === null ? [stableId] : [stableId, JSON.stringify(value)];
    await this.em.getConnection().execute(
      `update "dossiers"."dossier" set "annotations" = ${merge}, "annotation_updated_at" = ?, "annotation_updated_by" = ? where "id" = ? and "tenant_id" = ?`,
      [...mergeParams, at, by, dossier.id, dossier.tenantId],
      'run',
      this.em.getTransactionContext(),
    );
    await this.em.refresh(dossier);
  }

  /** A move to another group; persisted at the next flush. */
  newGroupChange(dossier: Dossier, data: Pick<DossierGroupChange, 'fromGroupId' | 'fromLabel' | 'toGroupId' | 'toLabel' | 'at' | 'actorEmail'>): DossierGroupChange {
    return this.em.create(DossierGroupChange, { id: randomUUID(), dossier, ...data });
  }

  /** The dossier as agents see it: with its history, its followers, its moves between groups, its labels and its private annotations. */
  async agentView(dossier: Dossier): Promise<DossierDto> {
    // One after the other: inside a transaction they run on its one connection anyway.
    const traitements = await this.traitementsOf([dossier]);
    const followers = await this.followersOf([dossier]);
    const changes = await this.em.find(DossierGroupChange, { dossier: dossier.id }, { orderBy: { at: 'asc', id: 'asc' } });
    const labels = await labelsOfDossiers(this.em, [dossier.id]);
    return {
      ...toAgentDossierDto(dossier, traitements.get(dossier.id) ?? [], followers.get(dossier.id) ?? []),
      labels: labels.get(dossier.id) ?? [],
      groupChanges: changes.map((change) => ({
        from: change.fromGroupId === null ? null : { id: change.fromGroupId, label: change.fromLabel ?? '' },
        to: { id: change.toGroupId, label: change.toLabel },
        at: change.at.toISOString(),
        actorEmail: change.actorEmail,
      })),
    };
  }

  /** A history row for a transition (`transitionOf`); persisted at the next flush. */
  newTraitement(dossier: Dossier, data: TraitementData): Traitement {
    return this.em.create(Traitement, {
      id: data.id,
      dossier,
      event: data.event,
      fromState: data.fromState,
      toState: data.toState,
      at: data.at,
      actorEmail: data.actorEmail,
      motivation: data.motivation,
      justificatifFileId: data.justificatifFileId,
      justificatifFileName: data.justificatifFileName,
    });
  }

  flush(): Promise<void> {
    return this.em.flush();
  }
}
