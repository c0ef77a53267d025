import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dossierClosureContracts, dossierContracts, type BusContext, type Procedure } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field, instructeurOf, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenant = randomUUID();

/** `dossiers.procedure.list_brouillon_usagers`: who to tell when a procedure closes. */
describe('dossiers: usagers with a brouillon on a procedure', () => {
  let t: DossiersUnderTest;
  let db: Client;
  const name = field({ label: 'Nom de l’association', type: 'text', mandatory: true });
  let procedure: Procedure;

  const list = (input: { after?: string; limit?: number }, ctx: BusContext = systemOf('messaging', tenant)) =>
    t.request(dossierClosureContracts.listBrouillonUsagers, { procedureId: procedure.id, ...input }, ctx);
  const withEmail = (email: string): BusContext => {
    const ctx = usager();
    return { actor: { ...(ctx.actor ?? { accountId: randomUUID(), roles: ['usager'] }), email } };
  };
  const start = async (owner: BusContext, identity: { firstName: string; lastName: string } = { firstName: 'Amélie', lastName: 'Durand' }) =>
    t.request(dossierContracts.create, { procedureId: procedure.id, usager: { email: 'ignored@example.fr', ...identity } }, owner);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
    procedure = await t.publishedProcedure(tenant, [name]);
  });

  afterAll(async () => {
    await db?.end();
    await t?.stop();
  });

  it('lists each address once (whatever its case), brouillons only, test dossiers included, in keyset pages', async () => {
    const alice = withEmail('alice@example.fr');
    await start(alice, { firstName: 'Alice', lastName: 'Ancienne' });
    await start(withEmail('Alice@Example.FR'), { firstName: 'Alice', lastName: 'Martin' });
    await start(withEmail('bruno@example.fr'));
    const tester = await start(withEmail('chloe@example.fr'));
    await db.query('update dossiers.dossier set test = true where id = $1', [tester.id]);
    // A submitted dossier's usager can do nothing more than wait: not listed.
    const submitter = withEmail('denis@example.fr');
    const submitted = await start(submitter);
    await t.request(dossierContracts.updateValues, { dossierId: submitted.id, values: { [name.stableId]: 'Les Amis' } }, submitter);
    await t.request(dossierContracts.submit, { dossierId: submitted.id }, submitter);
    for (const i of [1, 2, 3]) await start(withEmail(`eve${String(i)}@example.fr`));
    // Another procedure's brouillon.
    const other = await t.publishedProcedure(tenant, [name]);
    await t.request(dossierContracts.create, { procedureId: other.id, usager: { email: 'x@example.fr', firstName: 'Zoé', lastName: 'Autre' } }, withEmail('zoe@example.fr'));

    const pages: { emails: string[]; nextCursor: string | null }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await list({ limit: 2, ...(after !== undefined ? { after } : {}) });
      pages.push({ emails: page.items.map((item) => item.email.toLowerCase()), nextCursor: page.nextCursor });
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    expect(pages.flatMap((page) => page.emails)).toEqual(['alice@example.fr', 'bruno@example.fr', 'chloe@example.fr', 'eve1@example.fr', 'eve2@example.fr', 'eve3@example.fr']);
    expect(pages.map((page) => page.emails.length)).toEqual([2, 2, 2, 0]);

    const [first] = (await list({ limit: 1 })).items;
    // The names of the latest brouillon of that address.
    expect(first).toMatchObject({ firstName: 'Alice', lastName: 'Martin' });
  });

  it('answers nothing of another tenant’s procedure, and only to system callers', async () => {
    expect(await list({}, systemOf('messaging', randomUUID()))).toEqual({ items: [], nextCursor: null });
    for (const ctx of [instructeurOf(tenant), administrateurOf(tenant), usager(), systemOf('messaging')]) {
      await expect(list({}, ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(list({ limit: 501 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
