import { describe, expect, it } from 'vitest';
import { formFromProcedure, fromLocalInput, patchFromForm, settingsErrors, toLocalInput } from './settingsForm';

const procedure = {
  path: 'aide-sport',
  closesAt: null,
  settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
};

describe('datetime-local conversions', () => {
  it('goes back and forth in the local time zone', () => {
    const iso = fromLocalInput('2030-06-15T14:30');
    expect(iso).toBe(new Date(2030, 5, 15, 14, 30).toISOString());
    expect(toLocalInput(iso ?? null)).toBe('2030-06-15T14:30');
  });
  it('reads empty as none and refuses what is not a date', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('demain')).toBeUndefined();
    expect(toLocalInput(null)).toBe('');
  });
});

describe('patchFromForm', () => {
  it('clears an empty contact and a disabled SVA/SVR, and keeps the numbers as numbers', () => {
    const result = patchFromForm({ ...formFromProcedure(procedure), retentionMonths: ' 24 ' });
    expect(result).toEqual({
      ok: true,
      patch: { path: 'aide-sport', closesAt: null, serviceContact: null, declarativeMode: null, svaSvr: null, retentionMonths: 24, expertsAllowed: true, submissionMessage: '' },
    });
  });
  it('sends the contact and SVA/SVR once filled', () => {
    const form = { ...formFromProcedure(procedure), organisation: ' Mairie ', email: 'contact@mairie.fr', svaSvrEnabled: true, decision: 'svr' as const, delay: '3', declarativeMode: 'accepte' as const };
    const result = patchFromForm(form);
    expect(result.ok && result.patch.serviceContact).toEqual({ organisation: 'Mairie', email: 'contact@mairie.fr', phone: '', address: '', openingHours: '' });
    expect(result.ok && result.patch.svaSvr).toEqual({ decision: 'svr', delay: 3, unit: 'months', resubmission: 'pause' });
    expect(result.ok && result.patch.declarativeMode).toBe('accepte');
  });
  it('names the inputs the browser can tell are wrong', () => {
    const result = patchFromForm({ ...formFromProcedure(procedure), closesAt: 'x', retentionMonths: 'douze', svaSvrEnabled: true, delay: '' });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['closesAt', 'delay', 'retentionMonths']);
  });
});

describe('settingsErrors', () => {
  it('puts each message on its input, with or without a prefix', () => {
    expect(settingsErrors({ 'serviceContact.email': 'A', 'body.path': 'B', serviceContact: 'C', 'svaSvr.delay': 'D' })).toEqual({ byInput: { email: 'A', path: 'B', delay: 'D' }, others: ['C'] });
  });
});
