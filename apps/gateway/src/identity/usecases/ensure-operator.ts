import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountRepository } from '../account.repository';
import type { PasswordHasher } from '../password.hasher';
import { registerAccount, type NewAccount } from './register-account';

/**
 * The bootstrap operator (no operator exists to create the first one through the API). Idempotent:
 * an existing account becomes operator and keeps its password.
 */
export async function ensureOperator(em: EntityManager, hasher: PasswordHasher, input: Omit<NewAccount, 'isOperator' | 'isExpert'>): Promise<{ accountId: string; created: boolean }> {
  const existing = await new AccountRepository(em).findByEmail(input.email);
  if (existing) {
    if (!existing.isOperator) {
      existing.isOperator = true;
      await em.flush();
    }
    return { accountId: existing.id, created: false };
  }
  const account = await registerAccount(em, hasher, { ...input, isOperator: true });
  return { accountId: account.id, created: true };
}
