import { Inject, Injectable } from '@nestjs/common';
import { documentContracts, GuichetError, type BusContext, type FileInfo } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';

/** The purpose the form builder's image uploads carry (apps/web/src/admin/ImageUpload.tsx). */
export const imagePurpose = 'attestation_template';
export const imageMimeTypes: readonly string[] = ['image/png', 'image/jpeg'];

/** An image a procedure names: the field it was given at (`logoFileId`, `attestationTemplates.0.signatureFileId`) and its id. */
export interface ImageReference {
  readonly field: string;
  readonly fileId: string;
}

export const imageMessages = {
  notFound: 'Cette image est introuvable : déposez-la à nouveau.',
  pending: 'Cette image n’a pas encore été vérifiée : attendez la fin du dépôt ou déposez-la à nouveau.',
  rejected: 'Cette image a été refusée lors de sa vérification : déposez-en une autre.',
  purpose: 'Ce fichier n’a pas été déposé comme image de la démarche : déposez-le depuis ce formulaire.',
  type: 'L’image doit être au format PNG ou JPEG.',
} as const;

/** Why a file may not be used as a procedure's image, or null when it may (found in the tenant: the caller checks that). */
export function imageProblem(file: Pick<FileInfo, 'status' | 'purpose' | 'mimeType'>): string | null {
  if (file.status === 'pending') return imageMessages.pending;
  if (file.status === 'rejected') return imageMessages.rejected;
  if (file.purpose !== imagePurpose) return imageMessages.purpose;
  if (!imageMimeTypes.includes(file.mimeType.toLowerCase())) return imageMessages.type;
  return null;
}

export const documentsUnavailable = (): GuichetError =>
  new GuichetError('UNAVAILABLE', 'Le service des fichiers ne répond pas : les images n’ont pas pu être vérifiées et rien n’a été enregistré. Réessayez dans quelques instants.');

/**
 * Checks, with the documents service, the files a procedure's settings and attestation templates
 * name: each must exist in the procedure's tenant (asked as a system caller for that tenant, so
 * another tenant's file is not found), be confirmed, uploaded as a builder image, PNG or JPEG.
 */
@Injectable()
export class ProcedureImages {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  /** Field → French message for each refused image; throws UNAVAILABLE when documents does not answer. */
  async problems(tenantId: string, references: readonly ImageReference[], ctx: BusContext): Promise<Record<string, string>> {
    const system: BusContext = { system: 'procedures', tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) };
    const ids = [...new Set(references.map((reference) => reference.fileId))];
    const found = new Map<string, FileInfo | null>();
    await Promise.all(
      ids.map(async (fileId) => {
        try {
          found.set(fileId, await this.bus.request(documentContracts.getFile, { fileId }, system));
        } catch (error) {
          if (error instanceof GuichetError && error.code === 'NOT_FOUND') found.set(fileId, null);
          else throw documentsUnavailable();
        }
      }),
    );
    const problems: Record<string, string> = {};
    for (const { field, fileId } of references) {
      const file = found.get(fileId) ?? null;
      const problem = file === null ? imageMessages.notFound : imageProblem(file);
      if (problem !== null) problems[field] = problem;
    }
    return problems;
  }
}
