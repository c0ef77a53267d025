import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client';
import { type PublicProcedure } from '../api/types';
import { useDocumentTitle } from '../components/useDocumentTitle';

/** Placeholder for filling a dossier: names the procedure when it is published, says "bientôt". */
export function StartProcedurePage() {
  const { path = '' } = useParams();
  const [procedure, setProcedure] = useState<PublicProcedure | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    api
      .listPublishedProcedures()
      .then((items) => !cancelled && setProcedure(items.find((item) => item.path === path) ?? null))
      .catch(() => !cancelled && setProcedure(null));
    return () => {
      cancelled = true;
    };
  }, [path]);

  const title = procedure ? `Commencer la démarche « ${procedure.title} »` : 'Commencer une démarche';
  useDocumentTitle(title);

  return (
    <>
      <Breadcrumb
        currentPageLabel={procedure?.title ?? 'Commencer une démarche'}
        homeLinkProps={{ to: '/' }}
        segments={[]}
        className={fr.cx('fr-mt-0')}
      />
      <h1>{title}</h1>
      {procedure && (
        <p className={fr.cx('fr-text--lead')}>
          Démarche proposée par {procedure.tenant.name}.
        </p>
      )}
      <Alert
        className={fr.cx('fr-mb-4w')}
        severity="info"
        as="h2"
        title="Bientôt disponible"
        description="Le dépôt de dossier en ligne pour cette démarche sera bientôt disponible sur Guichet."
      />
      <Button linkProps={{ to: '/' }} priority="secondary" iconId="fr-icon-arrow-left-line">
        Revenir aux démarches
      </Button>
    </>
  );
}
