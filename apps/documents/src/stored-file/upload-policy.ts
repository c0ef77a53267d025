import { decisionJustificatifLimits } from '@guichet/contracts';
import { fileKinds } from '../files/file-kinds';
import { defaultUploadPolicy, messageAttachmentPolicy, type UploadPolicy } from '../files/file-type';
import type { FilePurpose } from './stored-file.entity';

/** Logos and signatures of attestation templates: embedded in a PDF, so PNG or JPEG only. */
export const attestationImagePolicy: UploadPolicy = { maxBytes: 5 * 1024 * 1024, allowedMimes: [fileKinds.png.mime, fileKinds.jpeg.mime] };

/** The justificatif of a decision (DS `justificatif_motivation`): PDF, images and office documents, 20 Mo. */
export const decisionJustificatifPolicy: UploadPolicy = { maxBytes: decisionJustificatifLimits.maxBytes, allowedMimes: decisionJustificatifLimits.mimeTypes };

/** Limits by purpose, as DS has them: 200 Mo for a field's attachment, 20 Mo for messages, avis and a decision's justificatif. */
export function uploadPolicyFor(purpose: FilePurpose): UploadPolicy {
  switch (purpose) {
    case 'champ':
      return defaultUploadPolicy;
    case 'message':
    case 'avis':
      return messageAttachmentPolicy;
    case 'attestation_template':
      return attestationImagePolicy;
    case 'justificatif':
      return decisionJustificatifPolicy;
  }
}
