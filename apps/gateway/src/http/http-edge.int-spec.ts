import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierContracts } from '@guichet/contracts';
import { allRoutes } from '../openapi/route.catalogue';
import { freshEmail, signedInOperator, signedUpUsager, testPassword } from '../testing/accounts';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; errorId?: string } };

describe('gateway: the HTTP edge (JSON only, one error envelope, headers, OpenAPI)', () => {
  let gateway: GatewayUnderTest;
  let fakes: FakeServices;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    fakes = new FakeServices(gateway.bus);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const signUpBody = () => ({ email: freshEmail(), password: testPassword, firstName: 'A', lastName: 'B' });

  it('answers malformed JSON with 400 MALFORMED_REQUEST in the error envelope', async () => {
    const response = await new TestBrowser(gateway.app).post<ErrorBody>('/api/auth/signup', undefined, { rawBody: '{"email": "a@b.fr",', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'MALFORMED_REQUEST', message: 'Le corps de la requête n’est pas un JSON valide.' } });
  });

  it('refuses prototype-poisoning keys as malformed', async () => {
    const response = await new TestBrowser(gateway.app).post<ErrorBody>('/api/auth/signup', undefined, {
      rawBody: '{"email":"a@b.fr","__proto__":{"isOperator":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('accepts only application/json bodies (415 UNSUPPORTED_MEDIA_TYPE otherwise, also for a missing content type)', async () => {
    const browser = new TestBrowser(gateway.app);
    const payload = JSON.stringify(signUpBody());
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const response = await browser.post<ErrorBody>('/api/auth/signup', undefined, { rawBody: payload, headers: { 'content-type': contentType } });
      expect(response.status, contentType).toBe(415);
      expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const noContentType = await browser.post<ErrorBody>('/api/auth/signup');
    expect(noContentType.status).toBe(415);
    expect(noContentType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const withCharset = await browser.post('/api/auth/signup', undefined, { rawBody: payload, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(withCharset.status).toBe(201);
  });

  it('lets a route without body be called without content type (sign-out)', async () => {
    const { browser } = await signedUpUsager(gateway);
    expect((await browser.post('/api/auth/signout')).status).toBe(204);
  });

  it('answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE in the error envelope', async () => {
    const huge = JSON.stringify({ ...signUpBody(), firstName: 'x'.repeat(1_100_000) });
    const response = await new TestBrowser(gateway.app).post<ErrorBody>('/api/auth/signup', undefined, { rawBody: huge, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.body.error.message).toMatch(/volumineux/);
  });

  it('validates bodies with 422 VALIDATION_FAILED and field messages, including wrong types and non-objects', async () => {
    const browser = new TestBrowser(gateway.app);
    const wrongTypes = await browser.post<ErrorBody>('/api/auth/signin', { email: 42, password: ['x'] });
    expect(wrongTypes.status).toBe(422);
    expect(wrongTypes.body.error.fields).toEqual({ email: 'Valeur de type incorrect.', password: 'Valeur de type incorrect.' });
    for (const body of [[], 'text', 12, null]) {
      const response = await browser.post<ErrorBody>('/api/auth/signin', undefined, { rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers unknown /api routes, and /api methods that do not exist, with 404 NOT_FOUND JSON', async () => {
    const browser = new TestBrowser(gateway.app);
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['POST', '/api/nope'],
      ['DELETE', '/api/me'],
      ['GET', '/api'],
    ] as const) {
      const response = await browser.request<ErrorBody>(method, url);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      expect(String(response.headers['content-type'])).toContain('application/json');
    }
  });

  it('answers a malformed id in a path with 404 without asking any service', async () => {
    await fakes.on(dossierContracts.get, () => {
      throw new Error('must not be called');
    });
    const { browser } = await signedUpUsager(gateway);
    for (const url of ['/api/dossiers/12', '/api/dossiers/not-a-uuid', "/api/dossiers/1'%20or%201=1", `/api/dossiers/${'f'.repeat(80)}`]) {
      const response = await browser.get<ErrorBody>(url);
      expect(response.status, url).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    // A broken percent-encoding is malformed, still in the JSON envelope.
    const broken = await browser.get<ErrorBody>('/api/dossiers/%E0%A4%A');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('MALFORMED_REQUEST');
    // A path segment longer than the router accepts is refused as a client error, never a 500.
    const huge = await browser.get<ErrorBody>(`/api/dossiers/${'f'.repeat(5000)}`);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(huge.body.error.code).toBeDefined();
    expect(fakes.calls(dossierContracts.get)).toHaveLength(0);
  });

  it('sets security headers on every answer and forbids caching API answers', async () => {
    const browser = new TestBrowser(gateway.app);
    for (const response of [await browser.get('/api/me'), await browser.get('/api/openapi.json'), await browser.get('/health/live')]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    }
    expect((await browser.get('/api/me')).headers['cache-control']).toBe('no-store');
    expect((await browser.get('/api/openapi.json')).headers['cache-control']).toBe('no-store');
  });

  it('never answers 500 to client input: every route, fed junk, answers a 4xx (or 503: no service behind) in the envelope', async () => {
    // An account holding every role, so each route gets past the access guard to its input checks.
    const { browser: operator, email } = await signedInOperator(gateway);
    const tenant = (await operator.post<{ id: string }>('/api/operator/tenants', { slug: `fuzz-${Date.now().toString(36)}`, name: 'Fuzz' })).body;
    for (const role of ['administrateur', 'instructeur']) {
      await operator.post(`/api/operator/tenants/${tenant.id}/members`, { email, role, firstName: 'F', lastName: 'Z' });
    }
    await operator.post('/api/operator/experts', { email, firstName: 'F', lastName: 'Z' });
    const everyRole = new TestBrowser(gateway.app, '198.51.100.250');
    await everyRole.post('/api/auth/signin', { email, password: testPassword });
    const junkParams = ['x', '0', '-1', '%00', "'; drop table account; --", '00000000-0000-0000-0000-000000000000', 'ÿ'.repeat(60)];
    const junkBodies: unknown[] = [null, [], 'texte', 12, true, {}, { a: { b: { c: [1, { d: null }] } } }, { email: [], password: {}, values: 'x', fields: 'x', event: 3, body: 7, size: 'grand' }];
    const junkQueries = ['', '?limit=-5&after=' + 'x'.repeat(300), '?state=perdu&state=&limit=1e9', '?limit[]=1'];
    const failures: string[] = [];
    for (const { route } of allRoutes()) {
      // Sign-in is exercised above (and would trip the throttle); health answers its own format.
      if (route.path === '/api/auth/signin' || route.path.startsWith('/health/')) continue;
      for (const param of junkParams) {
        const path = route.path.replace(/:(\w+)/g, encodeURIComponent(param));
        for (const query of route.query ? junkQueries : ['']) {
          for (const body of route.method === 'GET' ? [undefined] : junkBodies) {
            const response = await everyRole.request<ErrorBody>(route.method, `${path}${query}`, body === undefined ? {} : { rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
            const enveloped = response.status < 400 || typeof response.body?.error?.code === 'string';
            if (response.status >= 500 && response.status !== 503) failures.push(`${route.method} ${path}${query} ${JSON.stringify(body)} → ${response.status} ${response.text}`);
            else if (!enveloped) failures.push(`${route.method} ${path}${query} → ${response.status} without the error envelope`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('publishes an OpenAPI 3.1 document that lists every served route, each of which is really served', async () => {
    const response = await new TestBrowser(gateway.app).get<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const fastify = gateway.app.getHttpAdapter().getInstance();
    for (const { operationId, route } of allRoutes()) {
      const documented = response.body.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(documented?.operationId, operationId).toBe(operationId);
      expect(fastify.hasRoute({ method: route.method, url: route.path }), `${route.method} ${route.path} served`).toBe(true);
    }
  });
});

describe('gateway: the web app (WEB_DIST_DIR)', () => {
  let gateway: GatewayUnderTest;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'guichet-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><html lang="fr"><title>Guichet</title><div id="root"></div></html>');
    await writeFile(join(webRoot, 'assets', 'index-abc123.js'), 'console.log("guichet");');
    await writeFile(join(webRoot, 'robots.txt'), 'User-agent: *');
    gateway = await startGatewayForTest({ WEB_DIST_DIR: webRoot });
  });
  afterAll(async () => {
    await gateway?.stop();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('serves index.html for the root and for client-side routes, revalidated on each visit', async () => {
    const browser = new TestBrowser(gateway.app);
    for (const url of ['/', '/mes-dossiers', '/commencer/inscription-permis?x=1', '/dossiers/12/messages']) {
      const response = await browser.get(url);
      expect(response.status, url).toBe(200);
      expect(response.text).toContain('<div id="root">');
      expect(String(response.headers['content-type'])).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets with a long immutable cache and other files as they are', async () => {
    const browser = new TestBrowser(gateway.app);
    const asset = await browser.get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('guichet');
    expect(asset.headers['cache-control']).toContain('immutable');
    const robots = await browser.get('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers['cache-control']).toBe('no-cache');
  });

  it('keeps 404 for missing files and JSON 404 for unknown /api and /health paths', async () => {
    const browser = new TestBrowser(gateway.app);
    expect((await browser.get('/assets/missing-123.js')).status).toBe(404);
    for (const url of ['/api/unknown', '/health/unknown']) {
      const response = await browser.get<ErrorBody>(url);
      expect(response.status, url).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    expect((await browser.get('/../../etc/passwd')).text).not.toContain('root:');
  });

  it('still answers the API next to the web app', async () => {
    expect((await new TestBrowser(gateway.app).get('/api/openapi.json')).status).toBe(200);
    expect((await new TestBrowser(gateway.app).get('/health/live')).status).toBe(200);
  });
});
