import { describe, expect, it } from 'vitest';
import { aDossierChange, aField } from '../testing/messaging.factories';
import { dossierTagValues, formatFieldValue, formatFrenchDate, renderDossierEmail } from './dossier-email.renderer';

const publicUrl = 'https://guichet.example.fr';

describe('dossier e-mail rendering', () => {
  it('fills the built-in tags: number, dates in French, names, procedure, links', () => {
    const change = aDossierChange({ number: 4242, submittedAt: '2026-03-01T23:30:00.000Z' });
    const email = renderDossierEmail({
      change,
      template: {
        subject: 'Dossier n° --numéro du dossier-- déposé',
        body: 'Bonjour --prénom-- --nom--,\nDéposé le --date de dépôt-- sur « --libellé démarche-- ».\nSuivi : --lien dossier--',
      },
      procedureTitle: 'Subvention aux associations',
      fields: [],
      publicUrl,
    });
    expect(email.subject).toBe('Dossier n° 4242 déposé');
    // 23:30 UTC on 1 March is 2 March in Paris.
    expect(email.text).toBe(`Bonjour Amélie Durand,\nDéposé le 02/03/2026 sur « Subvention aux associations ».\nSuivi : ${publicUrl}/dossiers/${change.dossierId}`);
    expect(email.html).toContain(`<a href="${publicUrl}/dossiers/${change.dossierId}">`);
  });

  it('gives the decision date, the motivation and the attestation link of an accepted dossier', () => {
    const change = aDossierChange({ event: 'accepter', from: 'en_instruction', to: 'accepte', motivation: 'Dossier conforme', decidedAt: '2026-04-10T10:00:00.000Z' });
    const email = renderDossierEmail({
      change,
      template: { subject: 'Accepté', body: '--date de décision-- : --motivation-- — --lien attestation--' },
      procedureTitle: 'Démarche',
      fields: [],
      publicUrl,
    });
    expect(email.text).toBe(`10/04/2026 : Dossier conforme — ${publicUrl}/api/dossiers/${change.dossierId}/attestation`);
  });

  it('has no attestation link for a dossier classé sans suite, and empty values for absent data', () => {
    const change = aDossierChange({ event: 'classer_sans_suite', from: 'en_instruction', to: 'sans_suite', motivation: null, decidedAt: null });
    const values = dossierTagValues({ change, procedureTitle: 'Démarche', fields: [], publicUrl });
    expect(values['lien attestation']).toBe('');
    expect(values['motivation']).toBe('');
    expect(values['date de décision']).toBe('');
    expect(values['groupe instructeur']).toBe('');
  });

  it('names the instructor group routing chose', () => {
    const change = { ...aDossierChange({ event: 'passer_en_instruction', from: 'en_construction', to: 'en_instruction' }), groupeInstructeur: { id: '3f0c1f47-6a43-4a8e-9a55-3c1f1f5b2c11', label: 'Pôle Rhône' } };
    expect(dossierTagValues({ change, procedureTitle: 'Démarche', fields: [], publicUrl })['groupe instructeur']).toBe('Pôle Rhône');
  });

  it('fills one tag per field, by label, with values formatted for reading', () => {
    const name = aField({ type: 'text', label: 'Nom du monument' });
    const date = aField({ type: 'date', label: 'Date de visite' });
    const surface = aField({ type: 'decimal_number', label: 'Surface' });
    const open = aField({ type: 'yes_no', label: 'Ouvert au public' });
    const unanswered = aField({ type: 'text', label: 'Commentaire' });
    const change = aDossierChange({ values: { [name.stableId]: 'Château de Vincennes', [date.stableId]: '2026-05-14', [surface.stableId]: 1234.5, [open.stableId]: true } });
    const email = renderDossierEmail({
      change,
      template: { subject: '--Nom du monument--', body: '--Date de visite-- | --Surface-- m² | --Ouvert au public-- | [--Commentaire--]' },
      procedureTitle: 'Démarche',
      fields: [name, date, surface, open, unanswered],
      publicUrl,
    });
    expect(email.subject).toBe('Château de Vincennes');
    expect(email.text).toBe(`14/05/2026 | ${new Intl.NumberFormat('fr-FR').format(1234.5)} m² | Oui | []`);
  });

  it('fills the private annotations’ tags from the annotations, never from the usager’s values', () => {
    const city = aField({ type: 'text', label: 'Ville' });
    const amount = aField({ type: 'integer_number', label: 'Montant accordé' });
    const committee = aField({ type: 'date', label: 'Date du comité' });
    // An annotation whose label a usager's field already took gets no tag: the field keeps the name.
    const shadowed = aField({ type: 'text', label: 'Ville' });
    const change = aDossierChange({
      event: 'accepter',
      from: 'en_instruction',
      to: 'accepte',
      values: { [city.stableId]: 'Lyon', [amount.stableId]: 'falsifié par l’usager' },
      annotations: { [amount.stableId]: 900, [committee.stableId]: '2026-06-01', [shadowed.stableId]: 'Villeurbanne' },
    });
    const email = renderDossierEmail({
      change,
      template: { subject: 'Subvention de --Montant accordé-- €', body: '--Ville-- : accordée le --Date du comité--.' },
      procedureTitle: 'Démarche',
      fields: [city],
      annotations: [amount, committee, shadowed],
      publicUrl,
    });
    expect(email.subject).toBe('Subvention de 900 €');
    expect(email.text).toBe('Lyon : accordée le 01/06/2026.');
    // An event from before annotations existed: the tags are known and empty.
    const older = renderDossierEmail({ change: { ...change, annotations: undefined }, template: { subject: 's', body: '[--Montant accordé--]' }, procedureTitle: 'Démarche', fields: [city], annotations: [amount], publicUrl });
    expect(older.text).toBe('[]');
  });

  it('leaves text that only looks like a tag as written, and keeps the subject on one line', () => {
    const email = renderDossierEmail({
      change: aDossierChange({ number: 7 }),
      template: { subject: 'Dossier\nn° --numéro du dossier--', body: 'Voir -- la notice -- et --numéro du dossier--' },
      procedureTitle: 'Démarche',
      fields: [],
      publicUrl,
    });
    expect(email.subject).toBe('Dossier n° 7');
    expect(email.text).toBe('Voir -- la notice -- et 7');
  });

  it('escapes what people wrote in the HTML part', () => {
    const field = aField({ type: 'text', label: 'Remarque' });
    const email = renderDossierEmail({
      change: aDossierChange({ values: { [field.stableId]: '<script>alert(1)</script>' } }),
      template: { subject: 'S', body: '--Remarque--' },
      procedureTitle: 'Démarche',
      fields: [field],
      publicUrl,
    });
    expect(email.text).toBe('<script>alert(1)</script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
  });
});

describe('field value formatting', () => {
  it('formats each kind of value', () => {
    expect(formatFieldValue({ type: 'checkbox' }, false)).toBe('Non');
    expect(formatFieldValue({ type: 'integer_number' }, 3)).toBe('3');
    expect(formatFieldValue({ type: 'date' }, 'pas une date')).toBe('pas une date');
    expect(formatFieldValue({ type: 'piece_justificative' }, [{ fileId: 'x', fileName: 'titre.pdf' }, { fileName: 'plan.png' }])).toBe('titre.pdf, plan.png');
    expect(formatFieldValue({ type: 'drop_down_list' }, ['A', 'B'])).toBe('A, B');
    expect(formatFieldValue({ type: 'text' }, { unexpected: true })).toBe('');
    expect(formatFieldValue({ type: 'text' }, null)).toBe('');
    expect(formatFieldValue({ type: 'decimal_number' }, Number.NaN)).toBe('');
  });

  it('formats dates in Paris time and tolerates missing or invalid ones', () => {
    expect(formatFrenchDate('2026-07-14T22:30:00.000Z')).toBe('15/07/2026');
    expect(formatFrenchDate(null)).toBe('');
    expect(formatFrenchDate('invalide')).toBe('');
  });
});
