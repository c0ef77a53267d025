import { type FormFieldOptions, type FormFieldType, fieldCatalogue } from '@guichet/forms';
import { z } from 'zod';

/**
 * The inputs of a field type's options, generated from the catalogue's strict options schema
 * (`fieldCatalogue[type].optionsSchema`): numbers, dates, texts, yes/no, lists, a choice of values.
 * Labels are French; the schema stays the one source of which options a type takes.
 */
export type OptionKey = keyof FormFieldOptions;

type Common = { key: OptionKey; label: string; hint?: string };
export type OptionInput = Common &
  (
    | { kind: 'number'; integer: boolean; min?: number; max?: number; /** Shown in this unit, stored in units of `scale`. */ unit?: { label: string; scale: number } }
    | { kind: 'date' | 'datetime' | 'text' | 'boolean' }
    /** A list of texts, one per line. */
    | { kind: 'list' }
    /** Several values among `values` (checkboxes). */
    | { kind: 'multi'; values: readonly { value: string; label: string }[] }
    /** One value among `values` (radio buttons); `required` when the type needs it. */
    | { kind: 'enum'; values: readonly { value: string; label: string }[]; required: boolean }
    /** Two-level choices (`linked_drop_down_list`). */
    | { kind: 'linkedChoices' }
  );

const megabyte = 1024 * 1024;

const optionTexts: Record<OptionKey, { label: string; hint?: string }> = {
  maxLength: { label: 'Nombre maximal de caractères' },
  minLength: { label: 'Nombre minimal de caractères', hint: 'Espaces non comptés.' },
  min: { label: 'Valeur minimale' },
  max: { label: 'Valeur maximale' },
  decimalPlaces: { label: 'Nombre maximal de décimales' },
  choices: { label: 'Choix proposés', hint: 'Un choix par ligne.' },
  other: { label: 'Proposer « Autre » avec une saisie libre' },
  linkedChoices: { label: 'Choix et sous-choix', hint: 'Un choix par ligne ; ses sous-choix sur les lignes suivantes, précédées de « - ».' },
  allowedMimeTypes: { label: 'Types de fichiers acceptés', hint: 'Un type par ligne (exemples : application/pdf, image/jpeg, image/*). Vide : tous les types.' },
  maxFileBytes: { label: 'Taille maximale d’un fichier (Mo)', hint: '200 Mo au plus.' },
  maxFiles: { label: 'Nombre maximal de fichiers' },
  templateFileId: { label: 'Modèle à télécharger' },
  minRows: { label: 'Nombre minimal de lignes' },
  maxRows: { label: 'Nombre maximal de lignes' },
  mode: { label: 'Contrôle du format' },
  pattern: { label: 'Expression régulière', hint: 'La valeur entière doit correspondre (exemple : [A-Z]{2}[0-9]{4}).' },
  patternExample: { label: 'Exemple de valeur attendue', hint: 'Montré à l’usager quand sa saisie ne convient pas.' },
  letters: { label: 'Lettres autorisées' },
  digits: { label: 'Chiffres autorisés' },
  allowedGeometries: { label: 'Tracés autorisés', hint: 'Aucun coché : tous les tracés.' },
  referentielId: { label: 'Identifiant du référentiel' },
};

const valueLabels: Record<string, string> = {
  regex: 'Expression régulière',
  simple: 'Lettres, chiffres et longueur',
  Point: 'Points',
  LineString: 'Lignes',
  Polygon: 'Zones (polygones)',
};

/** Options the builder does not edit here (a template file needs an upload). */
const notEditedHere: ReadonlySet<OptionKey> = new Set<OptionKey>(['templateFileId']);

/** Options that apply only in one mode of a `formatted` field. */
const modeOnly: Partial<Record<OptionKey, 'regex' | 'simple'>> = { pattern: 'regex', letters: 'simple', digits: 'simple', minLength: 'simple' };

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodPrefault || inner instanceof z.ZodDefault) {
    optional = true;
    inner = inner.def.innerType as z.ZodType;
  }
  return { inner, optional };
}

const finite = (value: number | null | undefined): number | undefined => (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined);

