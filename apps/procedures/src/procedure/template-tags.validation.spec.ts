import { describe, expect, it } from 'vitest';
import { attestationTemplate, field, mailTemplates } from '../testing/procedure.factories';
import { defaultMailTemplates } from './mail-templates.defaults';
import { validateTemplateTags } from './template-tags.validation';

describe('validateTemplateTags', () => {
  const fields = [field({ label: 'Numéro SIRET' }), field({ label: 'Intro', type: 'explication' })];

  it('accepts built-in tags and one tag per field label', () => {
    const templates = mailTemplates({ initiated: { subject: 'Dossier --numéro du dossier--', body: 'SIRET : --Numéro SIRET-- --lien dossier--' } });
    expect(validateTemplateTags({ mailTemplates: templates }, fields)).toEqual({ fields: {}, unknownTags: [] });
  });

  it('reports unknown tags per template part, listing the tags that may be used', () => {
    const templates = mailTemplates({ initiated: { subject: 'Dossier --numéro du dossier--', body: 'Bonjour --foo--, --bar--' } });
    const problems = validateTemplateTags({ mailTemplates: templates }, fields);
    expect(problems.unknownTags).toEqual(['--foo--', '--bar--']);
    expect(Object.keys(problems.fields)).toEqual(['mailTemplates.initiated.body']);
    const message = problems.fields['mailTemplates.initiated.body'] ?? '';
    expect(message).toMatch(/^Balises inconnues : --foo--, --bar--\. Balises possibles : /);
    expect(message).toContain('--numéro du dossier--');
    expect(message).toContain('--Numéro SIRET--');
    // Structure-only fields have no value, hence no tag.
    expect(message).not.toContain('--Intro--');
  });

  it('suggests the tag that differs only by case or accents', () => {
    const templates = mailTemplates({ received: { subject: 'Dossier --Numero du dossier--', body: 'ok' } });
    expect(validateTemplateTags({ mailTemplates: templates }, fields).fields['mailTemplates.received.subject']).toMatch(
      /^Balise inconnue : --Numero du dossier-- \(vouliez-vous dire --numéro du dossier-- \?\)\./,
    );
  });

  it('offers a tag only in the states where it has a value', () => {
    const early = mailTemplates({ initiated: { subject: 'Décision du --date de décision--', body: 'Attestation : --lien attestation--' } });
    expect(Object.keys(validateTemplateTags({ mailTemplates: early }, fields).fields)).toEqual(['mailTemplates.initiated.subject', 'mailTemplates.initiated.body']);
    const decided = mailTemplates({ closed: { subject: 'Décision du --date de décision--', body: 'Attestation : --lien attestation-- --motivation--' } });
    expect(validateTemplateTags({ mailTemplates: decided }, fields).fields).toEqual({});
  });

  it('checks attestation templates by position and kind', () => {
    const problems = validateTemplateTags({ attestationTemplates: [attestationTemplate(), attestationTemplate({ kind: 'refus', footer: '--signataire--' })] }, fields);
    expect(problems.fields).toEqual({ 'attestationTemplates.1.footer': expect.stringMatching(/^Balise inconnue : --signataire--\./) as string });
  });

  it('accepts the default templates with or without attestations', () => {
    expect(validateTemplateTags({ mailTemplates: defaultMailTemplates([]) }, []).fields).toEqual({});
    expect(validateTemplateTags({ mailTemplates: defaultMailTemplates([{ kind: 'acceptation' }, { kind: 'refus' }]) }, []).fields).toEqual({});
  });
});
