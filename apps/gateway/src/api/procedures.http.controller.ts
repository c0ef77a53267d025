import { Controller, Inject } from '@nestjs/common';
import { GuichetError, procedureContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { procedureRoutes as routes } from './procedures.routes';

/** Procedures: the public catalogue, administrators' editing, settings and lifecycle, instructors' list. */
@Controller()
export class ProceduresHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.listPublic)
  listPublic(@In() { ctx }: RouteInput<typeof routes.listPublic>) {
    return this.bus.request(procedureContracts.listPublic, {}, ctx);
  }

  @Route(routes.getPublic)
  getPublic(@In() { params, ctx }: RouteInput<typeof routes.getPublic>) {
    return this.bus.request(procedureContracts.getPublic, { path: params.path }, ctx);
  }

  @Route(routes.getTest)
  getTest(@In() { params, ctx }: RouteInput<typeof routes.getTest>) {
    return this.bus.request(procedureContracts.getTest, { path: params.path }, ctx);
  }

  @Route(routes.adminList)
  adminList(@In() { ctx }: RouteInput<typeof routes.adminList>) {
    return this.bus.request(procedureContracts.list, {}, ctx);
  }

  @Route(routes.adminCreate)
  adminCreate(@In() { body, caller, ctx }: RouteInput<typeof routes.adminCreate>) {
    // The access guard guarantees a current tenant for an administrateur.
    if (!caller.currentTenant) throw new GuichetError('FORBIDDEN', 'Choisissez d’abord une administration.');
    return this.bus.request(procedureContracts.create, { ...body, tenantName: caller.currentTenant.name }, ctx);
  }

  @Route(routes.adminGet)
  adminGet(@In() { params, ctx }: RouteInput<typeof routes.adminGet>) {
    return this.bus.request(procedureContracts.get, { procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminUpdate)
  adminUpdate(@In() { params, body, ctx }: RouteInput<typeof routes.adminUpdate>) {
    return this.bus.request(procedureContracts.updateDraft, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminSetTemplates)
  adminSetTemplates(@In() { params, body, ctx }: RouteInput<typeof routes.adminSetTemplates>) {
    return this.bus.request(procedureContracts.setTemplates, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminPublish)
  adminPublish(@In() { params, ctx }: RouteInput<typeof routes.adminPublish>) {
    return this.bus.request(procedureContracts.publish, { procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminClose)
  adminClose(@In() { params, body, ctx }: RouteInput<typeof routes.adminClose>) {
    return this.bus.request(procedureContracts.close, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminDepublish)
  adminDepublish(@In() { params, ctx }: RouteInput<typeof routes.adminDepublish>) {
    return this.bus.request(procedureContracts.depublish, { procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminRepublish)
  adminRepublish(@In() { params, ctx }: RouteInput<typeof routes.adminRepublish>) {
    return this.bus.request(procedureContracts.republish, { procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminUpdateSettings)
  adminUpdateSettings(@In() { params, body, ctx }: RouteInput<typeof routes.adminUpdateSettings>) {
    return this.bus.request(procedureContracts.updateSettings, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminDiff)
  adminDiff(@In() { params, ctx }: RouteInput<typeof routes.adminDiff>) {
    return this.bus.request(procedureContracts.diff, { procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminTags)
  async adminTags(@In() { params, query, ctx }: RouteInput<typeof routes.adminTags>) {
    const catalogue = await this.bus.request(procedureContracts.tags, { procedureId: params.procedureId }, ctx);
    const { state } = query;
    return state === undefined ? catalogue : { ...catalogue, tags: catalogue.tags.filter((tag) => tag.availableIn.includes(state)) };
  }

  @Route(routes.instructeurList)
  instructeurList(@In() { ctx }: RouteInput<typeof routes.instructeurList>) {
    return this.bus.request(procedureContracts.list, {}, ctx);
  }
}
