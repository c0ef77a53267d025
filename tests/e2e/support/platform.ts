import { inject } from 'vitest';
import { aField, anAccount, aProcedure, aTenant, acceptanceAttestation, mailTemplates } from '../../factories';
import { waitFor } from '@guichet/platform-testing';
import { ApiClient } from './http-client';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    mailApiUrl: string;
    controlUrl: string;
    s3: { endpoint: string; port: number; accessKey: string; secretKey: string };
    busNamespace: string;
    operator: { email: string; password: string };
    otlpUrl: string;
  }
}

export const gatewayUrl = (): string => inject('gatewayUrl');

export function newClient(): ApiClient {
  return new ApiClient(gatewayUrl());
}

export interface Mail {
  id: string;
  messageId: string | null;
  to: string[];
  subject: string;
  text: string;
}

export async function mails(): Promise<Mail[]> {
  const response = await fetch(`${inject('mailApiUrl')}/api/messages`);
  return (await response.json()) as Mail[];
}

export async function waitForMail(description: string, predicate: (mail: Mail) => boolean, timeoutMs = 30_000): Promise<Mail> {
  return waitFor(async () => (await mails()).find(predicate), { timeoutMs, intervalMs: 100, description });
}

/** Stops (SIGKILL) or starts a service of the running stack through the global setup's control endpoint. */
export async function control(action: 'kill' | 'start', service: string): Promise<void> {
  const response = await fetch(`${inject('controlUrl')}/${action}/${service}`, { method: 'POST' });
  if (!response.ok) throw new Error(`${action} ${service}: ${response.status} ${await response.text()}`);
}

export async function signUp(overrides: Parameters<typeof anAccount>[0] = {}): Promise<{ client: ApiClient; account: ReturnType<typeof anAccount> }> {
  const account = anAccount(overrides);
  const client = newClient();
  const response = await client.post('/api/auth/signup', account);
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { client, account };
}

