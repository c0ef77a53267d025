import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { GuichetError } from '@guichet/contracts';
import { GATEWAY_CONFIG } from '../../http/tokens';
import type { GatewayConfig } from '../../config';
import type { Account } from '../account.entity';
import { AccountRepository } from '../account.repository';
import { defaultTenantOf, type MembershipView } from '../caller';
import type { signInBody } from '../identity.schemas';
import { PasswordHasher } from '../password.hasher';
import { SessionService } from '../session.service';
import { SignInThrottle } from '../sign-in.throttle';
import { claimPendingMemberships } from './grant-instructeur-role';

/** Refusal of a throttled sign-in, with the wait the client should observe. */
export class RateLimitedError extends GuichetError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Trop de tentatives de connexion. Réessayez dans ${retryAfterSeconds} secondes.`);
  }
}

const invalidCredentials = () => new GuichetError('INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.');

/**
 * Checks e-mail and password and opens a session in the agent's first administration. An unknown
 * e-mail costs the same hashing work and gets the same answer as a wrong password.
 */
@Injectable()
export class SignInUseCase {
  private readonly throttle: SignInThrottle;

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.throttle = new SignInThrottle(config.SIGNIN_RATE_LIMIT, config.SIGNIN_RATE_WINDOW_MS);
  }

  async execute(input: z.output<typeof signInBody>, clientIp: string): Promise<{ account: Account; memberships: MembershipView[]; tenantId: string | null; token: string }> {
    const wait = this.throttle.check(clientIp);
    if (wait > 0) throw new RateLimitedError(wait);
    const em = this.em.fork();
    const accounts = new AccountRepository(em);
    const account = await accounts.findByEmail(input.email, { withPasswordHash: true });
    if (!account) {
      await this.hasher.verifyNothing(input.password);
      this.throttle.recordFailure(clientIp);
      throw invalidCredentials();
    }
    if (!(await this.hasher.verify(account.passwordHash, input.password))) {
      this.throttle.recordFailure(clientIp);
      throw invalidCredentials();
    }
    account.lastSignInAt = new Date();
    await em.flush();
    // An instructeur role given to the address while the account was being created is taken now.
    await claimPendingMemberships(em, account.id, account.email);
    const memberships = await accounts.membershipsOf(account.id);
    const tenantId = defaultTenantOf(memberships);
    const { token } = await this.sessions.open(account.id, tenantId);
    return { account, memberships, tenantId, token };
  }
}
