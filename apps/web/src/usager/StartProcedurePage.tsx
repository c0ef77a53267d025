import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, isApiError, messages } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type ClosedPublicProcedure, type PublicProcedure, type TestProcedure, type TestProcedureRead } from '@guichet/contracts';
import { useSession } from '../account/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { signInPath } from '../account/returnPath';
import { closureReasonText, testDossierNotice } from './dossierPages';
import { formatDateTime } from '../components/dossier/states';
import { NotFoundPage } from '../public/NotFoundPage';


/**
 * /commencer/:path (published or closed procedure) and /commencer/test/:path (a procedure in
 * brouillon, through its test link): what the procedure is, then « Commencer la démarche ».
 */
export function StartProcedurePage({ test = false }: { test?: boolean }) {
  const { path = '' } = useParams();
  const { session } = useSession();
  const location = useLocation();
  // The test read needs an account: the page waits for the session, then signs the visitor in first.
  const canRead = !test || session.status === 'authenticated';
  // One read per address (a 401 ends the session: api/queries.ts).
  const read = useQuery({
    queryKey: test ? queryKeys.testProcedure(path) : queryKeys.publicProcedure(path),
    queryFn: (): Promise<TestProcedureRead> => (test ? api.getTestProcedure(path) : api.getPublicProcedure(path)),
    enabled: canRead,
  });
  const notFound = read.isError && isApiError(read.error) && read.error.status === 404;
  const procedure = read.data;
  useDocumentTitle(procedure === undefined ? 'Commencer une démarche' : procedure.state === 'close' ? `Démarche close - ${procedure.title}` : `Commencer la démarche « ${procedure.title} »`);

  if (test && session.status === 'anonymous') return <Navigate to={signInPath(location.pathname)} replace />;
  if (notFound) return <NotFoundPage />;
  if (procedure !== undefined && test && procedure.state !== 'brouillon') return <Navigate to={`/commencer/${encodeURIComponent(procedure.path)}`} replace />;
  // A former address (the administrateur changed it) answers the procedure: go to its current one.
  if (procedure !== undefined && procedure.path !== path) return <Navigate to={`${test ? '/commencer/test/' : '/commencer/'}${encodeURIComponent(procedure.path)}`} replace />;

  return (
    <>
      <Breadcrumb currentPageLabel={procedure?.title ?? 'Commencer une démarche'} homeLinkProps={{ to: '/' }} segments={[]} className={fr.cx('fr-mt-0')} />
      {procedure === undefined ? (
        <>
          <h1>Commencer une démarche</h1>
          {read.isError ? (
            <Alert severity="error" as="h2" title="La démarche n’a pas pu être chargée" description={errorMessage(read.error)} />
          ) : (
            <p role="status" className={fr.cx('fr-text--sm')}>
              Chargement de la démarche…
            </p>
          )}
        </>
      ) : procedure.state === 'close' ? (
        <Closed procedure={procedure} />
      ) : (
        <Open procedure={procedure} />
      )}
    </>
  );
}

function Closed({ procedure }: { procedure: ClosedPublicProcedure }) {
  const { closure } = procedure;
  return (
    <>
      <h1>{procedure.title}</h1>
      <p className={fr.cx('fr-text--lead')}>Démarche proposée par {procedure.tenant.name}.</p>
      <Alert
        className={fr.cx('fr-mb-4w')}
        severity="warning"
        as="h2"
        title="Cette démarche est close"
        description={
          <>
            <span style={{ display: 'block' }}>
              {closureReasonText(closure.reason)} Elle n’accepte plus de nouveau dossier depuis le {formatDateTime(closure.closedAt)}.
            </span>
            {closure.details !== null && closure.details.trim() !== '' && <span style={{ display: 'block', whiteSpace: 'pre-line' }}>{closure.details}</span>}
          </>
        }
      />
      {closure.replacementPath !== null && (
        <p>
          <Button linkProps={{ to: `/commencer/${encodeURIComponent(closure.replacementPath)}` }} iconId="fr-icon-arrow-right-line" iconPosition="right">
            Accéder à la démarche qui la remplace
          </Button>
        </p>
      )}
      <Button linkProps={{ to: '/' }} priority="secondary" iconId="fr-icon-arrow-left-line">
        Revenir aux démarches
      </Button>
    </>
  );
}

