import { fr } from '@codegouvfr/react-dsfr';
import { type DecisionJustificatif } from '@guichet/contracts';
import { justificatifDownloadPath } from '../../api/client';

/**
 * The justificatif joined to the dossier's decision, as a DSFR download link (the gateway redirects
 * to the file for those who may read the dossier). Shown to the usager and to the agents.
 */
export function DecisionJustificatifLink({ dossierId, justificatif, headingLevel = 'h3' }: { dossierId: string; justificatif: DecisionJustificatif; headingLevel?: 'h2' | 'h3' }) {
  const Heading = headingLevel;
  return (
    <div className={fr.cx('fr-mb-4w')}>
      <Heading className={fr.cx('fr-h6', 'fr-mb-1w')}>Justificatif de la décision</Heading>
      <p className={fr.cx('fr-mb-0')}>
        <a className={fr.cx('fr-link', 'fr-link--download')} href={justificatifDownloadPath(dossierId)}>
          Télécharger le justificatif<span className={fr.cx('fr-sr-only')}> de la décision</span> « {justificatif.fileName} »
        </a>
      </p>
    </div>
  );
}
