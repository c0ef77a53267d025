import { randomUUID } from 'node:crypto';
import type { AttestationTemplate, FieldDefinition, MailTemplate, MailTemplateKind } from '@guichet/contracts';
import type { DossierState } from '@guichet/dossier-state';
import { findTagOccurrences, formatTag, tagsForProcedure } from '@guichet/tags';
import { attestationTemplateState, mailTemplateState, taggableFields } from '../procedure/template-tags.validation';

/**
 * What a clone does to a form: every field, repetition child and annotation gets a new stable id,
 * and every condition that names a field by its stable id names its copy. A condition naming a field
 * the copy does not have (which a saved form never holds) is dropped rather than left dangling.
 */
export interface RewrittenForm {
  readonly fields: FieldDefinition[];
  readonly annotations: FieldDefinition[];
  /** Source stable id → new stable id. */
  readonly ids: ReadonlyMap<string, string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A condition (or routing rule) with its field references renamed through `ids`; undefined when it
 * names a field `ids` does not know. Comparisons are `{ kind: 'comparison', field, … }` nodes,
 * anywhere in and/or trees.
 */
export function rewriteCondition<T>(condition: T, ids: ReadonlyMap<string, string>): T | undefined {
  let dangling = false;
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const copy: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(node)) copy[key] = walk(value);
    if (copy['kind'] === 'comparison' && typeof copy['field'] === 'string') {
      const renamed = ids.get(copy['field']);
      if (renamed === undefined) dangling = true;
      else copy['field'] = renamed;
    }
    return copy;
  };
  const rewritten = walk(condition as Json);
  return dangling ? undefined : (rewritten as T);
}

/** New ids first (children included), then the conditions, which may name any earlier field. */
export function rewriteForm(fields: readonly FieldDefinition[], annotations: readonly FieldDefinition[]): RewrittenForm {
  const ids = new Map<string, string>();
  const assign = (list: readonly FieldDefinition[]): void => {
    for (const field of list) {
      ids.set(field.stableId, randomUUID());
      for (const child of field.children ?? []) ids.set(child.stableId, randomUUID());
    }
  };
  assign(fields);
  assign(annotations);

  const copy = <F extends Omit<FieldDefinition, 'children'> & { children?: FieldDefinition['children'] }>(field: F): F => {
    const { condition, children, ...rest } = structuredClone(field);
    const renamedCondition = condition === undefined ? undefined : rewriteCondition(condition, ids);
    return {
      ...rest,
      stableId: ids.get(field.stableId) ?? randomUUID(),
      ...(renamedCondition !== undefined ? { condition: renamedCondition } : {}),
      ...(children !== undefined ? { children: children.map((child) => copy(child)) } : {}),
    } as F;
  };
  return { fields: fields.map((field) => copy(field)), annotations: annotations.map((field) => copy(field)), ids };
}

/**
 * The text with every tag outside `available` (normalized names) removed. Removing one may join
 * dashes into a new tag, so it runs until the text has none left.
 */
export function withoutUnavailableTags(text: string, available: ReadonlySet<string>, dropped: Set<string> = new Set()): string {
  let current = text;
  for (;;) {
    const unavailable = findTagOccurrences(current).filter((occurrence) => !available.has(occurrence.name));
    if (unavailable.length === 0) return current;
    let kept = '';
    let from = 0;
    for (const occurrence of unavailable) {
      dropped.add(formatTag(occurrence.name));
      kept += current.slice(from, occurrence.start);
      from = occurrence.end;
    }
    current = kept + current.slice(from);
  }
}

const attestationFallback: Readonly<Record<AttestationTemplate['kind'], { title: string; body: string }>> = {
  acceptation: { title: 'Attestation d’acceptation', body: 'Le dossier n° --numéro du dossier-- a été accepté le --date de décision--.' },
  refus: { title: 'Attestation de refus', body: 'Le dossier n° --numéro du dossier-- a été refusé le --date de décision--.' },
};

export interface ClonedTemplates {
  readonly mailTemplates: Partial<Record<MailTemplateKind, MailTemplate>>;
  readonly attestationTemplates: AttestationTemplate[];
  /** The tags removed, formatted (`--Nom--`). */
  readonly droppedTags: string[];
}

/**
 * Templates name fields by label. A copy keeps the tags its own form offers, in the state each
 * template is sent in; the others (fields left out, or a model's draft-only fields) are removed, so
 * the copy's templates pass the checks of set-templates and publish.
 */
export function templatesForForm(
  templates: { mailTemplates: Partial<Record<MailTemplateKind, MailTemplate>>; attestationTemplates: readonly AttestationTemplate[] },
  fields: readonly FieldDefinition[],
  annotations: readonly FieldDefinition[],
): ClonedTemplates {
  const taggable = taggableFields(fields, annotations);
  const availableIn = new Map<DossierState, Set<string>>();
  const available = (state: DossierState): Set<string> => {
    let names = availableIn.get(state);
    if (names === undefined) {
      names = new Set(tagsForProcedure(taggable, state).map((tag) => tag.name));
      availableIn.set(state, names);
    }
    return names;
  };
  const dropped = new Set<string>();
  const mailTemplates: Partial<Record<MailTemplateKind, MailTemplate>> = {};
  for (const [kind, template] of Object.entries(templates.mailTemplates) as [MailTemplateKind, MailTemplate][]) {
    const names = available(mailTemplateState[kind]);
    // Trimmed like the templates an administrateur saves.
    const subject = withoutUnavailableTags(template.subject, names, dropped).trim();
    const body = withoutUnavailableTags(template.body, names, dropped).trim();
    // Nothing left but blanks: the kind falls back to the default e-mail.
    if (subject !== '' && body !== '') mailTemplates[kind] = { subject, body };
  }
  const attestationTemplates = templates.attestationTemplates.map((template) => {
    const names = available(attestationTemplateState[template.kind]);
    const title = withoutUnavailableTags(template.title, names, dropped).trim();
    const body = withoutUnavailableTags(template.body, names, dropped).trim();
    // Title and body may not be blank: a neutral text stands in for one made only of removed tags.
    return {
      ...template,
      title: title === '' ? attestationFallback[template.kind].title : title,
      body: body === '' ? attestationFallback[template.kind].body : body,
      footer: withoutUnavailableTags(template.footer, names, dropped),
    };
  });
  return { mailTemplates, attestationTemplates, droppedTags: [...dropped] };
}
