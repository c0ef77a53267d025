import { type DossierState, decidedStates, dossierStates, submittedStates } from '@guichet/dossier-state';
import { isTaggableName, normalizeTagName } from './tag.parser';

export type TagKind = 'dossier' | 'procedure' | 'usager' | 'routing' | 'field';

export interface TagDefinition {
  /** Stable identifier: the value key whatever the label becomes (`champ_<stableId>` for fields). */
  readonly id: string;
  /** The name written between the dashes, normalized. */
  readonly name: string;
  /** French help text shown next to the tag in the template editors. */
  readonly description: string;
  readonly kind: TagKind;
  /** The dossier states in which the tag has a value, hence in which it is offered. */
  readonly availableIn: readonly DossierState[];
}

/** The tags every procedure offers, from DOMAIN.md. */
export const builtInTags: readonly TagDefinition[] = [
  {
    id: 'dossier_number',
    name: 'numéro du dossier',
    description: 'Numéro du dossier',
    kind: 'dossier',
    availableIn: dossierStates,
  },
  {
    id: 'dossier_depose_at',
    name: 'date de dépôt',
    description: 'Date de dépôt du dossier par l’usager',
    kind: 'dossier',
    availableIn: submittedStates,
  },
  {
    id: 'dossier_processed_at',
    name: 'date de décision',
    description: 'Date de la décision d’acceptation, de refus ou de classement sans suite',
    kind: 'dossier',
    availableIn: decidedStates,
  },
  {
    id: 'dossier_motivation',
    name: 'motivation',
    description: 'Motivation de la décision (facultative pour une acceptation)',
    kind: 'dossier',
    availableIn: decidedStates,
  },
  {
    id: 'dossier_url',
    name: 'lien dossier',
    description: 'Lien vers le dossier',
    kind: 'dossier',
    availableIn: dossierStates,
  },
  {
    id: 'dossier_attestation_url',
    name: 'lien attestation',
    description: 'Lien vers l’attestation d’acceptation ou de refus',
    kind: 'dossier',
    // A dossier classé sans suite never gets an attestation: only acceptation and refus templates exist.
    availableIn: ['accepte', 'refuse'],
  },
  {
    id: 'individual_last_name',
    name: 'nom',
    description: 'Nom de l’usager',
    kind: 'usager',
    availableIn: dossierStates,
  },
  {
    id: 'individual_first_name',
    name: 'prénom',
    description: 'Prénom de l’usager',
    kind: 'usager',
    availableIn: dossierStates,
  },
  {
    id: 'dossier_groupe_instructeur',
    name: 'groupe instructeur',
    description: 'Groupe instructeur en charge du dossier',
    kind: 'routing',
    // Routing happens at submission.
    availableIn: submittedStates,
  },
  {
    id: 'procedure_libelle',
    name: 'libellé démarche',
    description: 'Titre de la démarche',
    kind: 'procedure',
    availableIn: dossierStates,
  },
];

/** A field of the procedure's revision, as the tag catalogue needs it. */
export interface TaggableField {
  readonly label: string;
  readonly stableId: string;
  /** Private annotations are filled by instructors, so they only have a value from en_instruction. */
  readonly private?: boolean;
  /** `type_champ`; structure-only types carry no value and get no tag. */
  readonly type?: string;
}

/**
 * What gets a tag, in the order names are given out (the first owner of a name keeps it): the
 * usager's fields, then the private annotations. Every service that writes or renders templates
 * (procedures, messaging, documents) goes through here, so a name means the same field everywhere.
 */
export function taggableFields(fields: readonly TaggableField[], annotations: readonly TaggableField[] = []): TaggableField[] {
  return [...fields, ...annotations.map((annotation) => ({ ...annotation, private: true }))];
}

const valuelessFieldTypes = new Set(['header_section', 'explication']);
const instructionStates: readonly DossierState[] = ['en_instruction', 'accepte', 'refuse', 'sans_suite'];

export function fieldTagId(stableId: string): string {
  return `champ_${stableId}`;
}

/**
 * The tags of a procedure: the built-in ones, then one per field by label. When `state` is given,
 * only the tags that have a value in that state. A field whose label cannot be written as a tag
 * (contains `--`, starts or ends with `-`, is blank), or is already taken by a built-in tag
 * or an earlier field, gets no tag: the first owner of a name keeps it.
 */
export function tagsForProcedure(fields: readonly TaggableField[], state?: DossierState): TagDefinition[] {
  const tags: TagDefinition[] = [...builtInTags];
  const taken = new Set(tags.map((tag) => tag.name));
  for (const field of fields) {
    if (field.type !== undefined && valuelessFieldTypes.has(field.type)) continue;
    const name = normalizeTagName(field.label);
    if (!isTaggableName(name) || taken.has(name)) continue;
    taken.add(name);
    tags.push({
      id: fieldTagId(field.stableId),
      name,
      description: field.private === true ? 'Annotation privée' : 'Champ du formulaire',
      kind: 'field',
      availableIn: field.private === true ? instructionStates : submittedStates,
    });
  }
  return state === undefined ? tags : tags.filter((tag) => tag.availableIn.includes(state));
}
