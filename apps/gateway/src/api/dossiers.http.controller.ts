import { Controller, Inject } from '@nestjs/common';
import { dossierBatchContracts, dossierContracts, dossierInstructionContracts, expertContracts, GuichetError, procedureContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { dossierRoutes as routes, expertDossierSchema, type ExpertDossier } from './dossiers.routes';

/** Dossiers: the usager's filing, the instructor's list and transitions, the expert's reading. */
@Controller()
export class DossiersHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.create)
  create(@In() { body, caller, ctx }: RouteInput<typeof routes.create>) {
    const { email, firstName, lastName } = caller.account;
    return this.bus.request(dossierContracts.create, { procedureId: body.procedureId, test: body.test, usager: { email, firstName, lastName } }, ctx);
  }

  @Route(routes.form)
  form(@In() { params, ctx }: RouteInput<typeof routes.form>) {
    return this.bus.request(dossierContracts.form, { dossierId: params.dossierId }, ctx);
  }

  @Route(routes.get)
  get(@In() { params, ctx }: RouteInput<typeof routes.get>) {
    return this.bus.request(dossierContracts.get, { dossierId: params.dossierId }, ctx);
  }

  @Route(routes.updateValues)
  updateValues(@In() { params, body, ctx }: RouteInput<typeof routes.updateValues>) {
    return this.bus.request(dossierContracts.updateValues, { dossierId: params.dossierId, values: body.values }, ctx);
  }

  @Route(routes.submit)
  submit(@In() { params, ctx }: RouteInput<typeof routes.submit>) {
    return this.bus.request(dossierContracts.submit, { dossierId: params.dossierId }, ctx);
  }

  @Route(routes.listMine)
  async listMine(@In() { ctx }: RouteInput<typeof routes.listMine>) {
    const { items } = await this.bus.request(dossierContracts.listMine, {}, ctx);
    return {
      items: items.map((dossier) => ({
        id: dossier.id,
        number: dossier.number,
        state: dossier.state,
        test: dossier.test,
        procedure: { id: dossier.procedureId, title: dossier.procedureTitle },
        updatedAt: dossier.updatedAt,
        submittedAt: dossier.submittedAt,
      })),
    };
  }

  @Route(routes.listForProcedure)
  async listForProcedure(@In() { params, query, ctx }: RouteInput<typeof routes.listForProcedure>) {
    // Another tenant's procedure must look absent (404), not empty: procedures answers NOT_FOUND to it.
    await this.bus.request(procedureContracts.get, { procedureId: params.procedureId }, ctx);
    const states = query.state === undefined ? undefined : Array.isArray(query.state) ? query.state : [query.state];
    return this.bus.request(
      dossierContracts.listForProcedure,
      { procedureId: params.procedureId, limit: query.limit, ...(query.after ? { after: query.after } : {}), ...(states ? { states } : {}) },
      ctx,
    );
  }

  @Route(routes.dashboardProcedures)
  dashboardProcedures(@In() { ctx }: RouteInput<typeof routes.dashboardProcedures>) {
    return this.bus.request(dossierInstructionContracts.dashboardProcedures, {}, ctx);
  }

  @Route(routes.dashboardCounts)
  dashboardCounts(@In() { params, ctx }: RouteInput<typeof routes.dashboardCounts>) {
    // Another tenant's procedure looks absent (404), not empty: the dossiers service checks it.
    return this.bus.request(dossierInstructionContracts.dashboardCounts, params, ctx);
  }

  @Route(routes.dashboardPage)
  async dashboardPage(@In() { params, query, ctx }: RouteInput<typeof routes.dashboardPage>) {
    const page = {
      procedureId: params.procedureId,
      tab: query.onglet,
      sort: { column: query.tri, direction: query.ordre },
      filters: query.filtres ?? [],
      fieldColumns: query.champs ?? [],
      limit: query.limit,
      ...(query.q !== undefined && query.q !== '' ? { search: query.q } : {}),
      ...(query.after ? { after: query.after } : {}),
    };
    // Another tenant's procedure looks absent (404), not empty: the dossiers service checks it.
    return this.bus.request(dossierInstructionContracts.dashboardPage, page, ctx).catch((error: unknown) => {
      throw inQueryTerms(error);
    });
  }

  @Route(routes.dashboardPreferences)
  async dashboardPreferences(@In() { params, ctx }: RouteInput<typeof routes.dashboardPreferences>) {
    const [, result] = await Promise.all([this.bus.request(procedureContracts.getStatus, params, ctx), this.bus.request(dossierInstructionContracts.dashboardPreferences, params, ctx)]);
    return result;
  }

  @Route(routes.saveDashboardPreferences)
  async saveDashboardPreferences(@In() { params, body, ctx }: RouteInput<typeof routes.saveDashboardPreferences>) {
    await this.bus.request(procedureContracts.getStatus, params, ctx);
    return this.bus.request(dossierInstructionContracts.saveDashboardPreferences, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.startBatch)
  async startBatch(@In() { params, body, ctx }: RouteInput<typeof routes.startBatch>) {
    await this.bus.request(procedureContracts.getStatus, params, ctx);
    return this.bus.request(dossierBatchContracts.create, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.batch)
  batch(@In() { params, ctx }: RouteInput<typeof routes.batch>) {
    return this.bus.request(dossierBatchContracts.get, params, ctx);
  }

  @Route(routes.follow)
  follow(@In() { params, body, ctx }: RouteInput<typeof routes.follow>) {
    return this.bus.request(dossierInstructionContracts.follow, { ...body, dossierId: params.dossierId }, ctx);
  }

  @Route(routes.reassign)
  reassign(@In() { params, body, ctx }: RouteInput<typeof routes.reassign>) {
    return this.bus.request(dossierInstructionContracts.reassign, { ...body, dossierId: params.dossierId }, ctx);
  }

  @Route(routes.hide)
  hide(@In() { params, body, ctx }: RouteInput<typeof routes.hide>) {
    return this.bus.request(dossierInstructionContracts.hide, { ...body, dossierId: params.dossierId }, ctx);
  }

  @Route(routes.archive)
  archive(@In() { params, body, ctx }: RouteInput<typeof routes.archive>) {
    return this.bus.request(dossierInstructionContracts.archive, { ...body, dossierId: params.dossierId }, ctx);
  }

  @Route(routes.saveAnnotation)
  saveAnnotation(@In() { params, body, ctx }: RouteInput<typeof routes.saveAnnotation>) {
    return this.bus.request(dossierInstructionContracts.saveAnnotation, { dossierId: params.dossierId, stableId: params.stableId, value: body.value }, ctx);
  }

  @Route(routes.transition)
  transition(@In() { params, body, ctx }: RouteInput<typeof routes.transition>) {
    return this.bus.request(dossierContracts.transition, { ...body, dossierId: params.dossierId }, ctx);
  }

  /**
   * The dossiers service lets only the owner and the tenant's agents read a dossier, so the gateway
   * reads it as a system caller, after checking with the experts service that the caller holds an
   * avis (not revoked) on it.
   */
  @Route(routes.expertDossier)
  async expertDossier(@In() { params, ctx }: RouteInput<typeof routes.expertDossier>): Promise<ExpertDossier> {
    const { items } = await this.bus.request(expertContracts.listMine, {}, ctx);
    const avis = items.find((candidate) => candidate.dossierId === params.dossierId && candidate.revokedAt === null);
    if (!avis) throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
    const dossier = await this.bus.request(dossierContracts.get, { dossierId: params.dossierId }, { system: 'gateway', tenantId: avis.tenantId, ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}) });
    // Read as the system, the dossier comes as agents see it: the expert's schema keeps only what its usager reads (zod strips the rest,
    // the decision's justificatif included).
    return expertDossierSchema.parse(dossier);
  }
}

/** The dossiers service names a page's parts as its contract does; the HTTP client sent the query's names. */
const queryTerms: readonly (readonly [string, string])[] = [
  ['filters', 'filtres'],
  ['search', 'q'],
  ['fieldColumns', 'champs'],
  ['sort.column', 'tri'],
];

function inQueryTerms(error: unknown): unknown {
  if (!(error instanceof GuichetError) || error.fields === undefined) return error;
  const rename = (key: string): string => {
    for (const [contract, query] of queryTerms) if (key === contract || key.startsWith(`${contract}.`)) return query + key.slice(contract.length);
    return key;
  };
  return new GuichetError(error.code, error.message, Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [rename(key), message])));
}
