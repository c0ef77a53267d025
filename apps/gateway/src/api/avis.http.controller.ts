import { Controller, Inject } from '@nestjs/common';
import { expertContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { avisRoutes as routes } from './avis.routes';

/** Experts' avis: requested by instructors, answered by experts. */
@Controller()
export class AvisHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.request)
  request(@In() { params, body, ctx }: RouteInput<typeof routes.request>) {
    return this.bus.request(expertContracts.request, { ...body, dossierId: params.dossierId }, ctx);
  }

  @Route(routes.listForDossier)
  listForDossier(@In() { params, ctx }: RouteInput<typeof routes.listForDossier>) {
    return this.bus.request(expertContracts.listForDossier, { dossierId: params.dossierId }, ctx);
  }

  @Route(routes.listMine)
  listMine(@In() { ctx }: RouteInput<typeof routes.listMine>) {
    return this.bus.request(expertContracts.listMine, {}, ctx);
  }

  @Route(routes.answer)
  answer(@In() { params, body, ctx }: RouteInput<typeof routes.answer>) {
    return this.bus.request(expertContracts.answer, { ...body, avisId: params.avisId }, ctx);
  }
}
