import type { ServiceDefinition } from '@guichet/platform-service';
import { GroupMember, InstructorGroup, InstructorGroupSet } from './groups/instructor-group.entity';
import { ProcedureLabel } from './labels/procedure-label.entity';
import { migrations } from './migrations';
import { ProcedureModel } from './models/procedure-model.entity';
import { ProcedureFormerPath } from './procedure/procedure-former-path.entity';
import { ProcedureRevision } from './procedure/procedure-revision.entity';
import { Procedure } from './procedure/procedure.entity';

/** The procedures service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'procedures',
  orm: {
    schema: 'procedures',
    entities: [Procedure, ProcedureRevision, InstructorGroupSet, InstructorGroup, GroupMember, ProcedureLabel, ProcedureModel, ProcedureFormerPath],
    migrations,
    migrationsPath: 'apps/procedures/src/migrations',
  },
};
