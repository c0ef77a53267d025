import type { ServiceDefinition } from '@guichet/platform-service';
import { Avis } from './avis/avis.entity';
import { migrations } from './migrations';

/** The experts service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'experts',
  orm: {
    schema: 'experts',
    entities: [Avis],
    migrations,
    migrationsPath: 'apps/experts/src/migrations',
  },
};
