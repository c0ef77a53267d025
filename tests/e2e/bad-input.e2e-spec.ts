import { connect, JSONCodec } from 'nats';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { aPdf, aPng } from '../factories';
import type { ApiClient } from './support/http-client';
import { aPublishedProcedure, aTenantWithAgents, newClient, signUp, type PublishedProcedure } from './support/platform';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Bad input gets a clear 4xx with a stable code and French messages, and never a 500. */
describe('bad input', () => {
  let procedure: PublishedProcedure;
  let usager: ApiClient;
  let dossierId: string;

  beforeAll(async () => {
    const tenant = await aTenantWithAgents();
    procedure = await aPublishedProcedure(tenant);
    usager = (await signUp()).client;
    const dossier = await usager.post<{ id: string }>('/api/dossiers', { procedureId: procedure.id });
    dossierId = dossier.body.id;
  });

  it('submitting without a mandatory field gives 422 with field-level French messages', async () => {
    await usager.patch(`/api/dossiers/${dossierId}/values`, { values: { [procedure.fields.text]: 'Abbaye' } });
    const response = await usager.post<ErrorBody>(`/api/dossiers/${dossierId}/submit`);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(response.body.error.fields ?? {}).some((key) => key.includes(procedure.fields.date))).toBe(true);
    expect(Object.values(response.body.error.fields ?? {}).join(' ')).toMatch(/obligatoire/);
    const still = await usager.get<{ state: string; values: Record<string, unknown> }>(`/api/dossiers/${dossierId}`);
    expect(still.body.state).toBe('brouillon');
    expect(still.body.values[procedure.fields.text]).toBe('Abbaye');
  });

  it('a value of the wrong shape gives 422 and keeps what was saved', async () => {
    const response = await usager.patch<ErrorBody>(`/api/dossiers/${dossierId}/values`, { values: { [procedure.fields.date]: '31/02/2026' } });
    expect(response.status).toBe(422);
    expect(response.body.error.fields).toBeDefined();
  });

  it('malformed JSON gives 400', async () => {
    const response = await usager.request<ErrorBody>('PATCH', `/api/dossiers/${dossierId}/values`, undefined, { raw: '{"values": {' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('an upload declared too large is refused before anything is stored', async () => {
    const response = await usager.post<ErrorBody>('/api/uploads', { dossierId, purpose: 'champ', fileName: 'enorme.pdf', mimeType: 'application/pdf', size: 500 * 1024 * 1024 });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('FILE_TOO_LARGE');
  });

  it('an upload of a forbidden type is refused before anything is stored', async () => {
    const response = await usager.post<ErrorBody>('/api/uploads', { dossierId, purpose: 'champ', fileName: 'virus.exe', mimeType: 'application/x-msdownload', size: 1000 });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('a file whose bytes do not match its declared type is refused and removed', async () => {
    const bytes = aPng();
    const presigned = await usager.post<{ file: { id: string }; upload: { url: string; headers: Record<string, string> } }>('/api/uploads', {
      dossierId,
      purpose: 'champ',
      fileName: 'faux.pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
    });
    expect(presigned.status).toBe(201);
    await fetch(presigned.body.upload.url, { method: 'PUT', headers: presigned.body.upload.headers, body: new Uint8Array(bytes) });
    const confirmed = await usager.post<ErrorBody>(`/api/uploads/${presigned.body.file.id}/confirm`);
    expect(confirmed.status).toBe(415);
    expect(confirmed.body.error.code).toBe('FILE_TYPE_MISMATCH');
    expect((await usager.get(`/api/files/${presigned.body.file.id}`)).status).toBeGreaterThanOrEqual(400);
  });

  it('a real PDF is accepted', async () => {
    const bytes = aPdf();
    const presigned = await usager.post<{ file: { id: string }; upload: { url: string; headers: Record<string, string> } }>('/api/uploads', {
      dossierId,
      purpose: 'champ',
      fileName: 'vrai.pdf',
      mimeType: 'application/pdf',
      size: bytes.length,
    });
    await fetch(presigned.body.upload.url, { method: 'PUT', headers: presigned.body.upload.headers, body: new Uint8Array(bytes) });
    const confirmed = await usager.post<{ status: string }>(`/api/uploads/${presigned.body.file.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('safe');
  });

  it('unknown procedures and dossiers give 404', async () => {
    expect((await newClient().get('/api/public/procedures/cette-demarche-n-existe-pas')).status).toBe(404);
    expect((await usager.post<ErrorBody>('/api/dossiers', { procedureId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await usager.get('/api/dossiers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await usager.get('/api/dossiers/not-a-uuid')).status).toBe(404);
    expect((await usager.get('/api/nothing/here')).status).toBe(404);
  });

  it('unauthenticated calls give 401, not 500', async () => {
    const anonymous = newClient();
    expect((await anonymous.get('/api/usager/dossiers')).status).toBe(401);
    expect((await anonymous.post('/api/dossiers', { procedureId: procedure.id })).status).toBe(401);
  });

  it('a payload that breaks its contract on the bus is rejected with a typed error', async () => {
    const nc = await connect({ servers: 'nats://127.0.0.1:4222' });
    try {
      const json = JSONCodec<unknown>();
      const subject = `${inject('busNamespace') ? `${inject('busNamespace')}.` : ''}dossiers.dossier.submit`;
      const reply = await nc.request(subject, json.encode({ dossierId: 42 }), { timeout: 5_000 });
      expect(json.decode(reply.data)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    } finally {
      await nc.close();
    }
  });
});
