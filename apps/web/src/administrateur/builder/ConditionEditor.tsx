import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  type ComparisonCondition,
  type Condition,
  type ConditionValue,
  type Operator,
  describeCondition,
  operatorLabel,
  operatorsForFieldType,
} from '@guichet/conditions';
import { type FormField } from '@guichet/forms';
import { type JSX, useEffect, useState } from 'react';
import { countries, departements, locationOptionLabel, regions } from '../../components/dossier/locations';
import {
  type ConditionGroup,
  type NodePath,
  type ValueInput,
  appendTo,
  errorAt,
  formatValueInput,
  maxGroupLevel,
  newComparison,
  parseValueInput,
  removeAt,
  testableFields,
  toGroup,
  updateAt,
  valueInputFor,
  withField,
  withOperator,
  withValue,
} from './conditionState';

export type ConditionEditorProps = {
  /** Prefix of the ids of every element of the editor (unique in the page). */
  id: string;
  legend: string;
  value: Condition | null;
  onChange: (value: Condition | null) => void;
  /** The fields the condition may test (for a field's visibility: the fields before it). */
  fields: readonly FormField[];
  /** Messages by path inside the condition, as the procedures service reports them (`conditions.0.value`). */
  errors?: Readonly<Record<string, string>>;
};

type Context = {
  id: string;
  fields: readonly FormField[];
  stored: Condition | null;
  errors: Readonly<Record<string, string>> | undefined;
  root: ConditionGroup;
  change: (root: ConditionGroup, focus?: string) => void;
};

const elementId = (ctx: Context, path: NodePath, part: string): string => `${ctx.id}-${['n', ...path].join('-')}-${part}`;

/**
 * Edits a condition (field visibility, routing rule…): `and`/`or` groups of comparisons on the
 * given fields, each with the operators its type allows and a value input that fits the type. The
 * condition reads back in French below it.
 */
