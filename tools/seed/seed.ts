import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { createOperator } from '../../apps/gateway/src/cli/create-operator';
import { demoProcedures, type DemoProcedure } from './demo-procedures';
import { GatewayClient, GatewayHttpError } from './gateway.client';

/**
 * The demo data of the local stack, created through the gateway's HTTP API like any client (the
 * bootstrap operator excepted: it is written with the gateway's own code, as nothing can create
 * the first operator over HTTP). Idempotent: a second run finds everything and changes nothing.
 */
const envSchema = z.object({
  GATEWAY_URL: z.string().url(),
  DATABASE_URL: z.string().url(),
  DEMO_ACCOUNTS_FILE: z.string().min(1).default('.tmp/demo-accounts.json'),
});

export const demoPassword = 'Demo-Guichet-2026!';
export const demoTenant = { slug: 'demo', name: 'Préfecture de démonstration' };
export const demoAccounts = [
  { role: 'operateur', email: 'operateur@demo.guichet.local', firstName: 'Olivia', lastName: 'Opératrice' },
  { role: 'administrateur', email: 'administrateur@demo.guichet.local', firstName: 'Adrien', lastName: 'Administrateur' },
  { role: 'instructeur', email: 'instructeur@demo.guichet.local', firstName: 'Inès', lastName: 'Instructrice' },
  { role: 'expert', email: 'expert@demo.guichet.local', firstName: 'Étienne', lastName: 'Expert' },
  { role: 'usager', email: 'usager@demo.guichet.local', firstName: 'Camille', lastName: 'Usagère' },
] as const;

type Role = (typeof demoAccounts)[number]['role'];
const account = (role: Role) => demoAccounts.find((candidate) => candidate.role === role) as (typeof demoAccounts)[number];

interface Procedure {
  id: string;
  path: string;
  state: string;
}

let log = (message: string): void => console.log(`[seed] ${message}`);

