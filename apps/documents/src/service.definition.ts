import type { ServiceDefinition } from '@guichet/platform-service';
import { migrations } from './migrations';

/** The documents service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'documents',
  orm: {
    schema: 'documents',
    entities: [],
    migrations,
    migrationsPath: 'apps/documents/src/migrations',
  },
};
