import { Controller, Inject } from '@nestjs/common';
import { exportContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { exportRoutes as routes } from './exports.routes';

/** Asynchronous exports of a procedure's dossiers. */
@Controller()
export class ExportsHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.create)
  create(@In() { params, body, ctx }: RouteInput<typeof routes.create>) {
    return this.bus.request(exportContracts.create, { ...body, procedureId: params.procedureId }, ctx);
  }

  @Route(routes.get)
  get(@In() { params, ctx }: RouteInput<typeof routes.get>) {
    return this.bus.request(exportContracts.get, { exportId: params.exportId }, ctx);
  }

  @Route(routes.download)
  async download(@In() { params, ctx }: RouteInput<typeof routes.download>) {
    const { download } = await this.bus.request(exportContracts.presignDownload, { exportId: params.exportId }, ctx);
    return { url: download.url };
  }
}
