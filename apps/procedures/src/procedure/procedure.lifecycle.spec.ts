import { procedureStates } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { allowedActions, lifecycleTransition } from './procedure.lifecycle';

describe('procedure lifecycle', () => {
  it('publishes the draft from brouillon, publiee and depubliee, never from close', () => {
    expect(lifecycleTransition('brouillon', 'publish')).toEqual({ ok: true, to: 'publiee' });
    expect(lifecycleTransition('publiee', 'publish')).toEqual({ ok: true, to: 'publiee' });
    expect(lifecycleTransition('depubliee', 'publish')).toEqual({ ok: true, to: 'publiee' });
    expect(lifecycleTransition('close', 'publish')).toEqual({ ok: false, message: 'La démarche est close : republiez-la avant de publier une nouvelle version de son formulaire.' });
  });

  it('closes a published or depublished procedure only', () => {
    expect(lifecycleTransition('publiee', 'close')).toEqual({ ok: true, to: 'close' });
    expect(lifecycleTransition('depubliee', 'close')).toEqual({ ok: true, to: 'close' });
    expect(lifecycleTransition('brouillon', 'close')).toEqual({ ok: false, message: 'La démarche ne peut pas être close : elle est en test (brouillon).' });
    expect(lifecycleTransition('close', 'close')).toEqual({ ok: false, message: 'La démarche ne peut pas être close : elle est close.' });
  });

  it('depublishes a published procedure only', () => {
    expect(lifecycleTransition('publiee', 'depublish')).toEqual({ ok: true, to: 'depubliee' });
    for (const state of ['brouillon', 'close', 'depubliee'] as const) expect(lifecycleTransition(state, 'depublish').ok).toBe(false);
    expect(lifecycleTransition('close', 'depublish')).toEqual({ ok: false, message: 'La démarche ne peut pas être dépubliée : elle est close.' });
  });

  it('republishes a closed or depublished procedure, with a precise refusal otherwise', () => {
    expect(lifecycleTransition('close', 'republish')).toEqual({ ok: true, to: 'publiee' });
    expect(lifecycleTransition('depubliee', 'republish')).toEqual({ ok: true, to: 'publiee' });
    expect(lifecycleTransition('publiee', 'republish')).toEqual({ ok: false, message: 'La démarche est déjà publiée.' });
    expect(lifecycleTransition('brouillon', 'republish')).toEqual({ ok: false, message: 'La démarche n’a jamais été publiée : publiez-la.' });
  });

  it('lists the actions of each state', () => {
    expect(Object.fromEntries(procedureStates.map((state) => [state, allowedActions(state)]))).toEqual({
      brouillon: ['publish'],
      publiee: ['publish', 'close', 'depublish'],
      close: ['republish'],
      depubliee: ['publish', 'close', 'republish'],
    });
  });
});
