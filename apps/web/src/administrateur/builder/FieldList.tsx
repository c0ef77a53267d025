import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormFieldType, fieldCatalogue } from '@guichet/forms';
import { useState } from 'react';
import { ConditionEditor } from './ConditionEditor';
import { type FieldErrors, errorsUnder, unplacedErrors } from './fieldErrors';
import { type BuilderChild, type BuilderField, changeType, fieldTypeGroups, fieldsBefore, move, newField } from './fieldList';
import { OptionFields } from './OptionFields';

type Item = BuilderField | BuilderChild;

type ListProps<T extends Item> = {
  fields: readonly T[];
  onChange: (fields: T[]) => void;
  /** The whole form, for the fields a condition may test. */
  form: readonly BuilderField[];
  /** Said when the (top-level) list is empty. */
  emptyText?: string;
  errors: ReadonlyMap<string, FieldErrors>;
  /** Moves the focus to the element with this id once rendered. */
  focus: (elementId: string) => void;
  /** The block these fields belong to, if any. */
  block?: BuilderField;
};

export const fieldElementId = (stableId: string, part: string): string => `champ-${stableId}-${part}`;

/** An ordered list of fields with their editors, and the control that adds a field at its end. */
export function FieldList<T extends Item>({ fields, onChange, form, errors, focus, block, emptyText }: ListProps<T>) {
  const replace = (index: number, field: T) => onChange(fields.map((candidate, position) => (position === index ? field : candidate)));
  return (
    <>
      {fields.length === 0 ? (
        <p className={fr.cx('fr-text--sm')}>{block === undefined ? (emptyText ?? 'Le formulaire n’a pas encore de champ.') : 'Ce bloc n’a pas encore de champ.'}</p>
      ) : (
        <ol className={fr.cx('fr-raw-list')}>
          {fields.map((field, index) => (
            <li key={field.stableId} className={fr.cx('fr-mb-3w')}>
              <FieldCard
                field={field}
                position={index + 1}
                count={fields.length}
                form={form}
                errors={errors}
                focus={focus}
                nested={block !== undefined}
                onChange={(next) => replace(index, next as T)}
                onMove={(offset) => {
                  onChange(move(fields, index, offset));
                  // The button that was pressed stays under the focus, unless the field reached an end.
                  const atEnd = index + offset === 0 || index + offset === fields.length - 1;
                  focus(fieldElementId(field.stableId, atEnd ? (offset < 0 ? 'down' : 'up') : offset < 0 ? 'up' : 'down'));
                }}
                onRemove={() => {
                  onChange(fields.filter((_, position) => position !== index));
                  focus(block === undefined ? 'ajouter-champ-type' : fieldElementId(block.stableId, 'add-type'));
                }}
              />
            </li>
          ))}
        </ol>
      )}
      <AddField
        id={block === undefined ? 'ajouter-champ' : fieldElementId(block.stableId, 'add')}
        inBlock={block !== undefined}
        onAdd={(type) => {
          const field = newField(type);
          onChange([...fields, field as T]);
          focus(fieldElementId(field.stableId, 'label'));
        }}
      />
    </>
  );
}

function AddField({ id, inBlock, onAdd }: { id: string; inBlock: boolean; onAdd: (type: FormFieldType) => void }) {
  const [type, setType] = useState<FormFieldType>('text');
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
        <Select
          label={inBlock ? 'Type du champ à ajouter au bloc' : 'Type du champ à ajouter'}
          className={fr.cx('fr-mb-0')}
          nativeSelectProps={{ id: `${id}-type`, value: type, onChange: (event) => setType(event.target.value as FormFieldType) }}
        >
          <TypeOptions exclude={inBlock ? ['repetition'] : []} />
        </Select>
      </div>
      <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
        <Button type="button" iconId="fr-icon-add-line" priority="secondary" onClick={() => onAdd(type)}>
          {inBlock ? 'Ajouter au bloc' : 'Ajouter le champ'}
        </Button>
      </div>
    </div>
  );
}

