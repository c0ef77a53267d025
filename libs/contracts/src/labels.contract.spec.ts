import { describe, expect, it } from 'vitest';
import { labelColors, labelColorSchema, labelNameKey, labelNameSchema } from './labels.contract';

describe('label names', () => {
  it('are trimmed and hold 1 to 50 characters without control characters', () => {
    expect(labelNameSchema.parse('  Urgent ')).toBe('Urgent');
    expect(labelNameSchema.safeParse('').success).toBe(false);
    expect(labelNameSchema.safeParse('   ').success).toBe(false);
    expect(labelNameSchema.safeParse('x'.repeat(50)).success).toBe(true);
    expect(labelNameSchema.safeParse('x'.repeat(51)).success).toBe(false);
    expect(labelNameSchema.safeParse('deux\nlignes').success).toBe(false);
    expect(labelNameSchema.safeParse('nul\u0000').success).toBe(false);
  });

  it('compare without case, accents, ligatures or repeated spaces', () => {
    expect(labelNameKey('Pièce  manquante')).toBe(labelNameKey('PIECE MANQUANTE'));
    expect(labelNameKey('Élève')).toBe('eleve');
    expect(labelNameKey('Cœur')).toBe(labelNameKey('coeur'));
    expect(labelNameKey('À relancer')).not.toBe(labelNameKey('À relancer vite'));
  });
});

describe('label colours', () => {
  it('are the 17 DSFR illustrative colours, and nothing else', () => {
    expect(labelColors).toHaveLength(17);
    expect(new Set(labelColors).size).toBe(17);
    expect(labelColorSchema.safeParse('green-menthe').success).toBe(true);
    expect(labelColorSchema.safeParse('red').success).toBe(false);
    expect(labelColorSchema.safeParse('fr-tag--green-menthe').success).toBe(false);
  });
});
