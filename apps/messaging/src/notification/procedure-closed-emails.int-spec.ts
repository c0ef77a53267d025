import { randomUUID } from 'node:crypto';
import { dossierClosureContracts, GuichetError, procedureContracts, procedureEvents, type BrouillonUsager, type BusContext, type EventDataOf, type Procedure } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEnvelope, aProcedure } from '../testing/messaging.factories';
import { MessagingHarness, publicUrl } from '../testing/messaging.harness';

type Closed = EventDataOf<typeof procedureEvents.closed>;

/**
 * `procedure.closed` → one e-mail to each usager with a brouillon on the procedure, through the
 * real bus and SMTP sink. Procedures and dossiers are other services: `procedures.procedure.get`
 * and `dossiers.procedure.list_brouillon_usagers` are answered by responders on the test's bus
 * client (system callers of the procedure's tenant only; the latter in keyset pages of at most
 * two, as dossiers may answer fewer than asked).
 */
describe('messaging: usagers told when a procedure closes', () => {
  let harness: MessagingHarness;
  const tenantId = randomUUID();
  const durable = 'messaging__procedure_closed_emails';
  const procedures = new Map<string, Procedure>();
  /** Per procedure, the distinct usagers dossiers knows with a brouillon. */
  const brouillons = new Map<string, BrouillonUsager[]>();
  /** Page requests dossiers refuses (UNAVAILABLE) before answering, per procedure. */
  const failuresLeft = new Map<string, number>();
  const listCalls: { procedureId: string; after: string | undefined; ctx: BusContext }[] = [];

  const aClosedProcedure = (usagers: BrouillonUsager[]): Procedure => {
    const procedure: Procedure = { ...aProcedure({ tenantId }), state: 'close', title: `Subvention patrimoine ${randomUUID().slice(0, 6)}` };
    procedures.set(procedure.id, procedure);
    brouillons.set(procedure.id, usagers);
    return procedure;
  };
  const anUsager = (firstName = 'Amélie', lastName = 'Durand'): BrouillonUsager => ({ email: `usager-${randomUUID().slice(0, 8)}@example.fr`, firstName, lastName });
  const closed = (procedure: Procedure, data: Partial<Closed> = {}) =>
    anEnvelope<Closed>(
      procedureEvents.closed.type,
      {
        procedureId: procedure.id,
        reason: 'demarche_terminee',
        details: null,
        replacementProcedureId: null,
        replacementPath: null,
        closedAt: '2026-05-04T10:00:00.000Z',
        automatic: false,
        ...data,
      },
      tenantId,
    );
  const rowsFor = (eventId: string) =>
    harness.query<{ id: string; to: string; status: string }>(`select id, "to", status from messaging.email_message where id like ? order by "to"`, [`${eventId}.procedure_closed.%`]);
  const allSent = (eventId: string, count: number) =>
    waitFor(async () => {
      const rows = await rowsFor(eventId);
      return rows.length === count && rows.every((row) => row.status === 'sent');
    }, { timeoutMs: 15_000, description: `${count} e-mails sent` });

  beforeAll(async () => {
    harness = await MessagingHarness.start();
    const { bus } = harness.platform;
    bus.serve(procedureContracts.get, async ({ procedureId }, ctx) => {
      const found = procedures.get(procedureId);
      if (!found || ctx.tenantId !== found.tenantId) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      return found;
    });
    bus.serve(dossierClosureContracts.listBrouillonUsagers, async ({ procedureId, after, limit }, ctx) => {
      listCalls.push({ procedureId, after, ctx });
      if (ctx.system === undefined || ctx.tenantId === undefined) throw new GuichetError('FORBIDDEN', 'Réservé aux services.');
      const failures = failuresLeft.get(procedureId) ?? 0;
      if (after !== undefined && failures > 0) {
        failuresLeft.set(procedureId, failures - 1);
        throw new GuichetError('UNAVAILABLE', 'Service indisponible.');
      }
      const sorted = (procedures.get(procedureId)?.tenantId === ctx.tenantId ? (brouillons.get(procedureId) ?? []) : []).toSorted((a, b) => a.email.toLowerCase().localeCompare(b.email.toLowerCase()));
      const page = sorted.filter((usager) => after === undefined || usager.email.toLowerCase() > after).slice(0, Math.min(limit, 2));
      const last = page.at(-1);
      return { items: page, nextCursor: page.length === 2 && last !== undefined ? last.email.toLowerCase() : null };
    });
    await bus.nc.flush();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('e-mails each usager with a brouillon once, in French, with the reason, the details and the replacement’s link', async () => {
    const usagers = [anUsager('Alice', 'Martin'), anUsager('Bruno', 'Petit'), anUsager('Chloé', 'Roux'), anUsager('Denis', 'Blanc'), anUsager('Éva', 'Noir')];
    const procedure = aClosedProcedure(usagers);
    const envelope = closed(procedure, { reason: 'autre_demarche', details: 'Les demandes passent désormais par le guichet régional.', replacementProcedureId: randomUUID(), replacementPath: 'subvention-patrimoine-2027' });
    await harness.publish(procedureEvents.closed, envelope, envelope.id);
    await allSent(envelope.id, usagers.length);

    for (const usager of usagers) {
      const mails = harness.mailsTo(usager.email);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail?.subject).toBe(`La démarche « ${procedure.title} » est close`);
      expect(mail?.text).toContain(`Bonjour ${usager.firstName} ${usager.lastName},`);
      expect(mail?.text).toContain(`La démarche « ${procedure.title} » est close depuis le 04/05/2026 : elle est remplacée par une autre démarche.`);
      expect(mail?.text).toContain('Précisions de l’administration : Les demandes passent désormais par le guichet régional.');
      expect(mail?.text).toContain('ce brouillon ne peut plus être déposé');
      expect(mail?.text).toContain(`Vous pouvez faire votre demande sur la démarche qui la remplace : ${publicUrl}/commencer/subvention-patrimoine-2027`);
      expect(mail?.html).toContain(`${publicUrl}/commencer/subvention-patrimoine-2027`);
    }
    // Dossiers was asked page by page, as the messaging service of the procedure's tenant.
    const calls = listCalls.filter((call) => call.procedureId === procedure.id);
    expect(calls.map((call) => call.after)).toEqual([undefined, expect.any(String), expect.any(String)]);
    expect(calls.every((call) => call.ctx.system === 'messaging' && call.ctx.tenantId === tenantId)).toBe(true);

    // Delivered again (new Nats-Msg-Id): nothing more is queued or sent.
    const again = await harness.publish(procedureEvents.closed, envelope, randomUUID());
    await harness.waitForConsumer(durable, again);
    expect(await rowsFor(envelope.id)).toHaveLength(usagers.length);
    for (const usager of usagers) expect(harness.mailsTo(usager.email)).toHaveLength(1);
  });

  it('sends each e-mail once when dossiers fails midway and the event is retried', async () => {
    const usagers = [anUsager(), anUsager(), anUsager(), anUsager(), anUsager()];
    const procedure = aClosedProcedure(usagers);
    failuresLeft.set(procedure.id, 2);
    const envelope = closed(procedure);
    await harness.publish(procedureEvents.closed, envelope, envelope.id);
    await allSent(envelope.id, usagers.length);
    // The first page was asked at each attempt: the event was indeed retried.
    expect(listCalls.filter((call) => call.procedureId === procedure.id && call.after === undefined).length).toBeGreaterThanOrEqual(3);
    for (const usager of usagers) expect(harness.mailsTo(usager.email)).toHaveLength(1);
  });

  it('words the deadline, leaves out what the closure does not have, and sends nothing when there is no brouillon', async () => {
    const usager = anUsager('Gaston', 'Lagaffe');
    const procedure = aClosedProcedure([usager]);
    const envelope = closed(procedure, { reason: 'date_limite_atteinte', automatic: true });
    await harness.publish(procedureEvents.closed, envelope, envelope.id);
    const mail = await harness.sink.waitForMessage((m) => m.to.includes(usager.email), { timeoutMs: 10_000 });
    expect(mail.text).toContain('est close depuis le 04/05/2026 : la date limite de dépôt est atteinte.');
    expect(mail.text).not.toContain('Précisions');
    expect(mail.text).not.toContain('/commencer/');

    const empty = aClosedProcedure([]);
    const none = closed(empty, { reason: 'autre', details: 'Réorganisation du service.' });
    const seq = await harness.publish(procedureEvents.closed, none, none.id);
    await harness.waitForConsumer(durable, seq);
    expect(await rowsFor(none.id)).toEqual([]);
  });

  it('tells nobody when the procedure was republished before the event arrived (a late redelivery)', async () => {
    const usager = anUsager();
    const procedure = aClosedProcedure([usager]);
    procedures.set(procedure.id, { ...procedure, state: 'publiee' });
    const envelope = closed(procedure);
    const seq = await harness.publish(procedureEvents.closed, envelope, envelope.id);
    await harness.waitForConsumer(durable, seq);
    expect(await rowsFor(envelope.id)).toEqual([]);
    expect(listCalls.some((call) => call.procedureId === procedure.id)).toBe(false);
  });
});
