import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type AttachedFile } from '@guichet/forms';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useParams } from 'react-router-dom';
import { api, isApiError, messages } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { type Dossier, type FieldDefinition } from '@guichet/contracts';
import { useSession } from '../account/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { DossierForm, type DossierField, type DossierValues } from '../components/dossier/DossierForm';
import { valuesPatch } from '../components/dossier/dossierFormState';
import { formErrorsOf } from '../components/dossier/dossierSummary';
import { FormErrorSummary } from '../components/dossier/FormErrorSummary';
import { NotFoundPage } from '../public/NotFoundPage';
import { DecisionJustificatifLink } from '../components/dossier/DecisionJustificatifLink';
import { DossierAnswers } from '../components/dossier/DossierAnswers';
import { DossierLoading } from '../components/dossier/DossierLoading';
import { signInPath } from '../account/returnPath';
import { testDossierNotice } from './dossierPages';
import { dossierStateDisplay, formatDateTime } from '../components/dossier/states';

/** /dossiers/:dossierId: a brouillon's form (save, submit), or the answers of a submitted dossier. */
export function DossierPage() {
  const { dossierId = '' } = useParams();
  const { session } = useSession();
  const location = useLocation();
  const authenticated = session.status === 'authenticated';
  // The dossier and its form (a 401 ends the session: api/queries.ts).
  const dossierRead = useQuery({ queryKey: queryKeys.dossier(dossierId), queryFn: () => api.getDossier(dossierId), enabled: authenticated });
  const formRead = useQuery({ queryKey: queryKeys.dossierForm(dossierId), queryFn: () => api.getDossierForm(dossierId), enabled: authenticated });
  const failure = dossierRead.error ?? formRead.error;
  const notFound = isApiError(failure) && (failure.status === 404 || failure.status === 400);
  const dossier = dossierRead.data;
  useDocumentTitle(dossier === undefined ? 'Dossier' : `Dossier N° ${dossier.number} - ${dossier.procedureTitle}`);

  if (session.status === 'anonymous') return <Navigate to={signInPath(location.pathname)} replace />;
  if (notFound) return <NotFoundPage />;
  if (dossier === undefined || formRead.data === undefined) {
    return <DossierLoading failure={failure} />;
  }
  // The view keeps its own copy (seeded once): a refetch never replaces what is being typed.
  return <DossierView key={dossier.id} initial={dossier} fields={formRead.data.fields} submissionMessage={formRead.data.submissionMessage} />;
}

function DossierView({ initial, fields, submissionMessage }: { initial: Dossier; fields: FieldDefinition[]; submissionMessage: string }) {
  const [dossier, setDossier] = useState(initial);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const { label, severity } = dossierStateDisplay[dossier.state];
  const submittedRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (justSubmitted) submittedRef.current?.focus();
  }, [justSubmitted]);

  return (
    <>
      <Breadcrumb currentPageLabel={`Dossier N° ${dossier.number}`} homeLinkProps={{ to: '/' }} segments={[{ label: 'Mes dossiers', linkProps: { to: '/mes-dossiers' } }]} className={fr.cx('fr-mt-0')} />
      <h1 className={fr.cx('fr-mb-1w')}>Dossier N° {dossier.number}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-1w')}>{dossier.procedureTitle}</p>
      <ul className={fr.cx('fr-badges-group', 'fr-mb-2w')} aria-label="État du dossier">
        <li>
          <Badge as="span" severity={severity}>
            {label}
          </Badge>
        </li>
        {dossier.test && (
          <li>
            <Badge as="span" severity="warning">
              Dossier de test
            </Badge>
          </li>
        )}
      </ul>
      <p className={fr.cx('fr-text--sm')}>
        Créé le {formatDateTime(dossier.createdAt)}
        {dossier.submittedAt !== null && <> · déposé le {formatDateTime(dossier.submittedAt)}</>}
        {dossier.decidedAt !== null && <> · décidé le {formatDateTime(dossier.decidedAt)}</>}
      </p>
      {dossier.test && <Alert className={fr.cx('fr-mb-4w')} severity="warning" small description={testDossierNotice} />}
      {dossier.state === 'brouillon' ? (
        <Editor
          dossier={dossier}
          fields={fields}
          onSaved={setDossier}
          onSubmitted={(submitted) => {
            setDossier(submitted);
            setJustSubmitted(true);
          }}
        />
      ) : (
        <>
          <div ref={submittedRef} tabIndex={-1} style={{ outline: 'none' }}>
            {justSubmitted && <Alert className={fr.cx('fr-mb-4w')} severity="success" as="h2" title="Votre dossier a été déposé" description="Vous recevrez un accusé de réception par courriel. Il n’est plus modifiable tant que l’administration ne vous le demande pas." />}
          </div>
          <SubmissionMessage dossier={dossier} message={submissionMessage} />
          {dossier.motivation !== null && dossier.motivation.trim() !== '' && (
            <Alert className={fr.cx('fr-mb-4w')} severity="info" as="h2" title="Motivation de la décision" description={<span style={{ whiteSpace: 'pre-line' }}>{dossier.motivation}</span>} />
          )}
          {dossier.justificatif !== null && dossier.justificatif !== undefined && <DecisionJustificatifLink dossierId={dossier.id} justificatif={dossier.justificatif} headingLevel="h2" />}
          <h2>Récapitulatif de vos réponses</h2>
          <DossierAnswers fields={fields} values={dossier.values} />
        </>
      )}
    </>
  );
}

