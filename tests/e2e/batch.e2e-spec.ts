import { Client as MinioClient } from 'minio';
import { waitFor } from '@guichet/platform-testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { aPdf } from '../factories';
import type { ApiClient } from './support/http-client';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, control, mails, signUp, type PublishedProcedure, type TenantAgents } from './support/platform';

interface Batch {
  id: string;
  state: 'en_cours' | 'termine';
  total: number;
  succeeded: number;
  failed: number;
  items: { dossierId: string; status: string; error: { code: string; message: string } | null }[];
}

const count = 200;

/**
 * A batch accept of 200 dossiers through the gateway, with the documents service killed (SIGKILL)
 * in the middle and started again: every dossier accepted once, one e-mail and one attestation each.
 */
describe('batches: 200 dossiers accepted in one go, documents killed midway', () => {
  let tenant: TenantAgents;
  let procedure: PublishedProcedure;
  let usager: ApiClient;
  let usagerEmail: string;
  const dossiers: { id: string; number: number }[] = [];

  beforeAll(async () => {
    tenant = await aTenantWithAgents();
    procedure = await aPublishedProcedure(tenant);
    const signedUp = await signUp();
    usager = signedUp.client;
    usagerEmail = signedUp.account.email;
    const pdf = await aPdf();
    for (let index = 0; index < count; index += 1) dossiers.push(await aSubmittedDossier(usager, procedure, pdf, `Monument ${index}`));
  }, 240_000);

  const start = (body: Record<string, unknown>) => tenant.instructeur.post<Batch>(`/api/instructeur/procedures/${procedure.id}/lots`, body);
  const read = async (batch: Batch) => (await tenant.instructeur.get<Batch>(`/api/instructeur/lots/${batch.id}`)).body;
  const finished = (batch: Batch) =>
    waitFor(async () => {
      const current = await read(batch);
      return current.state === 'termine' ? current : undefined;
    }, { timeoutMs: 180_000, intervalMs: 250, description: `batch ${batch.id} finished` });

  it('takes the 200 dossiers into instruction, then accepts them while documents dies and comes back', async () => {
    // Every dossier of the « à suivre » list, in one batch.
    const received = await start({ action: 'passer_en_instruction', matching: { tab: 'a-suivre' } });
    expect(received.status).toBe(201);
    expect(received.body.total).toBe(count);
    expect(await finished(received.body)).toMatchObject({ succeeded: count, failed: 0 });

    const accepted = await start({ action: 'accepter', motivation: 'Dossier conforme.', dossierIds: dossiers.map((dossier) => dossier.id) });
    expect(accepted.status).toBe(201);
    // Once a fifth of the batch is done, documents is killed; it comes back a few seconds later.
    await waitFor(async () => ((await read(accepted.body)).succeeded >= count / 5 ? true : undefined), { timeoutMs: 60_000, intervalMs: 100, description: 'a fifth of the batch done' });
    await control('kill', 'documents');
    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      await control('start', 'documents');
    }
    const done = await finished(accepted.body);
    expect(done).toMatchObject({ total: count, succeeded: count, failed: 0 });

    // One attestation per dossier, each generated once.
    const s3 = inject('s3');
    const minio = new MinioClient({ endPoint: s3.endpoint, port: s3.port, useSSL: false, accessKey: s3.accessKey, secretKey: s3.secretKey, pathStyle: true });
    const attestations = async (): Promise<Map<string, number>> => {
      const perDossier = new Map<string, number>();
      for await (const item of minio.listObjectsV2('attestations', `attestations/${tenant.tenant.id}/`, true)) {
        const dossierId = item.name?.split('/')[2];
        if (dossierId !== undefined) perDossier.set(dossierId, (perDossier.get(dossierId) ?? 0) + 1);
      }
      return perDossier;
    };
    const generated = await waitFor(async () => {
      const perDossier = await attestations();
      return perDossier.size === count ? perDossier : undefined;
    }, { timeoutMs: 180_000, intervalMs: 1_000, description: 'an attestation for every dossier' });
    expect([...generated.values()].every((objects) => objects === 1)).toBe(true);
    expect([...generated.keys()].sort()).toEqual(dossiers.map((dossier) => dossier.id).sort());

    // One « accepté » e-mail per dossier.
    const acceptances = await waitFor(async () => {
      const sent = (await mails()).filter((mail) => mail.to.includes(usagerEmail) && mail.subject.endsWith('accepté'));
      return sent.length >= count ? sent : undefined;
    }, { timeoutMs: 120_000, intervalMs: 1_000, description: 'an acceptance e-mail for every dossier' });
    const perNumber = new Map<string, number>();
    for (const mail of acceptances) {
      const number = /n° (\d+)/.exec(mail.subject)?.[1] ?? '?';
      perNumber.set(number, (perNumber.get(number) ?? 0) + 1);
    }
    expect(perNumber.size).toBe(count);
    expect([...perNumber.values()].every((sent) => sent === 1)).toBe(true);
  }, 600_000);

  it('refuses a batch of 501 dossiers, a refusal without motivation, and another agent reading the batch', async () => {
    const many = Array.from({ length: 501 }, () => dossiers[0]!.id);
    const tooMany = await start({ action: 'suivre', dossierIds: many });
    expect(tooMany.status).toBe(422);
    const unmotivated = await start({ action: 'refuser', dossierIds: [dossiers[0]!.id] });
    expect(unmotivated.status).toBe(422);
    const mine = await start({ action: 'archiver', dossierIds: [dossiers[0]!.id] });
    expect(mine.status).toBe(201);
    expect((await tenant.admin.get(`/api/instructeur/lots/${mine.body.id}`)).status).toBe(403);
    expect((await usager.get(`/api/instructeur/lots/${mine.body.id}`)).status).toBe(403);
    expect((await finished(mine.body)).succeeded).toBe(1);
  });
});
