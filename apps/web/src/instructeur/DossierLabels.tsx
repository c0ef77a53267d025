import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { type Dossier, type Label } from '@guichet/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { errorMessage, loadStateOf } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { LabelTag, LabelTags } from '../components/labels/LabelTag';
import { instructeurDossierChanged, useProcedureLabels } from './instructeurQueries';

type Change = { label: Label; on: boolean };
type Outcome = { status: 'none' } | { status: 'done'; message: string } | { status: 'failed'; message: string };

/**
 * The dossier's labels (« étiquettes »), as DSFR tags of their colour; an instructeur of its group
 * (`editable`) ticks the procedure's labels to put them on the dossier or take them off (each tick
 * is saved). An administrateur who does not instruct it sees them (the API would refuse the change).
 */
export function DossierLabels({ dossier, editable }: { dossier: Dossier; editable: boolean }) {
  const canEdit = editable;
  const [editing, setEditing] = useState(false);
  const labels = dossier.labels ?? [];
  return (
    <section aria-labelledby="etiquettes" className={fr.cx('fr-mb-5w')}>
      <h2 id="etiquettes">Étiquettes</h2>
      {labels.length === 0 ? <p className={fr.cx('fr-mb-2w')}>Aucune étiquette.</p> : <LabelTags labels={labels} ariaLabel="Étiquettes du dossier" />}
      {canEdit && (
        <>
          <Button type="button" priority="secondary" size="small" className={fr.cx('fr-mt-1w')} onClick={() => setEditing((shown) => !shown)} nativeButtonProps={{ 'aria-expanded': editing, 'aria-controls': 'etiquettes-choix' }}>
            {editing ? 'Fermer le choix des étiquettes' : 'Modifier les étiquettes'}
          </Button>
          <div id="etiquettes-choix">{editing && <LabelPicker dossier={dossier} />}</div>
        </>
      )}
    </section>
  );
}

function LabelPicker({ dossier }: { dossier: Dossier }) {
  const client = useQueryClient();
  const choices = loadStateOf(useProcedureLabels(dossier.procedureId));
  const [outcome, setOutcome] = useState<Outcome>({ status: 'none' });
  const change = useMutation({
    mutationFn: ({ label, on }: Change) => (on ? api.addDossierLabel(dossier.id, label.id) : api.removeDossierLabel(dossier.id, label.id)),
    onSuccess: (changed, { label, on }) => {
      instructeurDossierChanged(client, changed);
      setOutcome({ status: 'done', message: on ? `L’étiquette « ${label.name} » a été ajoutée.` : `L’étiquette « ${label.name} » a été retirée.` });
    },
    onError: (error) => {
      setOutcome({ status: 'failed', message: errorMessage(error) });
      // A label deleted meanwhile: the list is read again.
      void client.invalidateQueries({ queryKey: queryKeys.instructeurLabels(dossier.procedureId) });
    },
  });
  const on = new Set((dossier.labels ?? []).map((label) => label.id));

  return (
    <div className={fr.cx('fr-mt-2w')}>
      {choices.status === 'loading' && (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des étiquettes de la démarche…
        </p>
      )}
      {choices.status === 'error' && <Alert severity="error" small description={choices.message} />}
      {choices.status === 'loaded' && choices.value.length === 0 && <p>Cette démarche n’a pas encore d’étiquette : ses administrateurs les créent.</p>}
      {choices.status === 'loaded' && choices.value.length > 0 && (
        <Checkbox
          legend="Étiquettes de la démarche"
          hintText="Chaque case cochée ou décochée est enregistrée aussitôt."
          small
          options={choices.value.map((label) => ({
            label: <LabelTag label={label} small />,
            nativeInputProps: {
              name: `etiquette-${label.id}`,
              value: label.id,
              checked: on.has(label.id),
              disabled: change.isPending,
              onChange: (event) => change.mutate({ label, on: event.target.checked }),
            },
          }))}
        />
      )}
      <div aria-live="polite">
        {outcome.status === 'done' && <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>{outcome.message}</p>}
        {outcome.status === 'failed' && <Alert severity="error" small description={outcome.message} />}
      </div>
    </div>
  );
}
