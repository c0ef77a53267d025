import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { errorMessage } from '../../api/queries';

/** A dossier page while its dossier loads, or when it could not be loaded (the usager's and the agents'). */
export function DossierLoading({ failure }: { failure: unknown }) {
  return (
    <>
      <h1>Dossier</h1>
      {failure !== null && failure !== undefined ? (
        <Alert severity="error" as="h2" title="Le dossier n’a pas pu être chargé" description={errorMessage(failure)} />
      ) : (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement du dossier…
        </p>
      )}
    </>
  );
}
