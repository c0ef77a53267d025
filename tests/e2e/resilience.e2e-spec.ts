import { Client as MinioClient } from 'minio';
import { waitFor } from '@guichet/platform-testing';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { aPdf } from '../factories';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, control, mails, signUp, waitForMail, type PublishedProcedure, type TenantAgents } from './support/platform';

/**
 * Nothing lost: a service killed with SIGKILL while work for it is pending does that work once it
 * is back, exactly once. Events wait in JetStream (durable consumers); effects are idempotent.
 */
describe('nothing lost when a service dies', () => {
  let tenant: TenantAgents;
  let procedure: PublishedProcedure;

  beforeAll(async () => {
    tenant = await aTenantWithAgents();
    procedure = await aPublishedProcedure(tenant);
  });

  it('messaging killed after a submission and before the e-mail: the e-mail arrives once after restart', async () => {
    const { client: usager, account } = await signUp();
    await control('kill', 'messaging');
    let dossier: { id: string; number: number };
    try {
      dossier = await aSubmittedDossier(usager, procedure, aPdf());
      // While messaging is down nothing can be sent.
      expect((await mails()).filter((m) => m.to.includes(account.email))).toEqual([]);
    } finally {
      await control('start', 'messaging');
    }
    await waitForMail('acknowledgement after restart', (m) => m.to.includes(account.email) && m.subject.includes(`n° ${dossier.number} déposé`));
    // A later e-mail on the same consumer proves the earlier event was fully processed: count now.
    await tenant.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'passer_en_instruction' });
    await waitForMail('received e-mail', (m) => m.to.includes(account.email) && m.subject.includes(`n° ${dossier.number} en instruction`));
    const acknowledgements = (await mails()).filter((m) => m.to.includes(account.email) && m.subject.includes(`n° ${dossier.number} déposé`));
    expect(acknowledgements).toHaveLength(1);
  });

  it('documents killed before the decision: the attestation is generated once after restart', async () => {
    const { client: usager } = await signUp();
    const dossier = await aSubmittedDossier(usager, procedure, aPdf());
    await tenant.instructeur.post(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'passer_en_instruction' });
    await control('kill', 'documents');
    try {
      const accepted = await tenant.instructeur.post<{ state: string }>(`/api/instructeur/dossiers/${dossier.id}/transitions`, { event: 'accepter', motivation: 'Conforme' });
      expect(accepted.body.state).toBe('accepte');
    } finally {
      await control('start', 'documents');
    }
    await waitFor(
      async () => ((await usager.get(`/api/dossiers/${dossier.id}/attestation`)).status === 302 ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 200, description: 'attestation after restart' },
    );
    const s3 = inject('s3');
    const minio = new MinioClient({ endPoint: s3.endpoint, port: s3.port, useSSL: false, accessKey: s3.accessKey, secretKey: s3.secretKey, pathStyle: true });
    const keys: string[] = [];
    for await (const item of minio.listObjectsV2('attestations', `attestations/${tenant.tenant.id}/${dossier.id}/`, true)) {
      if (item.name) keys.push(item.name);
    }
    expect(keys).toHaveLength(1);
  });
});
