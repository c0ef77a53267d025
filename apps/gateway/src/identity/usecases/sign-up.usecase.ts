import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { Account } from '../account.entity';
import type { signUpBody } from '../identity.schemas';
import { PasswordHasher } from '../password.hasher';
import { SessionService } from '../session.service';
import { registerAccount } from './register-account';

/** An usager creates an account and is signed in at once. */
@Injectable()
export class SignUpUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  async execute(input: z.output<typeof signUpBody>): Promise<{ account: Account; token: string }> {
    const em = this.em.fork();
    const account = await registerAccount(em, this.hasher, input);
    account.lastSignInAt = new Date();
    await em.flush();
    const { token } = await this.sessions.open(account.id, null);
    return { account, token };
  }
}