function TypeOptions({ exclude }: { exclude: readonly FormFieldType[] }) {
  return (
    <>
      {fieldTypeGroups.map((group) => (
        <optgroup key={group.category} label={group.label}>
          {group.types
            .filter((entry) => !exclude.includes(entry.type))
            .map((entry) => (
              <option key={entry.type} value={entry.type}>
                {entry.label}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

/** Paths inside a field that one of the editor's inputs shows. */
const placedPaths = /^(?:label|description|mandatory|type|children|options(?:\..+)?|condition(?:\..+)?)$/u;

type CardProps = {
  field: Item;
  position: number;
  count: number;
  form: readonly BuilderField[];
  errors: ReadonlyMap<string, FieldErrors>;
  focus: (elementId: string) => void;
  nested: boolean;
  onChange: (field: Item) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
};

function FieldCard({ field, position, count, form, errors, focus, nested, onChange, onMove, onRemove }: CardProps) {
  const own = errors.get(field.stableId);
  const definition = fieldCatalogue[field.type];
  const headingId = fieldElementId(field.stableId, 'heading');
  const stateOf = (path: string) => (own?.[path] === undefined ? ({ state: 'default' } as const) : ({ state: 'error', stateRelatedMessage: own[path] } as const));
  const Heading = nested ? 'h4' : 'h3';
  const others = unplacedErrors(own, (path) => placedPaths.test(path));
  const block = field.type === 'repetition' ? (field as BuilderField) : undefined;

  return (
    <section
      aria-labelledby={headingId}
      className={fr.cx('fr-p-3w')}
      style={{ border: `1px solid ${own !== undefined ? fr.colors.decisions.border.plain.error.default : fr.colors.decisions.border.default.grey.default}` }}
    >
      <Heading id={headingId} className={fr.cx('fr-h6', 'fr-mb-2w')}>
        {position}. {field.label.trim() === '' ? 'Champ sans libellé' : field.label} <span className={fr.cx('fr-text--sm', 'fr-text--regular')}>({definition.label})</span>
      </Heading>
      {others.map((message) => (
        <p key={message} className={fr.cx('fr-message', 'fr-message--error', 'fr-mb-2w')}>
          {message}
        </p>
      ))}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <Input
            label="Libellé"
            {...stateOf('label')}
            nativeInputProps={{ id: fieldElementId(field.stableId, 'label'), value: field.label, required: true, onChange: (event) => onChange({ ...field, label: event.target.value }) }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <Select
            label="Type de champ"
            {...stateOf('type')}
            nativeSelectProps={{ id: fieldElementId(field.stableId, 'type'), value: field.type, onChange: (event) => onChange(changeType(field, event.target.value as FormFieldType)) }}
          >
            <TypeOptions exclude={nested ? ['repetition'] : []} />
          </Select>
        </div>
      </div>
      <Input
        label="Description"
        hintText="Facultative : une aide affichée sous le libellé."
        textArea
        {...stateOf('description')}
        nativeTextAreaProps={{ id: fieldElementId(field.stableId, 'description'), rows: 2, value: field.description, onChange: (event) => onChange({ ...field, description: event.target.value }) }}
      />
      {definition.hasValue && (
        <Checkbox
          id={fieldElementId(field.stableId, 'mandatory')}
          {...stateOf('mandatory')}
          options={[
            {
              label: 'Champ obligatoire',
              nativeInputProps: { checked: field.mandatory, onChange: (event) => onChange({ ...field, mandatory: event.target.checked }) },
            },
          ]}
        />
      )}
      <OptionFields id={fieldElementId(field.stableId, 'option')} type={field.type} options={field.options} onChange={(options) => onChange({ ...field, options })} errors={errorsUnder(own, 'options')} />
      {block !== undefined && (
        <section aria-labelledby={fieldElementId(field.stableId, 'children-heading')} className={fr.cx('fr-pl-3w', 'fr-mb-3w')} style={{ borderLeft: `4px solid ${fr.colors.decisions.border.default.blueFrance.default}` }}>
          <h4 id={fieldElementId(field.stableId, 'children-heading')} className={fr.cx('fr-text--lg', 'fr-mb-2w')}>
            Champs de chaque ligne du bloc
          </h4>
          {own?.['children'] !== undefined && <p className={fr.cx('fr-message', 'fr-message--error', 'fr-mb-2w')}>{own['children']}</p>}
          <FieldList fields={block.children ?? []} onChange={(children) => onChange({ ...block, children })} form={form} errors={errors} focus={focus} block={block} />
        </section>
      )}
      <ConditionEditor
        id={fieldElementId(field.stableId, 'condition')}
        legend="Condition d’affichage"
        value={field.condition ?? null}
        onChange={(condition) => {
          const { condition: _previous, ...rest } = field;
          onChange(condition === null ? rest : { ...rest, condition });
        }}
        fields={fieldsBefore(form, field.stableId)}
        errors={errorsUnder(own, 'condition')}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mt-2w')}>
        <li>
          <Button type="button" priority="tertiary" iconId="fr-icon-arrow-up-line" disabled={position === 1} nativeButtonProps={{ id: fieldElementId(field.stableId, 'up'), 'aria-describedby': headingId }} onClick={() => onMove(-1)}>
            Monter
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" iconId="fr-icon-arrow-down-line" disabled={position === count} nativeButtonProps={{ id: fieldElementId(field.stableId, 'down'), 'aria-describedby': headingId }} onClick={() => onMove(1)}>
            Descendre
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" iconId="fr-icon-delete-line" nativeButtonProps={{ id: fieldElementId(field.stableId, 'remove'), 'aria-describedby': headingId }} onClick={onRemove}>
            Supprimer
          </Button>
        </li>
      </ul>
    </section>
  );
}
