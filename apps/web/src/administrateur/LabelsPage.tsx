import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type Label, type LabelColor, labelColors, maxLabelNameLength, maxLabelsPerProcedure } from '@guichet/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useCallback, useState } from 'react';
import { type ApiError, api } from '../api/client';
import { type LoadState, loadStateOf, useInvalidatingMutation } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { labelColorNames, labelColorOptions } from '../components/labels/labelColors';
import { LabelTag } from '../components/labels/LabelTag';
import { type ProcedureConfigProps, ProcedureConfigPage, failureMessage, useApiAction } from './ProcedureConfigPage';

const title = 'Étiquettes';

/** /admin/demarches/:procedureId/etiquettes: the labels instructeurs put on the procedure's dossiers. */
export function LabelsPage() {
  return <ProcedureConfigPage title={title}>{(props) => <Labels {...props} />}</ProcedureConfigPage>;
}

type Feedback = { severity: 'success' | 'error'; message: string } | null;

/** A write on the labels: the list is read again once it succeeded (as are the instructeurs' lists). */
function useLabelsWrite(procedureId: string): <T>(write: () => Promise<T>) => Promise<T> {
  return useInvalidatingMutation([queryKeys.labels(procedureId), queryKeys.instructeurLabels(procedureId)]);
}

function Labels({ procedure }: ProcedureConfigProps) {
  const labels: LoadState<Label[]> = loadStateOf(useQuery({ queryKey: queryKeys.labels(procedure.id), queryFn: () => api.listLabels(procedure.id) }));
  const [feedback, setFeedback] = useState<Feedback>(null);
  const done = useCallback((message: string) => setFeedback({ severity: 'success', message }), []);
  const fail = useCallback((error: ApiError | null) => setFeedback({ severity: 'error', message: failureMessage(error) }), []);

  return (
    <>
      <p>
        Les instructeurs mettent ces étiquettes sur les dossiers pour les classer (« Urgent », « Pièce manquante »…). Seuls les agents les voient : jamais l’usager ni les experts. Une
        démarche compte au plus {maxLabelsPerProcedure} étiquettes.
      </p>
      <div aria-live="polite">{feedback !== null && <Alert className={fr.cx('fr-mb-3w')} small severity={feedback.severity} description={feedback.message} closable onClose={() => setFeedback(null)} />}</div>
      <CreateLabel procedureId={procedure.id} onCreated={done} />
      <h3>Étiquettes de la démarche</h3>
      {labels.status === 'loading' && (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des étiquettes…
        </p>
      )}
      {labels.status === 'error' && <Alert severity="error" as="h4" small title="Les étiquettes n’ont pas pu être chargées" description={labels.message} />}
      {labels.status === 'loaded' && labels.value.length === 0 && <p>Aucune étiquette pour l’instant.</p>}
      {labels.status === 'loaded' && labels.value.length > 0 && (
        <ul className={fr.cx('fr-raw-list')}>
          {labels.value.map((label) => (
            <li key={label.id}>
              <LabelCard procedureId={procedure.id} label={label} onChanged={done} onFailed={fail} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Name and colour fields with a preview of the tag; the messages of the server go to their field. */
function LabelFields({ id, name, color, errors, onName, onColor }: { id: string; name: string; color: LabelColor; errors: Record<string, string>; onName: (name: string) => void; onColor: (color: LabelColor) => void }) {
  const preview = name.trim() === '' ? 'Aperçu' : name.trim();
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
        <Input
          label="Nom de l’étiquette"
          hintText={`${maxLabelNameLength} caractères au plus`}
          className={fr.cx('fr-mb-0')}
          {...(errors['name'] !== undefined ? { state: 'error' as const, stateRelatedMessage: errors['name'] } : {})}
          nativeInputProps={{ id: `${id}-nom`, value: name, required: true, maxLength: maxLabelNameLength, onChange: (event) => onName(event.target.value) }}
        />
      </div>
      <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
        <Select
          label="Couleur"
          className={fr.cx('fr-mb-0')}
          {...(errors['color'] !== undefined ? { state: 'error' as const, stateRelatedMessage: errors['color'] } : {})}
          nativeSelectProps={{ id: `${id}-couleur`, value: color, onChange: (event) => onColor(event.target.value as LabelColor) }}
        >
          {labelColorOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </div>
      <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
        <p className={fr.cx('fr-text--sm', 'fr-mb-1v')} id={`${id}-apercu`}>
          Aperçu
        </p>
        <p className={fr.cx('fr-mb-0')} aria-labelledby={`${id}-apercu`}>
          <LabelTag label={{ name: preview, color }} />
        </p>
      </div>
    </div>
  );
}

function CreateLabel({ procedureId, onCreated }: { procedureId: string; onCreated: (message: string) => void }) {
  const run = useApiAction();
  const write = useLabelsWrite(procedureId);
  const [name, setName] = useState('');
  const [color, setColor] = useState<LabelColor>(labelColors[0]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setErrors({ name: 'Indiquez le nom de l’étiquette.' });
      return;
    }
    const result = await run(() => write(() => api.createLabel(procedureId, { name, color })));
    if (result.ok) {
      setName('');
      setErrors({});
      onCreated(`L’étiquette « ${result.value.name} » a été créée.`);
    } else {
      const fields = result.error?.fields ?? {};
      setErrors(fields['name'] !== undefined || fields['color'] !== undefined ? fields : { name: failureMessage(result.error) });
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className={fr.cx('fr-mb-4w')} aria-labelledby="nouvelle-etiquette-titre">
      <h3 id="nouvelle-etiquette-titre">Nouvelle étiquette</h3>
      <LabelFields id="nouvelle-etiquette" name={name} color={color} errors={errors} onName={setName} onColor={setColor} />
      <Button type="submit" iconId="fr-icon-add-line" className={fr.cx('fr-mt-2w')}>
        Créer l’étiquette
      </Button>
    </form>
  );
}

function LabelCard({ procedureId, label, onChanged, onFailed }: { procedureId: string; label: Label; onChanged: (message: string) => void; onFailed: (error: ApiError | null) => void }) {
  const run = useApiAction();
  const write = useLabelsWrite(procedureId);
  const id = `etiquette-${label.id}`;
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState<LabelColor>(label.color);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const changed = name.trim() !== label.name || color !== label.color;

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => write(() => api.updateLabel(procedureId, label.id, { ...(name.trim() !== label.name ? { name } : {}), ...(color !== label.color ? { color } : {}) })));
    if (result.ok) {
      setErrors({});
      onChanged(`L’étiquette « ${result.value.name} » a été enregistrée (${labelColorNames[result.value.color].toLowerCase()}).`);
    } else {
      setErrors(result.error?.fields ?? {});
      onFailed(result.error);
    }
  }

  async function remove() {
    const result = await run(() => write(() => api.deleteLabel(procedureId, label.id)));
    if (result.ok) onChanged(`L’étiquette « ${label.name} » a été supprimée, et retirée des dossiers qui l’avaient.`);
    else {
      setConfirming(false);
      onFailed(result.error);
    }
  }

  return (
    <section aria-labelledby={`${id}-titre`} className={fr.cx('fr-p-3w', 'fr-mb-3w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <h4 id={`${id}-titre`} className={fr.cx('fr-h6', 'fr-mb-2w')}>
        <span className={fr.cx('fr-sr-only')}>Étiquette </span>
        <LabelTag label={label} />
      </h4>
      <form noValidate onSubmit={(event) => void save(event)}>
        <LabelFields id={id} name={name} color={color} errors={errors} onName={setName} onColor={setColor} />
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mt-2w', 'fr-mb-0')}>
          <li>
            <Button type="submit" priority="secondary" iconId="fr-icon-save-line" disabled={!changed}>
              Enregistrer<span className={fr.cx('fr-sr-only')}> l’étiquette « {label.name} »</span>
            </Button>
          </li>
          {!confirming && (
            <li>
              <Button type="button" priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setConfirming(true)}>
                Supprimer<span className={fr.cx('fr-sr-only')}> l’étiquette « {label.name} »</span>
              </Button>
            </li>
          )}
        </ul>
      </form>
      {confirming && (
        <div role="group" aria-labelledby={`${id}-confirmation`} className={fr.cx('fr-mt-2w')}>
          <p id={`${id}-confirmation`} className={fr.cx('fr-mb-1w')}>
            Supprimer « {label.name} » la retire de tous les dossiers qui l’ont.
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mb-0')}>
            <li>
              <Button type="button" iconId="fr-icon-delete-line" onClick={() => void remove()}>
                Confirmer la suppression
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setConfirming(false)}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}
    </section>
  );
}
