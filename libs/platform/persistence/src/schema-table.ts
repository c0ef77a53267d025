import type { EntityManager } from '@mikro-orm/core';

/**
 * A table of the service's schema, quoted, for raw SQL: the connection's search path is not set, so
 * a statement names its tables with the schema the ORM was given (`fallbackSchema` when it has none).
 */
export function schemaTable(em: EntityManager, name: string, fallbackSchema: string): string {
  return `"${em.config.get('schema') ?? fallbackSchema}"."${name}"`;
}
