import { definition as documents } from '../../apps/documents/src/service.definition';
import { definition as dossiers } from '../../apps/dossiers/src/service.definition';
import { definition as experts } from '../../apps/experts/src/service.definition';
import { definition as exports_ } from '../../apps/exports/src/service.definition';
import { definition as gateway } from '../../apps/gateway/src/service.definition';
import { definition as messaging } from '../../apps/messaging/src/service.definition';
import { definition as procedures } from '../../apps/procedures/src/service.definition';

/** Every service's persistence definition: schema, entities and committed migrations. */
export const serviceDefinitions = [gateway, procedures, dossiers, messaging, experts, documents, exports_];
