import type { ServiceDefinition } from '@guichet/platform-service';
import { migrations } from './migrations';

/** The messaging service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'messaging',
  orm: {
    schema: 'messaging',
    entities: [],
    migrations,
    migrationsPath: 'apps/messaging/src/migrations',
  },
};
