import {
  type Batch,
  batchSchema,
  type batchStartSchema,
  type DashboardCounts,
  dashboardCountsSchema,
  type DashboardFilter,
  type DashboardPreferences,
  type DashboardProcedure,
  type DashboardSort,
  type DashboardTab,
  type Dossier,
  type DossierForm,
  dossierInstructionContracts,
  documentContracts,
  dossierFormSchema,
  dossierSchema,
  type FileInfo,
  fileInfoSchema,
  type filePurposes,
  groupContracts,
  type VisibleGroup,
  type Label,
  type LabelColor,
  labelContracts,
  labelSchema,
  type Message,
  messageSchema,
  messagingContracts,
  modelContracts,
  type Procedure,
  procedureContracts,
  type ProcedureModel,
  type ProcedureModelDetail,
  procedureModelDetailSchema,
  procedureModelSchema,
  procedureSchema,
  type ProcedureTags,
  procedureTagsSchema,
  type PublicProcedureRead,
  publicProcedureReadSchema,
  type PublicProcedureSummary,
  type RevisionDiff,
  revisionDiffSchema,
  type TestProcedureRead,
  testProcedureReadSchema,
} from '@guichet/contracts';
import { type DossierEvent } from '@guichet/dossier-state';
import { type z } from 'zod';
import {
  type Account,
  accountResponseSchema,
  type CloneProcedureInput,
  type CloseProcedureInput,
  type CreateProcedureInput,
  type DossierSummary,
  dossiersResponseSchema,
  errorEnvelopeSchema,
  type GroupsImportResult,
  type InstructorGroup,
  type InstructorGroupPage,
  instructorGroupPageSchema,
  instructorGroupSchema,
  type InstructorGroupWithMembers,
  instructorGroupWithMembersSchema,
  type ProcedureModelPage,
  type ProcedureSettingsPatch,
  type RoutePreview,
  type SetTemplatesInput,
  type SignInInput,
  type SignUpInput,
  type UpdateDraftInput,
} from './types';

/** Codes the client itself produces when the gateway gave no error envelope. */
export const clientErrorCodes = {
  network: 'NETWORK_ERROR',
  http: 'HTTP_ERROR',
  badResponse: 'BAD_RESPONSE',
} as const;

export const messages = {
  network: 'Le service est injoignable. Vérifiez votre connexion à internet puis réessayez.',
  unavailable: 'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.',
  unexpected: 'Une erreur inattendue est survenue. Veuillez réessayer.',
  badResponse: 'Le service a envoyé une réponse inattendue. Veuillez réessayer plus tard.',
} as const;

/** An error answered by the gateway (or a transport failure), ready to show in French. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request did not reach the gateway. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field path → French message (validation errors). */
    readonly fields: Readonly<Record<string, string>> = {},
    /** Reference to quote to the support, when the gateway gives one. */
    readonly errorId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Maps a failed response (status + parsed body, if any) to an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const { code, message, fields, errorId } = envelope.data.error;
    return new ApiError(status, code, message, fields ?? {}, errorId);
  }
  const message = status === 502 || status === 503 || status === 504 ? messages.unavailable : messages.unexpected;
  return new ApiError(status, clientErrorCodes.http, message);
}

/**
 * Splits the field errors of an ApiError between the form's fields and the rest. A field path is
 * matched on its last segment, so `password`, `body.password` and `body/password` all go to the
 * `password` input; messages for unknown fields are returned in `others` for a global alert.
 */
export function splitFieldErrors<Field extends string>(
  error: ApiError,
  formFields: readonly Field[],
): { byField: Partial<Record<Field, string>>; others: string[] } {
  const byField: Partial<Record<Field, string>> = {};
  const others: string[] = [];
  for (const [path, message] of Object.entries(error.fields)) {
    const last = path.split(/[./]/).filter(Boolean).pop() ?? path;
    const field = formFields.find((candidate) => candidate === last);
    if (field !== undefined && byField[field] === undefined) byField[field] = message;
    else others.push(message);
  }
  return { byField, others };
}

