import { z } from 'zod';
import { batchSchema, batchStartSchema, dashboardFiltersSchema, dashboardPreferencesSchema, dashboardSortColumnSchema, dashboardTabSchema, maxDashboardColumns, maxDashboardSearchLength, dossierContracts, dossierFormSchema, dossierInstructionContracts, dossierSchema, dossierValuesSchema, uuid } from '@guichet/contracts';
import { dossierStateSchema } from '@guichet/dossier-state';
import { defineRoute } from '../http/route';

const dossierId = z.object({ dossierId: uuid });

/** The dashboard's filters travel in the URL (so a filtered list can be bookmarked) as JSON. */
const filtersParam = z
  .string()
  .max(20_000, 'Les filtres sont trop longs.')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Les filtres doivent être une liste JSON (exemple : [{"column":"state","values":["accepte"]}]).' });
      return z.NEVER;
    }
  })
  .pipe(dashboardFiltersSchema);

/** Field columns as stable ids separated by commas. */
const fieldColumnsParam = z
  .string()
  .max(maxDashboardColumns * 37, `Au plus ${maxDashboardColumns} colonnes.`)
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(uuid, { error: 'Chaque colonne est l’identifiant d’un champ.' }).max(maxDashboardColumns, `Au plus ${maxDashboardColumns} colonnes.`));

const dashboardPreferencesResponse = dossierInstructionContracts.dashboardPreferences.response;

export const usagerDossierSummarySchema = z.object({
  id: uuid,
  number: z.number().int(),
  state: dossierStateSchema,
  test: z.boolean(),
  procedure: z.object({ id: uuid, title: z.string() }),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});

/** Any JSON value; its shape is the annotation field's, checked by the dossiers service. Required: null clears. */
const annotationValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/**
 * What an expert reads of a dossier: what its usager reads (the answers, the states and their
 * history, the group it is in), none of the instructeurs' own data — private annotations, labels,
 * followers, moves between groups, deletion by the administration. An allow-list: a field added to
 * the agents' read stays out of the expert's until it is chosen here.
 */
export const expertDossierSchema = dossierSchema.pick({
  id: true,
  number: true,
  tenantId: true,
  procedureId: true,
  procedureTitle: true,
  revisionId: true,
  state: true,
  test: true,
  usager: true,
  values: true,
  correctionPending: true,
  motivation: true,
  createdAt: true,
  updatedAt: true,
  submittedAt: true,
  decidedAt: true,
  traitements: true,
  groupeInstructeur: true,
  archived: true,
  lookups: true,
}).extend({
  // The decision's justificatif is for the usager and the agents (DS), not in the history either.
  traitements: z.array(dossierSchema.shape.traitements.element.omit({ justificatif: true })),
});
export type ExpertDossier = z.infer<typeof expertDossierSchema>;

