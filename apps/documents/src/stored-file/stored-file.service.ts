import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type FileInfo, type RequestOf, type documentContracts } from '@guichet/contracts';
import { ObjectStorage, type PresignedUrl } from '@guichet/platform-storage';
import { DossierAccess } from '@guichet/dossier-access';
import { isAdministratorOf, isAgentOf, isSystemFor, tenantOf } from '@guichet/platform-access';
import { checkUpload, SNIFF_HEAD_BYTES, validateDeclaredUpload } from '../files/file-type';
import { buckets, type DocumentsBucket } from '../buckets';
import type { StoredFile } from './stored-file.entity';
import { StoredFileRepository } from './stored-file.repository';
import { uploadPolicyFor } from './upload-policy';

/** A presigned PUT lives long enough for a 200 Mo upload on a slow line. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** A presigned GET is used at once by the browser it is handed to. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

const fileNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Fichier introuvable.');

export function toFileInfo(file: StoredFile): FileInfo {
  return {
    id: file.id,
    dossierId: file.dossierId,
    ownerAccountId: file.ownerAccountId,
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.size,
    status: file.status,
    purpose: file.purpose,
    createdAt: file.createdAt.toISOString(),
  };
}

/** Uploads straight to S3: declaration checks, presigned URLs, verification of the stored bytes. */
@Injectable()
export class StoredFileService {
  constructor(
    @Inject(StoredFileRepository) private readonly files: StoredFileRepository,
    @Inject(DossierAccess) private readonly dossiers: DossierAccess,
    @Inject(ObjectStorage) private readonly storage: ObjectStorage<DocumentsBucket>,
  ) {}

  /** Checks what the client declares before anything is stored, then hands out a presigned PUT. */
  async presignUpload(input: RequestOf<typeof documentContracts.presignUpload>, ctx: BusContext): Promise<{ file: FileInfo; upload: PresignedUrl }> {
    const actor = ctx.actor;
    if (!actor) throw new GuichetError('UNAUTHENTICATED', 'Connectez-vous pour déposer un fichier.');
    const declared = validateDeclaredUpload({ name: input.fileName, mime: input.mimeType, size: input.size }, uploadPolicyFor(input.purpose));
    if (!declared.ok) throw new GuichetError(declared.code, declared.message);

    let tenantId: string | null = null;
    if (input.purpose === 'justificatif' && input.dossierId === undefined) {
      throw new GuichetError('VALIDATION_FAILED', 'Le justificatif d’une décision se dépose sur un dossier.', { dossierId: 'Indiquez le dossier de la décision.' });
    }
    if (input.dossierId !== undefined) {
      tenantId = (await this.dossiers.read(input.dossierId, ctx)).tenantId;
      // A decision's justificatif comes from the administration that decides, never from the usager.
      if (input.purpose === 'justificatif' && !isAgentOf(ctx, tenantId)) {
        throw new GuichetError('FORBIDDEN', 'Seuls les instructeurs du dossier peuvent déposer le justificatif d’une décision.');
      }
    } else {
      const requestTenant = tenantOf(ctx);
      if (input.purpose === 'attestation_template' && (requestTenant === undefined || !isAdministratorOf(ctx, requestTenant))) {
        throw new GuichetError('FORBIDDEN', 'Seuls les administrateurs d’un organisme peuvent déposer les images d’une attestation.');
      }
      // An agent's file belongs to the tenant it works in; an usager's, outside a dossier, to no tenant.
      if (requestTenant !== undefined && isAgentOf(ctx, requestTenant)) tenantId = requestTenant;
    }

    const id = randomUUID();
    const file = this.files.create({
      id,
      tenantId,
      dossierId: input.dossierId ?? null,
      ownerAccountId: actor.accountId,
      purpose: input.purpose,
      fileName: input.fileName,
      mimeType: input.mimeType,
      size: input.size,
      objectKey: `uploads/${id}`,
    });
    await this.files.flush();
    const upload = await this.storage.presignPut(buckets.uploads, file.objectKey, UPLOAD_URL_SECONDS, declared.mime);
    return { file: toFileInfo(file), upload };
  }

