import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { DossierLabel as DossierLabelDto, LabelColor } from '@guichet/contracts';
import type { DossierLabelAction } from './dossier-label-change.entity';

/** A label of the replica (`dossiers.label`). */
export interface LabelRow {
  id: string;
  tenantId: string;
  procedureId: string;
  name: string;
  color: LabelColor;
  version: number;
  deleted: boolean;
}

interface RawLabelRow {
  id: string;
  tenant_id: string;
  procedure_id: string;
  name: string;
  color: LabelColor;
  version: number;
  deleted: boolean;
}

const toRow = (raw: RawLabelRow): LabelRow => ({ id: raw.id, tenantId: raw.tenant_id, procedureId: raw.procedure_id, name: raw.name, color: raw.color, version: raw.version, deleted: raw.deleted });

/** Labels shown in French order: case and accents ignored, numbers by value. */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
export const byLabelName = (a: DossierLabelDto, b: DossierLabelDto): number => collator.compare(a.name, b.name) || a.id.localeCompare(b.id);

async function run<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}

/** The labels of several dossiers in one query, by name (`agentView` and lists). */
export async function labelsOfDossiers(em: EntityManager, dossierIds: readonly string[]): Promise<Map<string, DossierLabelDto[]>> {
  const byDossier = new Map<string, DossierLabelDto[]>(dossierIds.map((id) => [id, []]));
  if (dossierIds.length === 0) return byDossier;
  const rows = await run<{ dossier_id: string; id: string; name: string; color: LabelColor }>(
    em,
    `select dl.dossier_id, l.id, l.name, l.color from "dossiers"."dossier_label" dl join "dossiers"."label" l on l.id = dl.label_id
     where dl.dossier_id in (${dossierIds.map(() => '?').join(', ')}) and not l.deleted`,
    [...dossierIds],
  );
  for (const row of rows) byDossier.get(row.dossier_id)?.push({ id: row.id, name: row.name, color: row.color });
  for (const labels of byDossier.values()) labels.sort(byLabelName);
  return byDossier;
}

/**
 * Data access for the label replica and the labels of dossiers. Tenant-scoped: every method takes
 * the tenant (a label id alone finds nothing). Raw SQL: upserts guarded by version, and statements
 * that must not go through the identity map of a consumer's transaction.
 */
@Injectable()
export class DossierLabelsRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** `lock`: FOR SHARE, so a deletion of the label (which updates the row) waits for this transaction. */
  async findLabel(tenantId: string, labelId: string, options: { lock?: boolean } = {}): Promise<LabelRow | null> {
    const rows = await run<RawLabelRow>(
      this.em,
      `select id, tenant_id, procedure_id, name, color, version, deleted from "dossiers"."label" where id = ? and tenant_id = ?${options.lock === true ? ' for share' : ''}`,
      [labelId, tenantId],
    );
    return rows[0] === undefined ? null : toRow(rows[0]);
  }

  /** A label's state from procedures: applied unless the replica holds this version or a newer one. Whether it applied. */
  async applyChange(label: Omit<LabelRow, 'deleted'>): Promise<boolean> {
    const rows = await run<{ id: string }>(
      this.em,
      `insert into "dossiers"."label" (id, tenant_id, procedure_id, name, color, version, deleted) values (?, ?, ?, ?, ?, ?, false)
       on conflict (id) do update set name = excluded.name, color = excluded.color, version = excluded.version
       where "label".version < excluded.version and "label".tenant_id = excluded.tenant_id
       returning id`,
      [label.id, label.tenantId, label.procedureId, label.name, label.color, label.version],
    );
    return rows.length > 0;
  }

  /** The label becomes a tombstone (inserted as one if never seen), unless a newer version is held. Whether it applied. */
  async applyDeletion(label: Pick<LabelRow, 'id' | 'tenantId' | 'procedureId' | 'version'>): Promise<boolean> {
    const rows = await run<{ id: string }>(
      this.em,
      `insert into "dossiers"."label" (id, tenant_id, procedure_id, name, color, version, deleted) values (?, ?, ?, '', 'beige-gris-galet', ?, true)
       on conflict (id) do update set deleted = true, version = excluded.version
       where "label".version < excluded.version and "label".tenant_id = excluded.tenant_id
       returning id`,
      [label.id, label.tenantId, label.procedureId, label.version],
    );
    return rows.length > 0;
  }

  /** Takes a deleted label off every dossier of the tenant, each with a history row without an actor; how many. */
  async takeOffEverywhere(tenantId: string, labelId: string, labelName: string): Promise<number> {
    const rows = await run<{ count: string }>(
      this.em,
      `with removed as (delete from "dossiers"."dossier_label" where label_id = ? and tenant_id = ? returning dossier_id),
            recorded as (
              insert into "dossiers"."dossier_label_change" (id, dossier_id, tenant_id, label_id, label_name, action, actor_account_id, actor_email, at)
              select gen_random_uuid(), dossier_id, ?, ?, ?, 'removed', null, null, now() from removed returning 1
            )
       select count(*) as count from recorded`,
      [labelId, tenantId, tenantId, labelId, labelName],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Puts the label on the dossier; false when it was there already. */
  async put(dossier: { id: string; tenantId: string }, labelId: string, accountId: string | null, at: Date): Promise<boolean> {
    const rows = await run<{ dossier_id: string }>(
      this.em,
      `insert into "dossiers"."dossier_label" (dossier_id, label_id, tenant_id, added_by_account_id, added_at) values (?, ?, ?, ?, ?) on conflict do nothing returning dossier_id`,
      [dossier.id, labelId, dossier.tenantId, accountId, at],
    );
    return rows.length > 0;
  }

  /** Takes the label off the dossier; false when it was not there. */
  async takeOff(dossier: { id: string; tenantId: string }, labelId: string): Promise<boolean> {
    const rows = await run<{ dossier_id: string }>(
      this.em,
      `delete from "dossiers"."dossier_label" where dossier_id = ? and label_id = ? and tenant_id = ? returning dossier_id`,
      [dossier.id, labelId, dossier.tenantId],
    );
    return rows.length > 0;
  }

  async recordChange(dossier: { id: string; tenantId: string }, change: { labelId: string; labelName: string; action: DossierLabelAction; actorAccountId: string | null; actorEmail: string | null; at: Date }): Promise<void> {
    await run(
      this.em,
      `insert into "dossiers"."dossier_label_change" (id, dossier_id, tenant_id, label_id, label_name, action, actor_account_id, actor_email, at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?)`,
      [dossier.id, dossier.tenantId, change.labelId, change.labelName, change.action, change.actorAccountId, change.actorEmail, change.at],
    );
  }

  labelsOf(dossierId: string): Promise<DossierLabelDto[]> {
    return labelsOfDossiers(this.em, [dossierId]).then((byDossier) => byDossier.get(dossierId) ?? []);
  }
}
