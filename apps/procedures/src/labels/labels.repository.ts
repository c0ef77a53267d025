import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { labelNameKey, type LabelColor } from '@guichet/contracts';
import { ProcedureLabel } from './procedure-label.entity';

/**
 * Data access for labels. Every method takes the procedure id, whose tenant the caller has checked
 * (`GroupsAccess`); the EntityManager is the request's fork or the open transaction's.
 */
@Injectable()
export class LabelsRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** By name (case and accents ignored), then id: the order agents see everywhere. */
  list(procedureId: string): Promise<ProcedureLabel[]> {
    return this.em.find(ProcedureLabel, { procedureId }, { orderBy: { nameKey: 'asc', id: 'asc' } });
  }

  find(procedureId: string, labelId: string): Promise<ProcedureLabel | null> {
    return this.em.findOne(ProcedureLabel, { id: labelId, procedureId });
  }

  count(procedureId: string): Promise<number> {
    return this.em.count(ProcedureLabel, { procedureId });
  }

  async nameTaken(procedureId: string, name: string, exceptLabelId?: string): Promise<boolean> {
    return (await this.em.count(ProcedureLabel, { procedureId, nameKey: labelNameKey(name), ...(exceptLabelId !== undefined ? { id: { $ne: exceptLabelId } } : {}) })) > 0;
  }

  /**
   * Holds the procedure's label edits until the transaction ends, so the count limit and the name
   * check see every other creation (the unique index stays the last word on names).
   */
  async lockProcedureLabels(procedureId: string): Promise<void> {
    await this.em.getConnection().execute('select pg_advisory_xact_lock(hashtextextended(?, 7491))', [`procedure-labels:${procedureId}`], 'all', this.em.getTransactionContext());
  }

  /** Persisted at the next flush. */
  newLabel(data: { tenantId: string; procedureId: string; name: string; color: LabelColor }): ProcedureLabel {
    const now = new Date();
    return this.em.create(ProcedureLabel, { id: randomUUID(), ...data, nameKey: labelNameKey(data.name), version: 1, createdAt: now, updatedAt: now });
  }

  rename(label: ProcedureLabel, name: string): void {
    label.name = name;
    label.nameKey = labelNameKey(name);
  }

  remove(label: ProcedureLabel): void {
    this.em.remove(label);
  }
}
