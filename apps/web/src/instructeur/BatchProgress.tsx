import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type Batch } from '@guichet/contracts';
import { forwardRef } from 'react';
import { Link } from 'react-router-dom';
import { batchActionDisplay, batchCappedText, batchProgressText, refusedItems } from './batchView';

/**
 * The batch the agent started: « Traitement en cours : X sur N » while it runs (read every second
 * by the page, which keeps it in a polite live region), then how many were done and the dossiers refused,
 * each with its reason and a link.
 */
export const BatchProgress = forwardRef<HTMLDivElement, { batch: Batch; onDismiss: () => void }>(function BatchProgress({ batch, onDismiss }, ref) {
  const running = batch.state === 'en_cours';
  const refused = refusedItems(batch);
  const capped = batchCappedText(batch);
  const title = `${batchActionDisplay[batch.action].running} : lot de ${batch.total.toLocaleString('fr-FR')} dossier${batch.total > 1 ? 's' : ''}${running ? '' : ' terminé'}`;
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-3w')} style={{ outline: 'none' }}>
      {/* DSFR alert markup without the component's role="status": the page's polite live region around it tells the changes once. */}
      <div className={fr.cx('fr-alert', running ? 'fr-alert--info' : refused.length > 0 ? 'fr-alert--warning' : 'fr-alert--success')}>
        <h2 className={fr.cx('fr-alert__title')}>{title}</h2>
        <p>
          <span>{batchProgressText(batch)}</span>
          {capped !== null && (
            <>
              <br />
              {capped}
            </>
          )}
        </p>
        {!running && (
          <Button type="button" size="small" priority="tertiary" className={fr.cx('fr-mt-1w')} onClick={onDismiss}>
            Masquer ce bilan
          </Button>
        )}
      </div>
      {refused.length > 0 && (
        <Accordion label={`Voir ${refused.length > 1 ? `les ${refused.length} dossiers refusés` : 'le dossier refusé'}`} titleAs="h3">
          <ul>
            {refused.map((item) => (
              <li key={item.dossierId}>
                <Link to={`/instructeur/dossiers/${item.dossierId}`}>{item.number === null ? 'Dossier' : `Dossier n° ${item.number}`}</Link> : {item.message}
              </li>
            ))}
          </ul>
        </Accordion>
      )}
    </div>
  );
});
