import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { loadStateOf } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type ProcedureTags } from '@guichet/contracts';
import { type ProcedureTag } from '../api/types';
import { type LoadState } from './adminAccess';
import { insertTag } from './templateText';

export type TemplatePart<Part extends string> = { key: Part; label: string; hint?: string; multiline?: boolean; value: string; error?: string };

/**
 * The texts of a template (subject and body, or title, body and footer) with a tag picker: the
 * chosen tag goes in the last text the cursor was in (the first multi-line one by default), at the
 * cursor, and the focus returns there right after the tag.
 */
export function TemplatePartsEditor<Part extends string>({
  id,
  name,
  parts,
  tags,
  onChange,
}: {
  /** Prefix of the element ids (unique in the page). */
  id: string;
  /** The template's name, for the picker's accessible name. */
  name: string;
  parts: readonly TemplatePart<Part>[];
  tags: readonly ProcedureTag[];
  onChange: (part: Part, value: string) => void;
}) {
  const inputId = (part: Part) => `${id}-${part}`;
  const fallback = parts.find((part) => part.multiline === true) ?? parts[0];
  const [target, setTarget] = useState<Part | undefined>(fallback?.key);
  const [chosen, setChosen] = useState('');
  const [caret, setCaret] = useState<{ elementId: string; position: number } | null>(null);

  useEffect(() => {
    if (caret === null) return;
    const element = document.getElementById(caret.elementId) as HTMLInputElement | HTMLTextAreaElement | null;
    element?.focus();
    element?.setSelectionRange(caret.position, caret.position);
    setCaret(null);
  }, [caret]);


  const insert = () => {
    const tag = tags.find((candidate) => candidate.tag === chosen) ?? tags[0];
    const part = parts.find((candidate) => candidate.key === target) ?? fallback;
    if (tag === undefined || part === undefined) return;
    // A text keeps its selection when it loses the focus to the picker.
    const element = document.getElementById(inputId(part.key)) as HTMLInputElement | HTMLTextAreaElement | null;
    const next = insertTag(part.value, tag.tag, element?.selectionStart ?? null, element?.selectionEnd ?? null);
    onChange(part.key, next.text);
    setCaret({ elementId: inputId(part.key), position: next.caret });
  };

  const targetLabel = parts.find((part) => part.key === target)?.label ?? fallback?.label ?? '';
  return (
    <>
      {parts.map((part) => {
        const common = {
          id: inputId(part.key),
          name: part.key,
          value: part.value,
          onFocus: () => setTarget(part.key),
        };
        const state = part.error !== undefined ? ({ state: 'error', stateRelatedMessage: part.error } as const) : {};
        return part.multiline === true ? (
          <Input
            key={part.key}
            label={part.label}
            hintText={part.hint}
            textArea
            {...state}
            nativeTextAreaProps={{ ...common, rows: 8, onChange: (event) => onChange(part.key, event.target.value) }}
          />
        ) : (
          <Input key={part.key} label={part.label} hintText={part.hint} {...state} nativeInputProps={{ ...common, onChange: (event) => onChange(part.key, event.target.value) }} />
        );
      })}
      {tags.length === 0 ? (
        <p className={fr.cx('fr-text--sm')}>Aucune balise n’est disponible pour ce modèle.</p>
      ) : (
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom', 'fr-mb-2w')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
            <Select
              label="Balise à insérer"
              hint={`Les balises possibles pour ce modèle ; elle est insérée dans « ${targetLabel} », à l’endroit du curseur.`}
              className={fr.cx('fr-mb-0')}
              nativeSelectProps={{ id: `${id}-balise`, value: chosen === '' ? (tags[0]?.tag ?? '') : chosen, onChange: (event) => setChosen(event.target.value) }}
            >
              {tags.map((tag) => (
                <option key={tag.id} value={tag.tag}>
                  {tag.tag} — {tag.description}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={insert}>
              Insérer la balise<span className={fr.cx('fr-sr-only')}> dans « {name} »</span>
            </Button>
          </div>
        </div>
      )}
    </>
  );
}

/** The procedure's tags (from its draft) and the dossier state each template is sent in. */
export function useProcedureTags(procedureId: string): LoadState<ProcedureTags> {
  // Read again whenever the procedure changes (its draft's fields are tags): see procedureChanged.
  return loadStateOf(useQuery({ queryKey: queryKeys.procedureTags(procedureId), queryFn: () => api.getProcedureTags(procedureId) }));
}
