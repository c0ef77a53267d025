import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { GuichetError } from '@guichet/contracts';
import type { Account } from '../account.entity';
import { AccountRepository } from '../account.repository';
import type { MembershipView } from '../caller';
import type { addMemberBody } from '../identity.schemas';
import { Membership } from '../membership.entity';
import { PasswordHasher } from '../password.hasher';
import { TenantRepository } from '../tenant.repository';
import { registerAccount } from './register-account';

const alreadyMember = () => new GuichetError('CONFLICT', 'Ce compte a déjà ce rôle dans cette administration.', { role: 'Ce compte a déjà ce rôle dans cette administration.' });

/**
 * An operator gives an agent a role in an administration, creating the account when the address
 * is new. An existing account keeps its name and password.
 */
@Injectable()
export class AddMemberUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
  ) {}

  async execute(tenantId: string, input: z.output<typeof addMemberBody>): Promise<{ account: Account; membership: MembershipView; accountCreated: boolean }> {
    const em = this.em.fork();
    const tenant = await new TenantRepository(em).findById(tenantId);
    if (!tenant) throw new GuichetError('NOT_FOUND', 'Administration introuvable.');
    const accounts = new AccountRepository(em);
    let account = await accounts.findByEmail(input.email);
    const accountCreated = !account;
    if (!account) {
      if (!input.password) {
        throw new GuichetError('VALIDATION_FAILED', 'Un mot de passe est nécessaire pour créer le compte.', { password: 'Obligatoire pour créer un nouveau compte.' });
      }
      account = await registerAccount(em, this.hasher, { email: input.email, password: input.password, firstName: input.firstName, lastName: input.lastName });
    } else if (await accounts.findMembership(tenant.id, account.id, input.role)) {
      throw alreadyMember();
    }
    em.create(Membership, { account, tenant, role: input.role });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw alreadyMember();
      throw error;
    }
    return { account, membership: { tenantId: tenant.id, tenantName: tenant.name, role: input.role }, accountCreated };
  }
}
