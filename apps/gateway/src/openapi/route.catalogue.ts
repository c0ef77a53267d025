import { avisRoutes } from '../api/avis.routes';
import { dossierRoutes } from '../api/dossiers.routes';
import { exportRoutes } from '../api/exports.routes';
import { fileRoutes } from '../api/files.routes';
import { groupRoutes } from '../api/groups.routes';
import { labelRoutes } from '../api/labels.routes';
import { lookupRoutes } from '../api/lookups.routes';
import { messageRoutes } from '../api/messages.routes';
import { modelRoutes } from '../api/models.routes';
import { procedureRoutes } from '../api/procedures.routes';
import { healthRoutes } from '../health/health.routes';
import type { RouteSpec } from '../http/route';
import { authRoutes, operatorRoutes } from '../identity/identity.routes';
import { openApiRoutes } from './openapi.routes';

/** Every route the gateway serves, by group: the OpenAPI document and the route tests read it. */
export const routeCatalogue: Record<string, Record<string, RouteSpec>> = {
  auth: authRoutes,
  operator: operatorRoutes,
  procedures: procedureRoutes,
  groups: groupRoutes,
  labels: labelRoutes,
  models: modelRoutes,
  dossiers: dossierRoutes,
  lookups: lookupRoutes,
  messages: messageRoutes,
  avis: avisRoutes,
  files: fileRoutes,
  exports: exportRoutes,
  health: healthRoutes,
  openapi: openApiRoutes,
};

export function allRoutes(): { operationId: string; route: RouteSpec }[] {
  return Object.entries(routeCatalogue).flatMap(([group, routes]) => Object.entries(routes).map(([name, route]) => ({ operationId: `${group}.${name}`, route })));
}
