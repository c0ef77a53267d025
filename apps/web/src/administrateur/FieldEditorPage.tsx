import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, isApiError, messages } from '../api/client';
import { useProcedureMutation } from '../api/queries';
import { type AdminProcedure, type UpdateDraftInput } from '../api/types';
import { useSession } from '../account/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { type FieldErrors, errorsByField } from './builder/fieldErrors';
import { type BuilderField, toPayload } from './builder/fieldList';
import { FieldList, fieldElementId } from './builder/FieldList';
import { AdminOnly, useAdminProcedure } from './adminAccess';
import { ProcedureAdminHeader } from './ProcedureAdminHeader';

/** Which list of the draft revision the page edits: the usager's form, or the instructeurs' private annotations. */
export type EditedList = 'fields' | 'annotations';

const pages: Record<EditedList, { title: string; intro: string; empty: string; saveLabel: string; saved: string; failed: string }> = {
  fields: {
    title: 'Champs du formulaire',
    intro: 'Ajoutez les champs que l’usager remplira, dans l’ordre où il les verra.',
    empty: 'Le formulaire n’a pas encore de champ.',
    saveLabel: 'Enregistrer les champs',
    saved: 'Les champs ont été enregistrés.',
    failed: 'Les champs n’ont pas été enregistrés',
  },
  annotations: {
    title: 'Annotations privées',
    intro:
      'Les annotations privées sont remplies par les instructeurs pendant l’instruction ; l’usager ne les voit jamais. Leurs conditions peuvent porter sur les champs du formulaire et sur les annotations précédentes.',
    empty: 'La démarche n’a pas encore d’annotation privée.',
    saveLabel: 'Enregistrer les annotations',
    saved: 'Les annotations ont été enregistrées.',
    failed: 'Les annotations n’ont pas été enregistrées',
  },
};

/**
 * /admin/demarches/:procedureId/champs (the usager's fields) and /annotations (the private
 * annotations): one list of the draft revision, edited and saved as a whole.
 */
export function FieldEditorPage({ list = 'fields' }: { list?: EditedList }) {
  const { procedureId = '' } = useParams();
  return (
    <AdminOnly title={pages[list].title}>
      <FieldEditorLoader key={list} procedureId={procedureId} list={list} />
    </AdminOnly>
  );
}

function FieldEditorLoader({ procedureId, list }: { procedureId: string; list: EditedList }) {
  const pageTitle = pages[list].title;
  const state = useAdminProcedure(procedureId);
  useDocumentTitle(state.status === 'loaded' ? `${pageTitle} - ${state.value.title}` : pageTitle);
  if (state.status === 'loading') {
    return (
      <>
        <h1>{pageTitle}</h1>
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement de la démarche…
        </p>
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        <h1>{pageTitle}</h1>
        <Alert severity="error" as="h2" title="La démarche n’a pas pu être chargée" description={state.message} />
      </>
    );
  }
  // Keyed by revision: a save answered with new fields restarts the editor on them.
  return <FieldEditor key={state.value.draftRevision.id} procedure={state.value} list={list} />;
}

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string; others: string[] };

function FieldEditor({ procedure, list }: { procedure: AdminProcedure; list: EditedList }) {
  const page = pages[list];
  const pageTitle = page.title;
  const { expired } = useSession();
  const [fields, setFields] = useState<BuilderField[]>(procedure.draftRevision[list]);
  // What conditions may test: an annotation reads the usager's fields, then the annotations before it.
  const form = list === 'annotations' ? [...procedure.draftRevision.fields, ...fields] : fields;
  const [errors, setErrors] = useState<ReadonlyMap<string, FieldErrors>>(new Map());
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const [dirty, setDirty] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const updateDraft = useProcedureMutation((input: UpdateDraftInput) => api.updateDraft(procedure.id, input));

  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  useEffect(() => {
    if (save.status === 'failed') alertRef.current?.focus();
  }, [save]);

  const change = (next: BuilderField[]) => {
    setFields(next);
    setDirty(true);
    if (save.status === 'saved') setSave({ status: 'idle' });
  };

  async function onSave() {
    const sent = toPayload(fields);
    setSave({ status: 'saving' });
    try {
      const saved = await updateDraft({ [list]: sent });
      setErrors(new Map());
      setDirty(false);
      setSave({ status: 'saved' });
      // The fields as the service stored them (defaults filled in); same revision, so the editor stays.
      setFields(saved.draftRevision[list]);
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        expired();
        return;
      }
      const apiError = isApiError(error) ? error : undefined;
      const sorted = errorsByField(sent, apiError?.fields ?? {}, list);
      setErrors(sorted.byField);
      setSave({ status: 'failed', message: apiError?.message ?? messages.unexpected, others: sorted.others });
    }
  }

  const labelOf = (stableId: string): string => {
    for (const [index, field] of fields.entries()) {
      if (field.stableId === stableId) return `Champ ${index + 1} « ${field.label} »`;
      const child = field.children?.findIndex((candidate) => candidate.stableId === stableId) ?? -1;
      if (child >= 0) return `Bloc « ${field.label} », champ ${child + 1} « ${field.children?.[child]?.label ?? ''} »`;
    }
    return 'Champ';
  };

  return (
    <>
      <ProcedureAdminHeader procedure={procedure} current={pageTitle} />
      <h2>{pageTitle}</h2>
      <p>
        {page.intro} Les modifications portent sur la révision brouillon : elles ne s’appliquent qu’après publication.
      </p>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {save.status === 'failed' && (
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="error"
            as="h3"
            title={page.failed}
            description={
              <>
                <span>{save.message}</span>
                {(errors.size > 0 || save.others.length > 0) && (
                  <ul>
                    {[...errors.entries()].flatMap(([stableId, own]) =>
                      Object.values(own).map((message, index) => (
                        <li key={`${stableId}-${index}`}>
                          <a href={`#${fieldElementId(stableId, 'heading')}`}>{labelOf(stableId)}</a> : {message}
                        </li>
                      )),
                    )}
                    {save.others.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        )}
      </div>
      <FieldList fields={fields} onChange={change} form={form} errors={errors} focus={setFocusTarget} emptyText={page.empty} />
      <div className={fr.cx('fr-mt-4w')}>
        <Button type="button" iconId="fr-icon-save-line" disabled={save.status === 'saving'} onClick={() => void onSave()}>
          {page.saveLabel}
        </Button>
        <p aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mt-1w')} style={{ minHeight: '1.5rem' }}>
          {save.status === 'saving' ? 'Enregistrement…' : save.status === 'saved' ? page.saved : dirty ? 'Modifications non enregistrées.' : ''}
        </p>
      </div>
    </>
  );
}