export async function signIn(email: string, password: string): Promise<ApiClient> {
  const client = newClient();
  const response = await client.post('/api/auth/signin', { email, password });
  if (response.status !== 200) throw new Error(`signin failed for ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  return client;
}

export interface TenantAgents {
  tenant: { id: string; slug: string; name: string };
  admin: ApiClient;
  instructeur: ApiClient;
  adminEmail: string;
  instructeurEmail: string;
}

export function operatorClient(): Promise<ApiClient> {
  return signIn(inject('operator').email, inject('operator').password);
}

/** An operator creates a tenant with one administrateur and one instructeur, both signed in. */
export async function aTenantWithAgents(): Promise<TenantAgents> {
  const operator = await operatorClient();
  const tenantInput = aTenant();
  const created = await operator.post<{ id: string; slug: string; name: string }>('/api/operator/tenants', tenantInput);
  if (created.status !== 201) throw new Error(`tenant: ${created.status} ${JSON.stringify(created.body)}`);
  const password = 'Agent-mot-de-passe-2026';
  const adminEmail = `admin-${tenantInput.slug}@example.fr`;
  const instructeurEmail = `instructeur-${tenantInput.slug}@example.fr`;
  for (const [email, role] of [
    [adminEmail, 'administrateur'],
    [instructeurEmail, 'instructeur'],
  ] as const) {
    const member = await operator.post(`/api/operator/tenants/${created.body.id}/members`, { email, role, firstName: 'Agent', lastName: role, password });
    if (member.status !== 201) throw new Error(`member: ${member.status} ${JSON.stringify(member.body)}`);
  }
  return { tenant: created.body, admin: await signIn(adminEmail, password), instructeur: await signIn(instructeurEmail, password), adminEmail, instructeurEmail };
}

export interface PublishedProcedure {
  id: string;
  path: string;
  fields: { text: string; date: string; piece: string };
}

/** Adds addresses to a procedure's default group (created on first use), as its administrateur. */
export async function addToDefaultGroup(admin: ApiClient, procedureId: string, emails: readonly string[]): Promise<void> {
  const groups = await admin.get<{ items: { id: string; isDefault: boolean }[] }>(`/api/admin/procedures/${procedureId}/groups`);
  const defaultGroup = groups.body.items?.find((group) => group.isDefault);
  if (groups.status !== 200 || defaultGroup === undefined) throw new Error(`groups: ${groups.status} ${JSON.stringify(groups.body)}`);
  const added = await admin.post(`/api/admin/procedures/${procedureId}/groups/${defaultGroup.id}/members`, { members: emails.map((email) => ({ email })) });
  if (added.status !== 200) throw new Error(`group members: ${added.status} ${JSON.stringify(added.body)}`);
}

/**
 * The slice's procedure: a text, a date and an attachment field, templates, an attestation; the
 * tenant's instructeur is in its default group, which takes every dossier.
 */
export async function aPublishedProcedure(tenant: Pick<TenantAgents, 'admin' | 'instructeurEmail'>): Promise<PublishedProcedure> {
  const { admin } = tenant;
  const created = await admin.post<{ id: string; path: string }>('/api/admin/procedures', aProcedure());
  if (created.status !== 201) throw new Error(`procedure: ${created.status} ${JSON.stringify(created.body)}`);
  const text = aField('text', 'Nom du monument');
  const date = aField('date', 'Date de la dernière visite');
  const piece = aField('piece_justificative', 'Justificatif de propriété');
  const updated = await admin.patch(`/api/admin/procedures/${created.body.id}`, { fields: [text, date, piece] });
  if (updated.status !== 200) throw new Error(`fields: ${updated.status} ${JSON.stringify(updated.body)}`);
  const templates = await admin.put(`/api/admin/procedures/${created.body.id}/templates`, { mailTemplates, attestationTemplates: [acceptanceAttestation] });
  if (templates.status !== 200) throw new Error(`templates: ${templates.status} ${JSON.stringify(templates.body)}`);
  const published = await admin.post(`/api/admin/procedures/${created.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  await addToDefaultGroup(admin, created.body.id, [tenant.instructeurEmail]);
  return { id: created.body.id, path: created.body.path, fields: { text: text.stableId, date: date.stableId, piece: piece.stableId } };
}

export interface UploadedFile {
  fileId: string;
  fileName: string;
}

/**
 * Presign through the gateway, PUT the bytes straight to S3, confirm: what the browser does. `purpose`
 * is `champ` unless said (`justificatif` for a decision's); `confirm: false` stops after the PUT.
 */
export async function upload(
  client: ApiClient,
  dossierId: string,
  bytes: Buffer,
  fileName: string,
  mimeType: string,
  options: { purpose?: 'champ' | 'justificatif'; confirm?: boolean } = {},
): Promise<UploadedFile> {
  const presigned = await client.post<{ file: { id: string }; upload: { url: string; method: string; headers: Record<string, string> } }>('/api/uploads', {
    dossierId,
    purpose: options.purpose ?? 'champ',
    fileName,
    mimeType,
    size: bytes.length,
  });
  if (presigned.status !== 201) throw new Error(`presign: ${presigned.status} ${JSON.stringify(presigned.body)}`);
  const put = await fetch(presigned.body.upload.url, { method: 'PUT', headers: presigned.body.upload.headers, body: new Uint8Array(bytes) });
  if (!put.ok) throw new Error(`PUT to S3: ${put.status}`);
  if (options.confirm === false) return { fileId: presigned.body.file.id, fileName };
  const confirmed = await client.post(`/api/uploads/${presigned.body.file.id}/confirm`);
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { fileId: presigned.body.file.id, fileName };
}

/** Starts and submits a complete dossier; returns its id and number. */
export async function aSubmittedDossier(usager: ApiClient, procedure: PublishedProcedure, pdf: Buffer, text = 'Château de Vincennes'): Promise<{ id: string; number: number }> {
  const dossier = await usager.post<{ id: string; number: number }>('/api/dossiers', { procedureId: procedure.id });
  if (dossier.status !== 201) throw new Error(`dossier: ${dossier.status} ${JSON.stringify(dossier.body)}`);
  const file = await upload(usager, dossier.body.id, pdf, 'titre-de-propriete.pdf', 'application/pdf');
  const saved = await usager.patch(`/api/dossiers/${dossier.body.id}/values`, {
    values: { [procedure.fields.text]: text, [procedure.fields.date]: '2026-05-14', [procedure.fields.piece]: [file] },
  });
  if (saved.status !== 200) throw new Error(`values: ${saved.status} ${JSON.stringify(saved.body)}`);
  const submitted = await usager.post<{ state: string }>(`/api/dossiers/${dossier.body.id}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return dossier.body;
}
