import { Controller, Inject } from '@nestjs/common';
import { lookupContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { lookupRoutes as routes } from './lookups.routes';

/** External lookups: settings for administrateurs, lookups for the dossier's owner (dossiers service). */
@Controller()
export class LookupsHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.getSettings)
  getSettings(@In() { ctx }: RouteInput<typeof routes.getSettings>) {
    return this.bus.request(lookupContracts.getSettings, {}, ctx);
  }

  @Route(routes.putSettings)
  putSettings(@In() { body, ctx }: RouteInput<typeof routes.putSettings>) {
    return this.bus.request(lookupContracts.putSettings, body, ctx);
  }

  @Route(routes.lookup)
  lookup(@In() { params, body, ctx }: RouteInput<typeof routes.lookup>) {
    return this.bus.request(lookupContracts.lookup, { ...body, dossierId: params.dossierId }, ctx);
  }
}
