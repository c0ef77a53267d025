import type { ServiceDefinition } from '@guichet/platform-service';
import { migrations } from './migrations';

/** The exports service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'exports',
  orm: {
    schema: 'exports',
    entities: [],
    migrations,
    migrationsPath: 'apps/exports/src/migrations',
  },
};