export function ConditionEditor({ id, legend, value, onChange, fields, errors }: ConditionEditorProps): JSX.Element {
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  useEffect(() => {
    if (focusTarget === null) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const testable = testableFields(fields);
  const labelOf = (stableId: string): string | undefined => fields.find((field) => field.stableId === stableId)?.label;
  const wholeError = errorAt(errors, value, [], '');

  if (value === null) {
    return (
      <fieldset className={fr.cx('fr-fieldset')} id={id}>
        <legend className={fr.cx('fr-fieldset__legend')}>{legend}</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
            {testable.length === 0 ? 'Aucune condition. Aucun champ placé avant celui-ci ne peut servir dans une condition.' : 'Aucune condition.'}
          </p>
          <Button
            type="button"
            priority="secondary"
            size="small"
            iconId="fr-icon-add-line"
            disabled={testable.length === 0}
            nativeButtonProps={{ id: `${id}-add` }}
            onClick={() => {
              onChange({ kind: 'and', conditions: [newComparison(fields)] });
              setFocusTarget(`${id}-n-0-field`);
            }}
          >
            Ajouter une condition
          </Button>
        </div>
      </fieldset>
    );
  }

  const root = toGroup(value);
  const ctx: Context = {
    id,
    fields,
    stored: value,
    errors,
    root,
    change: (next, focus) => {
      onChange(next);
      if (focus !== undefined) setFocusTarget(focus);
    },
  };
  const descriptionId = `${id}-description`;
  return (
    <fieldset className={fr.cx('fr-fieldset')} id={id} aria-describedby={descriptionId}>
      <legend className={fr.cx('fr-fieldset__legend')}>{legend}</legend>
      <div className={fr.cx('fr-fieldset__element')}>
        <GroupEditor ctx={ctx} group={root} path={[]} level={1} />
      </div>
      <div className={fr.cx('fr-fieldset__element')}>
        <p id={descriptionId} className={fr.cx('fr-text--sm', 'fr-mb-1w')} aria-live="polite">
          <span className={fr.cx('fr-text--bold')}>En clair : </span>
          {describeCondition(value, labelOf)}
        </p>
        {wholeError !== undefined && <p className={fr.cx('fr-message', 'fr-message--error')}>{wholeError}</p>}
        <Button
          type="button"
          priority="tertiary"
          size="small"
          iconId="fr-icon-delete-line"
          nativeButtonProps={{ id: `${id}-remove` }}
          onClick={() => {
            onChange(null);
            setFocusTarget(`${id}-add`);
          }}
        >
          Supprimer la condition
        </Button>
      </div>
    </fieldset>
  );
}

function GroupEditor({ ctx, group, path, level }: { ctx: Context; group: ConditionGroup; path: NodePath; level: number }) {
  const addId = elementId(ctx, path, 'add');
  const kindId = elementId(ctx, path, 'kind');
  return (
    <>
      <Select
        label={level === 1 ? 'Afficher si' : 'Ce groupe est vrai si'}
        nativeSelectProps={{
          id: kindId,
          value: group.kind,
          onChange: (event) => ctx.change(updateAt(ctx.root, path, (node) => (node.kind === 'and' || node.kind === 'or' ? { ...node, kind: event.target.value === 'or' ? 'or' : 'and' } : node))),
        }}
      >
        <option value="and">toutes les comparaisons suivantes sont vraies (et)</option>
        <option value="or">au moins une des comparaisons suivantes est vraie (ou)</option>
      </Select>
      {group.conditions.length === 0 && (
        <p className={fr.cx('fr-text--sm')}>{group.kind === 'and' ? 'Aucune comparaison : toujours vrai.' : 'Aucune comparaison : jamais vrai.'}</p>
      )}
      {group.conditions.map((node, index) => {
        const childPath = [...path, index];
        if (node.kind === 'comparison') return <ComparisonEditor key={index} ctx={ctx} comparison={node} path={childPath} number={index + 1} removeFocus={addId} />;
        if (node.kind === 'constant') return null;
        return (
          <fieldset key={index} className={fr.cx('fr-fieldset', 'fr-mb-2w')} style={{ borderLeft: `4px solid ${fr.colors.decisions.border.default.blueFrance.default}` }}>
            <legend className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>Groupe {index + 1}</legend>
            <div className={fr.cx('fr-fieldset__element')}>
              <GroupEditor ctx={ctx} group={node} path={childPath} level={level + 1} />
              <Button
                type="button"
                priority="tertiary"
                size="small"
                iconId="fr-icon-delete-line"
                onClick={() => ctx.change(removeAt(ctx.root, childPath), addId)}
              >
                Supprimer le groupe {index + 1}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}>
        <li>
          <Button
            type="button"
            priority="secondary"
            iconId="fr-icon-add-line"
            nativeButtonProps={{ id: addId }}
            onClick={() => ctx.change(appendTo(ctx.root, path, newComparison(ctx.fields)), elementId(ctx, [...path, group.conditions.length], 'field'))}
          >
            Ajouter une comparaison
          </Button>
        </li>
        {level < maxGroupLevel && (
          <li>
            <Button
              type="button"
              priority="secondary"
              iconId="fr-icon-add-line"
              onClick={() =>
                ctx.change(
                  appendTo(ctx.root, path, { kind: group.kind === 'and' ? 'or' : 'and', conditions: [newComparison(ctx.fields)] }),
                  elementId(ctx, [...path, group.conditions.length], 'kind'),
                )
              }
            >
              Ajouter un groupe
            </Button>
          </li>
        )}
      </ul>
    </>
  );
}

const missingFieldLabel = 'Champ introuvable (supprimé, placé après ou non testable)';

function ComparisonEditor({ ctx, comparison, path, number, removeFocus }: { ctx: Context; comparison: ComparisonCondition; path: NodePath; number: number; removeFocus: string }) {
  const field = ctx.fields.find((candidate) => candidate.stableId === comparison.field);
  const testable = testableFields(ctx.fields);
  const known = testable.some((candidate) => candidate.stableId === comparison.field);
  const operators: readonly Operator[] = field !== undefined && known ? operatorsForFieldType(field.type) : [comparison.operator];
  const input = valueInputFor(field, comparison.operator);
  const update = (next: ComparisonCondition) => ctx.change(updateAt(ctx.root, path, () => next));
  const stateOf = (part: 'field' | 'operator' | 'value') => {
    const message = errorAt(ctx.errors, ctx.stored, path, part) ?? (part === 'field' && !known ? missingFieldLabel + '.' : undefined);
    return message === undefined ? ({ state: 'default' } as const) : ({ state: 'error', stateRelatedMessage: message } as const);
  };
  const wholeError = errorAt(ctx.errors, ctx.stored, path, '');

  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-1w')}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-text--regular', 'fr-pb-1w')}>Comparaison {number}</legend>
      <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline', 'fr-mb-0')} style={{ minWidth: '14rem' }}>
        <Select
          label="Champ"
          {...stateOf('field')}
          nativeSelectProps={{
            id: elementId(ctx, path, 'field'),
            value: comparison.field,
            onChange: (event) => update(withField(comparison, ctx.fields, event.target.value)),
          }}
        >
          {!known && <option value={comparison.field}>{comparison.field === '' ? 'Choisissez un champ' : missingFieldLabel}</option>}
          {testable.map((candidate) => (
            <option key={candidate.stableId} value={candidate.stableId}>
              {candidate.label.trim() === '' ? 'Champ sans libellé' : candidate.label}
            </option>
          ))}
        </Select>
      </div>
      <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline', 'fr-mb-0')} style={{ minWidth: '12rem' }}>
        <Select
          label="Opérateur"
          {...stateOf('operator')}
          nativeSelectProps={{
            id: elementId(ctx, path, 'operator'),
            value: comparison.operator,
            onChange: (event) => update(withOperator(comparison, ctx.fields, event.target.value as Operator)),
          }}
        >
          {operators.map((operator) => (
            <option key={operator} value={operator}>
              {operatorLabel(operator)}
            </option>
          ))}
        </Select>
      </div>
      {input.kind !== 'none' && (
        <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline', 'fr-mb-0')} style={{ minWidth: '12rem' }}>
          <ValueEditor id={elementId(ctx, path, 'value')} input={input} value={comparison.value} onChange={(value) => update(withValue(comparison, value))} state={stateOf('value')} />
        </div>
      )}
      <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline', 'fr-mb-0')} style={{ alignSelf: 'flex-end' }}>
        <Button
          type="button"
          priority="tertiary"
          size="small"
          iconId="fr-icon-delete-line"
          title={`Supprimer la comparaison ${number}`}
          onClick={() => ctx.change(removeAt(ctx.root, path), removeFocus)}
        />
      </div>
      {wholeError !== undefined && (
        <div className={fr.cx('fr-fieldset__element')}>
          <p className={fr.cx('fr-message', 'fr-message--error')}>{wholeError}</p>
        </div>
      )}
    </fieldset>
  );
}

type InputState = { state: 'default' } | { state: 'error'; stateRelatedMessage: string };

function ValueEditor({ id, input, value, onChange, state }: { id: string; input: ValueInput; value: ConditionValue | undefined; onChange: (value: ConditionValue | undefined) => void; state: InputState }) {
  const select = (options: readonly { value: string; label: string }[], emptyLabel = 'Choisissez une valeur') => (
    <Select
      label="Valeur"
      {...state}
      nativeSelectProps={{ id, value: formatValueInput(value), onChange: (event) => onChange(parseValueInput(input, event.target.value)) }}
    >
      <option value="" disabled>
        {emptyLabel}
      </option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
  switch (input.kind) {
    case 'none':
      return null;
    case 'boolean':
      return select([
        { value: 'true', label: 'Oui (coché)' },
        { value: 'false', label: 'Non (non coché)' },
      ]);
    case 'choice':
      return select(
        input.choices.map((choice) => ({ value: choice, label: choice })),
        input.choices.length === 0 ? 'Le champ n’a pas encore de choix' : 'Choisissez une valeur',
      );
    case 'departement':
      return select(departements.map((departement) => ({ value: departement.code, label: locationOptionLabel(departement) })), 'Choisissez un département');
    case 'region':
      return select(regions.map((region) => ({ value: region.code, label: locationOptionLabel(region) })), 'Choisissez une région');
    case 'pays':
      return select(countries.map((country) => ({ value: country.code, label: country.nom })), 'Choisissez un pays');
    case 'date':
    case 'datetime':
      return (
        <Input
          label="Valeur"
          {...state}
          nativeInputProps={{ id, type: input.kind === 'date' ? 'date' : 'datetime-local', value: formatValueInput(value), onChange: (event) => onChange(parseValueInput(input, event.target.value)) }}
        />
      );
    case 'number':
    case 'text':
    case 'code':
      return <DraftTextInput id={id} input={input} value={value} onChange={onChange} state={state} />;
  }
}

/**
 * A text input whose text is kept while typing ("1," on the way to "1,5") and parsed into the
 * comparison's value; it follows the value when it changes from outside.
 */
function DraftTextInput({ id, input, value, onChange, state }: { id: string; input: ValueInput; value: ConditionValue | undefined; onChange: (value: ConditionValue | undefined) => void; state: InputState }) {
  const [text, setText] = useState(formatValueInput(value));
  useEffect(() => {
    setText((current) => (parseValueInput(input, current) === value ? current : formatValueInput(value)));
  }, [input, value]);
  const hint = input.kind === 'code' ? input.hint : input.kind === 'number' ? (input.integer ? 'Un nombre entier.' : 'Un nombre, avec une virgule pour les décimales.') : undefined;
  return (
    <Input
      label="Valeur"
      hintText={hint}
      {...state}
      nativeInputProps={{
        id,
        value: text,
        inputMode: input.kind === 'number' ? (input.integer ? 'numeric' : 'decimal') : undefined,
        onChange: (event) => {
          setText(event.target.value);
          onChange(parseValueInput(input, event.target.value));
        },
      }}
    />
  );
}
