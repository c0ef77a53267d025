import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportContracts, exportEvents, GuichetError, type Actor, type BusContext, type ExportJob as ExportJobDto, type Procedure } from '@guichet/contracts';
import { OutboxEvent } from '@guichet/platform-persistence';
import { waitFor } from '@guichet/platform-testing';
import { parseCsv } from '../testing/csv-parser';
import { startExports, type ExportsHarness } from '../testing/exports-harness';
import { agent, defaultGroupOf, dossier, field, procedure, usager } from '../testing/factories';
import { ExportJob } from './export-job.entity';

// Integration: the exports service in-process with its own S3 server (s3rver), real PostgreSQL and
// NATS. procedures.procedure.get and dossiers.dossier.list_for_procedure are answered by responders
// on the test bus (other teams' services).

const tricky = 'Résidence "Les Pins"; bâtiment B\nescalier 2';

describe('exports: CSV of a procedure’s dossiers', () => {
  let h: ExportsHarness;
  const tenantId = randomUUID();
  const otherTenantId = randomUUID();
  const instructeur = agent('instructeur');
  const outsider = agent('instructeur');
  const address = field({ type: 'textarea', label: 'Adresse' });
  const birth = field({ type: 'date', label: 'Date de naissance' });
  const consent = field({ type: 'checkbox', label: 'Consentement' });
  const proofs = field({ type: 'piece_justificative', label: 'Justificatifs' });
  const section = field({ type: 'header_section', label: 'Identité' });
  let big: Procedure;

  const as = (actor: Actor, tenant: string): BusContext => ({ actor, tenantId: tenant });
  const create = (procedureId: string, ctx: BusContext = as(instructeur, tenantId)) => h.platform.bus.request(exportContracts.create, { procedureId, format: 'csv' }, ctx);
  const get = (exportId: string, ctx: BusContext = as(instructeur, tenantId)) => h.platform.bus.request(exportContracts.get, { exportId }, ctx);
  const settled = (exportId: string) =>
    waitFor(
      async () => {
        const job = await get(exportId);
        return job.status === 'ready' || job.status === 'failed' ? job : undefined;
      },
      { timeoutMs: 20_000, description: `export ${exportId} to settle` },
    );
  const readyEvents = async (exportId: string) =>
    (await h.orm.em.fork().find(OutboxEvent, { subject: exportEvents.ready.subject })).filter((row) => (row.envelope.data as { exportId: string }).exportId === exportId);
  /** The instructeur belongs to the default group of each procedure the tests add. */
  const joinDefaultGroup = (proc: Procedure) => {
    const groups = h.agentGroups.get(instructeur.email.toLowerCase()) ?? [];
    h.setAgentGroups(proc.tenantId, instructeur.email, [...groups, { groupId: defaultGroupOf(proc), procedureId: proc.id }]);
  };
  const addProcedure = (proc: Procedure, count: number): Procedure => {
    h.procedures.set(proc.id, proc);
    joinDefaultGroup(proc);
    h.dossiers.set(
      proc.id,
      Array.from({ length: count }, (_, i) => dossier(proc, i + 1)),
    );
    return proc;
  };

  beforeAll(async () => {
    h = await startExports();
    big = addProcedure(procedure(tenantId, [section, address, birth, consent, proofs]), 0);
    // 450 dossiers, given out of order: the dossiers service pages by number.
    const list = Array.from({ length: 450 }, (_, i) => dossier(big, 450 - i));
    const special = list.find((d) => d.number === 321);
    if (special) {
      special.state = 'accepte';
      special.decidedAt = '2026-07-14T08:05:00.000Z';
      special.values = {
        [address.stableId]: tricky,
        [birth.stableId]: '2008-02-29',
        [consent.stableId]: true,
        [proofs.stableId]: [
          { fileId: randomUUID(), fileName: 'rib.pdf' },
          { fileId: randomUUID(), fileName: 'attestation; CAF.pdf' },
        ],
      };
    }
    h.dossiers.set(big.id, list);
  });

  it('exports the dossiers of the asking instructeur’s groups only; an administrateur’s covers the procedure', async () => {
    const shared = addProcedure(procedure(tenantId, [address]), 0);
    const otherGroup = randomUUID();
    h.dossiers.set(shared.id, [dossier(shared, 1), dossier(shared, 2, { groupeInstructeur: { id: otherGroup, label: 'Nord' } }), dossier(shared, 3)]);
    const colleague = agent('instructeur');
    h.setAgentGroups(shared.tenantId, colleague.email, [{ groupId: otherGroup, procedureId: shared.id }]);

    const mine = await settled((await create(shared.id)).id);
    expect(mine).toMatchObject({ status: 'ready', dossierCount: 2 });
    expect(h.listCalls.filter((call) => call.payload.procedureId === shared.id).every((call) => call.payload.groupIds?.join() === defaultGroupOf(shared))).toBe(true);
    const { download } = await h.platform.bus.request(exportContracts.presignDownload, { exportId: mine.id }, as(instructeur, tenantId));
    const rows = parseCsv((await (await fetch(download.url)).text()).replace(/^\uFEFF/, ''));
    expect(rows.slice(1).map((row) => row[0])).toEqual(['1', '3']);
    // A colleague of another group neither follows nor downloads it: it holds dossiers they do not see.
    await expect(get(mine.id, as(colleague, tenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(exportContracts.presignDownload, { exportId: mine.id }, as(colleague, tenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const administrateur = agent('administrateur');
    const all = await h.platform.bus.request(exportContracts.create, { procedureId: shared.id, format: 'csv' }, as(administrateur, tenantId));
    const done = await waitFor(async () => {
      const job = await get(all.id, as(administrateur, tenantId));
      return job.status === 'ready' ? job : undefined;
    }, { timeoutMs: 20_000, description: 'the administrateur’s export' });
    expect(done.dossierCount).toBe(3);
    // The instructeur does not see the administrateur's: it covers another group.
    await expect(get(all.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('creates its bucket at boot when it is missing', async () => {
    expect(await h.minio.bucketExists('exports')).toBe(true);
  });

  it('exports 450 dossiers across pages into one CSV with a header and 450 rows, correctly quoted', async () => {
    const created = await create(big.id);
    expect(created).toMatchObject({ procedureId: big.id, format: 'csv', status: 'pending', dossierCount: null, error: null, readyAt: null });
    const job = await settled(created.id);
    expect(job).toMatchObject({ status: 'ready', dossierCount: 450, error: null });

    // Three pages of at most 200, asked as the exports service for the procedure's tenant.
    const calls = h.listCalls.filter((call) => call.payload.procedureId === big.id);
    expect(calls.map((call) => [call.payload.limit, call.payload.after])).toEqual([
      [200, undefined],
      [200, '200'],
      [200, '400'],
    ]);
    expect(calls.every((call) => call.ctx.system === 'exports' && call.ctx.tenantId === tenantId && call.ctx.actor === undefined)).toBe(true);

    const row = await h.orm.em.fork().findOneOrFail(ExportJob, { id: created.id });
    expect(row).toMatchObject({ objectKey: `exports/${tenantId}/${created.id}.csv`, requestedBy: instructeur.accountId, leaseToken: null });
    const events = await readyEvents(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.envelope).toMatchObject({ tenantId, data: { exportId: created.id, procedureId: big.id, dossierCount: 450 } });

    const { download } = await h.platform.bus.request(exportContracts.presignDownload, { exportId: created.id }, as(instructeur, tenantId));
    expect(new URL(download.url).host).toBe(h.publicHost);
    const response = await fetch(download.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`${big.path}-dossiers-`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);

    const records = parseCsv(text);
    expect(records).toHaveLength(451);
    expect(records[0]).toEqual(['Numéro', 'État', 'Déposé le', 'Décidé le', 'Demandeur nom', 'Demandeur prénom', 'Demandeur e-mail', 'Adresse', 'Date de naissance', 'Consentement', 'Justificatifs']);
    expect(records.slice(1).map((record) => record[0])).toEqual(Array.from({ length: 450 }, (_, i) => String(i + 1)));
    expect(records.every((record) => record.length === 11)).toBe(true);
    expect(records[321]).toEqual(['321', 'Accepté', '01/06/2026 10:00', '14/07/2026 10:05', 'Martin-321', 'Jeanne', 'demandeur321@example.fr', tricky, '29/02/2008', 'Oui', 'rib.pdf, attestation; CAF.pdf']);
    expect(records[1]).toEqual(['1', 'En construction', '01/06/2026 10:00', '', 'Martin-1', 'Jeanne', 'demandeur1@example.fr', '', '', '', '']);
    // On the wire: `;` separated, CRLF records, the tricky cell quoted with its quotes doubled.
    expect(text).toContain(`;"Résidence ""Les Pins""; bâtiment B\nescalier 2";29/02/2008;Oui;"rib.pdf, attestation; CAF.pdf"\r\n`);
    expect(text.startsWith('Numéro;État;Déposé le;')).toBe(true);
  });

  it('exports an empty procedure as a header only', async () => {
    const empty = addProcedure(procedure(tenantId, [address]), 0);
    const job = await settled((await create(empty.id)).id);
    expect(job).toMatchObject({ status: 'ready', dossierCount: 0 });
    const { download } = await h.platform.bus.request(exportContracts.presignDownload, { exportId: job.id }, as(instructeur, tenantId));
    expect(parseCsv((await (await fetch(download.url)).text()).replace(/^\uFEFF/, ''))).toHaveLength(1);
  });

  it('answers NOT_FOUND for another tenant’s procedure or export, and to anyone but its agents', async () => {
    const small = addProcedure(procedure(tenantId, []), 3);
    const job = await create(small.id);
    await expect(create(small.id, as(outsider, otherTenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Naming the procedure's tenant does not help a usager, nor an agent's role held elsewhere.
    await expect(create(small.id, { actor: usager(), tenantId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(create(small.id, { system: 'gateway', tenantId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(create(randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const otherProcedure = addProcedure(procedure(otherTenantId, []), 1);
    await expect(create(otherProcedure.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await expect(get(job.id, as(outsider, otherTenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(exportContracts.presignDownload, { exportId: job.id }, as(outsider, otherTenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(get(job.id, { actor: usager(), tenantId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(get(randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // An administrateur of the tenant may follow it too, not only the one who asked.
    await expect(get(job.id, as(agent('administrateur'), tenantId))).resolves.toMatchObject({ id: job.id });
    expect(await h.orm.em.fork().count(ExportJob, { procedureId: otherProcedure.id })).toBe(0);
  });

  it('answers EXPORT_NOT_READY while the export is being produced', async () => {
    const slow = addProcedure(procedure(tenantId, []), 5);
    let open: () => void = () => undefined;
    h.gates.set(slow.id, new Promise<void>((resolve) => (open = resolve)));
    const job = await create(slow.id);
    await waitFor(async () => (await get(job.id)).status === 'running', { timeoutMs: 10_000 });
    await expect(h.platform.bus.request(exportContracts.presignDownload, { exportId: job.id }, as(instructeur, tenantId))).rejects.toMatchObject({ code: 'EXPORT_NOT_READY' });
    open();
    expect(await settled(job.id)).toMatchObject({ status: 'ready', dossierCount: 5 });
  });

  it('marks the export failed with a French error when the dossiers service fails, and announces nothing', async () => {
    const broken = addProcedure(procedure(tenantId, []), 2);
    h.failingProcedures.set(broken.id, new GuichetError('UNAVAILABLE', 'Service indisponible (dossiers).'));
    const job = await settled((await create(broken.id)).id);
    expect(job).toMatchObject({ status: 'failed', dossierCount: null, error: expect.stringContaining('n’a pas répondu') as string });
    await expect(h.platform.bus.request(exportContracts.presignDownload, { exportId: job.id }, as(instructeur, tenantId))).rejects.toMatchObject({
      code: 'EXPORT_NOT_READY',
      message: expect.stringContaining('échoué') as string,
    });
    expect(await readyEvents(job.id)).toHaveLength(0);
  });

  it('takes over a job left running by a crashed worker once its lease has expired, not before', async () => {
    const small = addProcedure(procedure(tenantId, []), 4);
    const em = h.orm.em.fork();
    const stale = (minutesAgo: number, leaseInMinutes: number, attempts: number): ExportJobDto['id'] => {
      const id = randomUUID();
      em.create(ExportJob, {
        id,
        tenantId,
        procedureId: small.id,
        requestedBy: instructeur.accountId,
        objectKey: `exports/${tenantId}/${id}.csv`,
        status: 'running',
        attempts,
        leaseToken: randomUUID(),
        leaseExpiresAt: new Date(Date.now() + leaseInMinutes * 60_000),
        createdAt: new Date(Date.now() - minutesAgo * 60_000),
      });
      return id;
    };
    const held = stale(30, 60, 1);
    const crashed = stale(20, -1, 1);
    const crashedTooOften = stale(10, -1, 3);
    await em.flush();

    expect(await settled(crashed)).toMatchObject({ status: 'ready', dossierCount: 4 });
    expect(await settled(crashedTooOften)).toMatchObject({ status: 'failed', error: expect.stringContaining('interrompu') as string });
    // A job queued after them is done too, while the one whose lease still runs is left to its worker.
    const later = await settled((await create(small.id)).id);
    expect(later.status).toBe('ready');
    expect(await get(held)).toMatchObject({ status: 'running' });
  });

  it('refuses payloads that break the contract at the receiving edge', async () => {
    const subject = h.platform.bus.names.wire(exportContracts.create.subject);
    const reply = async (body: unknown) => JSON.parse(new TextDecoder().decode((await h.platform.bus.nc.request(subject, new TextEncoder().encode(JSON.stringify(body)))).data)) as unknown;
    expect(await reply({ procedureId: 'pas-un-uuid' })).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(await reply({ procedureId: big.id, format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    await expect(h.platform.bus.request(exportContracts.get, { exportId: 'x' }, as(instructeur, tenantId))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
