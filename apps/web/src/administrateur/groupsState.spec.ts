import { describe, expect, it } from 'vitest';
import { csvLineErrors, parseEmails, routingFields, routingRuleErrors } from './groupsState';

const field = (stableId: string, label: string) => ({ stableId, type: 'text' as const, label, description: '', mandatory: false, options: {} });

describe('groups page logic', () => {
  it('lists the CSV errors by line number, then the others', () => {
    expect(csvLineErrors({ 'lines.12': 'Adresse électronique invalide.', 'lines.3': 'Nom de groupe manquant.', csv: 'Trop long.' })).toEqual([
      'Ligne 3 : Nom de groupe manquant.',
      'Ligne 12 : Adresse électronique invalide.',
      'Trop long.',
    ]);
  });

  it('reads e-mails one per line or separated, lower-cased and once', () => {
    expect(parseEmails('A@x.fr\n b@x.fr; a@x.fr,c@x.fr  \n\n')).toEqual(['a@x.fr', 'b@x.fr', 'c@x.fr']);
    expect(parseEmails('  ')).toEqual([]);
  });

  it('offers the draft’s fields then the published ones the draft dropped', () => {
    expect(routingFields([field('a', 'A2'), field('b', 'B')], [field('a', 'A1'), field('c', 'C')]).map((f) => f.label)).toEqual(['A2', 'B', 'C']);
    expect(routingFields([field('a', 'A')], undefined).map((f) => f.label)).toEqual(['A']);
  });

  it('keeps the routing rule’s messages relative to the condition', () => {
    expect(routingRuleErrors({ 'routingRule.conditions.0.value': 'Valeur invalide.', routingRule: 'Règle invalide.', label: 'x' })).toEqual({ 'conditions.0.value': 'Valeur invalide.', '': 'Règle invalide.' });
  });
});
