import { Controller, Inject } from '@nestjs/common';
import { GuichetError, modelContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { modelRoutes as routes } from './models.routes';

/** The catalogue of models and cloning: forwarded to the procedures service. */
@Controller()
export class ModelsHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.list)
  list(@In() { query, ctx }: RouteInput<typeof routes.list>) {
    return this.bus.request(modelContracts.list, query, ctx);
  }

  @Route(routes.get)
  get(@In() { params, ctx }: RouteInput<typeof routes.get>) {
    return this.bus.request(modelContracts.get, params, ctx);
  }

  @Route(routes.share)
  share(@In() { params, body, ctx }: RouteInput<typeof routes.share>) {
    return this.bus.request(modelContracts.share, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.unshare)
  unshare(@In() { params, ctx }: RouteInput<typeof routes.unshare>) {
    return this.bus.request(modelContracts.unshare, params, ctx);
  }

  @Route(routes.clone)
  clone(@In() { params, body, caller, ctx }: RouteInput<typeof routes.clone>) {
    // The access guard guarantees a current tenant for an administrateur.
    if (!caller.currentTenant) throw new GuichetError('FORBIDDEN', 'Choisissez d’abord une administration.');
    return this.bus.request(modelContracts.clone, { ...body, sourceProcedureId: params.procedureId, tenantName: caller.currentTenant.name }, ctx);
  }
}
