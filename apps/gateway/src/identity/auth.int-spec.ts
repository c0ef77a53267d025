import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshEmail, signedUpUsager, testPassword, withSql } from '../testing/accounts';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type AccountBody = { account: { id: string; email: string; firstName: string; lastName: string; roles: string[] } };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string>; errorId?: string } };

describe('gateway: sign-up, sign-in, sign-out, me', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('signs up an usager (e-mail normalized), sets an HttpOnly SameSite=Lax cookie, and knows them on /api/me', async () => {
    const browser = new TestBrowser(gateway.app);
    const email = freshEmail();
    const signUp = await browser.post<AccountBody>('/api/auth/signup', { email: `  ${email.toUpperCase()} `, password: testPassword, firstName: ' Camille ', lastName: 'Martin' });
    expect(signUp.status).toBe(201);
    expect(signUp.body.account).toEqual({ id: expect.any(String) as string, email, firstName: 'Camille', lastName: 'Martin', roles: ['usager'] });
    const setCookie = String(signUp.headers['set-cookie']);
    expect(setCookie).toMatch(/^guichet_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Max-Age=604800');
    expect(setCookie).not.toContain('Secure');

    const me = await browser.get<{ account: AccountBody['account'] & { memberships: unknown[]; currentTenant: unknown } }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.account).toEqual({ id: signUp.body.account.id, email, firstName: 'Camille', lastName: 'Martin', roles: ['usager'], memberships: [], currentTenant: null });
  });

  it('stores only the SHA-256 of the session token and an argon2id hash of the password', async () => {
    const { browser, id } = await signedUpUsager(gateway);
    const token = browser.cookie as string;
    const stored = await withSql(gateway, async (sql) => ({
      sessions: (await sql.query<{ id: string }>('select id from gateway.session where account_id = $1', [id])).rows,
      hash: (await sql.query<{ password_hash: string }>('select password_hash from gateway.account where id = $1', [id])).rows[0]?.password_hash,
    }));
    expect(stored.sessions).toEqual([{ id: createHash('sha256').update(token).digest('hex') }]);
    expect(stored.hash).toMatch(/^\$argon2id\$/);
    expect(stored.hash).not.toContain(testPassword);
  });

  it('refuses a second account with the same e-mail, whatever its case (409 EMAIL_TAKEN on the email field)', async () => {
    const { email } = await signedUpUsager(gateway);
    const again = await new TestBrowser(gateway.app).post<ErrorBody>('/api/auth/signup', { email: email.toUpperCase(), password: testPassword, firstName: 'A', lastName: 'B' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EMAIL_TAKEN');
    expect(again.body.error.fields?.email).toBeTruthy();
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an invalid sign-up with 422 and a French message per field', async () => {
    const response = await new TestBrowser(gateway.app).post<ErrorBody>('/api/auth/signup', { email: 'pas-une-adresse', password: 'court', firstName: '', extra: true });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.fields).toMatchObject({
      email: 'Adresse électronique invalide.',
      password: 'Au moins 12 caractères.',
      firstName: 'Au moins 1 caractères.',
      lastName: 'Ce champ est obligatoire.',
      _: 'Champs inconnus : extra.',
    });
  });

  it('signs in with the right password (new token each time) and out again (204, session gone server-side)', async () => {
    const { browser, email } = await signedUpUsager(gateway);
    const firstToken = browser.cookie;
    const signIn = await browser.post<AccountBody>('/api/auth/signin', { email: email.toUpperCase(), password: testPassword });
    expect(signIn.status).toBe(200);
    expect(signIn.body.account.email).toBe(email);
    expect(browser.cookie).toBeDefined();
    expect(browser.cookie).not.toBe(firstToken);
    // The session the sign-in replaced is closed.
    const stale = new TestBrowser(gateway.app);
    stale.cookie = firstToken;
    expect((await stale.get('/api/me')).status).toBe(401);

    const token = browser.cookie;
    const signOut = await browser.post('/api/auth/signout');
    expect(signOut.status).toBe(204);
    expect(String(signOut.headers['set-cookie'])).toMatch(/guichet_session=;.*Expires=Thu, 01 Jan 1970/);
    const replay = new TestBrowser(gateway.app);
    replay.cookie = token;
    const me = await replay.get<ErrorBody>('/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers a wrong password and an unknown e-mail identically (401 INVALID_CREDENTIALS, no cookie)', async () => {
    const { email } = await signedUpUsager(gateway);
    const wrong = await new TestBrowser(gateway.app, '203.0.113.50').post<ErrorBody>('/api/auth/signin', { email, password: 'pas le bon mot de passe' });
    const unknown = await new TestBrowser(gateway.app, '203.0.113.50').post<ErrorBody>('/api/auth/signin', { email: freshEmail('inconnu'), password: 'pas le bon mot de passe' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Adresse électronique ou mot de passe incorrect.' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('throttles sign-in to 25 tries per 15 s per client IP (429 RATE_LIMITED with Retry-After), other IPs unaffected', async () => {
    const { email } = await signedUpUsager(gateway);
    const attacker = new TestBrowser(gateway.app, '192.0.2.77');
    for (let attempt = 1; attempt <= 25; attempt += 1) {
      const response = await attacker.post<ErrorBody>('/api/auth/signin', { email, password: `essai numéro ${attempt}` });
      expect(response.status).toBe(401);
    }
    const blocked = await attacker.post<ErrorBody>('/api/auth/signin', { email, password: testPassword });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.headers['set-cookie']).toBeUndefined();

    const other = await new TestBrowser(gateway.app, '192.0.2.78').post('/api/auth/signin', { email, password: testPassword });
    expect(other.status).toBe(200);
  });

  it('does not count successful sign-ins: 40 agents behind one address all get in', async () => {
    const { email } = await signedUpUsager(gateway);
    for (let attempt = 1; attempt <= 40; attempt += 1) {
      const response = await new TestBrowser(gateway.app, '192.0.2.90').post('/api/auth/signin', { email, password: testPassword });
      expect(response.status).toBe(200);
    }
  });

  it('answers 401 UNAUTHENTICATED without a cookie, and clears a cookie that names no session', async () => {
    const anonymous = await new TestBrowser(gateway.app).get<ErrorBody>('/api/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');

    for (const cookie of ['forged', 'A'.repeat(43), '../../etc/passwd']) {
      const browser = new TestBrowser(gateway.app);
      browser.cookie = cookie;
      const response = await browser.get<ErrorBody>('/api/me');
      expect(response.status).toBe(401);
      expect(String(response.headers['set-cookie'])).toContain('guichet_session=;');
    }
  });

  it('ends a session after 12 hours without a request, and 7 days after sign-in whatever the activity', async () => {
    const idle = await signedUpUsager(gateway);
    const old = await signedUpUsager(gateway);
    await withSql(gateway, async (sql) => {
      await sql.query(`update gateway.session set last_seen_at = now() - interval '12 hours 1 minute' where account_id = $1`, [idle.id]);
      await sql.query(`update gateway.session set expires_at = now() - interval '1 second' where account_id = $1`, [old.id]);
    });
    expect((await idle.browser.get('/api/me')).status).toBe(401);
    expect((await old.browser.get('/api/me')).status).toBe(401);
    const remaining = await withSql(gateway, async (sql) => (await sql.query('select 1 from gateway.session where account_id = any($1::uuid[])', [[idle.id, old.id]])).rowCount);
    expect(remaining).toBe(0);
  });

  it('keeps an active session alive by recording when it was last seen', async () => {
    const { browser, id } = await signedUpUsager(gateway);
    await withSql(gateway, (sql) => sql.query(`update gateway.session set last_seen_at = now() - interval '11 hours' where account_id = $1`, [id]));
    expect((await browser.get('/api/me')).status).toBe(200);
    const lastSeen = await withSql(gateway, async (sql) => (await sql.query<{ age: number }>('select extract(epoch from now() - last_seen_at) as age from gateway.session where account_id = $1', [id])).rows[0]?.age);
    expect(Number(lastSeen)).toBeLessThan(60);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await startGatewayForTest({ PUBLIC_URL: 'https://guichet.example.fr' });
    try {
      const browser = new TestBrowser(secure.app);
      const response = await browser.post('/api/auth/signup', { email: freshEmail(), password: testPassword, firstName: 'A', lastName: 'B' });
      expect(response.status).toBe(201);
      expect(String(response.headers['set-cookie'])).toContain('Secure');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await secure.stop();
    }
  });
});
