import { GuichetError } from '@guichet/contracts';
import { hasUnstorableCharacter } from '@guichet/forms';

/** Form errors are keyed by stableId; on the wire they are paths into the payload (`values.<stableId>`). */
export function valuesRefused(message: string, fields: Record<string, string>): GuichetError {
  return new GuichetError('VALIDATION_FAILED', message, Object.fromEntries(Object.entries(fields).map(([stableId, text]) => [`values.${stableId}`, text])));
}

const maxNameLength = 200;

/**
 * The usager's first and last names as typed: trimmed, present, reasonable. Names and motivations
 * also travel in jsonb (the outbox event), which cannot hold U+0000 or lone surrogates: such input
 * is refused here rather than failing as INTERNAL at the next transition.
 */
export function cleanUsagerNames(names: { firstName: string; lastName: string }): { firstName: string; lastName: string } {
  const fields: Record<string, string> = {};
  const clean = (key: 'firstName' | 'lastName'): string => {
    const value = names[key].trim();
    if (value === '') fields[`usager.${key}`] = 'Ce champ est obligatoire.';
    else if ([...value].length > maxNameLength) fields[`usager.${key}`] = `Au plus ${maxNameLength} caractères.`;
    else if (hasUnstorableCharacter(value)) fields[`usager.${key}`] = 'Caractère non autorisé.';
    return value;
  };
  const cleaned = { firstName: clean('firstName'), lastName: clean('lastName') };
  if (Object.keys(fields).length > 0) throw new GuichetError('VALIDATION_FAILED', 'Indiquez le prénom et le nom du demandeur.', fields);
  return cleaned;
}

/** A transition's motivation: trimmed, null when blank. */
export function cleanMotivation(motivation: string | undefined): string | null {
  const value = (motivation ?? '').trim();
  if (hasUnstorableCharacter(value)) throw new GuichetError('VALIDATION_FAILED', 'La motivation contient un caractère non autorisé.', { motivation: 'Caractère non autorisé.' });
  return value === '' ? null : value;
}
