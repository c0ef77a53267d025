import { z } from 'zod';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';

export const filePurposes = ['champ', 'message', 'avis', 'attestation_template'] as const;

export const fileInfoSchema = z.object({
  id: uuid,
  dossierId: uuid.nullable(),
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
};

export const documentEvents = {
  attestationGenerated: defineEvent('documents', 'attestation.generated', 1, z.object({ dossierId: uuid, traitementId: uuid, kind: z.enum(['acceptation', 'refus']), objectKey: z.string() })),
};
