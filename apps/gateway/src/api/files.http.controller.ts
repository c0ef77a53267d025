import { Controller, Inject } from '@nestjs/common';
import { documentContracts } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';
import { In, Route, type RouteInput } from '../http/route';
import { fileRoutes as routes } from './files.routes';

/** Files go straight between the browser and object storage; the gateway hands out presigned URLs. */
@Controller()
export class FilesHttpController {
  constructor(@Inject(BusClient) private readonly bus: BusClient) {}

  @Route(routes.presignUpload)
  presignUpload(@In() { body, ctx }: RouteInput<typeof routes.presignUpload>) {
    return this.bus.request(documentContracts.presignUpload, body, ctx);
  }

  @Route(routes.confirmUpload)
  confirmUpload(@In() { params, ctx }: RouteInput<typeof routes.confirmUpload>) {
    return this.bus.request(documentContracts.confirmUpload, { fileId: params.fileId }, ctx);
  }

  @Route(routes.download)
  async download(@In() { params, ctx }: RouteInput<typeof routes.download>) {
    const { download } = await this.bus.request(documentContracts.presignDownload, { fileId: params.fileId }, ctx);
    return { url: download.url };
  }

  @Route(routes.attestation)
  async attestation(@In() { params, ctx }: RouteInput<typeof routes.attestation>) {
    const { download } = await this.bus.request(documentContracts.presignAttestationDownload, { dossierId: params.dossierId }, ctx);
    return { url: download.url };
  }

  /** As the caller: documents reads the dossier as them, so only those who see the dossier get the file. */
  @Route(routes.justificatif)
  async justificatif(@In() { params, ctx }: RouteInput<typeof routes.justificatif>) {
    const { download } = await this.bus.request(documentContracts.presignJustificatifDownload, { dossierId: params.dossierId }, ctx);
    return { url: download.url };
  }
}
