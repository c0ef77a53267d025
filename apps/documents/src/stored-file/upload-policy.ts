import { fileKinds } from '../files/file-kinds';
import { defaultUploadPolicy, messageAttachmentPolicy, type UploadPolicy } from '../files/file-type';
import type { FilePurpose } from './stored-file.entity';

/** Logos and signatures of attestation templates: embedded in a PDF, so PNG or JPEG only. */
export const attestationImagePolicy: UploadPolicy = { maxBytes: 5 * 1024 * 1024, allowedMimes: [fileKinds.png.mime, fileKinds.jpeg.mime] };

/** Limits by purpose, as DS has them: 200 Mo for a field's attachment, 20 Mo for messages and avis. */
export function uploadPolicyFor(purpose: FilePurpose): UploadPolicy {
  switch (purpose) {
    case 'champ':
      return defaultUploadPolicy;
    case 'message':
    case 'avis':
      return messageAttachmentPolicy;
    case 'attestation_template':
      return attestationImagePolicy;
  }
}
