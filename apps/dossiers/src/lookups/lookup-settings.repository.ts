import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { LookupKind } from '@guichet/contracts';
import { LookupSetting } from './lookup-setting.entity';

/** A tenant's register settings; every method is scoped by tenant. */
@Injectable()
export class LookupSettingsRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** The tenant's rows, by kind (absent kinds use the instance's defaults). */
  async forTenant(tenantId: string): Promise<Map<LookupKind, LookupSetting>> {
    const rows = await this.em.find(LookupSetting, { tenantId });
    return new Map(rows.map((row) => [row.kind, row]));
  }

  /**
   * Writes the tenant's row for one kind in one statement (insert … on conflict update), so two
   * administrateurs saving at once never fail on the primary key: the last one wins.
   */
  async save(row: Omit<LookupSetting, 'updatedAt'>): Promise<void> {
    await this.em.upsert(LookupSetting, { ...row, updatedAt: new Date() });
  }
}
