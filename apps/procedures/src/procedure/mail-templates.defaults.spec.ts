import { mailTemplateKinds } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { customMailTemplates, defaultMailTemplates, effectiveMailTemplates } from './mail-templates.defaults';

describe('default mail templates', () => {
  it('cover the six kinds, in French, with the dossier number, procedure title and dossier link', () => {
    const defaults = defaultMailTemplates([]);
    expect(Object.keys(defaults).sort()).toEqual([...mailTemplateKinds].sort());
    expect(defaults.initiated.subject).toBe('Votre dossier n° --numéro du dossier-- a bien été déposé');
    for (const kind of mailTemplateKinds) {
      expect(defaults[kind].body).toContain('--libellé démarche--');
      expect(defaults[kind].body).toContain('--lien dossier--');
    }
    expect(defaults.refused.body).toContain('--motivation--');
  });

  it('mention the attestation link only when the procedure generates that attestation', () => {
    expect(defaultMailTemplates([]).closed.body).not.toContain('--lien attestation--');
    expect(defaultMailTemplates([{ kind: 'acceptation' }]).closed.body).toContain('--lien attestation--');
    expect(defaultMailTemplates([{ kind: 'acceptation' }]).refused.body).not.toContain('--lien attestation--');
    expect(defaultMailTemplates([{ kind: 'refus' }]).refused.body).toContain('--lien attestation--');
  });

  it('fill the kinds an administrator did not write', () => {
    const written = { subject: 'Reçu', body: 'Merci.' };
    const effective = effectiveMailTemplates({ received: written }, []);
    expect(effective.received).toEqual(written);
    expect(effective.initiated).toEqual(defaultMailTemplates([]).initiated);
  });

  it('store only what differs from the defaults', () => {
    const written = { subject: 'Reçu', body: 'Merci.' };
    expect(customMailTemplates({ ...defaultMailTemplates([]), received: written }, [])).toEqual({ received: written });
    expect(customMailTemplates(defaultMailTemplates([{ kind: 'acceptation' }]), [{ kind: 'acceptation' }])).toEqual({});
  });
});
