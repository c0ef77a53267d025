import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENCRYPTED_PREFIX, isSecretsKey, SecretCipher, SecretDecryptionError } from './secret-cipher';

const key = () => randomBytes(32).toString('base64');

/** Flips one bit of the base64url part at `index` (0 iv, 1 tag, 2 ciphertext). */
function tamper(stored: string, index: number): string {
  const parts = stored.slice(ENCRYPTED_PREFIX.length).split('.');
  const bytes = Buffer.from(parts[index] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return `${ENCRYPTED_PREFIX}${parts.join('.')}`;
}

describe('SecretCipher (AES-256-GCM for register tokens)', () => {
  it('round-trips a value, never showing it, with a fresh IV each time', () => {
    const cipher = new SecretCipher(key());
    const first = cipher.encrypt('jeton-secret-é', 'tenant:entreprise');
    const second = cipher.encrypt('jeton-secret-é', 'tenant:entreprise');
    expect(first.startsWith(ENCRYPTED_PREFIX)).toBe(true);
    expect(first).not.toContain('jeton');
    expect(first).not.toBe(second);
    expect(cipher.decrypt(first, 'tenant:entreprise')).toBe('jeton-secret-é');
    expect(cipher.decrypt(second, 'tenant:entreprise')).toBe('jeton-secret-é');
    expect(cipher.decrypt(cipher.encrypt('', 'c'), 'c')).toBe('');
  });

  it('refuses a tampered IV, tag or ciphertext, and a malformed value', () => {
    const cipher = new SecretCipher(key());
    const stored = cipher.encrypt('jeton-secret', 'ctx');
    for (const index of [0, 1, 2]) expect(() => cipher.decrypt(tamper(stored, index), 'ctx')).toThrow(SecretDecryptionError);
    expect(() => cipher.decrypt(`${ENCRYPTED_PREFIX}abc`, 'ctx')).toThrow(SecretDecryptionError);
    expect(() => cipher.decrypt(`${stored}.extra`, 'ctx')).toThrow(SecretDecryptionError);
  });

  it('refuses another key and another context (a value moved to another tenant’s row)', () => {
    const stored = new SecretCipher(key()).encrypt('jeton-secret', 'tenant-a:entreprise');
    expect(() => new SecretCipher(key()).decrypt(stored, 'tenant-a:entreprise')).toThrow(SecretDecryptionError);
    const cipher = new SecretCipher(key());
    expect(() => cipher.decrypt(cipher.encrypt('jeton', 'tenant-a:entreprise'), 'tenant-b:entreprise')).toThrow(SecretDecryptionError);
  });

  it('reads a value stored before encryption as it is', () => {
    expect(new SecretCipher(key()).decrypt('jeton-en-clair', 'ctx')).toBe('jeton-en-clair');
    expect(SecretCipher.isEncrypted('jeton-en-clair')).toBe(false);
  });

  it('accepts only 32-byte base64 keys', () => {
    expect(isSecretsKey(key())).toBe(true);
    expect(isSecretsKey(randomBytes(16).toString('base64'))).toBe(false);
    expect(isSecretsKey('pas une clé')).toBe(false);
    expect(() => new SecretCipher(randomBytes(31).toString('base64'))).toThrow(/32 bytes/);
  });
});