/**
 * One page of a dashboard tab, as the gateway's query string names it: onglet, tri, ordre, filtres
 * (JSON), q, champs (stable ids), after, limit.
 */
export type DashboardPageQuery = {
  tab: DashboardTab;
  column: DashboardSortColumn;
  direction: SortDirection;
  filters?: readonly DashboardFilter[];
  search?: string;
  fieldColumns?: readonly string[];
  after?: string;
  limit?: number;
};
/** A fixed column (number, dates, state) or a field as `champ:<stableId>`. */
export type DashboardSortColumn = DashboardSort['column'];
export type SortDirection = DashboardSort['direction'];
export type DashboardPage = z.infer<typeof dossierInstructionContracts.dashboardPage.response>;
/** What starts a batch on a procedure's dossiers (the chosen ones, or every one a dashboard view shows). */
export type BatchStart = z.input<typeof batchStartSchema>;
/** The fields an agent may show, filter and sort on, and their saved columns, filters and sort. */
export type DashboardPreferencesRead = z.infer<typeof dossierInstructionContracts.dashboardPreferences.response>;

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type ApiClientOptions = {
  /** Prefix of every path; '' (same origin) in the browser. */
  baseUrl?: string;
  fetch?: FetchLike;
};

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, clientErrorCodes.network, messages.network);
    }
    if (!response.ok) throw toApiError(response.status, await readJson(response));
    return response;
  }

  async function request<Schema extends z.ZodType>(method: string, path: string, schema: Schema, body?: unknown): Promise<z.infer<Schema>> {
    const response = await send(method, path, body);
    const parsed = schema.safeParse(await readJson(response));
    if (!parsed.success) {
      console.error(`Réponse inattendue de ${method} ${path}`, parsed.error.issues);
      throw new ApiError(response.status, clientErrorCodes.badResponse, messages.badResponse);
    }
    return parsed.data;
  }

  return {
    async listPublishedProcedures(): Promise<PublicProcedureSummary[]> {
      return (await request('GET', '/api/public/procedures', procedureContracts.listPublic.response)).items;
    },
    async signUp(input: SignUpInput): Promise<Account> {
      return (await request('POST', '/api/auth/signup', accountResponseSchema, input)).account;
    },
    async signIn(input: SignInInput): Promise<Account> {
      return (await request('POST', '/api/auth/signin', accountResponseSchema, input)).account;
    },
    async signOut(): Promise<void> {
      await send('POST', '/api/auth/signout');
    },
    /** The signed-in account, or null when there is no valid session (401). */
    async me(): Promise<Account | null> {
      try {
        return (await request('GET', '/api/me', accountResponseSchema)).account;
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    async listMyDossiers(): Promise<DossierSummary[]> {
      return (await request('GET', '/api/usager/dossiers', dossiersResponseSchema)).items;
    },
    /* Usager: a procedure's start page, then the dossier. */
    /** A published or closed procedure by its path (404 NOT_FOUND otherwise). */
    async getPublicProcedure(path: string): Promise<PublicProcedureRead> {
      return request('GET', `/api/public/procedures/${encodeURIComponent(path)}`, publicProcedureReadSchema);
    },
    /** The test link's read (signed in): a brouillon's draft form, or the public read once published or closed. */
    async getTestProcedure(path: string): Promise<TestProcedureRead> {
      return request('GET', `/api/test/procedures/${encodeURIComponent(path)}`, testProcedureReadSchema);
    },
    async createDossier(procedureId: string, options: { test?: boolean } = {}): Promise<Dossier> {
      return request('POST', '/api/dossiers', dossierSchema, { procedureId, ...(options.test === true ? { test: true } : {}) });
    },
    async getDossier(dossierId: string): Promise<Dossier> {
      return request('GET', dossierUrl(dossierId), dossierSchema);
    },
    async getDossierForm(dossierId: string): Promise<DossierForm> {
      return request('GET', dossierUrl(dossierId, '/form'), dossierFormSchema);
    },
    /** Saves values by stable id; the reply may carry `warnings` (values kept unchecked). */
    async saveDossierValues(dossierId: string, values: Record<string, unknown>): Promise<Dossier> {
      return request('PATCH', dossierUrl(dossierId, '/values'), dossierSchema, { values });
    },
    async submitDossier(dossierId: string): Promise<Dossier> {
      return request('POST', dossierUrl(dossierId, '/submit'), dossierSchema);
    },
    /* Dossier messages: the thread between the usager and the instructeurs. */
    async listMessages(dossierId: string): Promise<Message[]> {
      return (await request('GET', dossierUrl(dossierId, '/messages'), messagingContracts.list.response)).items;
    },
    async postMessage(dossierId: string, body: string): Promise<Message> {
      return request('POST', dossierUrl(dossierId, '/messages'), messageSchema, { body });
    },
    /* Instructeur: the dashboard (procedures of my groups, tabs of one procedure) and the dossier's instruction. */
    async listInstructeurProcedures(): Promise<DashboardProcedure[]> {
      return (await request('GET', '/api/instructeur/tableau', dossierInstructionContracts.dashboardProcedures.response)).items;
    },
    async getDashboardCounts(procedureId: string): Promise<DashboardCounts> {
      return request('GET', instructeurProcedureUrl(procedureId, '/counts'), dashboardCountsSchema);
    },
    async getDashboardPage(procedureId: string, query: DashboardPageQuery): Promise<DashboardPage> {
      const search = new URLSearchParams({ onglet: query.tab, tri: query.column, ordre: query.direction });
      if (query.filters !== undefined && query.filters.length > 0) search.set('filtres', JSON.stringify(query.filters));
      if (query.search !== undefined && query.search.trim() !== '') search.set('q', query.search.trim());
      if (query.fieldColumns !== undefined && query.fieldColumns.length > 0) search.set('champs', query.fieldColumns.join(','));
      if (query.after !== undefined) search.set('after', query.after);
      if (query.limit !== undefined) search.set('limit', String(query.limit));
      return request('GET', `${instructeurProcedureUrl(procedureId, '/tableau')}?${search.toString()}`, dossierInstructionContracts.dashboardPage.response);
    },
    async getDashboardPreferences(procedureId: string): Promise<DashboardPreferencesRead> {
      return request('GET', instructeurProcedureUrl(procedureId, '/preferences'), dossierInstructionContracts.dashboardPreferences.response);
    },
    async saveDashboardPreferences(procedureId: string, preferences: DashboardPreferences): Promise<DashboardPreferencesRead> {
      return request('PUT', instructeurProcedureUrl(procedureId, '/preferences'), dossierInstructionContracts.saveDashboardPreferences.response, preferences);
    },
    /**
     * The groups the dashboard's group filter offers, every page: those whose dossiers the agent
     * reads (an administrateur: all of the procedure's; an instructeur: theirs), by name.
     */
    async listDashboardGroups(procedureId: string): Promise<VisibleGroup[]> {
      const groups: VisibleGroup[] = [];
      let after: string | null = null;
      do {
        const page: { items: VisibleGroup[]; next: string | null } = await request('GET', `${instructeurProcedureUrl(procedureId, '/tableau/groupes')}${after === null ? '' : `?after=${encodeURIComponent(after)}`}`, groupContracts.visible.response);
        groups.push(...page.items);
        after = page.next;
      } while (after !== null);
      return groups;
    },
    /** Starts a batch (201: it runs in the background; 422 on `dossierIds`, `motivation` or `matching…`). */
    async startBatch(procedureId: string, body: BatchStart): Promise<Batch> {
      return request('POST', instructeurProcedureUrl(procedureId, '/lots'), batchSchema, body);
    },
    /** A batch I started: its progress and each dossier's result. */
    async getBatch(batchId: string): Promise<Batch> {
      return request('GET', `/api/instructeur/lots/${encodeURIComponent(batchId)}`, batchSchema);
    },
    async followDossier(dossierId: string, follow: boolean): Promise<Dossier> {
      return request('POST', instructeurDossierUrl(dossierId, '/follow'), dossierSchema, { follow });
    },
    async archiveDossier(dossierId: string, archived: boolean): Promise<Dossier> {
      return request('POST', instructeurDossierUrl(dossierId, '/archive'), dossierSchema, { archived });
    },
    /** Deletes a processed dossier from the administration's lists (« supprimés »), or restores it. */
    async hideDossier(dossierId: string, hidden: boolean): Promise<Dossier> {
      return request('POST', instructeurDossierUrl(dossierId, '/supprimer'), dossierSchema, { hidden });
    },
    /** Saves one private annotation (null clears it); the reply is the agents' dossier with every annotation. */
    async saveAnnotation(dossierId: string, stableId: string, value: unknown): Promise<Dossier> {
      return request('PUT', instructeurDossierUrl(dossierId, `/annotations/${encodeURIComponent(stableId)}`), dossierSchema, { value });
    },
    /**
     * A transition of the state machine; `motivation` only when given (refuser and classer_sans_suite
     * require one); `seenUpdatedAt`, the dossier's `updatedAt` as shown: changed since, it is a 409;
     * `justificatifFileId`, a decision's justificatif uploaded first (purpose `justificatif`): 422 on
     * that field when the server refuses it.
     */
    async transitionDossier(dossierId: string, event: DossierEvent, options: { motivation?: string; seenUpdatedAt?: string; justificatifFileId?: string } = {}): Promise<Dossier> {
      return request('POST', instructeurDossierUrl(dossierId, '/transitions'), dossierSchema, {
        event,
        ...(options.motivation !== undefined ? { motivation: options.motivation } : {}),
        ...(options.seenUpdatedAt !== undefined ? { seenUpdatedAt: options.seenUpdatedAt } : {}),
        ...(options.justificatifFileId !== undefined ? { justificatifFileId: options.justificatifFileId } : {}),
      });
    },
    /* Administrateur: the current tenant's procedures and their draft revision (form builder). */
    async listAdminProcedures(): Promise<Procedure[]> {
      return (await request('GET', '/api/admin/procedures', procedureContracts.list.response)).items;
    },
    /** A procedure of the current administration, with everything its configuration pages show (templates, settings, closure). */
    async getAdminProcedure(procedureId: string): Promise<Procedure> {
      return request('GET', adminProcedureUrl(procedureId), procedureSchema);
    },
    async createProcedure(input: CreateProcedureInput): Promise<Procedure> {
      return request('POST', '/api/admin/procedures', procedureSchema, input);
    },
    async updateDraft(procedureId: string, input: UpdateDraftInput): Promise<Procedure> {
      return request('PATCH', `/api/admin/procedures/${encodeURIComponent(procedureId)}`, procedureSchema, input);
    },
    /* Administrateur: publication, templates, settings and lifecycle of a procedure. */
    async getRevisionDiff(procedureId: string): Promise<RevisionDiff> {
      return request('GET', adminProcedureUrl(procedureId, '/diff'), revisionDiffSchema);
    },
    async publishProcedure(procedureId: string): Promise<Procedure> {
      return request('POST', adminProcedureUrl(procedureId, '/publish'), procedureSchema);
    },
    async getProcedureTags(procedureId: string): Promise<ProcedureTags> {
      return request('GET', adminProcedureUrl(procedureId, '/tags'), procedureTagsSchema);
    },
    async setTemplates(procedureId: string, input: SetTemplatesInput): Promise<Procedure> {
      return request('PUT', adminProcedureUrl(procedureId, '/templates'), procedureSchema, input);
    },
    async updateSettings(procedureId: string, input: ProcedureSettingsPatch): Promise<Procedure> {
      return request('PATCH', adminProcedureUrl(procedureId, '/settings'), procedureSchema, input);
    },
    async closeProcedure(procedureId: string, input: CloseProcedureInput): Promise<Procedure> {
      return request('POST', adminProcedureUrl(procedureId, '/close'), procedureSchema, input);
    },
    async depublishProcedure(procedureId: string): Promise<Procedure> {
      return request('POST', adminProcedureUrl(procedureId, '/depublish'), procedureSchema);
    },
    async republishProcedure(procedureId: string): Promise<Procedure> {
      return request('POST', adminProcedureUrl(procedureId, '/republish'), procedureSchema);
    },
    /* Administrateur: instructor groups and routing. */
    async listGroups(procedureId: string, page: { after?: string; limit?: number } = {}): Promise<InstructorGroupPage> {
      const query = new URLSearchParams();
      if (page.after !== undefined) query.set('after', page.after);
      if (page.limit !== undefined) query.set('limit', String(page.limit));
      const search = query.size > 0 ? `?${query.toString()}` : '';
      return request('GET', `${adminProcedureUrl(procedureId, '/groups')}${search}`, instructorGroupPageSchema);
    },
    async getGroup(procedureId: string, groupId: string): Promise<InstructorGroupWithMembers> {
      return request('GET', adminGroupUrl(procedureId, groupId), instructorGroupWithMembersSchema);
    },
    async createGroup(procedureId: string, input: { label: string; routingRule?: unknown }): Promise<InstructorGroup> {
      return request('POST', adminProcedureUrl(procedureId, '/groups'), instructorGroupSchema, input);
    },
    async updateGroup(procedureId: string, groupId: string, input: { label?: string; active?: boolean }): Promise<InstructorGroup> {
      return request('PATCH', adminGroupUrl(procedureId, groupId), instructorGroupSchema, input);
    },
    async deleteGroup(procedureId: string, groupId: string, input: { moveMembersTo?: string }): Promise<void> {
      await send('POST', adminGroupUrl(procedureId, groupId, '/delete'), input);
    },
    async setRoutingRule(procedureId: string, groupId: string, routingRule: unknown): Promise<InstructorGroup> {
      return request('PUT', adminGroupUrl(procedureId, groupId, '/routing-rule'), instructorGroupSchema, { routingRule });
    },
    async addGroupMembers(procedureId: string, groupId: string, emails: readonly string[]): Promise<InstructorGroupWithMembers> {
      return request('POST', adminGroupUrl(procedureId, groupId, '/members'), instructorGroupWithMembersSchema, { members: emails.map((email) => ({ email })) });
    },
    async removeGroupMembers(procedureId: string, groupId: string, emails: readonly string[]): Promise<InstructorGroupWithMembers> {
      return request('POST', adminGroupUrl(procedureId, groupId, '/members/remove'), instructorGroupWithMembersSchema, { emails });
    },
    async reorderGroups(procedureId: string, groupIds: readonly string[]): Promise<void> {
      await send('PUT', adminProcedureUrl(procedureId, '/groups/order'), { groupIds });
    },
    /* Administrateur: the procedure's labels (étiquettes); instructeur: putting them on dossiers. */
    async listLabels(procedureId: string): Promise<Label[]> {
      return (await request('GET', adminProcedureUrl(procedureId, '/labels'), labelContracts.list.response)).items;
    },
    async createLabel(procedureId: string, input: { name: string; color: LabelColor }): Promise<Label> {
      return request('POST', adminProcedureUrl(procedureId, '/labels'), labelSchema, input);
    },
    async updateLabel(procedureId: string, labelId: string, input: { name?: string; color?: LabelColor }): Promise<Label> {
      return request('PATCH', adminLabelUrl(procedureId, labelId), labelSchema, input);
    },
    async deleteLabel(procedureId: string, labelId: string): Promise<void> {
      await send('DELETE', adminLabelUrl(procedureId, labelId));
    },
    async listInstructeurLabels(procedureId: string): Promise<Label[]> {
      return (await request('GET', instructeurProcedureUrl(procedureId, '/labels'), labelContracts.list.response)).items;
    },
    async addDossierLabel(dossierId: string, labelId: string): Promise<Dossier> {
      return request('POST', instructeurDossierUrl(dossierId, '/labels'), dossierSchema, { labelId });
    },
    async removeDossierLabel(dossierId: string, labelId: string): Promise<Dossier> {
      return request('DELETE', instructeurDossierUrl(dossierId, `/labels/${encodeURIComponent(labelId)}`), dossierSchema);
    },
    async importGroupsCsv(procedureId: string, csv: string): Promise<GroupsImportResult> {
      return request('POST', adminProcedureUrl(procedureId, '/groups/import'), groupContracts.importCsv.response, { csv });
    },
    async previewRoute(procedureId: string, values: Record<string, unknown>): Promise<RoutePreview> {
      return request('POST', adminProcedureUrl(procedureId, '/route-preview'), groupContracts.route.response, { values });
    },
    /* Administrateur: the national catalogue of models, and cloning. */
    async listModels(query: { q?: string; after?: string } = {}): Promise<ProcedureModelPage> {
      const search = new URLSearchParams();
      if (query.q !== undefined && query.q !== '') search.set('q', query.q);
      if (query.after !== undefined) search.set('after', query.after);
      return request('GET', `/api/admin/models${search.size > 0 ? `?${search.toString()}` : ''}`, modelContracts.list.response);
    },
    async getModel(procedureId: string): Promise<ProcedureModelDetail> {
      return request('GET', `/api/admin/models/${encodeURIComponent(procedureId)}`, procedureModelDetailSchema);
    },
    async shareModel(procedureId: string, description: string): Promise<ProcedureModel> {
      return request('PUT', adminProcedureUrl(procedureId, '/model'), procedureModelSchema, { description });
    },
    async unshareModel(procedureId: string): Promise<void> {
      await send('DELETE', adminProcedureUrl(procedureId, '/model'));
    },
    async cloneProcedure(procedureId: string, input: CloneProcedureInput): Promise<Procedure> {
      return request('POST', adminProcedureUrl(procedureId, '/clone'), procedureSchema, input);
    },
    /**
     * Uploads a file: declared to the gateway, PUT to the short-lived address it gives, then
     * confirmed (the stored bytes are checked); answers the confirmed file.
     */
    async uploadFile(file: File, purpose: Exclude<FilePurpose, 'message' | 'avis'>, options: { dossierId?: string } = {}): Promise<FileInfo> {
      const declared = await request('POST', '/api/uploads', documentContracts.presignUpload.response, { ...(options.dossierId !== undefined ? { dossierId: options.dossierId } : {}), purpose, fileName: file.name, mimeType: file.type || 'application/octet-stream', size: file.size });
      let stored: Response;
      try {
        stored = await doFetch(declared.upload.url, { method: declared.upload.method, headers: declared.upload.headers, body: file });
      } catch {
        throw new ApiError(0, clientErrorCodes.network, messages.network);
      }
      if (!stored.ok) throw new ApiError(stored.status, clientErrorCodes.http, messages.unexpected);
      return request('POST', `/api/uploads/${encodeURIComponent(declared.file.id)}/confirm`, fileInfoSchema);
    },
  };
}

type FilePurpose = (typeof filePurposes)[number];

/** Where the decision's justificatif of a dossier is downloaded (a redirection to the file), for a link. */
export function justificatifDownloadPath(dossierId: string): string {
  return dossierUrl(dossierId, '/justificatif');
}

function dossierUrl(dossierId: string, suffix = ''): string {
  return `/api/dossiers/${encodeURIComponent(dossierId)}${suffix}`;
}

function instructeurProcedureUrl(procedureId: string, suffix = ''): string {
  return `/api/instructeur/procedures/${encodeURIComponent(procedureId)}${suffix}`;
}

function instructeurDossierUrl(dossierId: string, suffix = ''): string {
  return `/api/instructeur/dossiers/${encodeURIComponent(dossierId)}${suffix}`;
}

function adminProcedureUrl(procedureId: string, suffix = ''): string {
  return `/api/admin/procedures/${encodeURIComponent(procedureId)}${suffix}`;
}

function adminGroupUrl(procedureId: string, groupId: string, suffix = ''): string {
  return `${adminProcedureUrl(procedureId, '/groups')}/${encodeURIComponent(groupId)}${suffix}`;
}

function adminLabelUrl(procedureId: string, labelId: string): string {
  return `${adminProcedureUrl(procedureId, '/labels')}/${encodeURIComponent(labelId)}`;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The client the pages use: same origin, session cookie sent by the browser. */
export const api = createApiClient();
