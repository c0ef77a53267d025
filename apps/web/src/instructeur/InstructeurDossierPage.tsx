import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { type Dossier, type FieldDefinition, type Role } from '@guichet/contracts';
import { stateLabels } from '@guichet/dossier-state';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, isApiError } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { useSession } from '../account/session';
import { DossierAnswers } from '../components/dossier/DossierAnswers';
import { DossierLoading } from '../components/dossier/DossierLoading';
import { dossierStateDisplay, formatDateTime } from '../components/dossier/states';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { defaultDashboardView, procedureDashboardPath } from './dashboardView';
import {
  archiveAction,
  availableTransitions,
  canFollow,
  historyLabels,
  instructeurEventDisplay,
  type InstructeurEvent,
  justificatifAccept,
  justificatifFileError,
  justificatifHint,
  motivationError,
  motivationRequired,
  offersJustificatif,
} from './dossierActions';
import { instructeurDossierChanged } from './instructeurQueries';
import { DecisionJustificatifLink } from '../components/dossier/DecisionJustificatifLink';
import { DossierAnnotations } from './DossierAnnotations';
import { DossierLabels } from './DossierLabels';
import { DossierMessages } from './DossierMessages';
import { SignInRequired } from './SignInRequired';
import { instructs, workspaceTitle } from './workspace';

/** /instructeur/dossiers/:dossierId (the link of the agents' e-mails): a dossier, its history, its instruction and its messages. */
export function InstructeurDossierPage() {
  const { dossierId = '' } = useParams();
  const { session } = useSession();
  const authenticated = session.status === 'authenticated';
  const dossierRead = useQuery({ queryKey: queryKeys.dossier(dossierId), queryFn: () => api.getDossier(dossierId), enabled: authenticated });
  const formRead = useQuery({ queryKey: queryKeys.dossierForm(dossierId), queryFn: () => api.getDossierForm(dossierId), enabled: authenticated });
  const failure = dossierRead.error ?? formRead.error;
  const dossier = dossierRead.data;
  useDocumentTitle(dossier === undefined ? 'Dossier' : `Dossier N° ${dossier.number} - ${dossier.procedureTitle}`);

  if (session.status === 'anonymous') return <SignInRequired />;
  // Another group's dossier, another administration's, or none: the API does not tell them apart.
  if (isApiError(failure) && (failure.status === 404 || failure.status === 400)) return <DossierNotFound />;
  if (dossier === undefined || formRead.data === undefined) {
    return <DossierLoading failure={failure} />;
  }
  const email = session.status === 'authenticated' ? session.account.email : '';
  const roles = session.status === 'authenticated' ? session.account.roles : undefined;
  return <DossierView dossier={dossier} fields={formRead.data.fields} annotations={formRead.data.annotations ?? []} myEmail={email} roles={roles} />;
}

type Feedback = { status: 'none' } | { status: 'done'; message: string } | { status: 'failed'; title: string; message: string };

