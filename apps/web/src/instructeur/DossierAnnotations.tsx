import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type Dossier, type FieldDefinition } from '@guichet/contracts';
import { isAnnotatable, stateLabels } from '@guichet/dossier-state';
import { type AttachedFile } from '@guichet/forms';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, isApiError } from '../api/client';
import { errorMessage } from '../api/queries';
import { DossierAnswers } from '../components/dossier/DossierAnswers';
import { DossierForm } from '../components/dossier/DossierForm';
import { cleanedLookup, shownFields } from '../components/dossier/dossierFormState';
import { browserGeo } from '../components/dossier/locations';
import { formatDateTime } from '../components/dossier/states';
import { annotationErrors, annotationValueToSend, type AnnotationStatus, refreshedDrafts, takesValue, withoutErrorsOf } from './annotationsState';
import { instructeurDossierChanged } from './instructeurQueries';

type Props = {
  dossier: Dossier;
  /** The usager's fields: the annotations' conditions may read their answers. */
  fields: readonly FieldDefinition[];
  annotations: readonly FieldDefinition[];
  /** Annotations an acceptance was refused for (`annotations.<stableId>` → message), until each is saved. */
  refused: Readonly<Record<string, string>>;
  /** The reader does not instruct the dossier (an administrateur outside its group): the values only. */
  readOnly?: boolean;
};

/**
 * « Annotations privées »: the procedure's annotation fields, filled by the instructeurs of the
 * dossier's group and never shown to the usager. Each is saved on its own (« Enregistrer » under
 * it), so two instructeurs filling different annotations do not overwrite each other; the server
 * checks values as it checks the usager's and its field errors show under the field.
 */
