import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { GuichetError } from '@guichet/contracts';
import type { Account } from '../account.entity';
import { AccountRepository } from '../account.repository';
import type { createExpertBody } from '../identity.schemas';
import { PasswordHasher } from '../password.hasher';
import { registerAccount } from './register-account';

/** An operator makes an account an expert, creating it when the address is new (idempotent). */
@Injectable()
export class GrantExpertUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
  ) {}

  async execute(input: z.output<typeof createExpertBody>): Promise<{ account: Account; accountCreated: boolean }> {
    const em = this.em.fork();
    const existing = await new AccountRepository(em).findByEmail(input.email);
    if (existing) {
      existing.isExpert = true;
      await em.flush();
      return { account: existing, accountCreated: false };
    }
    if (!input.password) {
      throw new GuichetError('VALIDATION_FAILED', 'Un mot de passe est nécessaire pour créer le compte.', { password: 'Obligatoire pour créer un nouveau compte.' });
    }
    const account = await registerAccount(em, this.hasher, { ...input, password: input.password, isExpert: true });
    return { account, accountCreated: true };
  }
}
