import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from './session.entity';

export class SessionRepository {
  constructor(private readonly em: EntityManager) {}

  /** The session with its account and current tenant loaded, whatever its expiry. */
  findById(id: string): Promise<Session | null> {
    return this.em.findOne(Session, { id }, { populate: ['account', 'tenant'] });
  }

  async delete(id: string): Promise<void> {
    await this.em.nativeDelete(Session, { id });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { id }, { lastSeenAt: at });
  }

  async setTenant(id: string, tenantId: string | null): Promise<void> {
    await this.em.nativeUpdate(Session, { id }, { tenant: tenantId });
  }

  /** Removes sessions past their absolute or idle limit. */
  async deleteExpired(now: Date, idleSince: Date): Promise<number> {
    return this.em.nativeDelete(Session, { $or: [{ expiresAt: { $lte: now } }, { lastSeenAt: { $lte: idleSince } }] });
  }
}
