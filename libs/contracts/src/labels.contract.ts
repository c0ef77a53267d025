import { z } from 'zod';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';

/**
 * Labels (DS « étiquettes »): per procedure, administrateurs define them (a name and a colour);
 * agents who instruct a dossier put them on it and take them off. Agents only: neither the usager
 * nor an expert sees them.
 */

/**
 * The DSFR illustrative colours, the suffixes of `fr-tag--<colour>` and `fr-badge--<colour>`
 * (DSFR 1.x, as shipped by @codegouvfr/react-dsfr). The one list: the services validate against it
 * and the web app renders its colour picker from it.
 */
export const labelColors = [
  'green-tilleul-verveine',
  'green-bourgeon',
  'green-emeraude',
  'green-menthe',
  'green-archipel',
  'blue-ecume',
  'blue-cumulus',
  'purple-glycine',
  'pink-macaron',
  'pink-tuile',
  'yellow-tournesol',
  'yellow-moutarde',
  'orange-terre-battue',
  'brown-cafe-creme',
  'brown-caramel',
  'brown-opera',
  'beige-gris-galet',
] as const;
export const labelColorSchema = z.enum(labelColors);
export type LabelColor = z.infer<typeof labelColorSchema>;

/** A label's name is at most this long (it is shown as a tag in lists). */
export const maxLabelNameLength = 50;
/** Labels per procedure: a list an instructeur picks from at a glance, and one small bus message. */
export const maxLabelsPerProcedure = 100;

const hasControlCharacter = (text: string): boolean => [...text].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127);

/** Trimmed, 1 to 50 characters, no control character (PostgreSQL text refuses NUL; a tag is one line). */
export const labelNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(maxLabelNameLength)
  .refine((name) => !hasControlCharacter(name), 'Caractères de contrôle interdits.');

/**
 * What two names must not share within a procedure: names equal but for case, accents, ligatures
 * and runs of spaces (« Urgent », « URGENT » and « urgènt » are one label).
 */
export function labelNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/gu, ' ')
    .trim();
}

export const labelSchema = z.object({
  id: uuid,
  procedureId: uuid,
  name: z.string(),
  color: labelColorSchema,
  /** Bumped by every change; the replicas of other services keep the highest they have seen. */
  version: z.number().int().positive(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Label = z.infer<typeof labelSchema>;

/** A label as agents see it on a dossier. */
export const dossierLabelSchema = z.object({ id: uuid, name: z.string(), color: labelColorSchema });
export type DossierLabel = z.infer<typeof dossierLabelSchema>;

const inProcedure = z.object({ procedureId: uuid });
const inLabel = inProcedure.extend({ labelId: uuid });

/** Labels of a procedure (procedures service). */
export const labelContracts = {
  /** Agents of the procedure's tenant and system callers of that tenant: every label, by name. */
  list: defineRequest('procedures', 'procedures.labels.list', inProcedure, z.object({ items: z.array(labelSchema).max(maxLabelsPerProcedure) })),
  /** Same readers as `list`; NOT_FOUND for a label of another procedure. */
  get: defineRequest('procedures', 'procedures.labels.get', inLabel, labelSchema),
  /** Administrateurs of the tenant; CONFLICT on `name` when the procedure has it already (case and accents ignored). */
  create: defineRequest('procedures', 'procedures.labels.create', inProcedure.extend({ name: labelNameSchema, color: labelColorSchema }), labelSchema),
  /** Rename and/or recolour; administrateurs of the tenant. */
  update: defineRequest('procedures', 'procedures.labels.update', inLabel.extend({ name: labelNameSchema.optional(), color: labelColorSchema.optional() }), labelSchema),
  /** Administrateurs of the tenant; the label leaves every dossier that has it. */
  delete: defineRequest('procedures', 'procedures.labels.delete', inLabel, z.object({ deleted: z.literal(true) })),
};

export const labelEvents = {
  /** A label was created, renamed or recoloured: its whole state, with its version. */
  changed: defineEvent(
    'procedures',
    'procedure.label_changed',
    1,
    z.object({ labelId: uuid, procedureId: uuid, name: z.string(), color: labelColorSchema, version: z.number().int().positive() }),
  ),
  /** A label was deleted; `version` is above every version it had, so a late `label_changed` cannot bring it back. */
  deleted: defineEvent('procedures', 'procedure.label_deleted', 1, z.object({ labelId: uuid, procedureId: uuid, version: z.number().int().positive() })),
};
