import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type ResponseOf, type documentContracts } from '@guichet/contracts';
import { DossierAccess } from '@guichet/dossier-access';
import { ObjectStorage } from '@guichet/platform-storage';
import { buckets, type DocumentsBucket } from '../buckets';
import { StoredFileRepository } from '../stored-file/stored-file.repository';
import { DOWNLOAD_URL_SECONDS, toFileInfo } from '../stored-file/stored-file.service';

/**
 * The justificatif an instructeur joined to a dossier's decision. The dossiers service checked the
 * file when the decision was taken and keeps its id; downloading it follows the dossier's own read
 * rules (its usager, the agents whose scope covers it), not the uploader's, so the usager gets a
 * file they did not upload and an expert, who does not read the dossier as such, does not.
 */
@Injectable()
export class DecisionJustificatifService {
  constructor(
    @Inject(StoredFileRepository) private readonly files: StoredFileRepository,
    @Inject(DossierAccess) private readonly dossiers: DossierAccess,
    @Inject(ObjectStorage) private readonly storage: ObjectStorage<DocumentsBucket>,
  ) {}

  async presignDownload(dossierId: string, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.presignJustificatifDownload>> {
    // As the caller: whoever may not read the dossier is told it does not exist.
    const dossier = await this.dossiers.read(dossierId, ctx);
    const justificatif = dossier.justificatif ?? null;
    if (justificatif === null) throw new GuichetError('NOT_FOUND', 'La décision de ce dossier n’a pas de justificatif.');
    const file = await this.files.findInTenant(dossier.tenantId, justificatif.fileId);
    if (file === null || file.dossierId !== dossier.id || file.status !== 'safe') throw new GuichetError('NOT_FOUND', 'Le justificatif de cette décision est introuvable.');
    const download = await this.storage.presignGet(buckets.uploads, file.objectKey, DOWNLOAD_URL_SECONDS, file.fileName, file.mimeType);
    return { file: toFileInfo(file), download };
  }
}
