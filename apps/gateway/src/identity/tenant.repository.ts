import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant } from './tenant.entity';

export class TenantRepository {
  constructor(private readonly em: EntityManager) {}

  findById(tenantId: string): Promise<Tenant | null> {
    return this.em.findOne(Tenant, { id: tenantId });
  }

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.em.findOne(Tenant, { slug });
  }

  list(): Promise<Tenant[]> {
    return this.em.find(Tenant, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }
}
