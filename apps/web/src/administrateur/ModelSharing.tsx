import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { type ProcedureModel } from '@guichet/contracts';
import { type AdminProcedure } from '../api/types';
import { formatDate } from '../components/dossier/states';
import { type LoadState } from './adminAccess';
import { modelPath } from './CataloguePage';
import { failureMessage, useApiAction } from './ProcedureConfigPage';

/**
 * Sharing a published procedure in the national catalogue of models, or withdrawing it. Whether
 * it is shared is read from the catalogue (GET /api/admin/models/:id answers 404 otherwise).
 */
export function ModelSharing({ procedure }: { procedure: Pick<AdminProcedure, 'id' | 'publishedRevision'> }) {
  const run = useApiAction();
  const queryClient = useQueryClient();
  // One read of the model (GET /api/admin/models/:id); a 404 means « not shared ». Read again after a publication (procedureChanged).
  const read = useQuery({ queryKey: queryKeys.model(procedure.id), queryFn: () => api.getModel(procedure.id) });
  const model: LoadState<ProcedureModel | null> = read.isSuccess
    ? { status: 'loaded', value: read.data }
    : read.isError
      ? isApiError(read.error) && read.error.status === 404
        ? { status: 'loaded', value: null }
        : { status: 'error', message: failureMessage(isApiError(read.error) ? read.error : null) }
      : { status: 'loading' };
  // Sharing and withdrawing change the model and the catalogue's searches.
  const catalogueChanged = () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.model(procedure.id) }), queryClient.invalidateQueries({ queryKey: queryKeys.allModels })]);
  const shareModel = useMutation({ mutationFn: (text: string) => api.shareModel(procedure.id, text), onSuccess: catalogueChanged });
  const unshareModel = useMutation({ mutationFn: () => api.unshareModel(procedure.id), onSuccess: catalogueChanged });
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const published = procedure.publishedRevision !== null;


  async function share(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await run(() => shareModel.mutateAsync(description.trim()));
    setBusy(false);
    if (result.ok) {
      setDone('La démarche est partagée dans le catalogue des modèles.');
    } else setError({ message: failureMessage(result.error), field: result.error?.fields.description ?? result.error?.fields.procedureId });
  }

  async function unshare() {
    setBusy(true);
    setError(null);
    const result = await run(() => unshareModel.mutateAsync());
    setBusy(false);
    if (result.ok) {
      setDone('La démarche a été retirée du catalogue des modèles.');
    } else setError({ message: failureMessage(result.error) });
  }

  return (
    <section aria-labelledby="partage-modele" className={fr.cx('fr-mt-6w')}>
      <h3 id="partage-modele">Catalogue des modèles</h3>
      <p aria-live="polite" className={fr.cx('fr-text--sm')}>
        {done ?? ''}
      </p>
      {model.status === 'loading' && (
        // Not role="status": the page's own loading message is the one callers wait on.
        <p className={fr.cx('fr-text--sm')}>Lecture du catalogue…</p>
      )}
      {model.status === 'error' && <Alert severity="error" small description={model.message} />}
      {error !== null && <Alert className={fr.cx('fr-mb-2w')} severity="error" small description={error.field === undefined ? error.message : `${error.message} ${error.field}`} />}
      {model.status === 'loaded' && model.value !== null && (
        <>
          <p>
            Cette démarche est partagée comme modèle depuis le {formatDate(model.value.sharedAt)} : les autres administrations peuvent la <Link to={modelPath(procedure.id)}>consulter dans le catalogue</Link> et la cloner.
          </p>
          <Button type="button" priority="secondary" iconId="fr-icon-close-circle-line" disabled={busy} onClick={() => void unshare()}>
            Retirer du catalogue
          </Button>
        </>
      )}
      {model.status === 'loaded' && model.value === null && !published && <p>Publiez la démarche pour pouvoir la partager comme modèle avec les autres administrations.</p>}
      {model.status === 'loaded' && model.value === null && published && (
        <form onSubmit={(event) => void share(event)} noValidate>
          <p>Partagez la version publiée de cette démarche : les autres administrations pourront la cloner. Les membres des groupes, le service et les images ne sont pas partagés.</p>
          <Input
            label="Présentation du modèle"
            hintText="Facultative : à quoi sert la démarche, pour qui elle peut servir de point de départ."
            textArea
            nativeTextAreaProps={{ id: 'modele-description', rows: 3, value: description, onChange: (event) => setDescription(event.target.value) }}
          />
          <Button type="submit" iconId="fr-icon-share-line" disabled={busy}>
            Partager comme modèle
          </Button>
        </form>
      )}
    </section>
  );
}
