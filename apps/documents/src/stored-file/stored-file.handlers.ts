import { Inject, Injectable } from '@nestjs/common';
import { documentContracts, type BusContext, type RequestOf, type ResponseOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { StoredFileService } from './stored-file.service';

/** NATS handlers for uploaded files: thin, the service does the work. */
@Injectable()
export class StoredFileHandlers {
  constructor(@Inject(StoredFileService) private readonly files: StoredFileService) {}

  @OnRequest(documentContracts.presignUpload)
  presignUpload(payload: RequestOf<typeof documentContracts.presignUpload>, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.presignUpload>> {
    return this.files.presignUpload(payload, ctx);
  }

  @OnRequest(documentContracts.confirmUpload)
  confirmUpload(payload: RequestOf<typeof documentContracts.confirmUpload>, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.confirmUpload>> {
    return this.files.confirmUpload(payload.fileId, ctx);
  }

  @OnRequest(documentContracts.getFile)
  getFile(payload: RequestOf<typeof documentContracts.getFile>, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.getFile>> {
    return this.files.getFile(payload.fileId, ctx);
  }

  @OnRequest(documentContracts.presignDownload)
  presignDownload(payload: RequestOf<typeof documentContracts.presignDownload>, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.presignDownload>> {
    return this.files.presignDownload(payload.fileId, ctx);
  }
}
