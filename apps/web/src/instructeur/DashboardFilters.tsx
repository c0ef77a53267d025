import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { type DashboardField, type DashboardFilter, type Label } from '@guichet/contracts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import {
  dateFilterLabels,
  draftFilter,
  draftFor,
  emptyFilterDraft,
  fieldColumn,
  fieldIdOf,
  type FilterDraft,
  type FilterFormTarget,
  filterLabel,
  filterableStates,
  followerChoices,
  followerLabels,
  isFieldColumn,
  opLabels,
  rangeOnDates,
  stateFilterLabels,
} from './dashboardView';
import { LabelTag } from '../components/labels/LabelTag';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Group = { id: string; label: string };

/** The active filters as removable tags, each with the server's message when it refused it. */
export function ActiveFilters({
  filters,
  fields,
  groups,
  labels,
  errors,
  onRemove,
  onClear,
}: {
  filters: readonly DashboardFilter[];
  /** The procedure's fields (undefined while they load or when they failed). */
  fields: readonly DashboardField[] | undefined;
  groups: readonly Group[] | undefined;
  labels: readonly Label[] | undefined;
  /** The server's messages on each filter, by index. */
  errors: ReadonlyMap<number, readonly string[]>;
  onRemove: (index: number) => void;
  onClear: () => void;
}) {
  const id = useId();
  if (filters.length === 0) return null;
  const context = { fields: fields ?? [], groups: groups ?? [], labels: labels ?? [] };
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <ul className={fr.cx('fr-tags-group')} aria-label="Filtres actifs">
        {filters.map((filter, index) => {
          const label = filterLabel(filter, context);
          const messages = errors.get(index) ?? [];
          const errorId = `${id}-erreur-${index}`;
          return (
            <li key={JSON.stringify(filter)}>
              <Tag
                dismissible
                nativeButtonProps={{
                  'aria-label': `Retirer le filtre ${label}`,
                  ...(messages.length > 0 ? { 'aria-describedby': errorId } : {}),
                  onClick: () => onRemove(index),
                }}
              >
                {label}
              </Tag>
              {messages.length > 0 && (
                <p id={errorId} className={fr.cx('fr-error-text', 'fr-mt-0', 'fr-mb-1w')}>
                  {messages.join(' ')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {filters.length > 1 && (
        <Button type="button" priority="tertiary no outline" size="small" onClick={onClear}>
          Retirer tous les filtres
        </Button>
      )}
    </div>
  );
}

/**
 * The form that adds a filter: on the dossier (state, group, labels, follower, dates) or on a field,
 * with the operators its type allows. Incomplete, it says what is missing (the contract's messages).
 */
export function FilterForm({
  fields,
  groups,
  groupsError,
  labels,
  labelsError,
  onAdd,
  onCancel,
}: {
  fields: readonly DashboardField[] | undefined;
  groups: readonly Group[] | undefined;
  groupsError: string | undefined;
  /** The procedure's labels (undefined while they load or when they failed). */
  labels: readonly Label[] | undefined;
  labelsError: string | undefined;
  onAdd: (filter: DashboardFilter) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<FilterDraft>(emptyFilterDraft);
  const [error, setError] = useState<string | undefined>(undefined);
  const id = useId();
  const errorId = `${id}-erreur`;
  const known = fields ?? [];
  const filterable = known.filter((field) => field.ops.length > 0);
  const target = draft.target;
  const field = isFieldColumn(target) ? known.find((candidate) => candidate.stableId === fieldIdOf(target)) : undefined;
  const set = (patch: Partial<FilterDraft>) => {
    setDraft({ ...draft, ...patch });
    setError(undefined);
  };
  const toggleValue = (value: string, checked: boolean, order: readonly string[]) => set({ values: order.filter((candidate) => (candidate === value ? checked : draft.values.includes(candidate))) });

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = draftFilter(draft, known);
    if (result.ok) onAdd(result.filter);
    else setError(result.error);
  }

  let value: ReactNode = null;
  switch (draft.target) {
    case '':
      break;
    case 'state':
      value = (
        <Checkbox
          legend="États"
          options={filterableStates.map((state) => ({
            label: stateFilterLabels[state],
            nativeInputProps: { checked: draft.values.includes(state), onChange: (event) => toggleValue(state, event.target.checked, filterableStates) },
          }))}
        />
      );
      break;
    case 'group':
      value =
        groupsError !== undefined ? (
          <p className={fr.cx('fr-error-text')}>Les groupes n’ont pas pu être chargés : {groupsError}</p>
        ) : groups === undefined ? (
          <p className={fr.cx('fr-text--sm')}>Chargement des groupes…</p>
        ) : groups.length === 0 ? (
          <p className={fr.cx('fr-text--sm')}>Vous ne voyez les dossiers d’aucun groupe instructeur de cette démarche.</p>
        ) : (
          <Checkbox
            legend="Groupes instructeurs"
            hintText="Les groupes dont vous voyez les dossiers, par nom."
            options={groups.map((group) => ({
              label: group.label,
              nativeInputProps: {
                checked: draft.values.includes(group.id),
                onChange: (event) =>
                  toggleValue(
                    group.id,
                    event.target.checked,
                    groups.map((candidate) => candidate.id),
                  ),
              },
            }))}
          />
        );
      break;
    case 'label':
      value =
        labelsError !== undefined ? (
          <p className={fr.cx('fr-error-text')}>Les étiquettes n’ont pas pu être chargées : {labelsError}</p>
        ) : labels === undefined ? (
          <p className={fr.cx('fr-text--sm')}>Chargement des étiquettes…</p>
        ) : labels.length === 0 ? (
          <p className={fr.cx('fr-text--sm')}>Cette démarche n’a pas d’étiquette : ses administrateurs les créent.</p>
        ) : (
          <Checkbox
            legend="Étiquettes"
            hintText="Les dossiers qui portent au moins une des étiquettes cochées."
            small
            options={labels.map((label) => ({
              label: <LabelTag label={label} small />,
              nativeInputProps: {
                value: label.id,
                checked: draft.values.includes(label.id),
                onChange: (event) =>
                  toggleValue(
                    label.id,
                    event.target.checked,
                    labels.map((candidate) => candidate.id),
                  ),
              },
            }))}
          />
        );
      break;
    case 'follower':
      value = (
        <RadioButtons
          legend="Suivi par"
          name={`${id}-suivi`}
          options={followerChoices.map((choice) => ({ label: capitalized(followerLabels[choice]), nativeInputProps: { value: choice, checked: draft.text === choice, onChange: () => set({ text: choice }) } }))}
        />
      );
      break;
    case 'submittedAt':
    case 'updatedAt':
    case 'decidedAt':
      value = <RangeInputs legend={dateFilterLabels[draft.target]} type="date" labels={['Du', 'Au']} draft={draft} set={set} />;
      break;
    default:
      value = field === undefined ? null : <FieldMatchInputs field={field} draft={draft} set={set} toggleValue={toggleValue} name={`${id}-valeur`} />;
  }

  return (
    <form onSubmit={submit} noValidate className={fr.cx('fr-p-3w', 'fr-mb-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }} aria-describedby={error === undefined ? undefined : errorId}>
      <fieldset className={fr.cx('fr-fieldset', 'fr-mb-0')}>
        <legend className={fr.cx('fr-fieldset__legend')}>Ajouter un filtre</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <Select
            label="Filtrer sur"
            nativeSelectProps={{
              value: draft.target,
              onChange: (event) => {
                const target = event.target.value as FilterFormTarget | '';
                setDraft(target === '' ? emptyFilterDraft : draftFor(target, known));
                setError(undefined);
              },
            }}
          >
            <option value="">Choisissez une colonne ou un champ</option>
            <optgroup label="Dossier">
              <option value="state">État</option>
              <option value="group">Groupe instructeur</option>
              <option value="label">Étiquettes</option>
              <option value="follower">Suivi par</option>
              <option value="submittedAt">{dateFilterLabels.submittedAt}</option>
              <option value="updatedAt">{dateFilterLabels.updatedAt}</option>
              <option value="decidedAt">{dateFilterLabels.decidedAt}</option>
            </optgroup>
            {filterable.length > 0 && (
              <optgroup label="Champs du formulaire">
                {filterable.map((candidate) => (
                  <option key={candidate.stableId} value={fieldColumn(candidate.stableId)}>
                    {candidate.label}
                  </option>
                ))}
              </optgroup>
            )}
          </Select>
        </div>
        {value !== null && <div className={fr.cx('fr-fieldset__element')}>{value}</div>}
        {error !== undefined && (
          <div className={fr.cx('fr-fieldset__element')}>
            <p id={errorId} role="alert" className={fr.cx('fr-error-text', 'fr-mt-0')}>
              {error}
            </p>
          </div>
        )}
        <div className={fr.cx('fr-fieldset__element')}>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
            <li>
              <Button type="submit">Ajouter le filtre</Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={onCancel}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      </fieldset>
    </form>
  );
}

/** The value of a field filter, as its operator asks: text, choices, a range, yes/no, filled/empty. */
function FieldMatchInputs({
  field,
  draft,
  set,
  toggleValue,
  name,
}: {
  field: DashboardField;
  draft: FilterDraft;
  set: (patch: Partial<FilterDraft>) => void;
  toggleValue: (value: string, checked: boolean, order: readonly string[]) => void;
  name: string;
}) {
  const choices = field.choices ?? [];
  const yesNo = field.type === 'checkbox' ? (['Coché', 'Non coché'] as const) : (['Oui', 'Non'] as const);
  let value: ReactNode;
  switch (draft.op) {
    case 'contains':
      value = <Input label={`${field.label} : texte recherché`} hintText="Majuscules et accents ignorés." nativeInputProps={{ value: draft.text, onChange: (event) => set({ text: event.target.value }) }} />;
      break;
    case 'equals':
      value = (
        <Checkbox
          legend={`${field.label} : valeurs`}
          options={choices.map((choice) => ({ label: choice, nativeInputProps: { checked: draft.values.includes(choice), onChange: (event) => toggleValue(choice, event.target.checked, choices) } }))}
        />
      );
      break;
    case 'range':
      value = rangeOnDates(field) ? (
        <RangeInputs legend={field.label} type="date" labels={['Du', 'Au']} draft={draft} set={set} />
      ) : (
        <RangeInputs legend={field.label} type="number" labels={['Minimum', 'Maximum']} draft={draft} set={set} />
      );
      break;
    case 'is':
      value = (
        <RadioButtons
          legend={field.label}
          name={name}
          orientation="horizontal"
          options={[
            { label: yesNo[0], nativeInputProps: { checked: draft.flag === true, onChange: () => set({ flag: true }) } },
            { label: yesNo[1], nativeInputProps: { checked: draft.flag === false, onChange: () => set({ flag: false }) } },
          ]}
        />
      );
      break;
    case 'filled':
      value = (
        <RadioButtons
          legend={field.label}
          name={name}
          orientation="horizontal"
          options={[
            { label: 'Rempli', nativeInputProps: { checked: draft.flag === true, onChange: () => set({ flag: true }) } },
            { label: 'Vide', nativeInputProps: { checked: draft.flag === false, onChange: () => set({ flag: false }) } },
          ]}
        />
      );
      break;
  }
  return (
    <>
      {field.ops.length > 1 && (
        <Select label="Condition" nativeSelectProps={{ value: draft.op, onChange: (event) => set({ op: event.target.value as FilterDraft['op'], values: [], text: '', min: '', max: '', flag: null }) }}>
          {field.ops.map((op) => (
            <option key={op} value={op}>
              {opLabels[op]}
            </option>
          ))}
        </Select>
      )}
      {value}
    </>
  );
}

/** Two bounds, each optional (dates: whole days, both included). */
function RangeInputs({ legend, type, labels, draft, set }: { legend: string; type: 'date' | 'number'; labels: readonly [string, string]; draft: FilterDraft; set: (patch: Partial<FilterDraft>) => void }) {
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-0')}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-fieldset__legend--regular')}>
        {legend}
        <span className={fr.cx('fr-hint-text')}>{type === 'date' ? 'Une date ou les deux, incluses.' : 'Une borne ou les deux, incluses.'}</span>
      </legend>
      <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline')}>
        <Input label={labels[0]} nativeInputProps={{ type, value: draft.min, onChange: (event) => set({ min: event.target.value }), ...(type === 'number' ? { inputMode: 'decimal', step: 'any' } : {}) }} />
      </div>
      <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline')}>
        <Input label={labels[1]} nativeInputProps={{ type, value: draft.max, onChange: (event) => set({ max: event.target.value }), ...(type === 'number' ? { inputMode: 'decimal', step: 'any' } : {}) }} />
      </div>
    </fieldset>
  );
}
