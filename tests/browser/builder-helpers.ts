import { randomUUID } from 'node:crypto';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { open } from './support/browser';

/** Helpers of the builder-*.browser-spec.ts files: the demo administrateur and procedures made through the API. */

export const demoPassword = 'Demo-Guichet-2026!';
export const administrateur = 'administrateur@demo.guichet.local';

export async function signIn(page: Page, email = administrateur): Promise<void> {
  await open(page, '/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The demo agents (administrateur, instructeur) land on their dashboard.
  await page.waitForURL('**/instructeur');
}

export type TestField = { stableId: string; type: string; label: string; description?: string; mandatory?: boolean; options?: Record<string, unknown>; condition?: unknown };

export function testField(type: string, label: string, patch: Partial<TestField> = {}): TestField {
  return { stableId: randomUUID(), type, label, description: '', mandatory: false, options: {}, ...patch };
}

export type CreatedProcedure = { id: string; path: string; title: string };

/** Creates a procedure of the demo administration with these fields (and private annotations, if given; session of `context`), published if asked. */
export async function createProcedure(context: BrowserContext, name: string, fields: TestField[], options: { publish?: boolean; annotations?: TestField[] } = {}): Promise<CreatedProcedure> {
  const suffix = randomUUID().slice(0, 8);
  const title = `${name} ${suffix}`;
  const path = `${name.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${suffix}`;
  const created = await context.request.post('/api/admin/procedures', { data: { title, description: 'Démarche de test', path } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  if (fields.length > 0) expect((await context.request.patch(`/api/admin/procedures/${id}`, { data: { fields } })).status()).toBe(200);
  if (options.annotations !== undefined) expect((await context.request.patch(`/api/admin/procedures/${id}`, { data: { annotations: options.annotations } })).status()).toBe(200);
  if (options.publish === true) expect((await context.request.post(`/api/admin/procedures/${id}/publish`)).status()).toBe(200);
  return { id, path, title };
}

/** The text of the elements an input's aria-describedby points to (its hint and error messages). */
export async function description(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** Normalized text of an element (spaces collapsed). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
