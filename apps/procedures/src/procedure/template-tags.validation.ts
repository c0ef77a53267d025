import { mailTemplateKinds, type AttestationTemplate, type FieldDefinition, type MailTemplate, type MailTemplateKind } from '@guichet/contracts';
import type { DossierState } from '@guichet/dossier-state';
import { formatTag, taggableFields, tagsForProcedure, validateTemplate, type TaggableField } from '@guichet/tags';

export { taggableFields };

/** The dossier state each e-mail is sent in: a tag is offered only where it has a value. */
export const mailTemplateState: Readonly<Record<MailTemplateKind, DossierState>> = {
  initiated: 'en_construction',
  received: 'en_instruction',
  closed: 'accepte',
  refused: 'refuse',
  without_continuation: 'sans_suite',
  re_instructed: 'en_instruction',
};

export const attestationTemplateState: Readonly<Record<AttestationTemplate['kind'], DossierState>> = {
  acceptation: 'accepte',
  refus: 'refuse',
};

export interface TemplatesToCheck {
  mailTemplates?: Partial<Record<MailTemplateKind, MailTemplate>>;
  attestationTemplates?: readonly AttestationTemplate[];
}

export interface TemplateTagsProblems {
  /** Template path → French message listing its unknown tags and the tags it may use. */
  fields: Record<string, string>;
  /** Every unknown tag, formatted (`--foo--`), in order of first appearance. */
  unknownTags: string[];
}

function checkText(text: string, fields: readonly TaggableField[], state: DossierState, unknownTags: Set<string>): string | undefined {
  const available = tagsForProcedure(fields, state);
  const result = validateTemplate(text, available);
  if (result.ok) return undefined;
  for (const name of result.unknownTags) unknownTags.add(formatTag(name));
  const unknown = result.unknownTags
    .map((name) => {
      const suggestion = result.suggestions[name];
      return suggestion === undefined ? formatTag(name) : `${formatTag(name)} (vouliez-vous dire ${formatTag(suggestion)} ?)`;
    })
    .join(', ');
  const heading = result.unknownTags.length === 1 ? 'Balise inconnue' : 'Balises inconnues';
  return `${heading} : ${unknown}. Balises possibles : ${result.validTags.map(formatTag).join(', ')}.`;
}

/**
 * Checks every tag of the templates against the procedure's tag catalogue (built-in tags plus one
 * per field and annotation of the given revision), in the state where each template is used. Returns template
 * path → French message (e.g. `mailTemplates.initiated.body`); `fields` is empty when every tag
 * is known.
 */
export function validateTemplateTags(templates: TemplatesToCheck, formFields: readonly FieldDefinition[], annotations: readonly FieldDefinition[] = []): TemplateTagsProblems {
  const fields = taggableFields(formFields, annotations);
  const errors: Record<string, string> = {};
  const unknownTags = new Set<string>();
  for (const kind of mailTemplateKinds) {
    const template = templates.mailTemplates?.[kind];
    if (template === undefined) continue;
    const state = mailTemplateState[kind];
    for (const part of ['subject', 'body'] as const) {
      const message = checkText(template[part], fields, state, unknownTags);
      if (message !== undefined) errors[`mailTemplates.${kind}.${part}`] = message;
    }
  }
  (templates.attestationTemplates ?? []).forEach((template, index) => {
    const state = attestationTemplateState[template.kind];
    for (const part of ['title', 'body', 'footer'] as const) {
      const message = checkText(template[part], fields, state, unknownTags);
      if (message !== undefined) errors[`attestationTemplates.${index}.${part}`] = message;
    }
  });
  return { fields: errors, unknownTags: [...unknownTags] };
}
