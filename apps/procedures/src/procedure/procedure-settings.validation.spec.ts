import { fieldErrorsFromZod, procedureContracts } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { settingsProblems } from './procedure-settings.validation';

const now = new Date('2026-06-01T12:00:00.000Z');
const none = { declarativeMode: null, svaSvr: null };
const sva = { decision: 'sva', delay: 2, unit: 'months', resubmission: 'pause' } as const;

/** The contract's own checks, as the bus and the gateway run them. */
function contractErrors(patch: Record<string, unknown>): Record<string, string> {
  const parsed = procedureContracts.updateSettings.request.safeParse({ procedureId: '3f1c2a8e-8a57-4a55-9a43-0f3c4a6c2b11', ...patch }, { reportInput: true });
  return parsed.success ? {} : fieldErrorsFromZod(parsed.error);
}

describe('settings rules of the service', () => {
  it('wants a deadline in the future; clearing it is fine', () => {
    expect(settingsProblems(none, { closesAt: '2026-06-01T12:00:00.000Z' }, now)).toEqual({ closesAt: 'La date limite de dépôt doit être dans le futur.' });
    expect(settingsProblems(none, { closesAt: '2026-06-01T12:00:01.000Z' }, now)).toEqual({});
    expect(settingsProblems(none, { closesAt: null }, now)).toEqual({});
  });

  it('refuses a procedure both declarative and SVA/SVR, blaming the setting turned on', () => {
    expect(settingsProblems({ declarativeMode: 'accepte', svaSvr: null }, { svaSvr: sva }, now)).toEqual({
      svaSvr: 'Une démarche déclarative ne peut pas appliquer le silence vaut accord ou rejet : retirez d’abord le mode déclaratif.',
    });
    expect(settingsProblems({ declarativeMode: null, svaSvr: sva }, { declarativeMode: 'en_instruction' }, now)).toEqual({
      declarativeMode: 'Une démarche en silence vaut accord ou rejet ne peut pas être déclarative : retirez d’abord le silence vaut accord ou rejet.',
    });
    expect(Object.keys(settingsProblems(none, { declarativeMode: 'accepte', svaSvr: sva }, now))).toEqual(['svaSvr']);
    // Switching from one to the other in one request is fine.
    expect(settingsProblems({ declarativeMode: 'accepte', svaSvr: null }, { declarativeMode: null, svaSvr: sva }, now)).toEqual({});
    expect(settingsProblems({ declarativeMode: null, svaSvr: sva }, { retentionMonths: 24 }, now)).toEqual({});
  });
});

describe('settings contract', () => {
  it('accepts a full, valid patch and applies the contact defaults', () => {
    const parsed = procedureContracts.updateSettings.request.parse({
      procedureId: '3f1c2a8e-8a57-4a55-9a43-0f3c4a6c2b11',
      serviceContact: { organisation: ' Préfecture du Rhône ', email: 'contact@rhone.gouv.fr', phone: '04 72 61 60 60' },
      svaSvr: sva,
      retentionMonths: 60,
      expertsAllowed: false,
      submissionMessage: 'Merci.',
      logoFileId: null,
    });
    expect(parsed.serviceContact).toEqual({ organisation: 'Préfecture du Rhône', email: 'contact@rhone.gouv.fr', phone: '04 72 61 60 60', address: '', openingHours: '' });
    expect(contractErrors({ serviceContact: { organisation: 'Mairie', email: 'a@b.fr', phone: '+33 4 72 61 60 60' } })).toEqual({});
  });

  it('refuses each bad value with its field path and a French message', () => {
    expect(contractErrors({ retentionMonths: 0 })).toEqual({ retentionMonths: 'Valeur trop petite (minimum 1).' });
    expect(contractErrors({ retentionMonths: 61 })).toEqual({ retentionMonths: 'Valeur trop grande (maximum 60).' });
    expect(contractErrors({ retentionMonths: 1.5 })).toEqual({ retentionMonths: 'Valeur de type incorrect.' });
    expect(contractErrors({ submissionMessage: 'x'.repeat(5001) })).toEqual({ submissionMessage: 'Au plus 5000 caractères.' });
    expect(contractErrors({ declarativeMode: 'refuse' })).toEqual({ declarativeMode: 'Valeur non autorisée.' });
    expect(contractErrors({ svaSvr: { ...sva, delay: 0 } })).toEqual({ 'svaSvr.delay': 'Valeur trop petite (minimum 1).' });
    expect(contractErrors({ svaSvr: { ...sva, unit: 'years', resubmission: 'ignore' } })).toEqual({ 'svaSvr.unit': 'Valeur non autorisée.', 'svaSvr.resubmission': 'Valeur non autorisée.' });
    expect(contractErrors({ serviceContact: { organisation: '', email: 'pas-un-email', phone: '12' } })).toEqual({
      'serviceContact.organisation': 'Au moins 1 caractères.',
      'serviceContact.email': 'Adresse électronique invalide.',
      'serviceContact.phone': 'Numéro de téléphone invalide (par exemple 01 23 45 67 89 ou +33 1 23 45 67 89).',
    });
    expect(contractErrors({ closesAt: '31/12/2026' })).toEqual({ closesAt: 'Format invalide.' });
    expect(contractErrors({ path: 'Pas Une Adresse' })).toEqual({ path: 'Format invalide.' });
    expect(contractErrors({ logoFileId: 'logo.png' })).toEqual({ logoFileId: 'Format invalide.' });
  });
});