export const dossierRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/dossiers',
    tag: 'Usager',
    summary: 'Commencer un dossier sur une démarche publiée ; avec `test`, un dossier de test sur une démarche en brouillon (supprimé à sa première publication)',
    access: 'signedIn',
    body: z.strictObject({ procedureId: uuid, test: z.boolean().default(false) }),
    response: dossierSchema,
    status: 201,
  }),
  form: defineRoute({
    method: 'GET',
    path: '/api/dossiers/:dossierId/form',
    tag: 'Usager',
    summary: 'Le formulaire du dossier : les champs de sa révision (le brouillon de la démarche pour un dossier de test)',
    access: 'signedIn',
    params: dossierId,
    response: dossierFormSchema,
    status: 200,
  }),
  get: defineRoute({ method: 'GET', path: '/api/dossiers/:dossierId', tag: 'Usager', summary: 'Un dossier (son usager ou les agents de son administration)', access: 'signedIn', params: dossierId, response: dossierSchema, status: 200 }),
  updateValues: defineRoute({
    method: 'PATCH',
    path: '/api/dossiers/:dossierId/values',
    tag: 'Usager',
    summary: 'Enregistrer des valeurs du formulaire (par identifiant stable de champ)',
    access: 'signedIn',
    params: dossierId,
    body: z.strictObject({ values: dossierValuesSchema }),
    response: dossierSchema,
    status: 200,
  }),
  submit: defineRoute({ method: 'POST', path: '/api/dossiers/:dossierId/submit', tag: 'Usager', summary: 'Déposer le dossier', access: 'signedIn', params: dossierId, response: dossierSchema, status: 200 }),
  listMine: defineRoute({
    method: 'GET',
    path: '/api/usager/dossiers',
    tag: 'Usager',
    summary: 'Mes dossiers',
    access: 'signedIn',
    response: z.object({ items: z.array(usagerDossierSummarySchema) }),
    status: 200,
  }),
  listForProcedure: defineRoute({
    method: 'GET',
    path: '/api/instructeur/procedures/:procedureId/dossiers',
    tag: 'Instructeur',
    summary: 'Les dossiers déposés d’une démarche, par pages (curseur `after`)',
    access: 'instructeur',
    params: z.object({ procedureId: uuid }),
    query: z.object({
      after: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      state: z.union([dossierStateSchema, z.array(dossierStateSchema).max(6)]).optional(),
    }),
    response: dossierContracts.listForProcedure.response,
    status: 200,
  }),
  transition: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/transitions',
    tag: 'Instructeur',
    summary:
      'Faire passer le dossier à l’état suivant (passer_en_instruction, accepter, refuser…) ; une décision peut joindre un justificatif (`justificatifFileId`, déposé d’abord par `POST /api/uploads` avec `purpose: justificatif`)',
    access: 'instructeur',
    params: dossierId,
    body: dossierContracts.transition.request.omit({ dossierId: true }).strict(),
    response: dossierSchema,
    status: 200,
  }),
  dashboardProcedures: defineRoute({
    method: 'GET',
    path: '/api/instructeur/tableau',
    tag: 'Instructeur',
    summary: 'Mon tableau de bord : mes démarches (un instructeur : celles de ses groupes ; un administrateur : toutes celles de son administration), avec le nombre de dossiers de chaque onglet',
    access: 'agent',
    response: dossierInstructionContracts.dashboardProcedures.response,
    status: 200,
  }),
  dashboardCounts: defineRoute({
    method: 'GET',
    path: '/api/instructeur/procedures/:procedureId/counts',
    tag: 'Instructeur',
    summary: 'Le nombre de dossiers de chaque onglet d’une démarche (ceux que je vois : de mes groupes, ou tous pour un administrateur)',
    access: 'agent',
    params: z.object({ procedureId: uuid }),
    response: dossierInstructionContracts.dashboardCounts.response,
    status: 200,
  }),
  dashboardPage: defineRoute({
    method: 'GET',
    path: '/api/instructeur/procedures/:procedureId/tableau',
    tag: 'Instructeur',
    summary: 'Une page d’un onglet du tableau de bord (a-suivre, suivis, traites, tous, archives), filtrée, cherchée, triée (colonne fixe ou `champ:<id>`), par curseur',
    access: 'agent',
    params: z.object({ procedureId: uuid }),
    query: z.object({
      onglet: dashboardTabSchema.default('a-suivre'),
      tri: dashboardSortColumnSchema.default('number'),
      ordre: z.enum(['asc', 'desc']).default('desc'),
      /** JSON list of filters (state, group, follower, dates, field values); they add up. */
      filtres: filtersParam.optional(),
      /** Full-text search: number, usager, values; accents and case ignored. */
      q: z.string().trim().max(maxDashboardSearchLength, `La recherche est limitée à ${maxDashboardSearchLength} caractères.`).optional(),
      /** Field columns whose values each row carries: stable ids, comma-separated. */
      champs: fieldColumnsParam.optional(),
      after: z.string().max(500).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
    response: dossierInstructionContracts.dashboardPage.response,
    status: 200,
  }),
  dashboardPreferences: defineRoute({
    method: 'GET',
    path: '/api/instructeur/procedures/:procedureId/preferences',
    tag: 'Instructeur',
    summary: 'Les champs que je peux afficher, filtrer et trier sur le tableau de bord d’une démarche, et mes colonnes, filtres et tri enregistrés',
    access: 'agent',
    params: z.object({ procedureId: uuid }),
    response: dashboardPreferencesResponse,
    status: 200,
  }),
  saveDashboardPreferences: defineRoute({
    method: 'PUT',
    path: '/api/instructeur/procedures/:procedureId/preferences',
    tag: 'Instructeur',
    summary: 'Enregistrer mes colonnes, filtres et tri du tableau de bord de la démarche (retrouvés à ma prochaine visite)',
    access: 'agent',
    params: z.object({ procedureId: uuid }),
    body: dashboardPreferencesSchema.strict(),
    response: dashboardPreferencesResponse,
    status: 200,
  }),
  startBatch: defineRoute({
    method: 'POST',
    path: '/api/instructeur/procedures/:procedureId/lots',
    tag: 'Instructeur',
    summary: 'Lancer une action sur plusieurs dossiers (au plus 500, choisis ou tous ceux de la liste filtrée) : passer en instruction, repasser en construction, accepter, refuser, classer sans suite, archiver, désarchiver, suivre, ne plus suivre. Le lot avance en arrière-plan.',
    access: 'instructeur',
    params: z.object({ procedureId: uuid }),
    body: batchStartSchema,
    response: batchSchema,
    status: 201,
  }),
  batch: defineRoute({
    method: 'GET',
    path: '/api/instructeur/lots/:batchId',
    tag: 'Instructeur',
    summary: 'Où en est un lot que j’ai lancé, et le résultat de chacun de ses dossiers',
    access: 'instructeur',
    params: z.object({ batchId: uuid }),
    response: batchSchema,
    status: 200,
  }),
  follow: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/follow',
    tag: 'Instructeur',
    summary: 'Suivre le dossier (ou ne plus le suivre, avec `follow: false`)',
    access: 'instructeur',
    params: dossierId,
    body: dossierInstructionContracts.follow.request.omit({ dossierId: true }).strict(),
    response: dossierSchema,
    status: 200,
  }),
  reassign: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/groupe',
    tag: 'Instructeur',
    summary: 'Confier le dossier à un autre groupe instructeur de la démarche',
    access: 'instructeur',
    params: dossierId,
    body: dossierInstructionContracts.reassign.request.omit({ dossierId: true }).strict(),
    response: dossierSchema,
    status: 200,
  }),
  hide: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/supprimer',
    tag: 'Instructeur',
    summary: 'Supprimer un dossier traité des listes de l’administration (onglet « supprimés »), ou le restaurer avec `hidden: false`',
    access: 'instructeur',
    params: dossierId,
    body: dossierInstructionContracts.hide.request.omit({ dossierId: true }).strict(),
    response: dossierSchema,
    status: 200,
  }),
  archive: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/archive',
    tag: 'Instructeur',
    summary: 'Archiver un dossier traité (ou le désarchiver, avec `archived: false`)',
    access: 'instructeur',
    params: dossierId,
    body: dossierInstructionContracts.archive.request.omit({ dossierId: true }).strict(),
    response: dossierSchema,
    status: 200,
  }),
  saveAnnotation: defineRoute({
    method: 'PUT',
    path: '/api/instructeur/dossiers/:dossierId/annotations/:stableId',
    tag: 'Instructeur',
    summary:
      'Enregistrer une annotation privée du dossier (en construction ou en instruction), les autres inchangées ; `value: null` l’efface. Valeur vérifiée comme celle d’un champ du formulaire (422 sur `annotations.<stableId>`)',
    access: 'instructeur',
    params: dossierId.extend({ stableId: z.string().min(1).max(100) }),
    body: z.strictObject({ value: annotationValueSchema }),
    response: dossierSchema,
    status: 200,
  }),
  expertDossier: defineRoute({
    method: 'GET',
    path: '/api/expert/dossiers/:dossierId',
    tag: 'Expert',
    summary: 'Le dossier d’un de mes avis, en lecture seule, tel que son usager le lit (sans les annotations privées, étiquettes, instructeurs qui le suivent ni changements de groupe)',
    access: 'expert',
    params: dossierId,
    response: expertDossierSchema,
    status: 200,
  }),
};
