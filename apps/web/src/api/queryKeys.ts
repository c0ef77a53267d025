/**
 * One query key per resource of the gateway's API (TanStack Query). Keys nest by resource, so a
 * procedure's diff, tags and groups sit under that procedure; invalidations name what they mean
 * (see api/queries.ts), with `exact` where a prefix would reach more than the resource itself.
 */
export const queryKeys = {
  /** GET /api/me: the signed-in account, or null. */
  session: ['session'] as const,
  /** GET /api/public/procedures */
  publicProcedures: ['public-procedures'] as const,
  /** GET /api/public/procedures/:path */
  publicProcedure: (path: string) => ['public-procedures', path] as const,
  /** GET /api/test/procedures/:path */
  testProcedure: (path: string) => ['test-procedures', path] as const,
  /** GET /api/usager/dossiers */
  myDossiers: ['my-dossiers'] as const,
  /** GET /api/dossiers/:dossierId */
  dossier: (dossierId: string) => ['dossiers', dossierId] as const,
  /** GET /api/dossiers/:dossierId/form */
  dossierForm: (dossierId: string) => ['dossiers', dossierId, 'form'] as const,
  /** GET /api/dossiers/:dossierId/messages */
  dossierMessages: (dossierId: string) => ['dossiers', dossierId, 'messages'] as const,
  /** Everything of the instructeur's dashboard: the procedures, each one's counts and tab pages. */
  instructeur: ['instructeur'] as const,
  /** GET /api/instructeur/tableau */
  instructeurProcedures: ['instructeur', 'tableau'] as const,
  /** GET /api/instructeur/procedures/:procedureId/counts */
  dashboardCounts: (procedureId: string) => ['instructeur', 'procedures', procedureId, 'counts'] as const,
  /** GET /api/instructeur/procedures/:procedureId/tableau?onglet=&tri=&ordre=&filtres=&q=&champs=&after= (the page's query as the key) */
  dashboardPage: (procedureId: string, page: object) => ['instructeur', 'procedures', procedureId, 'tableau', page] as const,
  /** GET (and PUT) /api/instructeur/procedures/:procedureId/preferences */
  dashboardPreferences: (procedureId: string) => ['instructeur', 'procedures', procedureId, 'preferences'] as const,
  /** GET /api/instructeur/procedures/:procedureId/tableau/groupes (every page loaded) */
  dashboardGroups: (procedureId: string) => ['instructeur', 'procedures', procedureId, 'tableau-groupes'] as const,
  /** GET /api/instructeur/lots/:batchId (outside `instructeur`: a finished batch is not read again when the dashboard is) */
  batch: (batchId: string) => ['batches', batchId] as const,
  /** GET /api/admin/procedures */
  adminProcedures: ['admin-procedures'] as const,
  /** GET /api/admin/procedures/:procedureId */
  adminProcedure: (procedureId: string) => ['admin-procedures', procedureId] as const,
  /** GET /api/admin/procedures/:procedureId/diff */
  revisionDiff: (procedureId: string) => ['admin-procedures', procedureId, 'diff'] as const,
  /** GET /api/admin/procedures/:procedureId/tags */
  procedureTags: (procedureId: string) => ['admin-procedures', procedureId, 'tags'] as const,
  /** GET /api/admin/procedures/:procedureId/groups (every page loaded) */
  groups: (procedureId: string) => ['admin-procedures', procedureId, 'groups'] as const,
  /** GET /api/admin/procedures/:procedureId/groups/:groupId */
  group: (procedureId: string, groupId: string) => ['admin-procedures', procedureId, 'groups', groupId] as const,
  /** GET /api/admin/procedures/:procedureId/labels */
  labels: (procedureId: string) => ['admin-procedures', procedureId, 'labels'] as const,
  /** GET /api/instructeur/procedures/:procedureId/labels (the labels an instructeur picks from) */
  instructeurLabels: (procedureId: string) => ['instructeur', 'procedures', procedureId, 'labels'] as const,
  /** GET /api/admin/models?q= (every page loaded) */
  models: (q: string) => ['models', { q }] as const,
  /** All the catalogue's searches. */
  allModels: ['models'] as const,
  /** GET /api/admin/models/:procedureId (404: not shared) */
  model: (procedureId: string) => ['model', procedureId] as const,
};
