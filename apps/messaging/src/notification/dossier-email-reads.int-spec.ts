import { randomUUID } from 'node:crypto';
import { dossierEventContracts, procedureContracts, procedureNotices, type BusContext, type Revision } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDossierChange, aField, anEnvelope, aProcedure, aRevision } from '../testing/messaging.factories';
import { MessagingHarness } from '../testing/messaging.harness';

/**
 * What a dossier's e-mail asks of procedures: its template (and title), read once and kept until
 * procedures announces a change of the procedure, and the revision's fields, read once per published
 * revision. Procedures is answered by responders
 * on the test's bus client, as in notification-emails.int-spec.ts, here with `get_mail_template`.
 */
describe('messaging: what a dossier’s e-mail reads of its procedure', () => {
  let harness: MessagingHarness;
  const tenantId = randomUUID();
  const monument = aField({ type: 'text', label: 'Nom du monument' });
  const procedure = aProcedure({ tenantId });
  const published: Revision = aRevision({ procedureId: procedure.id, tenantId, fields: [monument] });
  const draft: Revision = aRevision({ procedureId: procedure.id, tenantId, fields: [monument], publishedAt: null });
  let subject = 'Dossier n° --numéro du dossier-- déposé';
  const calls: { subject: string; payload: unknown; ctx: BusContext }[] = [];

  beforeAll(async () => {
    harness = await MessagingHarness.start();
    const { bus } = harness.platform;
    bus.serve(procedureContracts.getMailTemplate, async (payload, ctx) => {
      calls.push({ subject: procedureContracts.getMailTemplate.subject, payload, ctx });
      return { title: procedure.title, template: { subject, body: `Bonjour --prénom--, dossier « --${monument.label}-- ».` } };
    });
    bus.serve(procedureContracts.getRevision, async (payload, ctx) => {
      calls.push({ subject: procedureContracts.getRevision.subject, payload, ctx });
      return [published, draft].find((revision) => revision.id === payload.revisionId) ?? published;
    });
    bus.serve(procedureContracts.get, async (payload, ctx) => {
      calls.push({ subject: procedureContracts.get.subject, payload, ctx });
      return procedure;
    });
    await bus.nc.flush();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const submit = async (revisionId: string) => {
    const change = aDossierChange({ procedureId: procedure.id, procedureTitle: procedure.title, revisionId, values: { [monument.stableId]: 'Château de Vincennes' } });
    await harness.platform.events.publish(dossierEventContracts.stateChanged.subject, anEnvelope(dossierEventContracts.stateChanged.type, change, tenantId));
    return harness.sink.waitForMessage((mail) => mail.to.includes(change.usager.email), { timeoutMs: 10_000 });
  };
  const asked = (what: string) => calls.filter((call) => call.subject === what);

  it('reads the template once until procedures announces a change, and a published revision once', async () => {
    const first = await submit(published.id);
    expect(first.text).toContain('« Château de Vincennes »');
    subject = 'Votre dossier n° --numéro du dossier-- est arrivé';
    const kept = await submit(published.id);
    expect(kept.subject).toMatch(/^Dossier n° \d+ déposé$/);
    expect(asked(procedureContracts.getMailTemplate.subject)).toHaveLength(1);

    // Another procedure's change keeps it; this one's drops it.
    harness.platform.bus.notify(procedureNotices.changed, { procedureId: randomUUID() });
    await submit(published.id);
    expect(asked(procedureContracts.getMailTemplate.subject)).toHaveLength(1);
    harness.platform.bus.notify(procedureNotices.changed, { procedureId: procedure.id });
    const second = await submit(published.id);
    expect(second.subject).toMatch(/^Votre dossier n° \d+ est arrivé$/);

    expect(asked(procedureContracts.getMailTemplate.subject)).toHaveLength(2);
    expect(asked(procedureContracts.getMailTemplate.subject)[0]).toMatchObject({ payload: { procedureId: procedure.id, kind: 'initiated' }, ctx: { system: 'messaging', tenantId } });
    expect(asked(procedureContracts.getRevision.subject)).toHaveLength(1);
    expect(asked(procedureContracts.get.subject)).toHaveLength(0);
  });

  it('reads a draft revision (a test dossier’s) at each e-mail', async () => {
    const before = asked(procedureContracts.getRevision.subject).length;
    await submit(draft.id);
    await submit(draft.id);
    expect(asked(procedureContracts.getRevision.subject).length - before).toBe(2);
  });
});
