import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, isApiError, messages } from '../api/client';
import { type AdminProcedure } from '../api/types';
import { useSession } from '../auth/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { type FieldErrors, errorsByField } from '../builder/fieldErrors';
import { type BuilderField, toPayload } from '../builder/fieldList';
import { FieldList, fieldElementId } from '../builder/FieldList';
import { AdminOnly, useAdminProcedure } from './adminAccess';
import { ProcedureAdminHeader } from './ProcedureAdminHeader';

const pageTitle = 'Champs du formulaire';

/** /admin/demarches/:procedureId/champs: the draft revision's fields, edited and saved as a whole. */
export function FieldEditorPage() {
  const { procedureId = '' } = useParams();
  return (
    <AdminOnly title={pageTitle}>
      <FieldEditorLoader procedureId={procedureId} />
    </AdminOnly>
  );
}

function FieldEditorLoader({ procedureId }: { procedureId: string }) {
  const { state, replace } = useAdminProcedure(procedureId);
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
  return <FieldEditor key={state.value.draftRevision.id} procedure={state.value} onSaved={replace} />;
}

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string; others: string[] };

function FieldEditor({ procedure, onSaved }: { procedure: AdminProcedure; onSaved: (procedure: AdminProcedure) => void }) {
  const { expired } = useSession();
  const [fields, setFields] = useState<BuilderField[]>(procedure.draftRevision.fields);
  const [errors, setErrors] = useState<ReadonlyMap<string, FieldErrors>>(new Map());
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const [dirty, setDirty] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

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
      const saved = await api.updateDraft(procedure.id, { fields: sent });
      setErrors(new Map());
      setDirty(false);
      setSave({ status: 'saved' });
      // The fields as the service stored them (defaults filled in); same revision, so the editor stays.
      setFields(saved.draftRevision.fields);
      onSaved(saved);
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        expired();
        return;
      }
      const apiError = isApiError(error) ? error : undefined;
      const sorted = errorsByField(sent, apiError?.fields ?? {});
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
        Ajoutez les champs que l’usager remplira, dans l’ordre où il les verra. Les modifications portent sur la révision brouillon : elles ne sont visibles des usagers
        qu’après publication.
      </p>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {save.status === 'failed' && (
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="error"
            as="h3"
            title="Les champs n’ont pas été enregistrés"
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
      <FieldList fields={fields} onChange={change} form={fields} errors={errors} focus={setFocusTarget} />
      <div className={fr.cx('fr-mt-4w')}>
        <Button type="button" iconId="fr-icon-save-line" disabled={save.status === 'saving'} onClick={() => void onSave()}>
          Enregistrer les champs
        </Button>
        <p aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mt-1w')} style={{ minHeight: '1.5rem' }}>
          {save.status === 'saving' ? 'Enregistrement…' : save.status === 'saved' ? 'Les champs ont été enregistrés.' : dirty ? 'Modifications non enregistrées.' : ''}
        </p>
      </div>
    </>
  );
}
