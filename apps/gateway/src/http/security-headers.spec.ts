import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('allows only the own origin, plus the object store for uploads and downloads', () => {
    const headers = securityHeaders({ publicUrl: 'http://localhost:3000', objectStoreUrl: 'http://127.0.0.1:4568/some/path' });
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("connect-src 'self' http://127.0.0.1:4568;");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
  });

  it('adds HSTS only when served over https', () => {
    expect(securityHeaders({ publicUrl: 'http://localhost:3000' })).not.toHaveProperty('strict-transport-security');
    expect(securityHeaders({ publicUrl: 'https://guichet.gouv.fr' })['strict-transport-security']).toContain('max-age=');
  });
});
