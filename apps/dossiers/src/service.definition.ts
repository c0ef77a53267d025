import type { ServiceDefinition } from '@guichet/platform-service';
import { BatchOperation, BatchOperationItem } from './batch/batch-operation.entity';
import { DashboardPreference } from './dashboard/dashboard-preference.entity';
import { DashboardTally } from './dashboard/dashboard-tally.entity';
import { ProcedureRetention } from './dashboard/procedure-retention.entity';
import { DossierFollow } from './dossier/dossier-follow.entity';
import { DossierGroupChange } from './dossier/dossier-group-change.entity';
import { Dossier } from './dossier/dossier.entity';
import { Traitement } from './dossier/traitement.entity';
import { DossierLabelChange } from './labels/dossier-label-change.entity';
import { DossierLabel } from './labels/dossier-label.entity';
import { ReplicatedLabel } from './labels/label.entity';
import { LookupSetting } from './lookups/lookup-setting.entity';
import { migrations } from './migrations';
import { DossierValueHistory } from './rebase/dossier-value-history.entity';

/** The dossiers service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'dossiers',
  orm: {
    schema: 'dossiers',
    entities: [Dossier, DossierFollow, DashboardPreference, BatchOperation, BatchOperationItem, DossierGroupChange, Traitement, DossierValueHistory, LookupSetting, ReplicatedLabel, DossierLabel, DossierLabelChange, DashboardTally, ProcedureRetention],
    migrations,
    migrationsPath: 'apps/dossiers/src/migrations',
  },
};