  /**
   * The owner says the upload is done: the stored object must exist and its size and first bytes
   * must match the declaration and the policy. A refused object is deleted at once.
   */
  async confirmUpload(fileId: string, ctx: BusContext): Promise<FileInfo> {
    if (!ctx.actor) throw fileNotFound();
    const file = await this.files.findOwnedBy(ctx.actor.accountId, fileId);
    if (!file) throw fileNotFound();
    if (file.status === 'safe') return toFileInfo(file);
    if (file.status === 'rejected') {
      // The presigned PUT may still be valid and have been used again: keep nothing of a refused file.
      await this.storage.remove(buckets.uploads, file.objectKey);
      throw new GuichetError(file.rejectionCode ?? 'FILE_TYPE_MISMATCH', file.rejectionMessage ?? `Le fichier « ${file.fileName} » a été refusé.`);
    }

    const stat = await this.storage.stat(buckets.uploads, file.objectKey);
    if (!stat) throw new GuichetError('FILE_NOT_UPLOADED', `Le fichier « ${file.fileName} » n’a pas encore été envoyé.`);
    const head = stat.size > 0 ? await this.storage.readHead(buckets.uploads, file.objectKey, SNIFF_HEAD_BYTES) : new Uint8Array();
    const check = checkUpload(
      { declaredName: file.fileName, declaredMime: file.mimeType, declaredSize: file.size, head, actualSize: stat.size },
      uploadPolicyFor(file.purpose),
    );
    if (!check.ok) {
      await this.storage.remove(buckets.uploads, file.objectKey);
      file.status = 'rejected';
      file.rejectionCode = check.code;
      file.rejectionMessage = check.message;
      await this.files.flush();
      throw new GuichetError(check.code, check.message);
    }
    file.status = 'safe';
    file.mimeType = check.mime;
    file.size = stat.size;
    file.confirmedAt = new Date();
    await this.files.flush();
    return toFileInfo(file);
  }

  async getFile(fileId: string, ctx: BusContext): Promise<FileInfo> {
    return toFileInfo(await this.findReadable(fileId, ctx));
  }

  async presignDownload(fileId: string, ctx: BusContext): Promise<{ file: FileInfo; download: PresignedUrl }> {
    const file = await this.findReadable(fileId, ctx);
    if (file.status === 'pending') throw new GuichetError('FILE_NOT_UPLOADED', `Le fichier « ${file.fileName} » n’a pas encore été vérifié.`);
    if (file.status === 'rejected') throw new GuichetError('FILE_NOT_UPLOADED', `Le fichier « ${file.fileName} » a été refusé et ne peut pas être téléchargé.`);
    const download = await this.storage.presignGet(buckets.uploads, file.objectKey, DOWNLOAD_URL_SECONDS, file.fileName, file.mimeType);
    return { file: toFileInfo(file), download };
  }

  /**
   * The owner, a system caller naming the file's tenant, or an agent of that tenant: for a file of a
   * dossier, only an agent who sees the dossier (the dossiers service decides: an instructeur of
   * another group does not); for the tenant's other files (attestation images), any of its agents.
   * Anyone else: NOT_FOUND.
   */
  private async findReadable(fileId: string, ctx: BusContext): Promise<StoredFile> {
    if (ctx.actor) {
      const own = await this.files.findOwnedBy(ctx.actor.accountId, fileId);
      if (own) return own;
    }
    const tenantId = tenantOf(ctx);
    if (tenantId !== undefined && (isAgentOf(ctx, tenantId) || isSystemFor(ctx, tenantId))) {
      const inTenant = await this.files.findInTenant(tenantId, fileId);
      if (inTenant && (inTenant.dossierId === null || isSystemFor(ctx, tenantId))) return inTenant;
      if (inTenant?.dossierId) {
        try {
          await this.dossiers.read(inTenant.dossierId, ctx);
          return inTenant;
        } catch (error) {
          if (!(error instanceof GuichetError && error.code === 'NOT_FOUND')) throw error;
        }
      }
    }
    throw fileNotFound();
  }
}
