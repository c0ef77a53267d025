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
