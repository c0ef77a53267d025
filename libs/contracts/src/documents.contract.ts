import { z } from 'zod';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';

/** What an upload is for; each purpose has its size and type limits (documents' upload policies). */
export const filePurposes = ['champ', 'message', 'avis', 'attestation_template', 'justificatif'] as const;

/**
 * The file an instructeur may join to a decision (accepter, refuser, classer sans suite; DS
 * `justificatif_motivation`): PDF, images and office documents, 20 Mo at most. Documents checks
 * uploads of purpose `justificatif` against these, dossiers checks them again before deciding, and
 * the web app announces them.
 */
export const decisionJustificatifLimits = {
  maxBytes: 20 * 1024 * 1024,
  mimeTypes: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/webp',
    'image/tiff',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation',
  ],
  /** For a file input's `accept` and the hint shown beside it. */
  extensions: ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'tif', 'tiff', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp'],
} as const;

export const fileInfoSchema = z.object({
  id: uuid,
  dossierId: uuid.nullable(),
  /** The account that uploaded it: a decision's justificatif must be the deciding agent's own upload. */
  ownerAccountId: uuid,
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  status: z.enum(['pending', 'safe', 'rejected']),
  purpose: z.enum(filePurposes),
  createdAt: isoDateTime,
});
export type FileInfo = z.infer<typeof fileInfoSchema>;

export const presignedUrlSchema = z.object({ url: z.string().url(), method: z.enum(['GET', 'PUT']), headers: z.record(z.string(), z.string()), expiresAt: isoDateTime });

export const attestationInfoSchema = z.object({
  dossierId: uuid,
  status: z.enum(['pending', 'ready', 'withdrawn', 'none']),
  kind: z.enum(['acceptation', 'refus']).nullable(),
  generatedAt: isoDateTime.nullable(),
});

export const documentContracts = {
  /** Checks the declared name, type and size, then returns a short-lived presigned PUT. */
  presignUpload: defineRequest(
    'documents',
    'documents.file.presign_upload',
    z.object({ dossierId: uuid.optional(), purpose: z.enum(filePurposes), fileName: z.string().trim().min(1).max(255), mimeType: z.string().min(1).max(255), size: z.number().int().nonnegative() }),
    z.object({ file: fileInfoSchema, upload: presignedUrlSchema }),
  ),
  /** Verifies the stored object (size, magic bytes); a mismatch is deleted and refused. */
  confirmUpload: defineRequest('documents', 'documents.file.confirm', z.object({ fileId: uuid }), fileInfoSchema),
  getFile: defineRequest('documents', 'documents.file.get', z.object({ fileId: uuid }), fileInfoSchema),
  presignDownload: defineRequest('documents', 'documents.file.presign_download', z.object({ fileId: uuid }), z.object({ file: fileInfoSchema, download: presignedUrlSchema })),
  getAttestation: defineRequest('documents', 'documents.attestation.get', z.object({ dossierId: uuid }), attestationInfoSchema),
  presignAttestationDownload: defineRequest('documents', 'documents.attestation.presign_download', z.object({ dossierId: uuid }), z.object({ download: presignedUrlSchema })),
  /**
   * The justificatif of the dossier's current decision, for those who read the dossier (its usager,
   * the agents whose scope covers it); NOT_FOUND for anyone else and when the decision has none.
   */
  presignJustificatifDownload: defineRequest('documents', 'documents.justificatif.presign_download', z.object({ dossierId: uuid }), z.object({ file: fileInfoSchema, download: presignedUrlSchema })),
};

export const documentEvents = {
  attestationGenerated: defineEvent('documents', 'attestation.generated', 1, z.object({ dossierId: uuid, traitementId: uuid, kind: z.enum(['acceptation', 'refus']), objectKey: z.string() })),
};
