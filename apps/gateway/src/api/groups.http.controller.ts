import { Controller, Inject } from '@nestjs/common';
import { groupContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { groupRoutes as routes } from './groups.routes';

/** Instructor groups and routing: administrateurs edit, instructeurs and administrateurs read. */
@Controller()
export class GroupsHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.adminList)
  adminList(@In() { params, query, ctx }: RouteInput<typeof routes.adminList>) {
    return this.bus.request(groupContracts.list, { ...query, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.adminGet)
  adminGet(@In() { params, ctx }: RouteInput<typeof routes.adminGet>) {
    return this.bus.request(groupContracts.get, params, ctx);
  }

  @Route(routes.instructeurList)
  instructeurList(@In() { params, query, ctx }: RouteInput<typeof routes.instructeurList>) {
    return this.bus.request(groupContracts.list, { ...query, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.dashboardGroups)
  dashboardGroups(@In() { params, query, ctx }: RouteInput<typeof routes.dashboardGroups>) {
    return this.bus.request(groupContracts.visible, { ...query, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.instructeurGet)
  instructeurGet(@In() { params, ctx }: RouteInput<typeof routes.instructeurGet>) {
    return this.bus.request(groupContracts.get, params, ctx);
  }

  @Route(routes.create)
  create(@In() { params, body, ctx }: RouteInput<typeof routes.create>) {
    return this.bus.request(groupContracts.create, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.update)
  update(@In() { params, body, ctx }: RouteInput<typeof routes.update>) {
    return this.bus.request(groupContracts.update, { ...body, ...params }, ctx);
  }

  @Route(routes.delete)
  delete(@In() { params, body, ctx }: RouteInput<typeof routes.delete>) {
    return this.bus.request(groupContracts.delete, { ...body, ...params }, ctx);
  }

  @Route(routes.setRoutingRule)
  setRoutingRule(@In() { params, body, ctx }: RouteInput<typeof routes.setRoutingRule>) {
    return this.bus.request(groupContracts.setRoutingRule, { ...body, ...params }, ctx);
  }

  @Route(routes.addMembers)
  addMembers(@In() { params, body, ctx }: RouteInput<typeof routes.addMembers>) {
    return this.bus.request(groupContracts.addMembers, { ...body, ...params }, ctx);
  }

  @Route(routes.removeMembers)
  removeMembers(@In() { params, body, ctx }: RouteInput<typeof routes.removeMembers>) {
    return this.bus.request(groupContracts.removeMembers, { ...body, ...params }, ctx);
  }

  @Route(routes.reorder)
  reorder(@In() { params, body, ctx }: RouteInput<typeof routes.reorder>) {
    return this.bus.request(groupContracts.reorder, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.importCsv)
  importCsv(@In() { params, body, ctx }: RouteInput<typeof routes.importCsv>) {
    return this.bus.request(groupContracts.importCsv, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.routePreview)
  routePreview(@In() { params, body, ctx }: RouteInput<typeof routes.routePreview>) {
    return this.bus.request(groupContracts.route, { ...body, procedureId: params.procedureId }, ctx);
  }
}