function DossierView({ dossier, fields, annotations, myEmail, roles }: { dossier: Dossier; fields: FieldDefinition[]; annotations: FieldDefinition[]; myEmail: string; roles: readonly Role[] | undefined }) {
  const client = useQueryClient();
  const [feedback, setFeedback] = useState<Feedback>({ status: 'none' });
  // The annotations an acceptance was refused for, shown in error under each until it is saved.
  const [incompleteAnnotations, setIncompleteAnnotations] = useState<Readonly<Record<string, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [deciding, setDeciding] = useState<InstructeurEvent | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const onSuccess = (changed: Dossier) => instructeurDossierChanged(client, changed);
  const follow = useMutation({ mutationFn: (value: boolean) => api.followDossier(dossier.id, value), onSuccess });
  const archive = useMutation({ mutationFn: (value: boolean) => api.archiveDossier(dossier.id, value), onSuccess });
  const hide = useMutation({ mutationFn: (value: boolean) => api.hideDossier(dossier.id, value), onSuccess });
  const transition = useMutation({
    mutationFn: ({ event, motivation, justificatifFileId }: { event: InstructeurEvent; motivation?: string; justificatifFileId?: string }) =>
      api.transitionDossier(dossier.id, event, { seenUpdatedAt: dossier.updatedAt, ...(motivation !== undefined ? { motivation } : {}), ...(justificatifFileId !== undefined ? { justificatifFileId } : {}) }),
    onSuccess,
    // Someone changed the dossier meanwhile: the page shows it as it is now, the message says why.
    onError: (error) => {
      if (isApiError(error) && error.code === 'CONFLICT') void client.invalidateQueries({ queryKey: queryKeys.dossier(dossier.id), exact: true });
    },
  });
  const busy = follow.isPending || archive.isPending || hide.isPending || transition.isPending;
  const hidden = dossier.hiddenByAdministrationAt !== null && dossier.hiddenByAdministrationAt !== undefined;
  const hideable = hidden || dossier.state === 'accepte' || dossier.state === 'refuse' || dossier.state === 'sans_suite';

  useEffect(() => {
    if (attempt > 0) feedbackRef.current?.focus();
  }, [attempt]);

  const report = (next: Feedback) => {
    setFeedback(next);
    setAttempt((count) => count + 1);
  };
  async function run(title: string, done: string, write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      report({ status: 'done', message: done });
      return true;
    } catch (error) {
      report({ status: 'failed', title, message: errorMessage(error) });
      return false;
    }
  }

  // An agent who reads the dossier without instructing it (an administrateur outside its group): no action is offered.
  const readOnly = dossier.mayInstruct === false;
  const facts = { state: dossier.state, correctionPending: dossier.correctionPending, archived: dossier.archived ?? false };
  const following = (dossier.followers ?? []).some((follower) => follower.email.toLowerCase() === myEmail.toLowerCase());
  const transitions = availableTransitions(facts);
  const archiving = archiveAction(facts);
  const { label, severity } = dossierStateDisplay[dossier.state];
  const group = dossier.groupeInstructeur ?? null;

  return (
    <>
      <Breadcrumb
        currentPageLabel={`Dossier N° ${dossier.number}`}
        homeLinkProps={{ to: '/' }}
        segments={[
          { label: workspaceTitle(roles), linkProps: { to: '/instructeur' } },
          { label: dossier.procedureTitle, linkProps: { to: procedureDashboardPath(dossier.procedureId, defaultDashboardView) } },
        ]}
        className={fr.cx('fr-mt-0')}
      />
      <h1 className={fr.cx('fr-mb-1w')}>Dossier N° {dossier.number}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-1w')}>{dossier.procedureTitle}</p>
      <ul className={fr.cx('fr-badges-group', 'fr-mb-2w')} aria-label="État du dossier">
        <li>
          <Badge as="span" severity={severity}>
            {label}
          </Badge>
        </li>
        {dossier.archived === true && (
          <li>
            <Badge as="span">Archivé</Badge>
          </li>
        )}
        {dossier.correctionPending && (
          <li>
            <Badge as="span" severity="warning">
              Correction demandée
            </Badge>
          </li>
        )}
        {dossier.test && (
          <li>
            <Badge as="span" severity="warning">
              Dossier de test
            </Badge>
          </li>
        )}
      </ul>

      <div ref={feedbackRef} tabIndex={-1} style={{ outline: 'none' }}>
        {feedback.status === 'done' && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description={feedback.message} closable onClose={() => setFeedback({ status: 'none' })} />}
        {feedback.status === 'failed' && <Alert className={fr.cx('fr-mb-3w')} severity="error" as="h2" title={feedback.title} description={feedback.message} />}
      </div>

      <section aria-labelledby="instruction" className={fr.cx('fr-mb-5w')}>
        <h2 id="instruction">Instruction</h2>
        {readOnly ? (
          <p>
            Vous consultez ce dossier sans l’instruire : seuls les instructeurs de son groupe{group === null ? '' : ` (« ${group.label} »)`} le font passer d’un état à l’autre, le suivent, l’archivent ou le suppriment.
          </p>
        ) : (
          <>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
              {canFollow(facts) && (
                <li>
                  <Button
                    type="button"
                    priority="secondary"
                    iconId={following ? 'fr-icon-star-fill' : 'fr-icon-star-line'}
                    disabled={busy}
                    onClick={() => void run(following ? 'Le dossier n’a pas pu être retiré de vos dossiers suivis' : 'Le dossier n’a pas pu être suivi', following ? 'Vous ne suivez plus ce dossier.' : 'Vous suivez ce dossier.', () => follow.mutateAsync(!following))}
                  >
                    {following ? 'Ne plus suivre' : 'Suivre le dossier'}
                  </Button>
                </li>
              )}
              {transitions.map((event) => {
                const display = instructeurEventDisplay[event];
                return (
                  <li key={event}>
                    <Button
                      type="button"
                      priority={display.asksMotivation ? 'primary' : 'secondary'}
                      disabled={busy}
                      nativeButtonProps={display.asksMotivation ? { 'aria-expanded': deciding === event } : {}}
                      onClick={() => {
                        if (display.asksMotivation) setDeciding(deciding === event ? null : event);
                        else void run(`L’action « ${display.label} » n’a pas abouti`, display.done, () => transition.mutateAsync({ event }));
                      }}
                    >
                      {display.label}
                    </Button>
                  </li>
                );
              })}
              {archiving !== null && (
                <li>
                  <Button
                    type="button"
                    priority="tertiary"
                    iconId={archiving === 'archiver' ? 'fr-icon-inbox-archive-line' : 'fr-icon-inbox-unarchive-line'}
                    disabled={busy}
                    onClick={() =>
                      void run(archiving === 'archiver' ? 'Le dossier n’a pas pu être archivé' : 'Le dossier n’a pas pu être désarchivé', archiving === 'archiver' ? 'Le dossier est archivé.' : 'Le dossier n’est plus archivé.', () => archive.mutateAsync(archiving === 'archiver'))
                    }
                  >
                    {archiving === 'archiver' ? 'Archiver' : 'Désarchiver'}
                  </Button>
                </li>
              )}
              {hideable && (
                <li>
                  <Button
                    type="button"
                    priority="tertiary"
                    iconId={hidden ? 'fr-icon-arrow-go-back-line' : 'fr-icon-delete-line'}
                    disabled={busy}
                    onClick={() =>
                      void run(
                        hidden ? 'Le dossier n’a pas pu être restauré' : 'Le dossier n’a pas pu être supprimé',
                        hidden ? 'Le dossier est restauré dans vos listes.' : 'Le dossier est supprimé de vos listes : il reste dans l’onglet « Supprimés ».',
                        () => hide.mutateAsync(!hidden),
                      )
                    }
                  >
                    {hidden ? 'Restaurer' : 'Supprimer'}
                  </Button>
                </li>
              )}
            </ul>
            {transitions.length === 0 && dossier.correctionPending && <p className={fr.cx('fr-text--sm')}>Une demande de correction attend la réponse de l’usager.</p>}
            {deciding !== null && transitions.includes(deciding) && (
              <DecisionForm
                key={deciding}
                event={deciding}
                dossier={dossier}
                busy={busy}
                onCancel={() => setDeciding(null)}
                onSubmit={async ({ motivation, justificatifFileId }) => {
                  try {
                    await transition.mutateAsync({ event: deciding, ...(motivation !== '' ? { motivation } : {}), ...(justificatifFileId !== undefined ? { justificatifFileId } : {}) });
                    setDeciding(null);
                    report({ status: 'done', message: instructeurEventDisplay[deciding].done });
                    return null;
                  } catch (error) {
                    // A motivation or a justificatif refused by the server goes to its field; anything else to the alert at the top.
                    if (isApiError(error) && (error.code === 'MOTIVATION_REQUIRED' || error.fields.motivation !== undefined)) return { motivation: error.fields.motivation ?? error.message };
                    if (isApiError(error) && error.fields.justificatifFileId !== undefined) return { justificatif: error.fields.justificatifFileId };
                    // The decision stays open: the annotations named are filled, then it is confirmed again.
                    if (isApiError(error) && error.code === 'DOSSIER_ANNOTATIONS_INCOMPLETE') setIncompleteAnnotations(error.fields);
                    report({ status: 'failed', title: `L’action « ${instructeurEventDisplay[deciding].label} » n’a pas abouti`, message: errorMessage(error) });
                    return null;
                  }
                }}
              />
            )}
          </>
        )}
      </section>

      <DossierLabels dossier={dossier} editable={!readOnly && roles !== undefined && instructs(roles)} />

      <section aria-labelledby="informations" className={fr.cx('fr-mb-5w')}>
        <h2 id="informations">Informations</h2>
        <dl>
          <Fact term="Demandeur">
            {`${dossier.usager.firstName} ${dossier.usager.lastName}`.trim()} ({dossier.usager.email})
          </Fact>
          <Fact term="Déposé le">{dossier.submittedAt === null ? '–' : formatDateTime(dossier.submittedAt)}</Fact>
          {dossier.decidedAt !== null && <Fact term="Décidé le">{formatDateTime(dossier.decidedAt)}</Fact>}
          <Fact term="Groupe instructeur">{group === null ? 'Aucun' : group.label}</Fact>
          <Fact term="Suivi par">
            {(dossier.followers ?? []).length === 0 ? (
              'Personne'
            ) : (
              <ul className={fr.cx('fr-mb-0')}>
                {(dossier.followers ?? []).map((follower) => (
                  <li key={follower.accountId}>{follower.email.toLowerCase() === myEmail.toLowerCase() ? `${follower.email} (vous)` : follower.email}</li>
                ))}
              </ul>
            )}
          </Fact>
        </dl>
        {dossier.motivation !== null && dossier.motivation.trim() !== '' && (
          <div className={fr.cx('fr-callout')}>
            <h3 className={fr.cx('fr-callout__title', 'fr-h6')}>Motivation de la décision</h3>
            <p className={fr.cx('fr-callout__text', 'fr-text--md')} style={{ whiteSpace: 'pre-line' }}>
              {dossier.motivation}
            </p>
          </div>
        )}
        {dossier.justificatif !== null && dossier.justificatif !== undefined && <DecisionJustificatifLink dossierId={dossier.id} justificatif={dossier.justificatif} />}
      </section>

      <section aria-labelledby="historique" className={fr.cx('fr-mb-5w')}>
        <h2 id="historique">Historique</h2>
        {dossier.traitements.length === 0 ? (
          <p>Aucun changement d’état.</p>
        ) : (
          <ol className={fr.cx('fr-pl-2w')}>
            {dossier.traitements.map((traitement) => (
              <li key={traitement.id} className={fr.cx('fr-mb-1w')}>
                <time dateTime={traitement.at}>{formatDateTime(traitement.at)}</time> : {historyLabels[traitement.event]} ({stateLabels[traitement.from]} → {stateLabels[traitement.to]}), {traitement.actorEmail === null ? 'traitement automatique' : `par ${traitement.actorEmail}`}
                {traitement.motivation !== null && traitement.motivation.trim() !== '' && (
                  <>
                    <br />
                    <span className={fr.cx('fr-text--sm')} style={{ whiteSpace: 'pre-line' }}>
                      Motivation : {traitement.motivation}
                    </span>
                  </>
                )}
                {traitement.justificatif !== null && traitement.justificatif !== undefined && (
                  <>
                    <br />
                    <span className={fr.cx('fr-text--sm')}>Justificatif : {traitement.justificatif.fileName}</span>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="reponses" className={fr.cx('fr-mb-5w')}>
        <h2 id="reponses">Réponses du demandeur</h2>
        <DossierAnswers fields={fields} values={dossier.values} />
      </section>

      {annotations.length > 0 && (
        <section aria-labelledby="annotations" className={fr.cx('fr-mb-5w')}>
          <h2 id="annotations">Annotations privées</h2>
          <DossierAnnotations dossier={dossier} fields={fields} annotations={annotations} refused={incompleteAnnotations} readOnly={readOnly} />
        </section>
      )}

      <DossierMessages dossierId={dossier.id} />
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className={fr.cx('fr-mb-1w')}>
      <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{term}</dt>
      <dd className={fr.cx('fr-ml-0')}>{children}</dd>
    </div>
  );
}

/** Errors of the decision's fields, in French, as the page or the server gives them. */
type DecisionErrors = { motivation?: string; justificatif?: string };

/**
 * The motivation of a decision (required to refuse or close without follow-up, optional to accept)
 * and, for the three decisions, an optional justificatif: uploaded when the decision is confirmed
 * (declared, sent, checked by documents), then named in the decision, which the server checks again.
 */
function DecisionForm({
  event,
  dossier,
  busy,
  onCancel,
  onSubmit,
}: {
  event: InstructeurEvent;
  dossier: Dossier;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (decision: { motivation: string; justificatifFileId?: string }) => Promise<DecisionErrors | null>;
}) {
  const [motivation, setMotivation] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // The chosen file once stored, so confirming again (after filling an annotation) does not send it twice.
  const [uploaded, setUploaded] = useState<{ file: File; fileId: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<DecisionErrors>({});
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const { label } = instructeurEventDisplay[event];
  const required = motivationRequired(event);
  const withJustificatif = offersJustificatif(event);
  const id = `motivation-${event}`;

  useEffect(() => {
    textareaRef.current?.focus();
  }, []);

  function show(next: DecisionErrors) {
    setErrors(next);
    if (next.motivation !== undefined) textareaRef.current?.focus();
    else if (next.justificatif !== undefined) fileRef.current?.focus();
  }

  /** The stored justificatif's id, or the French reason it could not be stored. */
  async function storedJustificatif(chosen: File): Promise<{ fileId: string } | { error: string }> {
    if (uploaded?.file === chosen) return { fileId: uploaded.fileId };
    setSending(true);
    try {
      const stored = await api.uploadFile(chosen, 'justificatif', { dossierId: dossier.id });
      if (stored.status !== 'safe') return { error: `Le fichier « ${chosen.name} » a été refusé lors de sa vérification : choisissez-en un autre.` };
      setUploaded({ file: chosen, fileId: stored.id });
      return { fileId: stored.id };
    } catch (error) {
      return { error: errorMessage(error) };
    } finally {
      setSending(false);
    }
  }

  async function submit(formEvent: FormEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    const trimmed = motivation.trim();
    const missing = motivationError({ state: dossier.state, correctionPending: dossier.correctionPending, archived: dossier.archived ?? false }, event, trimmed);
    const badFile = file === null ? null : justificatifFileError(file);
    if (missing !== null || badFile !== null) {
      show({ ...(missing !== null ? { motivation: missing } : {}), ...(badFile !== null ? { justificatif: badFile } : {}) });
      return;
    }
    let justificatifFileId: string | undefined;
    if (file !== null) {
      const stored = await storedJustificatif(file);
      if ('error' in stored) {
        show({ justificatif: stored.error });
        return;
      }
      justificatifFileId = stored.fileId;
    }
    const refused = await onSubmit({ motivation: trimmed, ...(justificatifFileId !== undefined ? { justificatifFileId } : {}) });
    // A justificatif the server refused will be refused again: another file must be chosen.
    if (refused?.justificatif !== undefined) setUploaded(null);
    show(refused ?? {});
  }

  return (
    <form noValidate aria-labelledby={`${id}-titre`} className={fr.cx('fr-p-3w', 'fr-mt-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }} onSubmit={(formEvent) => void submit(formEvent)}>
      <h3 id={`${id}-titre`} className={fr.cx('fr-h5')}>
        {label} le dossier N° {dossier.number}
      </h3>
      <Input
        label={required ? 'Motivation *' : 'Motivation (facultative)'}
        hintText={required ? 'Obligatoire : elle est envoyée à l’usager avec la décision.' : 'Elle est envoyée à l’usager avec la décision.'}
        textArea
        state={errors.motivation === undefined ? 'default' : 'error'}
        stateRelatedMessage={errors.motivation}
        nativeTextAreaProps={{ id, ref: textareaRef, 'aria-invalid': errors.motivation === undefined ? undefined : true, rows: 4, value: motivation, required, onChange: (change) => setMotivation(change.target.value) }}
      />
      {withJustificatif && (
        <>
          <Upload
            className={fr.cx('fr-mb-2w')}
            label="Justificatif (facultatif)"
            hint={justificatifHint}
            {...(errors.justificatif !== undefined ? { state: 'error' as const, stateRelatedMessage: errors.justificatif } : {})}
            nativeInputProps={{
              id: `justificatif-${event}`,
              ref: fileRef,
              accept: justificatifAccept,
              disabled: sending,
              'aria-invalid': errors.justificatif === undefined ? undefined : true,
              onChange: (change) => {
                setFile(change.target.files?.[0] ?? null);
                setErrors(({ justificatif: _cleared, ...others }) => others);
              },
            }}
          />
          <p aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
            {sending ? 'Envoi du justificatif…' : uploaded !== null && uploaded.file === file ? `Justificatif envoyé : ${uploaded.file.name}.` : ''}
          </p>
        </>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={busy || sending}>
            Confirmer : {label.toLowerCase()}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

function DossierNotFound() {
  useDocumentTitle('Dossier introuvable');
  return (
    <>
      <h1>Dossier introuvable</h1>
      <p className={fr.cx('fr-text--lead')}>Ce dossier n’existe pas, ou il ne fait pas partie des dossiers de vos groupes instructeurs.</p>
      <p>Si vous suivez le lien d’un courriel, vérifiez que vous êtes connecté avec le bon compte.</p>
      <Button linkProps={{ to: '/instructeur' }}>{workspaceTitle(undefined)}</Button>
    </>
  );
}
