import { Client } from 'pg';
import { createOperator } from '../cli/create-operator';
import type { GatewayUnderTest } from './gateway.test-app';
import { TestBrowser } from './test-browser';

export const testPassword = 'un mot de passe solide 2026';

let counter = 0;
/** A unique e-mail address for an account created by a test. */
export function freshEmail(prefix = 'usager'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.fr`;
}

/** A browser signed up as a new usager. */
export async function signedUpUsager(gateway: GatewayUnderTest, ip?: string): Promise<{ browser: TestBrowser; email: string; id: string }> {
  const browser = new TestBrowser(gateway.app, ip);
  const email = freshEmail();
  const response = await browser.post<{ account: { id: string } }>('/api/auth/signup', { email, password: testPassword, firstName: 'Camille', lastName: 'Martin' });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${response.text}`);
  return { browser, email, id: response.body.account.id };
}

/** A browser signed in as a freshly created operator (made through the bootstrap CLI function). */
export async function signedInOperator(gateway: GatewayUnderTest): Promise<{ browser: TestBrowser; email: string }> {
  const email = freshEmail('operateur');
  await createOperator(gateway.databaseUrl, { email, password: testPassword, firstName: 'Olga', lastName: 'Opératrice' });
  const browser = new TestBrowser(gateway.app, `198.51.100.${(counter % 200) + 1}`);
  const response = await browser.post('/api/auth/signin', { email, password: testPassword });
  if (response.status !== 200) throw new Error(`operator sign-in failed: ${response.status} ${response.text}`);
  return { browser, email };
}

/** A new tenant made by a new operator, with one administrateur and one instructeur signed in. */
export async function tenantWithAgents(gateway: GatewayUnderTest, name: string, slugPrefix: string): Promise<{ operator: TestBrowser; tenant: { id: string; name: string }; administrateur: TestBrowser; instructeur: TestBrowser }> {
  const { browser: operator } = await signedInOperator(gateway);
  const created = await operator.post<{ id: string; name: string }>('/api/operator/tenants', { slug: `${slugPrefix}-${Date.now().toString(36)}`, name });
  if (created.status !== 201) throw new Error(`tenant creation failed: ${created.status} ${created.text}`);
  const signedIn = async (role: 'administrateur' | 'instructeur', firstName: string, lastName: string): Promise<TestBrowser> => {
    const email = freshEmail(role === 'administrateur' ? 'admin' : 'instructeur');
    const member = await operator.post(`/api/operator/tenants/${created.body.id}/members`, { email, role, firstName, lastName, password: testPassword });
    if (member.status !== 201) throw new Error(`member creation failed: ${member.status} ${member.text}`);
    const browser = new TestBrowser(gateway.app);
    const response = await browser.post('/api/auth/signin', { email, password: testPassword });
    if (response.status !== 200) throw new Error(`${role} sign-in failed: ${response.status} ${response.text}`);
    return browser;
  };
  return { operator, tenant: created.body, administrateur: await signedIn('administrateur', 'Alix', 'Admin'), instructeur: await signedIn('instructeur', 'Ines', 'Instructrice') };
}

/** Runs SQL on the gateway's database (to age a session, read what is stored). */
export async function withSql<T>(gateway: GatewayUnderTest, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: gateway.databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
