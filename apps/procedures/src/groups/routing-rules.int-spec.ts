import { randomUUID } from 'node:crypto';
import { groupContracts, procedureContracts, type Procedure } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field, instructeurOf, systemCaller } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';
import { GroupRouter } from './group.router';
import type { Condition } from '@guichet/conditions';

const tenantA = randomUUID();
const adminA = administrateurOf(tenantA);
const system = systemCaller(tenantA);

/** Conditions of @guichet/conditions, written briefly. */
const RULES = {
  eq: (field: string, value: string | number): Condition => ({ kind: 'comparison', field, operator: 'eq', value }),
  gt: (field: string, value: number): Condition => ({ kind: 'comparison', field, operator: 'gt', value }),
  notEmpty: (field: string): Condition => ({ kind: 'comparison', field, operator: 'not_empty' }),
  and: (...conditions: Condition[]): Condition => ({ kind: 'and', conditions }),
};

describe('procedures: routing rules', () => {
  let svc: ProceduresUnderTest;
  const departement = field({ label: 'Département', type: 'drop_down_list', options: { choices: ['59', '62', '13', '75'] } });
  const theme = field({ label: 'Thème', type: 'drop_down_list', options: { choices: ['Sport', 'Culture'] } });
  const montant = field({ label: 'Montant', type: 'integer_number', options: { min: 0 } });

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  async function publishedProcedure(): Promise<Procedure> {
    const procedure = await svc.request(procedureContracts.create, { title: 'Subventions', path: `routage-${randomUUID().slice(0, 8)}`, tenantName: 'Préfecture' }, adminA);
    await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [departement, theme, montant] }, adminA);
    return svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA);
  }

  const group = (procedureId: string, label: string, routingRule: Condition | Record<string, unknown> | null, active = true) => svc.request(groupContracts.create, { procedureId, label, routingRule, active }, adminA);
  const route = (procedureId: string, values: Record<string, unknown>) => svc.request(groupContracts.route, { procedureId, values }, system);

  it('gives the dossier to the first active group whose rule matches, else to the default group', async () => {
    const procedure = await publishedProcedure();
    const off = await group(procedure.id, 'Nord (fermé)', RULES.eq(departement.stableId, '59'), false);
    const nordSport = await group(procedure.id, 'Nord sport', RULES.and(RULES.eq(departement.stableId, '59'), RULES.eq(theme.stableId, 'Sport')));
    const nord = await group(procedure.id, 'Nord', RULES.eq(departement.stableId, '59'));
    const gros = await group(procedure.id, 'Gros montants', RULES.gt(montant.stableId, 10_000));
    const fallback = (await svc.request(groupContracts.list, { procedureId: procedure.id }, adminA)).items.find((item) => item.isDefault)!;

    expect(await route(procedure.id, { [departement.stableId]: '59', [theme.stableId]: 'Sport' })).toEqual({ groupId: nordSport.id, label: 'Nord sport' });
    expect(await route(procedure.id, { [departement.stableId]: '59', [theme.stableId]: 'Culture', [montant.stableId]: 50_000 })).toEqual({ groupId: nord.id, label: 'Nord' });
    expect(await route(procedure.id, { [departement.stableId]: '13', [montant.stableId]: 50_000 })).toEqual({ groupId: gros.id, label: 'Gros montants' });
    expect(await route(procedure.id, { [departement.stableId]: '13', [montant.stableId]: 10 })).toEqual({ groupId: fallback.id, label: fallback.label });
    expect(await route(procedure.id, {})).toEqual({ groupId: fallback.id, label: fallback.label });
    expect(off.active).toBe(false);
  });

  it('sees a rule change, a deactivation, a reorder and a deletion at the next request', async () => {
    const procedure = await publishedProcedure();
    const nord = await group(procedure.id, 'Nord', RULES.eq(departement.stableId, '59'));
    const bis = await group(procedure.id, 'Nord bis', RULES.eq(departement.stableId, '59'));
    const values = { [departement.stableId]: '59' };
    expect((await route(procedure.id, values)).groupId).toBe(nord.id);
    const router = svc.platform.apps.get('procedures')!.get(GroupRouter);
    const cached = router.cachedTable(procedure.id);
    expect(cached?.ids).toEqual([nord.id, bis.id]);

    await svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: nord.id, routingRule: RULES.eq(departement.stableId, '62') }, adminA);
    expect((await route(procedure.id, values)).groupId).toBe(bis.id);
    expect(router.cachedTable(procedure.id)?.version).toBeGreaterThan(cached!.version);

    await svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: nord.id, routingRule: RULES.eq(departement.stableId, '59') }, adminA);
    expect((await route(procedure.id, values)).groupId).toBe(nord.id);
    await svc.request(groupContracts.reorder, { procedureId: procedure.id, groupIds: [bis.id, nord.id] }, adminA);
    expect((await route(procedure.id, values)).groupId).toBe(bis.id);
    await svc.request(groupContracts.update, { procedureId: procedure.id, groupId: bis.id, active: false }, adminA);
    expect((await route(procedure.id, values)).groupId).toBe(nord.id);
    await svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id }, adminA);
    expect((await route(procedure.id, values)).label).toBe('Groupe par défaut');
  });

  it('sees a change made behind its back (another replica) through the version row', async () => {
    const procedure = await publishedProcedure();
    const nord = await group(procedure.id, 'Nord', RULES.eq(departement.stableId, '59'));
    const values = { [departement.stableId]: '59' };
    expect((await route(procedure.id, values)).groupId).toBe(nord.id);
    // What another replica's edit leaves in the database: the row changed, the version bumped.
    await svc.sql('update procedures.instructor_group set active = false where id = $1', [nord.id]);
    expect((await route(procedure.id, values)).groupId).toBe(nord.id);
    await svc.sql('update procedures.instructor_group_set set version = version + 1 where procedure_id = $1', [procedure.id]);
    expect((await route(procedure.id, values)).label).toBe('Groupe par défaut');
  });

  it('refuses rules on missing fields, on structure fields, with operators the field does not support, or malformed', async () => {
    const procedure = await publishedProcedure();
    const nord = await group(procedure.id, 'Nord', null);
    const bad = [RULES.eq(randomUUID(), '59'), RULES.gt(theme.stableId, 3), RULES.eq(departement.stableId, '01'), { nonsense: true }, { kind: 'comparison', field: montant.stableId, operator: 'gt' }];
    for (const routingRule of bad) {
      await expect(svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: nord.id, routingRule }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(group(procedure.id, `Mauvais ${randomUUID().slice(0, 4)}`, routingRule)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await expect(svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: nord.id, routingRule: RULES.and(RULES.eq(departement.stableId, '59'), RULES.gt(theme.stableId, 3)) }, adminA)).rejects.toMatchObject({
      fields: { 'routingRule.conditions.1.operator': expect.stringContaining('ne s’applique pas au champ « Thème »') as string },
    });
    const commentaire = field({ label: 'Commentaire', type: 'text' });
    await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [departement, theme, montant, commentaire] }, adminA);
    await expect(svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: nord.id, routingRule: RULES.eq(commentaire.stableId, 'a\u0000b') }, adminA)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { routingRule: 'Caractère NUL interdit.' },
    });
    await expect(group(procedure.id, 'No\u0000rd', null)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: nord.id, routingRule: RULES.eq(randomUUID(), '59') }, adminA)).rejects.toMatchObject({
      fields: { 'routingRule.field': expect.stringContaining('n’existe pas') as string },
    });
    await expect(svc.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: nord.id, routingRule: RULES.eq(departement.stableId, '59') }, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { items } = await svc.request(groupContracts.list, { procedureId: procedure.id }, adminA);
    expect(items.map((item) => item.routingRule)).toEqual([null, null]);
  });

  it('routes by département and région of a commune, with the official lists', async () => {
    const commune = field({ label: 'Commune du projet', type: 'communes' });
    const procedure = await svc.request(procedureContracts.create, { title: 'Subventions', path: `routage-${randomUUID().slice(0, 8)}`, tenantName: 'Préfecture' }, adminA);
    await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [commune] }, adminA);
    await svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA);
    const nord = await group(procedure.id, 'Nord', { kind: 'comparison', field: commune.stableId, operator: 'in_departement', value: '59' });
    const hdf = await group(procedure.id, 'Hauts-de-France', { kind: 'comparison', field: commune.stableId, operator: 'in_region', value: '32' });
    expect((await route(procedure.id, { [commune.stableId]: '59350' })).groupId).toBe(nord.id);
    expect((await route(procedure.id, { [commune.stableId]: '62041' })).groupId).toBe(hdf.id);
    expect((await route(procedure.id, { [commune.stableId]: '13055' })).label).toBe('Groupe par défaut');
  });

  it('accepts a rule on a field of the draft not yet published', async () => {
    const procedure = await publishedProcedure();
    const commentaire = field({ label: 'Commentaire', type: 'text' });
    await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [departement, theme, montant, commentaire] }, adminA);
    await expect(group(procedure.id, 'Commentés', RULES.notEmpty(commentaire.stableId))).resolves.toMatchObject({ label: 'Commentés' });
  });
});
