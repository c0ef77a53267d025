import type { FieldDefinition, FieldType } from '@guichet/contracts';

type OptionName = keyof FieldDefinition['options'];

/** Which options mean something for which field type; any other option is refused. */
const optionsByType: Readonly<Record<FieldType, readonly OptionName[]>> = {
  header_section: [],
  explication: [],
  text: ['maxLength'],
  textarea: ['maxLength'],
  email: [],
  phone: [],
  integer_number: ['min', 'max'],
  decimal_number: ['min', 'max'],
  date: [],
  checkbox: [],
  yes_no: [],
  drop_down_list: ['choices'],
  piece_justificative: ['allowedMimeTypes', 'maxFileBytes'],
};

/** Structure-only types carry no value, so they cannot be mandatory. */
const structureTypes: ReadonlySet<FieldType> = new Set(['header_section', 'explication']);

/** Attachments are limited to 200 MB on the platform (DOMAIN.md, "Limits users expect"). */
export const maxAttachmentBytes = 200 * 1024 * 1024;

const mimeTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/i;

/** Labels that differ only by case, accents' encoding or spacing read as the same label. */
function labelKey(label: string): string {
  return label.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('fr-FR');
}

/**
 * Checks what the contract's schema cannot see: the fields taken together (unique stable ids and
 * labels) and the options against the field type. Returns field path → French message, empty when
 * the fields are valid. Paths are relative to the payload (`fields.2.options.choices`).
 */
export function validateFieldDefinitions(fields: readonly FieldDefinition[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seenStableIds = new Set<string>();
  const seenLabels = new Set<string>();

  fields.forEach((field, index) => {
    const at = `fields.${index}`;
    if (seenStableIds.has(field.stableId)) errors[`${at}.stableId`] = 'Cet identifiant est déjà celui d’un autre champ.';
    seenStableIds.add(field.stableId);

    const label = labelKey(field.label);
    if (seenLabels.has(label)) errors[`${at}.label`] = 'Un autre champ porte déjà ce libellé.';
    seenLabels.add(label);

    if (field.mandatory && structureTypes.has(field.type)) errors[`${at}.mandatory`] = 'Un titre de section ou une explication ne peut pas être obligatoire.';

    const allowed = optionsByType[field.type];
    const options = field.options;
    for (const name of Object.keys(options) as OptionName[]) {
      if (options[name] !== undefined && !allowed.includes(name)) errors[`${at}.options.${name}`] = 'Cette option ne s’applique pas à ce type de champ.';
    }

    if (field.type === 'drop_down_list') {
      const choices = options.choices ?? [];
      if (choices.length === 0) {
        errors[`${at}.options.choices`] = 'Indiquez au moins un choix.';
      } else {
        const trimmed = choices.map((choice) => choice.trim());
        const duplicate = trimmed.find((choice, position) => trimmed.indexOf(choice) !== position);
        if (trimmed.includes('')) errors[`${at}.options.choices`] = 'Un choix ne peut pas être vide.';
        else if (duplicate !== undefined) errors[`${at}.options.choices`] = `Le choix « ${duplicate} » figure plusieurs fois.`;
      }
    }

    if (field.type === 'integer_number') {
      if (options.min !== undefined && !Number.isInteger(options.min)) errors[`${at}.options.min`] = 'Indiquez un nombre entier.';
      if (options.max !== undefined && !Number.isInteger(options.max)) errors[`${at}.options.max`] = 'Indiquez un nombre entier.';
    }
    if (options.min !== undefined && options.max !== undefined && options.min > options.max && allowed.includes('max')) {
      errors[`${at}.options.max`] ??= 'Le maximum doit être supérieur ou égal au minimum.';
    }

    if (options.maxFileBytes !== undefined && options.maxFileBytes > maxAttachmentBytes && allowed.includes('maxFileBytes')) {
      errors[`${at}.options.maxFileBytes`] = 'La taille maximale d’un fichier est de 200 Mo.';
    }
    if (options.allowedMimeTypes !== undefined && allowed.includes('allowedMimeTypes')) {
      const invalid = options.allowedMimeTypes.find((mimeType) => !mimeTypePattern.test(mimeType));
      if (invalid !== undefined) errors[`${at}.options.allowedMimeTypes`] = `Type de fichier invalide : « ${invalid} » (exemple : application/pdf).`;
      else if (options.allowedMimeTypes.length === 0) errors[`${at}.options.allowedMimeTypes`] = 'Indiquez au moins un type de fichier, ou retirez cette option.';
    }
  });
  return errors;
}
