import { type DossierLabel, type LabelColor, labelColors } from '@guichet/contracts';

/** The French name of each DSFR illustrative colour, as the DSFR documentation gives it (a colour without one fails to type-check). */
export const labelColorNames = {
  'green-tilleul-verveine': 'Vert tilleul verveine',
  'green-bourgeon': 'Vert bourgeon',
  'green-emeraude': 'Vert émeraude',
  'green-menthe': 'Vert menthe',
  'green-archipel': 'Vert archipel',
  'blue-ecume': 'Bleu écume',
  'blue-cumulus': 'Bleu cumulus',
  'purple-glycine': 'Violet glycine',
  'pink-macaron': 'Rose macaron',
  'pink-tuile': 'Rose tuile',
  'yellow-tournesol': 'Jaune tournesol',
  'yellow-moutarde': 'Jaune moutarde',
  'orange-terre-battue': 'Orange terre battue',
  'brown-cafe-creme': 'Marron café crème',
  'brown-caramel': 'Marron caramel',
  'brown-opera': 'Marron opéra',
  'beige-gris-galet': 'Beige gris galet',
} as const satisfies Record<LabelColor, string>;

/** The colours in the order of the picker (the contracts' order: DSFR's, by hue). */
export const labelColorOptions: readonly { value: LabelColor; label: string }[] = labelColors.map((value) => ({ value, label: labelColorNames[value] }));

/** The DSFR class of a tag of this colour. */
export const tagColorClass = (color: LabelColor) => `fr-tag--${color}` as const;

/**
 * DSFR colours only interactive tags (`a.fr-tag--<colour>`, `button.…`); a label shown as a plain
 * tag takes the same pair of DSFR tokens (text on background, contrast checked by the DSFR).
 */
export function tagColorStyle(color: LabelColor): { color: string; backgroundColor: string } {
  return { color: `var(--text-action-high-${color})`, backgroundColor: `var(--background-action-low-${color})` };
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
/** Labels in the order agents see them everywhere: by name, case and accents ignored. */
export function sortLabels<T extends Pick<DossierLabel, 'name' | 'id'>>(labels: readonly T[]): T[] {
  return [...labels].sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}
