import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineNotice, defineRequest } from '@guichet/contracts';
import { createLogger } from '@guichet/platform-logging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from './bus';
import { NoticedCache } from './noticed-cache';

const namespace = `t${randomUUID().slice(0, 8)}`;
const servers = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const logger = createLogger('notices-test', 'silent');

const noteChanged = defineNotice('procedures', 'note.changed', z.object({ noteId: z.string().uuid() }));
const changeNote = defineRequest('procedures', 'procedures.note.change', z.object({ noteId: z.string().uuid(), text: z.string() }), z.object({ ok: z.boolean() }));
const readNote = defineRequest('dossiers', 'dossiers.note.read', z.object({ noteId: z.string().uuid() }), z.object({ text: z.string() }));

/**
 * Notices on a real NATS server: the owner of some data changes it and announces it before its
 * reply; another service keeps copies it asks the owner for, and drops them on notice. The caller
 * that made the change must read it through the other service at once, every time.
 */
describe('bus notices: copies dropped before the next request', () => {
  const notes = new Map<string, string>();
  let owner: Bus;
  let keeper: Bus;
  let caller: Bus;
  let asked = 0;

  beforeAll(async () => {
    const connect = (name: string) => Bus.connect({ servers, name, namespace, logger });
    [owner, keeper, caller] = await Promise.all([connect('owner'), connect('keeper'), connect('caller')]);
    const readOwn = defineRequest('procedures', 'procedures.note.get', z.object({ noteId: z.string().uuid() }), z.object({ text: z.string() }));
    owner.serve(changeNote, async ({ noteId, text }) => {
      notes.set(noteId, text);
      owner.notify(noteChanged, { noteId });
      return { ok: true };
    });
    owner.serve(readOwn, async ({ noteId }) => ({ text: notes.get(noteId) ?? '' }));
    const copies = new NoticedCache<string>({ maxOwners: 100 });
    keeper.listen(noteChanged, ({ noteId }) => copies.drop(noteId), () => copies.dropAll());
    keeper.serve(readNote, async ({ noteId }, ctx) => ({
      text: await copies.get(noteId, 'text', async () => {
        asked += 1;
        return (await keeper.request(readOwn, { noteId }, ctx)).text;
      }),
    }));
    await Promise.all([owner.nc.flush(), keeper.nc.flush()]);
  });

  afterAll(async () => {
    await Promise.all([owner?.drain(), keeper?.drain(), caller?.drain()]);
  });

  it('serves the change to the request that follows it, and asks the owner only after a change', async () => {
    const noteId = randomUUID();
    const system = { system: 'test' };
    for (let round = 0; round < 200; round += 1) {
      await caller.request(changeNote, { noteId, text: `version ${round}` }, system);
      expect((await caller.request(readNote, { noteId }, system)).text).toBe(`version ${round}`);
      expect((await caller.request(readNote, { noteId }, system)).text).toBe(`version ${round}`);
    }
    expect(asked).toBe(200);
  });

  it('skips a notice that breaks its contract', async () => {
    const noteId = randomUUID();
    await caller.request(changeNote, { noteId, text: 'kept' }, { system: 'test' });
    await caller.request(readNote, { noteId }, { system: 'test' });
    const before = asked;
    caller.nc.publish(`${namespace}.${noteChanged.subject}`, new TextEncoder().encode('{"noteId": 42}'));
    caller.nc.publish(`${namespace}.${noteChanged.subject}`, new TextEncoder().encode('not json'));
    await caller.nc.flush();
    expect((await caller.request(readNote, { noteId }, { system: 'test' })).text).toBe('kept');
    expect(asked).toBe(before);
  });
});