export function DossierAnnotations({ dossier, fields, annotations, refused, readOnly = false }: Props) {
  const client = useQueryClient();
  const saved = dossier.annotations ?? {};
  const [drafts, setDrafts] = useState<Record<string, unknown>>(saved);
  const [statuses, setStatuses] = useState<Record<string, AnnotationStatus>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({ mutationFn: ({ stableId, value }: { stableId: string; value: unknown }) => api.saveAnnotation(dossier.id, stableId, value), onSuccess: (changed) => instructeurDossierChanged(client, changed) });

  // The dossier read again (after a save, or another agent's): what is not being edited here follows it.
  const savedKey = JSON.stringify(saved);
  useEffect(() => {
    setDrafts((current) => refreshedDrafts(current, JSON.parse(savedKey) as Record<string, unknown>, statuses));
    // `statuses` is read, not watched: only a new server state refreshes the drafts.
  }, [savedKey]);

  if (readOnly) {
    return (
      <>
        <p className={fr.cx('fr-text--sm')}>Seuls les instructeurs du groupe du dossier remplissent ses annotations privées.</p>
        <DossierAnswers fields={annotations} values={saved} />
      </>
    );
  }

  if (!isAnnotatable(dossier.state)) {
    return (
      <>
        <p className={fr.cx('fr-text--sm')}>
          Les annotations privées se modifient en construction ou en instruction ; ce dossier est « {stateLabels[dossier.state]} ».
        </p>
        <DossierAnswers fields={annotations} values={saved} />
      </>
    );
  }

  const usagerValues = cleanedLookup(fields, dossier.values);
  const annotationValues = cleanedLookup(annotations, drafts, usagerValues);
  // A hidden annotation reads as empty for those after it, as on the server.
  const shown = shownFields(annotations, drafts, browserGeo, usagerValues);
  const context = (stableId: string): unknown => (annotations.some((annotation) => annotation.stableId === stableId) ? (shown.has(stableId) ? annotationValues(stableId) : undefined) : usagerValues(stableId));
  const refusedErrors = Object.fromEntries(Object.entries(annotationErrors(refused)).filter(([stableId]) => statuses[stableId]?.kind !== 'saved'));
  const shownErrors = { ...refusedErrors, ...errors };

  const setStatus = (stableId: string, status: AnnotationStatus) => setStatuses((current) => ({ ...current, [stableId]: status }));

  async function saveOne(annotation: FieldDefinition): Promise<void> {
    const { stableId } = annotation;
    setStatus(stableId, { kind: 'saving' });
    try {
      const changed = await save.mutateAsync({ stableId, value: annotationValueToSend(drafts[stableId]) });
      setDrafts((current) => {
        const next = { ...current };
        const value = changed.annotations?.[stableId];
        if (value === undefined) delete next[stableId];
        else next[stableId] = value;
        return next;
      });
      setErrors((current) => withoutErrorsOf(current, stableId));
      setStatus(stableId, { kind: 'saved', at: changed.annotationUpdatedAt ?? new Date().toISOString() });
    } catch (error) {
      const fieldErrors = isApiError(error) ? annotationErrors(error.fields) : {};
      setErrors((current) => ({ ...withoutErrorsOf(current, stableId), ...fieldErrors }));
      setStatus(stableId, { kind: 'failed', message: Object.keys(fieldErrors).length > 0 ? 'L’annotation n’a pas été enregistrée : corrigez la valeur.' : errorMessage(error) });
    }
  }

  const attachFiles = async (_field: unknown, files: File[]): Promise<AttachedFile[]> => {
    const uploaded = await Promise.all(files.map((file) => api.uploadFile(file, 'champ', { dossierId: dossier.id })));
    return uploaded.map((file) => ({ fileId: file.id, fileName: file.fileName }));
  };

  const hasMandatory = annotations.some((annotation) => annotation.mandatory === true);
  return (
    <>
      <p className={fr.cx('fr-hint-text', 'fr-mb-3w')}>
        Visibles des seuls instructeurs et administrateurs, jamais de l’usager ni des experts. Chaque annotation s’enregistre séparément.
        {hasMandatory && ' Celles suivies d’un astérisque (*) sont obligatoires pour accepter le dossier.'}
      </p>
      {annotations
        .filter((annotation) => shown.has(annotation.stableId))
        .map((annotation) => {
          const status = statuses[annotation.stableId];
          return (
            <div key={annotation.stableId} className={fr.cx('fr-mb-4w')}>
              <DossierForm
                id={`annotation-${dossier.id}`}
                fields={[annotation]}
                values={drafts}
                context={context}
                mandatoryHint={false}
                errors={shownErrors}
                attachFiles={attachFiles}
                onChange={(next) => {
                  setDrafts((current) => {
                    const updated = { ...current };
                    if (next[annotation.stableId] === undefined) delete updated[annotation.stableId];
                    else updated[annotation.stableId] = next[annotation.stableId];
                    return updated;
                  });
                  setStatus(annotation.stableId, { kind: 'dirty' });
                }}
              />
              {takesValue(annotation) && (
                <div className={fr.cx('fr-mt-n1w')} style={{ display: 'flex', alignItems: 'center', gap: '1rem', flexWrap: 'wrap' }}>
                  <Button type="button" size="small" priority="secondary" disabled={status?.kind === 'saving'} nativeButtonProps={{ 'aria-label': `Enregistrer « ${annotation.label} »` }} onClick={() => void saveOne(annotation)}>
                    Enregistrer
                  </Button>
                  {/* Announced politely; not role="status", which the pages keep for loading messages. */}
                  <p aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mb-0')}>
                    <AnnotationStatusText status={status} />
                  </p>
                </div>
              )}
            </div>
          );
        })}
      {dossier.annotationUpdatedAt != null && (
        <p className={fr.cx('fr-text--xs', 'fr-mb-0')}>
          Dernière modification le {formatDateTime(dossier.annotationUpdatedAt)}
          {dossier.annotationUpdatedBy != null ? ` par ${dossier.annotationUpdatedBy}` : ''}.
        </p>
      )}
    </>
  );
}

function AnnotationStatusText({ status }: { status: AnnotationStatus | undefined }) {
  if (status === undefined) return null;
  switch (status.kind) {
    case 'saved':
      return (
        <span className={fr.cx('fr-icon-check-line', 'fr-icon--sm')} style={{ color: fr.colors.decisions.text.default.success.default }}>
          {' '}
          Enregistré à {formatDateTime(status.at).split(' ').at(-1)}
        </span>
      );
    case 'dirty':
      return <span>Modification non enregistrée</span>;
    case 'saving':
      return <span>Enregistrement…</span>;
    case 'failed':
      return <span style={{ color: fr.colors.decisions.text.default.error.default }}>{status.message}</span>;
  }
}
