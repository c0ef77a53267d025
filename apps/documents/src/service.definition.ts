import type { ServiceDefinition } from '@guichet/platform-service';
import { Attestation, DecisionWithdrawal } from './dossier-attestation/attestation.entity';
import { migrations } from './migrations';
import { ObjectDeletion } from './object-deletion/object-deletion.entity';
import { StoredFile } from './stored-file/stored-file.entity';

/** The documents service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'documents',
  orm: {
    schema: 'documents',
    entities: [StoredFile, Attestation, DecisionWithdrawal, ObjectDeletion],
    migrations,
    migrationsPath: 'apps/documents/src/migrations',
  },
};
