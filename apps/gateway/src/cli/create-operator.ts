import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { loadConfig } from '@guichet/platform-config';
import { serviceOrmOptions } from '@guichet/platform-persistence';
import { emailSchema, newPasswordSchema } from '../identity/identity.schemas';
import { PasswordHasher } from '../identity/password.hasher';
import { ensureOperator } from '../identity/usecases/ensure-operator';
import { definition } from '../service.definition';

export interface OperatorInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/**
 * Creates the bootstrap operator directly in the gateway's schema (the API needs an operator to
 * create operators). Idempotent: an existing account is made operator and keeps its password.
 * The schema must already be migrated.
 */
export async function createOperator(databaseUrl: string, input: OperatorInput): Promise<{ accountId: string; created: boolean }> {
  const email = emailSchema.parse(input.email);
  const password = newPasswordSchema.parse(input.password);
  const orm = await MikroORM.init({ ...serviceOrmOptions({ ...definition.orm, databaseUrl }), logger: () => undefined });
  try {
    return await ensureOperator(orm.em.fork() as EntityManager, new PasswordHasher(), { email, password, firstName: input.firstName, lastName: input.lastName });
  } finally {
    await orm.close();
  }
}

const cliSchema = z.object({
  DATABASE_URL: z.string().url(),
  OPERATOR_EMAIL: z.string().min(3),
  /** secret */
  OPERATOR_PASSWORD: z.string().min(12),
  OPERATOR_FIRST_NAME: z.string().min(1).default('Opérateur'),
  OPERATOR_LAST_NAME: z.string().min(1).default('Guichet'),
});

/** `node dist/apps/gateway/src/cli/create-operator.js` with DATABASE_URL, OPERATOR_EMAIL, OPERATOR_PASSWORD. */
async function main(): Promise<void> {
  const env = loadConfig(cliSchema);
  const result = await createOperator(env.DATABASE_URL, { email: env.OPERATOR_EMAIL, password: env.OPERATOR_PASSWORD, firstName: env.OPERATOR_FIRST_NAME, lastName: env.OPERATOR_LAST_NAME });
  console.log(result.created ? `operator ${env.OPERATOR_EMAIL} created` : `operator ${env.OPERATOR_EMAIL} already exists`);
}

// Run only as a program, not when the seed or a test imports createOperator.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
