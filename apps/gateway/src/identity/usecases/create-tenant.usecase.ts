import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { GuichetError } from '@guichet/contracts';
import type { createTenantBody } from '../identity.schemas';
import { Tenant } from '../tenant.entity';
import { TenantRepository } from '../tenant.repository';

const slugTaken = () => new GuichetError('CONFLICT', 'Une administration utilise déjà cet identifiant.', { slug: 'Une administration utilise déjà cet identifiant.' });

/** An operator opens a new administration on the instance. */
@Injectable()
export class CreateTenantUseCase {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  async execute(input: z.output<typeof createTenantBody>): Promise<Tenant> {
    const em = this.em.fork();
    if (await new TenantRepository(em).findBySlug(input.slug)) throw slugTaken();
    const tenant = em.create(Tenant, { slug: input.slug, name: input.name });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw slugTaken();
      throw error;
    }
    return tenant;
  }
}
