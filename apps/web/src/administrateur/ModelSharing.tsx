import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
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
  const [model, setModel] = useState<LoadState<ProcedureModel | null>>({ status: 'loading' });
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const published = procedure.publishedRevision !== null;

  useEffect(() => {
    let cancelled = false;
    setModel({ status: 'loading' });
    void run(() => api.getModel(procedure.id)).then((result) => {
      if (cancelled) return;
      if (result.ok) setModel({ status: 'loaded', value: result.value });
      else if (result.error?.status === 404) setModel({ status: 'loaded', value: null });
      else setModel({ status: 'error', message: failureMessage(result.error) });
    });
    return () => {
      cancelled = true;
    };
    // A publication may make the procedure shareable: read again then.
  }, [procedure.id, published, run]);

  async function share(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await run(() => api.shareModel(procedure.id, description.trim()));
    setBusy(false);
    if (result.ok) {
      setModel({ status: 'loaded', value: result.value });
      setDone('La démarche est partagée dans le catalogue des modèles.');
    } else setError({ message: failureMessage(result.error), field: result.error?.fields.description ?? result.error?.fields.procedureId });
  }

  async function unshare() {
    setBusy(true);
    setError(null);
    const result = await run(() => api.unshareModel(procedure.id));
    setBusy(false);
    if (result.ok) {
      setModel({ status: 'loaded', value: null });
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
