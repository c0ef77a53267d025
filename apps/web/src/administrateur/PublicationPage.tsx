import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { loadStateOf, useProcedureMutation } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type FieldDefinition, type RevisionChange } from '@guichet/contracts';
import { type AdminProcedure } from '../api/types';
import { ModelSharing } from './ModelSharing';
import { changeKindLabels, changeLines, fieldsById } from './publicationDiff';
import { type ProcedureConfigProps, ProcedureConfigPage, failureMessage, useApiAction } from './ProcedureConfigPage';
import { procedureAdminPath } from './ProcedureAdminNav';

const title = 'Publication';

const kindSeverity: Record<RevisionChange['kind'], 'success' | 'error' | 'info' | 'warning'> = { added: 'success', removed: 'error', moved: 'info', changed: 'warning' };

/** /admin/demarches/:procedureId/publication: what the draft changes, publishing it, the public link. */
export function PublicationPage() {
  return <ProcedureConfigPage title={title}>{(props) => <Publication {...props} />}</ProcedureConfigPage>;
}

export function publicLink(procedure: Pick<AdminProcedure, 'path'>): string {
  return `${window.location.origin}/commencer/${procedure.path}`;
}

/** The test link of a procedure in brouillon: signed-in accounts file test dossiers on its draft form. */
export function testLink(procedure: Pick<AdminProcedure, 'path'>): string {
  return `${window.location.origin}/commencer/test/${procedure.path}`;
}

type PublishState = { status: 'idle' } | { status: 'confirming' } | { status: 'publishing' } | { status: 'published' } | { status: 'failed'; message: string };