function Open({ procedure }: { procedure: PublicProcedure | TestProcedure }) {
  const test = procedure.state === 'brouillon';
  const { session, expired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const authenticated = session.status === 'authenticated';

  // Only an offer to continue: the page works without it (a failed read offers nothing).
  const mine = useQuery({ queryKey: queryKeys.myDossiers, queryFn: () => api.listMyDossiers(), enabled: authenticated });
  const drafts = (mine.data ?? []).filter((item) => item.procedure.id === procedure.id && item.state === 'brouillon' && item.test === test);
  const create = useMutation({ mutationFn: () => api.createDossier(procedure.id, { test }), onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.myDossiers }) });

  useEffect(() => {
    if (failure !== null) failureRef.current?.focus();
  }, [failure]);

  async function start() {
    if (session.status !== 'authenticated') {
      navigate(signInPath(location.pathname));
      return;
    }
    setStarting(true);
    setFailure(null);
    try {
      const dossier = await create.mutateAsync();
      navigate(`/dossiers/${dossier.id}`);
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        expired();
        navigate(signInPath(location.pathname));
        return;
      }
      setFailure(isApiError(error) ? error.message : messages.unexpected);
      setStarting(false);
    }
  }

  const contact = procedure.serviceContact;
  return (
    <>
      <h1>Commencer la démarche « {procedure.title} »</h1>
      <p className={fr.cx('fr-text--lead')}>Démarche proposée par {procedure.tenant.name}.</p>
      {test && <Alert className={fr.cx('fr-mb-4w')} severity="warning" as="h2" title="Dossier de test" description={`${testDossierNotice}. Cette démarche n’est pas encore publiée : ce lien sert à l’essayer.`} />}
      {procedure.description.trim() !== '' && <p style={{ whiteSpace: 'pre-line' }}>{procedure.description}</p>}
      {procedure.closesAt !== null && (
        <p>
          <span className={fr.cx('fr-icon-calendar-line', 'fr-mr-1w')} aria-hidden="true" />
          Date limite de dépôt : <strong>{formatDateTime(procedure.closesAt)}</strong>
        </p>
      )}
      <div ref={failureRef} tabIndex={-1} style={{ outline: 'none' }}>
        {failure !== null && <Alert className={fr.cx('fr-mb-4w')} severity="error" as="h2" title="Le dossier n’a pas pu être créé" description={failure} />}
      </div>
      {drafts.length > 0 && (
        <Alert
          className={fr.cx('fr-mb-4w')}
          severity="info"
          as="h2"
          title="Vous avez déjà commencé un dossier sur cette démarche"
          description={
            <ul className={fr.cx('fr-mb-0')}>
              {drafts.map((draft) => (
                <li key={draft.id}>
                  <Link to={`/dossiers/${draft.id}`}>Continuer le brouillon N° {draft.number}</Link>
                </li>
              ))}
            </ul>
          }
        />
      )}
      <p>
        <Button onClick={() => void start()} disabled={starting} iconId="fr-icon-arrow-right-line" iconPosition="right">
          {drafts.length > 0 ? 'Commencer un nouveau dossier' : 'Commencer la démarche'}
        </Button>
      </p>
      {session.status === 'anonymous' && <p className={fr.cx('fr-text--sm')}>Vous devrez vous connecter ou créer un compte pour commencer votre dossier.</p>}
      {contact !== null && (
        <section className={fr.cx('fr-mt-6w')} aria-labelledby="contact-service">
          <h2 id="contact-service" className={fr.cx('fr-h5')}>
            Contacter le service
          </h2>
          <address style={{ fontStyle: 'normal' }}>
            <strong>{contact.organisation}</strong>
            {contact.address.trim() !== '' && <span style={{ display: 'block', whiteSpace: 'pre-line' }}>{contact.address}</span>}
            <span style={{ display: 'block' }}>
              Courriel : <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </span>
            {contact.phone.trim() !== '' && <span style={{ display: 'block' }}>Téléphone : {contact.phone}</span>}
            {contact.openingHours.trim() !== '' && <span style={{ display: 'block' }}>Horaires : {contact.openingHours}</span>}
          </address>
        </section>
      )}
    </>
  );
}
