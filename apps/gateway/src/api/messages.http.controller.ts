import { Controller, Inject } from '@nestjs/common';
import { messagingContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { messageRoutes as routes } from './messages.routes';

/** The messaging thread of a dossier, between its usager and the instructors. */
@Controller()
export class MessagesHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.list)
  list(@In() { params, ctx }: RouteInput<typeof routes.list>) {
    return this.bus.request(messagingContracts.list, { dossierId: params.dossierId }, ctx);
  }

  @Route(routes.post)
  post(@In() { params, body, ctx }: RouteInput<typeof routes.post>) {
    return this.bus.request(messagingContracts.post, { ...body, dossierId: params.dossierId }, ctx);
  }
}
