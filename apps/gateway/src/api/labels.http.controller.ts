import { Controller, Inject } from '@nestjs/common';
import { dossierLabelContracts, labelContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { labelRoutes as routes } from './labels.routes';

/** Labels: administrateurs define them per procedure; instructeurs put them on dossiers. */
@Controller()
export class LabelsHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.adminList)
  adminList(@In() { params, ctx }: RouteInput<typeof routes.adminList>) {
    return this.bus.request(labelContracts.list, params, ctx);
  }

  @Route(routes.create)
  create(@In() { params, body, ctx }: RouteInput<typeof routes.create>) {
    return this.bus.request(labelContracts.create, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.update)
  update(@In() { params, body, ctx }: RouteInput<typeof routes.update>) {
    return this.bus.request(labelContracts.update, { ...body, ...params }, ctx);
  }

  @Route(routes.delete)
  delete(@In() { params, ctx }: RouteInput<typeof routes.delete>) {
    return this.bus.request(labelContracts.delete, params, ctx);
  }

  @Route(routes.instructeurList)
  instructeurList(@In() { params, ctx }: RouteInput<typeof routes.instructeurList>) {
    return this.bus.request(labelContracts.list, params, ctx);
  }

  @Route(routes.addToDossier)
  addToDossier(@In() { params, body, ctx }: RouteInput<typeof routes.addToDossier>) {
    return this.bus.request(dossierLabelContracts.add, { dossierId: params.dossierId, labelId: body.labelId }, ctx);
  }

  @Route(routes.removeFromDossier)
  removeFromDossier(@In() { params, ctx }: RouteInput<typeof routes.removeFromDossier>) {
    return this.bus.request(dossierLabelContracts.remove, params, ctx);
  }
}
