import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { GuichetError } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER } from '@guichet/platform-service';
import { chooseTenant, rolesOf, type Caller } from './caller';
import { Session } from './session.entity';
import { SessionRepository } from './session.repository';

export const SESSION_COOKIE = 'guichet_session';
export const SESSION_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 12 * 3600 * 1000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;
const SWEEP_INTERVAL_MS = 3600 * 1000;
/** 32 random bytes in base64url. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function sessionIdOf(token: string): string | null {
  if (!tokenPattern.test(token)) return null;
  return createHash('sha256').update(token).digest('hex');
}

/** Opens, resolves and ends cookie sessions (12 h idle, 7 days at most). */
@Injectable()
export class SessionService implements OnModuleInit, OnModuleDestroy {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** A new session for the account; returns the cookie token (only its hash is stored). */
  async open(accountId: string, tenantId: string | null, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const em = this.em.fork();
    const session = em.create(Session, {
      id: sessionIdOf(token) as string,
      account: accountId,
      tenant: tenantId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS),
    });
    await em.flush();
    return { token, expiresAt: session.expiresAt };
  }

  /**
   * The caller behind a cookie token, or null when the token is unknown, malformed or expired.
   * `requestedTenant` is the `x-guichet-tenant` header: refused unless the caller is a member.
   */
  async resolve(token: string, requestedTenant?: string, now = new Date()): Promise<Caller | null> {
    const id = sessionIdOf(token);
    if (!id) return null;
    // One statement (the session, its account and memberships) on the connection: it loads no
    // entity, so it needs no fork of the EntityManager; the rare writes below get one.
    const session = await new SessionRepository(this.em).findForRequest(id);
    if (!session) return null;
    if (session.expiresAt <= now || session.lastSeenAt.getTime() <= now.getTime() - SESSION_IDLE_MS) {
      await new SessionRepository(this.em.fork()).delete(id);
      return null;
    }
    const { account, memberships } = session;
    const currentTenant = chooseTenant(memberships, session.tenantId, requestedTenant);
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await new SessionRepository(this.em.fork()).touch(id, now);
    return {
      sessionId: id,
      account,
      memberships,
      currentTenant,
      roles: rolesOf(account, memberships, currentTenant?.id ?? null),
    };
  }

  async close(token: string): Promise<void> {
    const id = sessionIdOf(token);
    if (id) await new SessionRepository(this.em.fork()).delete(id);
  }

  /** Makes another of the caller's administrations the session's current one. */
  async switchTenant(caller: Caller, tenantId: string): Promise<void> {
    if (!caller.memberships.some((membership) => membership.tenantId === tenantId)) {
      throw new GuichetError('FORBIDDEN', 'Vous n’êtes pas membre de cette administration.');
    }
    await new SessionRepository(this.em.fork()).setTenant(caller.sessionId, tenantId);
  }

  async sweep(now = new Date()): Promise<void> {
    try {
      await new SessionRepository(this.em.fork()).deleteExpired(now, new Date(now.getTime() - SESSION_IDLE_MS));
    } catch (error) {
      this.logger.warn({ err: error }, 'expired session sweep failed; will retry');
    }
  }
}
