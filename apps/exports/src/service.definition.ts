import type { ServiceDefinition } from '@guichet/platform-service';
import { ExportJob } from './export-job/export-job.entity';
import { migrations } from './migrations';

/** The exports service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'exports',
  orm: {
    schema: 'exports',
    entities: [ExportJob],
    migrations,
    migrationsPath: 'apps/exports/src/migrations',
  },
};
