import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createProcedure, description, signIn, testField, textOf } from './builder-helpers';
import { open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');

type ProcedureRead = {
  state: string;
  path: string;
  closesAt: string | null;
  settings: { serviceContact: { organisation: string; email: string } | null; declarativeMode: string | null; retentionMonths: number; expertsAllowed: boolean; submissionMessage: string };
  closure: { reason: string; replacementPath: string | null } | null;
};

describe('paramètres et cycle de vie d’une démarche', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  const read = async (id: string) => (await (await context.request.get(`/api/admin/procedures/${id}`)).json()) as ProcedureRead;
  const badge = () => textOf(page.locator('main h1 + p'));

  it('enregistre les paramètres et montre les erreurs du service sur les champs', async () => {
    await signIn(page);
    const procedure = await createProcedure(context, 'Permis de végétaliser', [testField('text', 'Adresse du trottoir')]);
    await open(page, `/admin/demarches/${procedure.id}/parametres`);
    await waitForHeading(page, procedure.title);
    await page.getByRole('heading', { name: 'Paramètres', level: 2 }).waitFor();
    await settled(page);
    expect(await page.getByRole('link', { name: 'Paramètres', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByLabel('Adresse de la démarche').inputValue()).toBe(procedure.path);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // An invalid e-mail: the service refuses it, the message goes on the field.
    const email = page.getByLabel('Adresse électronique du service');
    await page.getByLabel('Nom du service').fill('Mairie de Testville');
    await email.fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByRole('heading', { name: 'Les paramètres n’ont pas été enregistrés' }).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await description(email)).not.toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await read(procedure.id)).settings.serviceContact).toBeNull();

    await email.fill('vegetal@testville.fr');
    await page.getByLabel('Adresse de la démarche').fill(`${procedure.path}-2`);
    await page.getByLabel('Date limite de dépôt (facultative)').fill('2030-06-15T14:30');
    await page.locator('label', { hasText: 'Acceptation automatique' }).click();
    await page.getByLabel('Durée de conservation des dossiers (en mois)').fill('24');
    await page.locator('label', { hasText: 'Les instructeurs peuvent demander l’avis d’experts' }).click();
    await page.getByLabel('Message affiché après le dépôt (facultatif)').fill('Merci, nous revenons vers vous sous 15 jours.');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByText('Les paramètres ont été enregistrés.').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBeNull();

    const saved = await read(procedure.id);
    expect(saved.path).toBe(`${procedure.path}-2`);
    // 14:30 in Paris, summer time.
    expect(saved.closesAt).toBe('2030-06-15T12:30:00.000Z');
    expect(saved.settings).toMatchObject({
      serviceContact: { organisation: 'Mairie de Testville', email: 'vegetal@testville.fr' },
      declarativeMode: 'accepte',
      retentionMonths: 24,
      expertsAllowed: false,
      submissionMessage: 'Merci, nous revenons vers vous sous 15 jours.',
    });
    // Read again, the page shows what was saved.
    await open(page, `/admin/demarches/${procedure.id}/parametres`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    expect(await page.getByLabel('Date limite de dépôt (facultative)').inputValue()).toBe('2030-06-15T14:30');
    expect(await page.getByRole('radio', { name: 'Acceptation automatique' }).isChecked()).toBe(true);
  });

  it('dépublie, republie, puis clôt avec une démarche de remplacement et republie', async () => {
    await signIn(page);
    const replacement = await createProcedure(context, 'Carte de stationnement 2027', [testField('text', 'Immatriculation')], { publish: true });
    const procedure = await createProcedure(context, 'Carte de stationnement', [testField('text', 'Immatriculation')], { publish: true });
    await open(page, `/admin/demarches/${procedure.id}/parametres`);
    await waitForHeading(page, procedure.title);
    await page.getByRole('heading', { name: 'Cycle de vie de la démarche' }).waitFor();
    await settled(page);
    expect(await badge()).toBe('Publiée');

    await page.getByRole('button', { name: 'Dépublier', exact: true }).click();
    await page.getByRole('button', { name: 'Confirmer la dépublication' }).click();
    await page.getByText('La démarche a été dépubliée.').waitFor();
    expect(await badge()).toBe('Dépubliée');
    expect((await read(procedure.id)).state).toBe('depubliee');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Republier' }).click();
    await page.getByText('La démarche a été republiée.').waitFor();
    expect(await badge()).toBe('Publiée');

    // Closing for another démarche needs that démarche: the message goes on the select.
    await page.locator('label', { hasText: 'Remplacée par une autre démarche' }).click();
    const select = page.getByLabel('Démarche de remplacement');
    await select.locator('option', { hasText: replacement.title }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Clore la démarche' }).click();
    await page.getByRole('heading', { name: 'L’action n’a pas abouti' }).waitFor();
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    expect(await description(select)).toContain('Choisissez la démarche qui remplace celle-ci.');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await select.selectOption({ label: replacement.title });
    await page.getByRole('button', { name: 'Clore la démarche' }).click();
    await page.getByText('La démarche a été close.').waitFor();
    expect(await badge()).toBe('Close');
    await page.getByText(/Démarche close le .* : Remplacée par une autre démarche\./).waitFor();
    expect(await page.getByRole('link', { name: `/commencer/${replacement.path}` }).getAttribute('href')).toBe(`/commencer/${replacement.path}`);
    const closed = await read(procedure.id);
    expect(closed.state).toBe('close');
    expect(closed.closure).toMatchObject({ reason: 'autre_demarche', replacementPath: replacement.path });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Republier' }).click();
    await page.getByText('La démarche a été republiée.').waitFor();
    expect(await badge()).toBe('Publiée');
    expect((await read(procedure.id)).state).toBe('publiee');
  });
});
