import { Inject, Injectable } from '@nestjs/common';
import { exportContracts, type BusContext, type RequestOf, type ResponseOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { ExportJobService } from './export-job.service';

/** NATS handlers for exports: thin, the service does the work. */
@Injectable()
export class ExportJobHandlers {
  constructor(@Inject(ExportJobService) private readonly exports: ExportJobService) {}

  @OnRequest(exportContracts.create)
  create(payload: RequestOf<typeof exportContracts.create>, ctx: BusContext): Promise<ResponseOf<typeof exportContracts.create>> {
    return this.exports.create(payload, ctx);
  }

  @OnRequest(exportContracts.get)
  get(payload: RequestOf<typeof exportContracts.get>, ctx: BusContext): Promise<ResponseOf<typeof exportContracts.get>> {
    return this.exports.get(payload.exportId, ctx);
  }

  @OnRequest(exportContracts.presignDownload)
  presignDownload(payload: RequestOf<typeof exportContracts.presignDownload>, ctx: BusContext): Promise<ResponseOf<typeof exportContracts.presignDownload>> {
    return this.exports.presignDownload(payload.exportId, ctx);
  }
}