async function waitForGateway(gatewayUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${gatewayUrl}/health/live`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the gateway at ${gatewayUrl} did not answer /health/live within ${timeoutMs / 1000} s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
}

async function signIn(gatewayUrl: string, role: Role): Promise<GatewayClient> {
  const client = new GatewayClient(gatewayUrl);
  const { email } = account(role);
  const response = await client.request('POST', '/api/auth/signin', { email, password: demoPassword });
  if (response.status !== 200) {
    throw new GatewayHttpError(response.status, response.body, `sign-in of ${email} (does the account exist with another password?)`);
  }
  return client;
}

/** Accepts "created" and "already there" answers; anything else stops the seed. */
async function ensure(client: GatewayClient, what: string, method: string, path: string, body: unknown, alreadyThere: string[]): Promise<'created' | 'existing'> {
  const response = await client.request(method, path, body);
  if (response.status === 200 || response.status === 201) return 'created';
  const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
  if (code && alreadyThere.includes(code)) return 'existing';
  throw new GatewayHttpError(response.status, response.body, what);
}

async function ensureTenant(operator: GatewayClient): Promise<{ id: string; name: string }> {
  const { body } = await operator.expect<{ items: { id: string; slug: string; name: string }[] }>('list tenants', 'GET', '/api/operator/tenants');
  const existing = body.items.find((tenant) => tenant.slug === demoTenant.slug);
  if (existing) return existing;
  const created = await operator.expect<{ id: string; name: string }>('create the demo tenant', 'POST', '/api/operator/tenants', demoTenant);
  log(`tenant "${demoTenant.name}" created`);
  return created.body;
}

/** The demo instructeur instructs the dossiers of the procedure's default group (adding twice changes nothing). */
async function ensureInstructeur(admin: GatewayClient, procedure: Procedure, demo: DemoProcedure): Promise<void> {
  const { body } = await admin.expect<{ items: { id: string; isDefault: boolean }[] }>(`groups of "${demo.title}"`, 'GET', `/api/admin/procedures/${procedure.id}/groups`);
  const defaultGroup = body.items.find((group) => group.isDefault);
  if (!defaultGroup) throw new Error(`"${demo.title}" has no default group`);
  await admin.expect(`instructeur of "${demo.title}"`, 'POST', `/api/admin/procedures/${procedure.id}/groups/${defaultGroup.id}/members`, { members: [{ email: account('instructeur').email }] });
}

/** Labels the demo instructeur can put on dossiers (a name already there is left as it is). */
const demoLabels = [
  { name: 'Urgent', color: 'pink-tuile' },
  { name: 'Pièce manquante', color: 'yellow-moutarde' },
  { name: 'Complet', color: 'green-bourgeon' },
] as const;

async function ensureLabels(admin: GatewayClient, procedure: Procedure, demo: DemoProcedure): Promise<void> {
  for (const label of demoLabels) await ensure(admin, `label "${label.name}" of "${demo.title}"`, 'POST', `/api/admin/procedures/${procedure.id}/labels`, label, ['CONFLICT']);
}

async function ensureProcedure(admin: GatewayClient, existing: Procedure[], demo: DemoProcedure): Promise<void> {
  let procedure = existing.find((candidate) => candidate.path === demo.path);
  if (procedure?.state === 'publiee') {
    await ensureInstructeur(admin, procedure, demo);
    await ensureLabels(admin, procedure, demo);
    log(`procedure "${demo.title}" already published`);
    return;
  }
  if (!procedure) {
    procedure = (await admin.expect<Procedure>(`create "${demo.title}"`, 'POST', '/api/admin/procedures', { title: demo.title, description: demo.description, path: demo.path })).body;
  }
  // A draft left by an interrupted run is brought to the same content, then published.
  await admin.expect(`fields of "${demo.title}"`, 'PATCH', `/api/admin/procedures/${procedure.id}`, { title: demo.title, description: demo.description, fields: demo.fields });
  await admin.expect(`templates of "${demo.title}"`, 'PUT', `/api/admin/procedures/${procedure.id}/templates`, { mailTemplates: demo.mailTemplates, attestationTemplates: demo.attestationTemplates });
  await admin.expect(`publication of "${demo.title}"`, 'POST', `/api/admin/procedures/${procedure.id}/publish`);
  await ensureInstructeur(admin, procedure, demo);
  await ensureLabels(admin, procedure, demo);
  log(`procedure "${demo.title}" published at /commencer/${demo.path}`);
}

export async function seed(env: z.infer<typeof envSchema>, options: { log?: (message: string) => void } = {}): Promise<{ role: string; email: string; password: string }[]> {
  if (options.log) log = options.log;
  const gatewayUrl = env.GATEWAY_URL.replace(/\/+$/, '');
  await waitForGateway(gatewayUrl);

  const operatorAccount = account('operateur');
  const bootstrap = await createOperator(env.DATABASE_URL, { email: operatorAccount.email, password: demoPassword, firstName: operatorAccount.firstName, lastName: operatorAccount.lastName });
  log(`operator ${operatorAccount.email} ${bootstrap.created ? 'created' : 'already exists'}`);
  const operator = await signIn(gatewayUrl, 'operateur');

  const tenant = await ensureTenant(operator);
  for (const role of ['administrateur', 'instructeur'] as const) {
    const { email, firstName, lastName } = account(role);
    const result = await ensure(operator, `membership of ${email}`, 'POST', `/api/operator/tenants/${tenant.id}/members`, { email, role, firstName, lastName, password: demoPassword }, ['CONFLICT']);
    log(`${role} ${email} ${result === 'created' ? 'added to' : 'already in'} "${tenant.name}"`);
  }
  const expert = account('expert');
  await operator.expect(`expert ${expert.email}`, 'POST', '/api/operator/experts', { email: expert.email, firstName: expert.firstName, lastName: expert.lastName, password: demoPassword });
  log(`expert ${expert.email} ready`);
  const usager = account('usager');
  const signUp = await ensure(new GatewayClient(gatewayUrl), `sign-up of ${usager.email}`, 'POST', '/api/auth/signup', { email: usager.email, password: demoPassword, firstName: usager.firstName, lastName: usager.lastName }, ['EMAIL_TAKEN']);
  log(`usager ${usager.email} ${signUp === 'created' ? 'signed up' : 'already exists'}`);

  const admin = await signIn(gatewayUrl, 'administrateur');
  const { body } = await admin.expect<{ items: Procedure[] }>('list procedures', 'GET', '/api/admin/procedures');
  for (const demo of demoProcedures) await ensureProcedure(admin, body.items, demo);

  // Every account must open with the documented password, or the printed list would lie.
  for (const { role } of demoAccounts) await signIn(gatewayUrl, role);
  const accounts = demoAccounts.map(({ role, email }) => ({ role, email, password: demoPassword }));
  const file = resolve(env.DEMO_ACCOUNTS_FILE);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(accounts, null, 2)}\n`);
  log(`demo accounts written to ${file}`);
  return accounts;
}

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`seed: invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const accounts = await seed(parsed.data);
  console.log('\nComptes de démonstration (mot de passe commun : ' + demoPassword + ')');
  for (const { role, email } of accounts) console.log(`  ${role.padEnd(15)} ${email}`);
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
