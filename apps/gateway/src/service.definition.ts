import type { ServiceDefinition } from '@guichet/platform-service';
import { identityEntities } from './identity/identity.entities';
import { migrations } from './migrations';

/** The gateway service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'gateway',
  orm: {
    schema: 'gateway',
    entities: identityEntities,
    migrations,
    migrationsPath: 'apps/gateway/src/migrations',
  },
};
