import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createProcedure, description, signIn, testField } from './builder-helpers';
import { open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
/** A 1×1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type StoredProcedure = {
  mailTemplates: Record<string, { subject: string; body: string }>;
  attestationTemplates: { kind: string; title: string; body: string; logoFileId: string | null }[];
};

describe('modèles d’e-mails et attestations', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  async function stored(id: string): Promise<StoredProcedure> {
    return (await (await context.request.get(`/api/admin/procedures/${id}`)).json()) as StoredProcedure;
  }

  it('insère les balises de l’état du modèle au curseur et montre l’erreur d’une balise inconnue sur le champ', async () => {
    await signIn(page);
    const procedure = await createProcedure(context, 'Aide au permis', [testField('text', 'Nom de l’association')]);

    await open(page, `/admin/demarches/${procedure.id}/modeles`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    expect(await page.locator('main h3').allTextContents()).toEqual(['Accusé de réception', 'Passage en instruction', 'Acceptation', 'Refus', 'Classement sans suite', 'Retour en instruction']);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The tags offered follow the state the e-mail is sent in: no motivation before a decision.
    const initiated = page.getByRole('region', { name: 'Accusé de réception' });
    const refused = page.getByRole('region', { name: 'Refus', exact: true });
    const initiatedTags = await initiated.getByRole('combobox', { name: /^Balise à insérer/ }).locator('option').allTextContents();
    expect(initiatedTags.some((text) => text.startsWith('--Nom de l’association--'))).toBe(true);
    expect(initiatedTags.some((text) => text.startsWith('--motivation--'))).toBe(false);
    expect((await refused.getByRole('combobox', { name: /^Balise à insérer/ }).locator('option').allTextContents()).some((text) => text.startsWith('--motivation--'))).toBe(true);

    // Insertion at the cursor of the subject, which keeps the focus.
    const subject = initiated.getByLabel('Objet', { exact: true });
    await subject.fill('Dossier reçu');
    await subject.evaluate((element: HTMLInputElement) => {
      element.focus();
      element.setSelectionRange(7, 7);
    });
    await initiated.getByRole('combobox', { name: /^Balise à insérer/ }).selectOption({ value: '--numéro du dossier--' });
    await initiated.getByRole('button', { name: 'Insérer la balise dans « Accusé de réception »' }).click();
    expect(await subject.inputValue()).toBe('Dossier--numéro du dossier-- reçu');
    expect(await page.locator(':focus').getAttribute('id')).toBe('modele-initiated-subject');

    // An unknown tag in the body: the service's French message, with the valid tags, on that field.
    const body = initiated.getByLabel('Message', { exact: true });
    await body.fill('Bonjour --Nom de l’association--, votre montant est --montant--.');
    await page.getByRole('button', { name: 'Enregistrer les modèles' }).click();
    await page.getByRole('heading', { name: 'Les modèles n’ont pas été enregistrés' }).waitFor();
    await expect.poll(() => description(body)).toContain('Balise inconnue : --montant--.');
    expect(await description(body)).toContain('Balises possibles : ');
    expect(await description(body)).toContain('--numéro du dossier--');
    expect(await description(subject)).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await stored(procedure.id)).mailTemplates['initiated']?.subject).not.toContain('reçu');

    await body.fill('Bonjour --Nom de l’association--, votre dossier --numéro du dossier-- est déposé.');
    await page.getByRole('button', { name: 'Enregistrer les modèles' }).click();
    await page.getByText('Les modèles ont été enregistrés.').waitFor();
    expect((await stored(procedure.id)).mailTemplates['initiated']).toEqual({
      subject: 'Dossier--numéro du dossier-- reçu',
      body: 'Bonjour --Nom de l’association--, votre dossier --numéro du dossier-- est déposé.',
    });
  });

  it('configure l’attestation d’acceptation avec un logo et refuse une balise inconnue', async () => {
    await signIn(page);
    const procedure = await createProcedure(context, 'Label jardin', []);

    await open(page, `/admin/demarches/${procedure.id}/attestation`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    const acceptance = page.getByRole('region', { name: 'Attestation d’acceptation' });
    await acceptance.locator('label').filter({ hasText: 'Délivrer une attestation quand le dossier est accepté' }).click();
    await acceptance.getByLabel('Titre').fill('Attestation de label');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await acceptance.getByLabel('Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await acceptance.getByText('Image envoyée : logo.png.').waitFor();

    const text = acceptance.getByLabel('Texte', { exact: true });
    await text.fill('Le dossier --numéro du dossier-- obtient le label --niveau--.');
    await page.getByRole('button', { name: 'Enregistrer les attestations' }).click();
    await page.getByRole('heading', { name: 'Les attestations n’ont pas été enregistrées' }).waitFor();
    await expect.poll(() => description(text)).toContain('Balise inconnue : --niveau--.');

    await text.fill('Le dossier --numéro du dossier-- obtient le label le --date de décision--.');
    await page.getByRole('button', { name: 'Enregistrer les attestations' }).click();
    await page.getByText('Les attestations ont été enregistrées.').waitFor();
    const [template] = (await stored(procedure.id)).attestationTemplates;
    expect(template).toMatchObject({ kind: 'acceptation', title: 'Attestation de label', body: 'Le dossier --numéro du dossier-- obtient le label le --date de décision--.' });
    expect(template?.logoFileId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
