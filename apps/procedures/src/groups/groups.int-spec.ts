import { randomUUID } from 'node:crypto';
import { groupContracts, type BusContext } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, administrateurOf, instructeurOf, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);
const adminB = administrateurOf(tenantB);
const instructeurA = instructeurOf(tenantA);

describe('procedures: instructor groups', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const list = (procedureId: string, ctx: BusContext = adminA) => svc.request(groupContracts.list, { procedureId }, ctx);
  const groupRows = (procedureId: string) => svc.sql<{ label: string; is_default: boolean }>('select label, is_default from procedures.instructor_group where procedure_id = $1 order by position', [procedureId]);
  const memberRows = (procedureId: string) => svc.sql<{ email: string }>('select account_email as email from procedures.group_member where procedure_id = $1 order by account_email', [procedureId]);

  describe('default group', () => {
    it('is created once, lazily, even when first requests race', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const lists = await Promise.all([list(procedure.id), list(procedure.id), list(procedure.id, instructeurA), list(procedure.id, systemCaller(tenantA))]);
      for (const { items } of lists) expect(items).toEqual([expect.objectContaining({ label: 'Groupe par défaut', isDefault: true, active: true, routingRule: null, memberCount: 0 })]);
      expect(await groupRows(procedure.id)).toEqual([{ label: 'Groupe par défaut', is_default: true }]);
    });

    it('cannot be deleted, deactivated or given a rule; it can be renamed', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const [fallback] = (await list(procedure.id)).items;
      const groupId = fallback!.id;
      await expect(svc.request(groupContracts.delete, { procedureId: procedure.id, groupId }, adminA)).rejects.toMatchObject({ code: 'CONFLICT', message: 'Le groupe par défaut ne peut pas être supprimé.' });
      await expect(svc.request(groupContracts.update, { procedureId: procedure.id, groupId, active: false }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { active: 'Le groupe par défaut reste actif.' } });
      await expect(svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId, routingRule: { any: 'rule' } }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      const renamed = await svc.request(groupContracts.update, { procedureId: procedure.id, groupId, label: 'Accueil' }, adminA);
      expect(renamed).toMatchObject({ label: 'Accueil', isDefault: true });
      expect((await groupRows(procedure.id)).filter((row) => row.is_default)).toHaveLength(1);
    });
  });

  describe('CRUD', () => {
    it('creates, renames, deactivates, lists in position order, and bumps the version', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const before = await list(procedure.id);
      const nord = await svc.request(groupContracts.create, { procedureId: procedure.id, label: '  Nord  ' }, adminA);
      const sud = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Sud', active: false }, adminA);
      expect(nord).toMatchObject({ label: 'Nord', isDefault: false, active: true, routingRule: null, memberCount: 0, procedureId: procedure.id });
      expect(sud.position).toBeGreaterThan(nord.position);
      const updated = await svc.request(groupContracts.update, { procedureId: procedure.id, groupId: nord.id, label: 'Nord-Est', active: false }, adminA);
      expect(updated).toMatchObject({ label: 'Nord-Est', active: false });
      const after = await list(procedure.id, instructeurA);
      expect(after.items.map((group) => group.label)).toEqual(['Groupe par défaut', 'Nord-Est', 'Sud']);
      expect(after.version).toBeGreaterThan(before.version);
    });

    it('lists by pages in position order, with a cursor, and refuses a forged cursor', async () => {
      const procedure = await svc.createProcedure(tenantA);
      await svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: ['groupe;email', ...['A', 'B', 'C', 'D'].map((label) => `${label};${label.toLowerCase()}@example.fr`)].join('\n') }, adminA);
      const labels: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await svc.request(groupContracts.list, { procedureId: procedure.id, limit: 2, ...(after !== undefined ? { after } : {}) }, instructeurA);
        labels.push(...page.items.map((group) => group.label));
        expect(page.items.every((group) => group.memberCount === (group.isDefault ? 0 : 1))).toBe(true);
        after = page.next ?? undefined;
        pages += 1;
      } while (after !== undefined);
      expect(labels).toEqual(['Groupe par défaut', 'A', 'B', 'C', 'D']);
      expect(pages).toBe(3);
      await expect(svc.request(groupContracts.list, { procedureId: procedure.id, after: "0'; drop table x" }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { after: 'Curseur invalide.' } });
      await expect(svc.request(groupContracts.list, { procedureId: procedure.id, after: `1:${'-'.repeat(36)}` }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { after: 'Curseur invalide.' } });
      await expect(svc.request(groupContracts.list, { procedureId: procedure.id, limit: 501 }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('refuses a label already used in the procedure, but not in another procedure', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const other = await svc.createProcedure(tenantA);
      const nord = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
      await expect(svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA)).rejects.toMatchObject({ code: 'CONFLICT', fields: { label: 'Ce nom est déjà pris.' } });
      const sud = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Sud' }, adminA);
      await expect(svc.request(groupContracts.update, { procedureId: procedure.id, groupId: sud.id, label: 'Nord' }, adminA)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(svc.request(groupContracts.create, { procedureId: other.id, label: 'Nord' }, adminA)).resolves.toMatchObject({ label: 'Nord' });
      expect(nord.label).toBe('Nord');
    });

    it('refuses invalid payloads: empty label, malformed ids, a rule that is not an object', async () => {
      const procedure = await svc.createProcedure(tenantA);
      await expect(svc.request(groupContracts.create, { procedureId: procedure.id, label: '   ' }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(svc.request(groupContracts.create, { procedureId: 'nope', label: 'Nord' }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(svc.raw(groupContracts.create, JSON.stringify({ procedureId: procedure.id, label: 'Nord', routingRule: 'tout' }), adminA)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(svc.raw(groupContracts.addMembers, JSON.stringify({ procedureId: procedure.id, groupId: randomUUID(), members: [{ email: 'pas une adresse' }] }), adminA)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(svc.request(groupContracts.get, { procedureId: procedure.id, groupId: randomUUID() }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Groupe introuvable.' });
    });

    it('adds members once (lower-cased), removes them, and shows them on the group', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const group = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
      const accountId = randomUUID();
      const added = await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: group.id, members: [{ email: 'Alice@Example.FR', accountId }, { email: 'bob@example.fr' }, { email: 'alice@example.fr' }] }, adminA);
      expect(added.members).toEqual([
        { email: 'alice@example.fr', accountId },
        { email: 'bob@example.fr', accountId: null },
      ]);
      const again = await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: group.id, members: [{ email: 'BOB@example.fr' }] }, adminA);
      expect(again.memberCount).toBe(2);
      const removed = await svc.request(groupContracts.removeMembers, { procedureId: procedure.id, groupId: group.id, emails: ['ALICE@example.fr', 'inconnu@example.fr'] }, adminA);
      expect(removed.members).toEqual([{ email: 'bob@example.fr', accountId: null }]);
      expect(await svc.request(groupContracts.get, { procedureId: procedure.id, groupId: group.id }, instructeurA)).toMatchObject({ memberCount: 1, members: [{ email: 'bob@example.fr' }] });
    });

    it('caps a group at 2,000 members, through the API and through a CSV import', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const group = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Grand' }, adminA);
      const emails = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ email: `agent${from + index}@example.fr` }));
      await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: group.id, members: emails(0, 1000) }, adminA);
      await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: group.id, members: emails(1000, 1000) }, adminA);
      await expect(svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: group.id, members: emails(2000, 1) }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { members: 'Au plus 2000 instructeurs par groupe.' } });
      await expect(svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: 'groupe;email\nAutre;x@example.fr\nGrand;agent9999@example.fr' }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await memberRows(procedure.id)).toHaveLength(2000);
      expect((await list(procedure.id)).items.map((item) => item.label)).toEqual(['Groupe par défaut', 'Grand']);
    });

    it('refuses to delete a group with members unless they move; moving merges duplicates', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const nord = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
      const sud = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Sud' }, adminA);
      const empty = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Vide' }, adminA);
      await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: nord.id, members: [{ email: 'a@example.fr' }, { email: 'b@example.fr' }] }, adminA);
      await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: sud.id, members: [{ email: 'b@example.fr' }] }, adminA);

      await expect(svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id }, adminA)).rejects.toMatchObject({ code: 'CONFLICT', fields: { moveMembersTo: expect.any(String) as string } });
      await expect(svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id, moveMembersTo: nord.id }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id, moveMembersTo: randomUUID() }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await memberRows(procedure.id)).toHaveLength(3);

      await svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id, moveMembersTo: sud.id }, adminA);
      expect((await svc.request(groupContracts.get, { procedureId: procedure.id, groupId: sud.id }, adminA)).members.map((member) => member.email)).toEqual(['a@example.fr', 'b@example.fr']);
      await svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: empty.id }, adminA);
      expect((await list(procedure.id)).items.map((group) => group.label)).toEqual(['Groupe par défaut', 'Sud']);
      await expect(svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: empty.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('reorders groups with the complete list, and refuses a partial or foreign one', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((label) => svc.request(groupContracts.create, { procedureId: procedure.id, label }, adminA)));
      const { items } = await list(procedure.id);
      const fallback = items.find((group) => group.isDefault)!;
      await svc.request(groupContracts.reorder, { procedureId: procedure.id, groupIds: [c!.id, a!.id, b!.id] }, adminA);
      expect((await list(procedure.id)).items.map((group) => group.label)).toEqual(['Groupe par défaut', 'C', 'A', 'B']);
      await svc.request(groupContracts.reorder, { procedureId: procedure.id, groupIds: [fallback.id, b!.id, c!.id, a!.id] }, adminA);
      expect((await list(procedure.id)).items.map((group) => group.label)).toEqual(['Groupe par défaut', 'B', 'C', 'A']);
      for (const groupIds of [[a!.id, b!.id], [a!.id, b!.id, b!.id], [a!.id, b!.id, randomUUID()]]) {
        await expect(svc.request(groupContracts.reorder, { procedureId: procedure.id, groupIds }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { groupIds: expect.any(String) as string } });
      }
    });
  });

  describe('the groups a dashboard filters on', () => {
    const visible = (procedureId: string, ctx: BusContext, page: { after?: string; limit?: number } = {}) => svc.request(groupContracts.visible, { procedureId, ...page }, ctx);

    it('gives an administrateur every group and an instructeur theirs, by name (accents, case and numbers as people read them)', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const other = await svc.createProcedure(tenantA);
      const ines = instructeurOf(tenantA);
      const inesEmail = ines.actor?.email ?? '';
      // Created out of name order; « Groupe par défaut » exists from the first read.
      const csv = ['groupe;email', `Zone 10;${inesEmail.toUpperCase()}`, 'Zone 2;autre@example.fr', `Étampes;${inesEmail}`, 'esterel;autre@example.fr', `Abbeville;autre@example.fr`].join('\n');
      await svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv }, adminA);
      await svc.request(groupContracts.importCsv, { procedureId: other.id, csv: `groupe;email\nAilleurs;${inesEmail}` }, adminA);

      const everyGroup = ['Abbeville', 'esterel', 'Étampes', 'Groupe par défaut', 'Zone 2', 'Zone 10'];
      expect((await visible(procedure.id, adminA)).items.map((group) => group.label)).toEqual(everyGroup);
      expect((await visible(procedure.id, systemCaller(tenantA))).items.map((group) => group.label)).toEqual(everyGroup);
      // An instructeur: their groups of this procedure only (the address is matched without case).
      const mine = await visible(procedure.id, ines);
      expect(mine).toEqual({ items: [expect.objectContaining({ label: 'Étampes' }), expect.objectContaining({ label: 'Zone 10' })], next: null });
      const byLabel = new Map((await list(procedure.id)).items.map((group) => [group.label, group.id]));
      expect(mine.items.map((group) => group.id)).toEqual([byLabel.get('Étampes'), byLabel.get('Zone 10')]);
      // An administrateur who is also an instructeur reads every dossier: every group.
      const both: BusContext = { tenantId: tenantA, actor: actor(['administrateur', 'instructeur'], { email: inesEmail }) };
      expect((await visible(procedure.id, both)).items.map((group) => group.label)).toEqual(everyGroup);
      // An instructeur of none of its groups: none.
      expect((await visible(procedure.id, instructeurA)).items).toEqual([]);
    });

    it('pages by name with a cursor and refuses a forged one; outsiders learn nothing', async () => {
      const procedure = await svc.createProcedure(tenantA);
      await svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: ['groupe;email', ...['D', 'b', 'C', 'a'].map((label) => `${label};x@example.fr`)].join('\n') }, adminA);
      const labels: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await visible(procedure.id, adminA, { limit: 2, ...(after !== undefined ? { after } : {}) });
        labels.push(...page.items.map((group) => group.label));
        after = page.next ?? undefined;
        pages += 1;
      } while (after !== undefined);
      expect(labels).toEqual(['a', 'b', 'C', 'D', 'Groupe par défaut']);
      expect(pages).toBe(3);
      for (const forged of ['pas-un-curseur', Buffer.from(JSON.stringify(['a', 'pas-un-id'])).toString('base64url')]) {
        await expect(visible(procedure.id, adminA, { after: forged })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { after: 'Curseur invalide.' } });
      }
      await expect(visible(procedure.id, adminA, { limit: 1001 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      for (const ctx of [adminB, instructeurOf(tenantB), usager(), {}, systemCaller(tenantB)]) {
        await expect(visible(procedure.id, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Démarche introuvable.' });
      }
    });
  });

  describe('authorization', () => {
    it('hides a procedure’s groups from another tenant, usagers, and callers without a tenant', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const group = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
      const outsiders: BusContext[] = [adminB, instructeurOf(tenantB), usager(), {}, systemCaller(tenantB), { tenantId: 'pas-un-uuid', actor: adminA.actor! }];
      for (const ctx of outsiders) {
        await expect(list(procedure.id, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Démarche introuvable.' });
        await expect(svc.request(groupContracts.get, { procedureId: procedure.id, groupId: group.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Intrus' }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: group.id }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: 'groupe;email\nIntrus;x@example.fr' }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      expect((await list(procedure.id)).items.map((item) => item.label)).toEqual(['Groupe par défaut', 'Nord']);
    });

    it('lets instructeurs read but not edit', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const group = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
      await expect(svc.request(groupContracts.get, { procedureId: procedure.id, groupId: group.id }, instructeurA)).resolves.toMatchObject({ label: 'Nord' });
      const edits = [
        () => svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Sud' }, instructeurA),
        () => svc.request(groupContracts.update, { procedureId: procedure.id, groupId: group.id, label: 'Sud' }, instructeurA),
        () => svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: group.id, members: [{ email: 'moi@example.fr' }] }, instructeurA),
        () => svc.request(groupContracts.reorder, { procedureId: procedure.id, groupIds: [group.id] }, instructeurA),
        () => svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: 'groupe;email\nSud;moi@example.fr' }, instructeurA),
      ];
      for (const edit of edits) await expect(edit()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await memberRows(procedure.id)).toEqual([]);
    });

    it('does not find a group through another procedure of the same tenant', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const other = await svc.createProcedure(tenantA);
      const group = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
      await expect(svc.request(groupContracts.get, { procedureId: other.id, groupId: group.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Groupe introuvable.' });
      await expect(svc.request(groupContracts.delete, { procedureId: other.id, groupId: group.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('CSV import', () => {
    it('creates missing groups and members, keeps existing ones, in file order', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const nord = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
      await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: nord.id, members: [{ email: 'alice@example.fr' }] }, adminA);
      const csv = '\uFEFFgroupe;email\r\nNord;ALICE@example.fr\r\nNord;bob@example.fr\r\nSud;bob@example.fr\r\n"Est; ""centre""";carol@example.fr\r\nSud;dan@example.fr\r\n';
      const result = await svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv }, adminA);
      expect(result).toEqual({ groupsCreated: 2, membersAdded: 4, membersAlreadyPresent: 1 });
      const { items } = await list(procedure.id);
      expect(items.map((group) => [group.label, group.memberCount])).toEqual([
        ['Groupe par défaut', 0],
        ['Nord', 2],
        ['Sud', 2],
        ['Est; "centre"', 1],
      ]);
      // Importing the same file again changes nothing.
      expect(await svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv }, adminA)).toEqual({ groupsCreated: 0, membersAdded: 0, membersAlreadyPresent: 5 });
    });

    it('accepts a comma-separated file', async () => {
      const procedure = await svc.createProcedure(tenantA);
      expect(await svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: 'groupe,email\nNord,a@example.fr\n' }, adminA)).toEqual({ groupsCreated: 1, membersAdded: 1, membersAlreadyPresent: 0 });
    });

    it('refuses a malformed file with the numbers of its bad lines, and saves nothing', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const lines = ['groupe;email', ...Array.from({ length: 10 }, (_, index) => `Groupe ${index};agent${index}@example.fr`), 'Nord;pas-une-adresse', ';x@example.fr', 'Sud'];
      await expect(svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: lines.join('\n') }, adminA)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'Le fichier contient des erreurs ; rien n’a été importé.',
        fields: { 'lines.12': 'Adresse électronique invalide.', 'lines.13': 'Nom de groupe manquant.', 'lines.14': 'Deux colonnes attendues (groupe;email), 1 trouvée(s).' },
      });
      await expect(svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: 'nom;mail\nNord;a@example.fr' }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'lines.1': expect.any(String) as string } });
      await expect(svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: '' }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await memberRows(procedure.id)).toEqual([]);
      expect((await groupRows(procedure.id)).filter((row) => !row.is_default)).toEqual([]);
    });

    it('is all or nothing when the database refuses part of it', async () => {
      const procedure = await svc.createProcedure(tenantA);
      await list(procedure.id);
      // A trigger stands in for a failure half-way (disk, constraint): the groups written before must go too.
      await svc.sql(`create or replace function procedures.fail_on_boom() returns trigger language plpgsql as $$ begin if new.account_email = 'boom@example.fr' then raise exception 'boom'; end if; return new; end $$`);
      await svc.sql(`create trigger group_member_boom before insert on procedures.group_member for each row execute function procedures.fail_on_boom()`);
      try {
        const csv = 'groupe;email\nNord;a@example.fr\nSud;b@example.fr\nOuest;boom@example.fr\nEst;c@example.fr';
        await expect(svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv }, adminA)).rejects.toMatchObject({ code: 'INTERNAL' });
      } finally {
        await svc.sql('drop trigger group_member_boom on procedures.group_member');
      }
      expect(await memberRows(procedure.id)).toEqual([]);
      expect(await groupRows(procedure.id)).toEqual([{ label: 'Groupe par défaut', is_default: true }]);
    });
  });
});
