import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { labelColors } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { labelColorNames, labelColorOptions, sortLabels, tagColorClass, tagColorStyle } from './labelColors';

describe('label colours', () => {
  it('are each a tag and a badge colour of the DSFR the web app ships', () => {
    const css = readFileSync(resolve(__dirname, '../../../../../node_modules/@codegouvfr/react-dsfr/dsfr/dsfr.min.css'), 'utf8');
    for (const color of labelColors) {
      expect(css, color).toContain(`.${tagColorClass(color)}`);
      expect(css, color).toContain(`.fr-badge--${color}`);
      // The tokens a plain tag of that colour is painted with (tagColorStyle).
      expect(css, color).toContain(`--text-action-high-${color}:`);
      expect(css, color).toContain(`--background-action-low-${color}:`);
    }
  });

  it('have a French name each, offered in the contracts’ order', () => {
    expect(labelColorOptions.map((option) => option.value)).toEqual([...labelColors]);
    expect(new Set(Object.values(labelColorNames)).size).toBe(labelColors.length);
    expect(labelColorOptions[0]).toEqual({ value: 'green-tilleul-verveine', label: 'Vert tilleul verveine' });
  });

  it('paint a plain tag with the DSFR tokens of its colour', () => {
    expect(tagColorStyle('pink-tuile')).toEqual({ color: 'var(--text-action-high-pink-tuile)', backgroundColor: 'var(--background-action-low-pink-tuile)' });
  });
});

describe('label order', () => {
  it('is by name, case and accents ignored, numbers by value', () => {
    const labels = ['Urgent', 'à relancer', 'Complet', 'Lot 10', 'Lot 9'].map((name, index) => ({ id: String(index), name }));
    expect(sortLabels(labels).map((label) => label.name)).toEqual(['à relancer', 'Complet', 'Lot 9', 'Lot 10', 'Urgent']);
  });
});
