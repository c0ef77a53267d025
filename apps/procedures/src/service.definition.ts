import type { ServiceDefinition } from '@guichet/platform-service';
import { migrations } from './migrations';

/** The procedures service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'procedures',
  orm: {
    schema: 'procedures',
    entities: [],
    migrations,
    migrationsPath: 'apps/procedures/src/migrations',
  },
};