function Publication({ procedure }: ProcedureConfigProps) {
  const run = useApiAction();
  // Read again whenever the procedure changes (a publication starts a new draft): see procedureChanged.
  const diff = loadStateOf(useQuery({ queryKey: queryKeys.revisionDiff(procedure.id), queryFn: () => api.getRevisionDiff(procedure.id) }));
  const publishDraft = useProcedureMutation(() => api.publishProcedure(procedure.id));
  const [publish, setPublish] = useState<PublishState>({ status: 'idle' });
  const confirmRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (publish.status === 'confirming') confirmRef.current?.focus();
    if (publish.status === 'published' || publish.status === 'failed') resultRef.current?.focus();
  }, [publish.status]);

  async function onConfirm() {
    setPublish({ status: 'publishing' });
    const result = await run(() => publishDraft(undefined));
    if (result.ok) {
      setPublish({ status: 'published' });
    } else setPublish({ status: 'failed', message: failureMessage(result.error) });
  }

  const fields = useMemo(
    () => fieldsById(procedure.draftRevision.fields, procedure.draftRevision.annotations, procedure.publishedRevision?.fields ?? [], procedure.publishedRevision?.annotations ?? []),
    [procedure],
  );
  const changeCount = diff.status === 'loaded' ? diff.value.changes.length + diff.value.annotationChanges.length : 0;
  const neverPublished = procedure.publishedRevision === null;
  const nothingToPublish = diff.status === 'loaded' && !neverPublished && changeCount === 0;
  const closed = procedure.state === 'close';

  return (
    <>
      <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
        {publish.status === 'published' && (
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="success"
            as="h3"
            title="La démarche a été publiée"
            description={
              <>
                Les usagers peuvent déposer leurs dossiers à l’adresse <a href={`/commencer/${procedure.path}`}>{publicLink(procedure)}</a>.
              </>
            }
          />
        )}
        {publish.status === 'failed' && <Alert className={fr.cx('fr-mb-4w')} severity="error" as="h3" title="La démarche n’a pas été publiée" description={publish.message} />}
      </div>

      {procedure.state === 'brouillon' && publish.status !== 'published' && (
        <div className={fr.cx('fr-callout', 'fr-mb-4w')}>
          <h3 className={fr.cx('fr-callout__title', 'fr-h6')}>Lien de test</h3>
          <p className={fr.cx('fr-callout__text', 'fr-text--md')}>
            Partagez ce lien pour tester la démarche ; les dossiers de test seront supprimés à la publication.
          </p>
          <p className={fr.cx('fr-callout__text', 'fr-text--md')}>
            <a href={`/commencer/test/${procedure.path}`}>{testLink(procedure)}</a>
          </p>
        </div>
      )}

      {procedure.state === 'publiee' && publish.status !== 'published' && (
        <p>
          Lien public de la démarche : <a href={`/commencer/${procedure.path}`}>{publicLink(procedure)}</a>
        </p>
      )}

      <h3>Modifications à publier</h3>
      {diff.status === 'loading' && (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Comparaison du brouillon et de la révision publiée…
        </p>
      )}
      {diff.status === 'error' && <Alert severity="error" as="h4" small title="Les modifications n’ont pas pu être comparées" description={diff.message} />}
      {diff.status === 'loaded' && (
        <>
          {neverPublished && <p>La démarche n’a jamais été publiée : tout le formulaire du brouillon sera publié.</p>}
          {nothingToPublish && <p>Le brouillon est identique à la révision publiée : il n’y a rien à publier.</p>}
          <ChangeList heading="Champs du formulaire" changes={diff.value.changes} fields={fields} />
          <ChangeList heading="Annotations privées" changes={diff.value.annotationChanges} fields={fields} />
        </>
      )}

      {!neverPublished && !nothingToPublish && (
        <Alert
          className={fr.cx('fr-mb-4w')}
          severity="warning"
          as="h3"
          small
          title="Dossiers en cours"
          description="Les dossiers qui ne sont pas encore décidés (brouillons, en construction, en instruction) passeront sur la nouvelle révision. Les réponses aux champs supprimés restent conservées dans l’historique du dossier."
        />
      )}
      {closed && (
        <p>
          La démarche est close : republiez-la depuis la page <Link to={procedureAdminPath(procedure.id, 'parametres')}>Paramètres</Link> avant de publier une nouvelle révision.
        </p>
      )}

      {publish.status === 'confirming' || publish.status === 'publishing' ? (
        <div ref={confirmRef} tabIndex={-1} role="group" aria-labelledby="confirmation-publication" className={fr.cx('fr-p-3w', 'fr-mt-2w')} style={{ outline: 'none', border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
          <p id="confirmation-publication" className={fr.cx('fr-text--bold')}>
            {neverPublished ? 'Publier la démarche ? Elle sera accessible à tous les usagers.' : `Publier ${changeCount} modification${changeCount > 1 ? 's' : ''} ? Les usagers verront aussitôt le nouveau formulaire.`}
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline')}>
            <li>
              <Button type="button" iconId="fr-icon-check-line" disabled={publish.status === 'publishing'} onClick={() => void onConfirm()}>
                Confirmer la publication
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" disabled={publish.status === 'publishing'} onClick={() => setPublish({ status: 'idle' })}>
                Annuler
              </Button>
            </li>
          </ul>
          <p aria-live="polite" className={fr.cx('fr-text--sm')}>
            {publish.status === 'publishing' ? 'Publication…' : ''}
          </p>
        </div>
      ) : (
        <Button type="button" iconId="fr-icon-send-plane-line" disabled={diff.status !== 'loaded' || nothingToPublish || closed} onClick={() => setPublish({ status: 'confirming' })}>
          Publier
        </Button>
      )}
      <ModelSharing procedure={procedure} />
    </>
  );
}

function ChangeList({ heading, changes, fields }: { heading: string; changes: readonly RevisionChange[]; fields: ReadonlyMap<string, FieldDefinition> }) {
  if (changes.length === 0) return null;
  return (
    <section className={fr.cx('fr-mb-4w')} aria-label={heading}>
      <h4 className={fr.cx('fr-h6')}>
        {heading} ({changes.length})
      </h4>
      <ul>
        {changes.map((change) => {
          const parentId = change.path.includes('.') ? change.path.split('.')[0] : undefined;
          const parent = parentId === undefined ? undefined : fields.get(parentId);
          const lines = change.kind === 'changed' ? changeLines(change, fields) : [];
          return (
            <li key={`${change.kind}-${change.stableId}`} className={fr.cx('fr-mb-1w')}>
              <Badge as="span" small noIcon severity={kindSeverity[change.kind]}>
                {changeKindLabels[change.kind]}
              </Badge>{' '}
              {change.summary}
              {parent !== undefined && ` (bloc « ${parent.label} »)`}
              {lines.length > 0 && (
                <ul>
                  {lines.map((line) => (
                    <li key={line.what}>
                      {line.what} : {line.from} → {line.to}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
