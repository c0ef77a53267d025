import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GuichetError } from '@guichet/contracts';
import { Account } from '../account.entity';
import { AccountRepository } from '../account.repository';
import type { PasswordHasher } from '../password.hasher';
import { claimPendingMemberships } from './grant-instructeur-role';

export interface NewAccount {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  isExpert?: boolean;
  isOperator?: boolean;
}

export function emailTaken(): GuichetError {
  return new GuichetError('EMAIL_TAKEN', 'Un compte existe déjà avec cette adresse électronique.', { email: 'Un compte existe déjà avec cette adresse électronique.' });
}

/**
 * Creates an account with an argon2id hash; an address already used (even concurrently) is
 * EMAIL_TAKEN. Roles given to the address before (an instructor group) become its memberships.
 */
export async function registerAccount(em: EntityManager, hasher: PasswordHasher, input: NewAccount): Promise<Account> {
  if (await new AccountRepository(em).findByEmail(input.email)) throw emailTaken();
  const account = em.create(Account, {
    email: input.email,
    passwordHash: await hasher.hash(input.password),
    firstName: input.firstName,
    lastName: input.lastName,
    isExpert: input.isExpert ?? false,
    isOperator: input.isOperator ?? false,
  });
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw emailTaken();
    throw error;
  }
  // Also done at each sign-in, for a role given in the instant the account was created.
  await claimPendingMemberships(em, account.id, account.email);
  return account;
}
