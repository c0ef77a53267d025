import { randomUUID } from 'node:crypto';
import { GuichetError, procedureContracts, type BusContext, type RequestContract, type Revision } from '@guichet/contracts';
import type { Bus } from '@guichet/platform-bus';
import { describe, expect, it } from 'vitest';
import { maxKeptRevisions, ProcedureRevisions } from './index';

const tenantId = randomUUID();
const system: BusContext = { system: 'messaging', tenantId };

const revision = (overrides: Partial<Revision> = {}): Revision => ({ id: randomUUID(), procedureId: randomUUID(), tenantId, fields: [], annotations: [], publishedAt: '2026-01-01T00:00:00.000Z', ...overrides });

/** A bus double answering `procedures.revision.get` from `answer`; records every request. */
function fakeBus(answer: (revisionId: string, ctx: BusContext) => Revision) {
  const calls: { revisionId: string; ctx: BusContext }[] = [];
  const bus = {
    request: (contract: RequestContract, payload: { revisionId: string }, ctx: BusContext) => {
      expect(contract.subject).toBe(procedureContracts.getRevision.subject);
      calls.push({ revisionId: payload.revisionId, ctx });
      try {
        return Promise.resolve(answer(payload.revisionId, ctx));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
  };
  return { bus: bus as unknown as Bus, calls };
}

describe('ProcedureRevisions', () => {
  it('asks procedures once for a published revision, as the caller, then serves it from memory', async () => {
    const published = revision();
    const { bus, calls } = fakeBus(() => published);
    const revisions = new ProcedureRevisions(bus);
    const [first, second] = await Promise.all([revisions.get(published.id, system), revisions.get(published.id, system)]);
    expect(await revisions.get(published.id, { system: 'messaging' })).toBe(first);
    expect(first).toBe(second);
    expect(calls).toEqual([{ revisionId: published.id, ctx: system }]);
  });

  it('asks afresh for a draft (the form of test dossiers: the administrateur edits it)', async () => {
    let label = 'Nom';
    const id = randomUUID();
    const { bus, calls } = fakeBus(() => revision({ id, publishedAt: null, fields: [{ stableId: 'a', type: 'text', label, description: '', mandatory: false, options: {} }] }));
    const revisions = new ProcedureRevisions(bus);
    expect((await revisions.get(id, system)).fields[0]?.label).toBe('Nom');
    label = 'Nom de naissance';
    expect((await revisions.get(id, system)).fields[0]?.label).toBe('Nom de naissance');
    expect(calls).toHaveLength(2);
  });

  it('does not remember a refusal or a failure', async () => {
    const published = revision();
    let attempts = 0;
    const { bus } = fakeBus(() => {
      attempts += 1;
      if (attempts === 1) throw new GuichetError('UNAVAILABLE', 'indisponible');
      return published;
    });
    const revisions = new ProcedureRevisions(bus);
    await expect(revisions.get(published.id, system)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(revisions.get(published.id, system)).resolves.toBe(published);
    expect(attempts).toBe(2);
  });

  it('serves a kept revision only to callers of its tenant; another tenant’s caller is answered by procedures', async () => {
    const published = revision();
    const { bus, calls } = fakeBus((_id, ctx) => {
      if (ctx.tenantId !== tenantId) throw new GuichetError('NOT_FOUND', 'Révision introuvable.');
      return published;
    });
    const revisions = new ProcedureRevisions(bus);
    await revisions.get(published.id, system);
    await expect(revisions.get(published.id, { system: 'messaging', tenantId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toHaveLength(2);
  });

  it('forgets the least recently used revisions beyond its bound', async () => {
    const { bus, calls } = fakeBus((id) => revision({ id }));
    const revisions = new ProcedureRevisions(bus);
    const ids = Array.from({ length: maxKeptRevisions + 1 }, () => randomUUID());
    const [first, second] = ids as [string, string];
    await revisions.get(first, system);
    await revisions.get(second, system);
    await revisions.get(first, system);
    for (const id of ids.slice(2)) await revisions.get(id, system);
    const before = calls.length;
    await revisions.get(first, system);
    expect(calls.length).toBe(before);
    await revisions.get(second, system);
    expect(calls.length).toBe(before + 1);
  });
});
