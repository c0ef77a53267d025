import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Marks a value encrypted by `SecretCipher` (version 1: AES-256-GCM). Anything else is a row written before encryption. */
export const ENCRYPTED_PREFIX = 'enc:v1:';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The value could not be decrypted: another key, or the stored text was altered. */
export class SecretDecryptionError extends Error {}

/** Whether `value` is base64 for exactly 32 bytes (an AES-256 key). */
export function isSecretsKey(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/u.test(value) && Buffer.from(value, 'base64').length === 32;
}

/**
 * Encrypts the secrets of the tenants' register settings at rest (tokens, referential header values)
 * with AES-256-GCM under the instance's `LOOKUP_SECRETS_KEY`: `enc:v1:<iv>.<tag>.<ciphertext>`, each
 * part base64url. `context` (tenant, register, referential) is authenticated with the value, so a
 * secret copied into another tenant's row does not decrypt there.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    if (!isSecretsKey(base64Key)) throw new Error('LOOKUP_SECRETS_KEY must be 32 bytes in base64');
    this.key = Buffer.from(base64Key, 'base64');
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${ENCRYPTED_PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ciphertext.toString('base64url')}`;
  }

  /** A value without the prefix was stored before encryption and is returned as it is. */
  decrypt(stored: string, context: string): string {
    if (!SecretCipher.isEncrypted(stored)) return stored;
    const parts = stored.slice(ENCRYPTED_PREFIX.length).split('.');
    const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64url'));
    if (parts.length !== 3 || iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined) throw new SecretDecryptionError('malformed encrypted value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError('the value does not decrypt with this key and context');
    }
  }

  static isEncrypted(stored: string): boolean {
    return stored.startsWith(ENCRYPTED_PREFIX);
  }
}