function inputFor(type: FormFieldType, key: OptionKey, schema: z.ZodType): OptionInput | undefined {
  const { label, hint } = optionTexts[key];
  const common = { key, label, ...(hint !== undefined ? { hint } : {}) };
  const { inner, optional } = unwrap(schema);
  if (inner instanceof z.ZodNumber) {
    const min = finite(inner.minValue);
    const max = finite(inner.maxValue);
    if (key === 'maxFileBytes') return { ...common, kind: 'number', integer: false, min: 0, max: (max ?? 0) / megabyte, unit: { label: 'Mo', scale: megabyte } };
    return { ...common, kind: 'number', integer: inner.isInt === true, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  }
  if (inner instanceof z.ZodString) {
    if (type === 'date' && (key === 'min' || key === 'max')) return { ...common, label: key === 'min' ? 'Date minimale' : 'Date maximale', kind: 'date' };
    if (type === 'datetime' && (key === 'min' || key === 'max')) return { ...common, label: key === 'min' ? 'Date et heure minimales' : 'Date et heure maximales', kind: 'datetime' };
    return { ...common, kind: 'text' };
  }
  if (inner instanceof z.ZodBoolean) return { ...common, kind: 'boolean' };
  if (inner instanceof z.ZodEnum) {
    return { ...common, kind: 'enum', required: !optional, values: inner.options.map((value) => ({ value: String(value), label: valueLabels[String(value)] ?? String(value) })) };
  }
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as z.ZodType).inner;
    if (element instanceof z.ZodEnum) return { ...common, kind: 'multi', values: element.options.map((value) => ({ value: String(value), label: valueLabels[String(value)] ?? String(value) })) };
    if (element instanceof z.ZodObject && key === 'linkedChoices') return { ...common, kind: 'linkedChoices' };
    return { ...common, kind: 'list' };
  }
  return undefined;
}

const cache = new Map<FormFieldType, OptionInput[]>();

/** Every option input of a type, in the schema's order. */
export function optionInputsFor(type: FormFieldType): OptionInput[] {
  const cached = cache.get(type);
  if (cached !== undefined) return cached;
  const schema = fieldCatalogue[type].optionsSchema;
  const inputs: OptionInput[] = [];
  if (schema instanceof z.ZodObject) {
    for (const [key, option] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      if (!(key in optionTexts) || notEditedHere.has(key as OptionKey)) continue;
      const input = inputFor(type, key as OptionKey, option);
      if (input !== undefined) inputs.push(input);
    }
  }
  cache.set(type, inputs);
  return inputs;
}

/** The inputs that apply to the options as they are (a `formatted` field's mode hides the others'). */
export function visibleOptionInputs(type: FormFieldType, options: FormFieldOptions): OptionInput[] {
  return optionInputsFor(type).filter((input) => {
    const mode = modeOnly[input.key];
    return type !== 'formatted' || mode === undefined || options.mode === mode;
  });
}

/** The options a new field of this type starts with (what its schema requires). */
export function defaultOptionsFor(type: FormFieldType): FormFieldOptions {
  switch (type) {
    case 'formatted':
      return { mode: 'simple' };
    case 'drop_down_list':
    case 'multiple_drop_down_list':
      return { choices: [] };
    case 'linked_drop_down_list':
      return { linkedChoices: [] };
    default:
      return {};
  }
}

/**
 * Options after one input changed: undefined removes the option; a `formatted` field's mode
 * change drops the options of the other mode (the service refuses them).
 */
export function setOption(type: FormFieldType, options: FormFieldOptions, key: OptionKey, value: unknown): FormFieldOptions {
  const next: Record<string, unknown> = { ...options };
  if (value === undefined) delete next[key];
  else next[key] = value;
  if (type === 'formatted' && key === 'mode') {
    for (const [option, mode] of Object.entries(modeOnly)) {
      if (mode !== value) delete next[option];
    }
  }
  return next as FormFieldOptions;
}

/** Options a type does not take, removed when a field's type changes. */
export function keepApplicableOptions(type: FormFieldType, options: FormFieldOptions): FormFieldOptions {
  const schema = fieldCatalogue[type].optionsSchema;
  const keys = schema instanceof z.ZodObject ? new Set(Object.keys(schema.shape as object)) : new Set<string>();
  const kept = Object.fromEntries(Object.entries(options).filter(([key]) => keys.has(key)));
  return { ...defaultOptionsFor(type), ...kept } as FormFieldOptions;
}

/** One entry per non-blank line, trimmed. */
export function parseLines(text: string): string[] {
  return text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export type LinkedChoice = { value: string; children: string[] };

/** « Choix » lines, each followed by its « - sous-choix » lines. */
export function parseLinkedChoices(text: string): LinkedChoice[] {
  const choices: LinkedChoice[] = [];
  for (const raw of text.split(/\r?\n/u)) {
    const line = raw.trim();
    if (line === '') continue;
    const child = /^-\s*(.*)$/u.exec(line);
    const last = choices[choices.length - 1];
    if (child !== null && last !== undefined) {
      if ((child[1] ?? '').trim() !== '') last.children.push((child[1] ?? '').trim());
    } else {
      choices.push({ value: child !== null ? (child[1] ?? '').trim() : line, children: [] });
    }
  }
  return choices;
}

export function formatLinkedChoices(choices: readonly LinkedChoice[]): string {
  return choices.flatMap((choice) => [choice.value, ...choice.children.map((child) => `- ${child}`)]).join('\n');
}