/** The procedure's message to the usager after submission (its settings). */
function SubmissionMessage({ dossier, message }: { dossier: Dossier; message: string }) {
  if (dossier.submittedAt === null) return null;
  if (message.trim() === '') return null;
  return (
    <div className={fr.cx('fr-callout', 'fr-mb-4w')}>
      <h2 className={fr.cx('fr-callout__title', 'fr-h6')}>Message de l’administration</h2>
      <p className={fr.cx('fr-callout__text', 'fr-text--md')} style={{ whiteSpace: 'pre-line' }}>
        {message}
      </p>
    </div>
  );
}

const formId = 'dossier';

type Feedback =
  | { status: 'none' }
  | { status: 'saved'; at: string }
  | { status: 'invalid'; title: string; errors: Record<string, string> }
  | { status: 'failed'; title: string; message: string };

function Editor({ dossier, fields, onSaved, onSubmitted }: { dossier: Dossier; fields: FieldDefinition[]; onSaved: (dossier: Dossier) => void; onSubmitted: (dossier: Dossier) => void }) {
  const { expired } = useSession();
  const [values, setValues] = useState<DossierValues>(dossier.values);
  // What the server holds: a save sends only the differences (the API merges, null clears).
  const [savedValues, setSavedValues] = useState<DossierValues>(dossier.values);
  const [feedback, setFeedback] = useState<Feedback>({ status: 'none' });
  const [warnings, setWarnings] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'saving' | 'submitting' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  // Saving and submitting change the dossier and its line in « Mes dossiers ».
  const dossierChanged = (changed: Dossier) => {
    queryClient.setQueryData(queryKeys.dossier(changed.id), changed);
    void queryClient.invalidateQueries({ queryKey: queryKeys.myDossiers });
  };
  const saveValues = useMutation({ mutationFn: (patch: Record<string, unknown>) => api.saveDossierValues(dossier.id, patch), onSuccess: dossierChanged });
  const submitDossier = useMutation({ mutationFn: () => api.submitDossier(dossier.id), onSuccess: dossierChanged });

  useEffect(() => {
    if (attempt > 0) feedbackRef.current?.focus();
  }, [attempt]);

  const fail = useCallback(
    (error: unknown, title: string) => {
      if (isApiError(error) && error.status === 401) expired();
      const apiError = isApiError(error) ? error : null;
      const { byKey, others } = apiError === null ? { byKey: {}, others: [] } : formErrorsOf(apiError.fields);
      if (apiError !== null && Object.keys(byKey).length > 0) {
        setFeedback({ status: 'invalid', title, errors: { ...byKey, ...Object.fromEntries(others.map((message, index) => [`autre.${index}`, message])) } });
      } else setFeedback({ status: 'failed', title, message: apiError?.message ?? messages.unexpected });
      setAttempt((count) => count + 1);
    },
    [expired],
  );

  async function save(): Promise<Dossier> {
    const patch = valuesPatch(savedValues, values);
    const saved = await saveValues.mutateAsync(patch);
    setSavedValues(saved.values);
    // The notices answer for the values sent; those of the values not sent stay.
    const fresh = formErrorsOf(saved.warnings ?? {}).byKey;
    setWarnings((previous) => ({ ...Object.fromEntries(Object.entries(previous).filter(([key]) => !((key.split('.')[0] ?? key) in patch))), ...fresh }));
    onSaved(saved);
    return saved;
  }

  async function onSave() {
    setBusy('saving');
    try {
      const saved = await save();
      setFeedback({ status: 'saved', at: saved.updatedAt });
      setAttempt((count) => count + 1);
    } catch (error) {
      fail(error, 'Le brouillon n’a pas été enregistré');
    } finally {
      setBusy(null);
    }
  }

  async function onSubmit() {
    setBusy('submitting');
    try {
      await save();
    } catch (error) {
      fail(error, 'Le dossier n’a pas pu être déposé');
      setBusy(null);
      return;
    }
    try {
      const submitted = await submitDossier.mutateAsync();
      setBusy(null);
      onSubmitted(submitted);
    } catch (error) {
      fail(error, 'Le dossier n’a pas pu être déposé');
      setBusy(null);
    }
  }

  const attachFiles = async (_field: DossierField, files: File[]): Promise<AttachedFile[]> => {
    try {
      const uploaded = await Promise.all(files.map((file) => api.uploadFile(file, 'champ', { dossierId: dossier.id })));
      return uploaded.map((file) => ({ fileId: file.id, fileName: file.fileName }));
    } catch (error) {
      fail(error, 'Le fichier n’a pas pu être envoyé');
      return [];
    }
  };

  const errors = feedback.status === 'invalid' ? feedback.errors : {};
  const warningList = Object.values(warnings);
  return (
    <>
      <div ref={feedbackRef} tabIndex={-1} style={{ outline: 'none' }}>
        {feedback.status === 'invalid' && <FormErrorSummary formId={formId} fields={fields} errors={errors} title={feedback.title} />}
        {feedback.status === 'failed' && <Alert className={fr.cx('fr-mb-4w')} severity="error" as="h2" title={feedback.title} description={feedback.message} />}
        {feedback.status === 'saved' && (
          <Alert className={fr.cx('fr-mb-4w')} severity="success" small description={`Brouillon enregistré le ${formatDateTime(feedback.at)}. Vous pourrez le reprendre depuis « Mes dossiers ».`} />
        )}
      </div>
      {warningList.length > 0 && (
        <Alert
          className={fr.cx('fr-mb-4w')}
          severity="info"
          as="h2"
          title="Certaines valeurs n’ont pas pu être vérifiées"
          description={
            <ul className={fr.cx('fr-mb-0')}>
              {warningList.map((warning, index) => (
                <li key={index}>{warning}</li>
              ))}
            </ul>
          }
        />
      )}
      {fields.length === 0 ? (
        <p className={fr.cx('fr-text--lead')}>Le formulaire de cette démarche n’a pas de champ.</p>
      ) : null}
      <form
        noValidate
        aria-label="Formulaire du dossier"
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
        {fields.length > 0 && (
          <DossierForm
            id={formId}
            fields={fields}
            values={values}
            onChange={(next) => setValues(next)}
            errors={errors}
            notices={warnings}
            attachFiles={attachFiles}
          />
        )}
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <li>
            <Button type="button" priority="secondary" iconId="fr-icon-save-line" disabled={busy !== null} onClick={() => void onSave()}>
              Enregistrer le brouillon
            </Button>
          </li>
          <li>
            <Button type="submit" iconId="fr-icon-send-plane-line" disabled={busy !== null}>
              Déposer le dossier
            </Button>
          </li>
        </ul>
        {busy !== null && (
          <p role="status" className={fr.cx('fr-text--sm')}>
            {busy === 'saving' ? 'Enregistrement du brouillon…' : 'Dépôt du dossier…'}
          </p>
        )}
      </form>
    </>
  );
}
