import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { type AttachedFile, type FormFieldType } from '@guichet/forms';
import { type ReactNode, useState } from 'react';
import { type DossierField, type DossierValues, cleanedLookup, errorKey, rowsOf, shownFields } from './dossierFormState';
import { browserGeo, countries, departements, locationOptionLabel, regions } from './locations';

export type { DossierField, DossierValues } from './dossierFormState';

export type DossierFormProps = {
  /** Prefix of the inputs' ids (unique in the page). */
  id: string;
  fields: readonly DossierField[];
  values: DossierValues;
  onChange: (values: Record<string, unknown>) => void;
  /** Messages of the form validator (`compileForm`), keyed `<stableId>` or `<block>.rows.<i>.<childStableId>`. */
  errors?: Readonly<Record<string, string>>;
  /** Notices that are not errors (a value kept unchecked because its register did not answer), keyed like `errors`. */
  notices?: Readonly<Record<string, string>>;
  /**
   * Attaches chosen files and gives what the dossier stores for them. The preview passes none:
   * files are then only named, never sent.
   */
  attachFiles?: (field: DossierField, files: File[]) => Promise<AttachedFile[]>;
  /**
   * What the fields' conditions read beyond these fields (cleaned values by stable id): for the
   * private annotations, the usager's answers and the other annotations. None for the usager's form.
   */
  context?: (stableId: string) => unknown;
  /** Whether to say above the fields that an asterisk marks the mandatory ones (once per page). */
  mandatoryHint?: boolean;
};

type Ctx = {
  id: string;
  errors: Readonly<Record<string, string>>;
  notices: Readonly<Record<string, string>>;
  attachFiles: ((field: DossierField, files: File[]) => Promise<AttachedFile[]>) | undefined;
  /** What the conditions of a row's fields read of the form: its shown fields' cleaned values. */
  outer: (stableId: string) => unknown;
};

/** Files named but not sent (preview): a local id per file, so the form's checks apply as they will. */
const localFiles = (files: File[]): AttachedFile[] => files.map((file) => ({ fileId: crypto.randomUUID(), fileName: file.name }));

/**
 * A dossier's form as the usager fills it: every field type of the catalogue as DSFR inputs,
 * repeatable blocks with their rows, and the fields' conditions evaluated as values change (hidden
 * fields disappear). Values in, values out; checking them is the caller's (`compileForm`).
 */
export function DossierForm({ id, fields, values, onChange, errors = {}, notices = {}, attachFiles, context, mandatoryHint = true }: DossierFormProps) {
  const shown = shownFields(fields, values, browserGeo, context);
  const cleaned = cleanedLookup(fields, values, context);
  const ctx: Ctx = { id, errors, notices, attachFiles, outer: (stableId) => (shown.has(stableId) ? cleaned(stableId) : fields.some((field) => field.stableId === stableId) ? undefined : context?.(stableId)) };
  const hasMandatory = fields.some((field) => field.mandatory === true || (field.children ?? []).some((child) => child.mandatory === true));
  return (
    <>
      {mandatoryHint && hasMandatory && <p className={fr.cx('fr-hint-text', 'fr-mb-3w')}>Les champs suivis d’un astérisque (*) sont obligatoires.</p>}
      <FieldsLevel ctx={ctx} fields={fields} values={values} onChange={onChange} context={context} />
    </>
  );
}

function FieldsLevel({
  ctx,
  fields,
  values,
  onChange,
  row,
  context,
}: {
  ctx: Ctx;
  fields: readonly DossierField[];
  values: DossierValues;
  onChange: (values: Record<string, unknown>) => void;
  row?: { block: string; index: number };
  /** At the top level: what conditions read beyond the form (rows read `ctx.outer`). */
  context?: (stableId: string) => unknown;
}) {
  const shown = shownFields(fields, values, browserGeo, row === undefined ? context : ctx.outer);
  return (
    <>
      {fields
        .filter((field) => shown.has(field.stableId))
        .map((field) => {
          const key = errorKey(field.stableId, row);
          const inputId = `${ctx.id}-${row === undefined ? '' : `${row.block}-l${row.index}-`}${field.stableId}`;
          return (
            <div key={field.stableId} className={fr.cx('fr-mb-3w')}>
              <FieldInput
                ctx={ctx}
                field={field}
                inputId={inputId}
                value={values[field.stableId]}
                error={ctx.errors[key]}
                notice={ctx.notices[key]}
                errorPrefix={key}
                onChange={(value) => {
                  const next: Record<string, unknown> = { ...values };
                  if (value === undefined) delete next[field.stableId];
                  else next[field.stableId] = value;
                  onChange(next);
                }}
              />
            </div>
          );
        })}
    </>
  );
}

type InputProps = {
  ctx: Ctx;
  field: DossierField;
  inputId: string;
  value: unknown;
  error: string | undefined;
  /** A notice shown when there is no error (DSFR "info" state). */
  notice?: string | undefined;
  /** Key of this field's errors (a block's rows add `.rows.<i>.<child>`). */
  errorPrefix: string;
  onChange: (value: unknown) => void;
};

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const orUndefined = (value: string): string | undefined => (value === '' ? undefined : value);

function labelOf(field: DossierField): string {
  return field.mandatory === true ? `${field.label} *` : field.label;
}

function errorStateOf(error: string | undefined) {
  return error === undefined ? ({ state: 'default' } as const) : ({ state: 'error', stateRelatedMessage: error } as const);
}

function stateOf(error: string | undefined, notice?: string) {
  if (error !== undefined) return { state: 'error', stateRelatedMessage: error } as const;
  return notice === undefined ? ({ state: 'default' } as const) : ({ state: 'info', stateRelatedMessage: notice } as const);
}

/** What a field type's renderer gets: the input's props, the field's description (none if blank) and options. */
type RendererProps = InputProps & { description: string | undefined; options: NonNullable<DossierField['options']> };
type Renderer = (props: RendererProps) => ReactNode;

type TextInputSettings = { type?: string; inputMode?: 'numeric' | 'decimal' | 'email' | 'tel'; autoComplete?: string; hint?: string; spellCheck?: false };
type PairedPart = { key: string; label: string; hint: string };

function joinHints(...hints: (string | undefined)[]): ReactNode {
  const present = hints.filter((hint): hint is string => hint !== undefined && hint.trim() !== '');
  if (present.length === 0) return undefined;
  return present.map((hint, index) => (
    <span key={index} style={{ display: 'block' }}>
      {hint}
    </span>
  ));
}

const renderHeaderSection: Renderer = ({ field }) => {
  return <h2 className={fr.cx('fr-h4', 'fr-mt-4w', 'fr-mb-1w')}>{field.label}</h2>;
};

const renderExplication: Renderer = ({ field, description }) => {
  return (
    <div className={fr.cx('fr-callout', 'fr-mb-0')}>
      <p className={fr.cx('fr-callout__title', 'fr-text--lg')}>{field.label}</p>
      {description !== undefined && <p className={fr.cx('fr-callout__text', 'fr-text--md')}>{description}</p>}
    </div>
  );
};

const renderTextarea: Renderer = ({ field, inputId, value, error, notice, onChange, description, options }) => {
  return (
    <Input
      label={labelOf(field)}
      hintText={joinHints(description, options.maxLength !== undefined ? `${options.maxLength} caractères au plus.` : undefined)}
      textArea
      {...stateOf(error, notice)}
      nativeTextAreaProps={{ id: inputId, 'aria-invalid': error === undefined ? undefined : true, rows: 5, value: text(value), required: field.mandatory, maxLength: options.maxLength, onChange: (event) => onChange(orUndefined(event.target.value)) }}
    />
  );
};

const renderDateInput: Renderer = ({ field, inputId, value, error, notice, onChange, description, options }) => {
  return (
    <Input
      label={labelOf(field)}
      hintText={description}
      {...stateOf(error, notice)}
      nativeInputProps={{
        id: inputId, 'aria-invalid': error === undefined ? undefined : true,
        type: field.type === 'date' ? 'date' : 'datetime-local',
        value: text(value),
        required: field.mandatory,
        min: typeof options.min === 'string' ? options.min : undefined,
        max: typeof options.max === 'string' ? options.max : undefined,
        onChange: (event) => onChange(orUndefined(event.target.value)),
      }}
    />
  );
};

const renderCheckbox: Renderer = ({ field, inputId, value, error, notice, onChange, description }) => {
  return (
    <Checkbox
      id={`${inputId}-group`}
      {...stateOf(error, notice)}
      options={[{ label: labelOf(field), ...(description !== undefined ? { hintText: description } : {}), nativeInputProps: { checked: value === true, onChange: (event) => onChange(event.target.checked) } }]}
    />
  );
};

const renderTwoChoices: Renderer = ({ field, inputId, value, error, notice, onChange, description }) => {
  const choices = field.type === 'yes_no' ? ([['Oui', true], ['Non', false]] as const) : ([['Madame', 'Mme'], ['Monsieur', 'M.']] as const);
  return (
    <RadioButtons
      id={`${inputId}-group`}
      legend={labelOf(field)}
      hintText={description}
      orientation="horizontal"
      {...stateOf(error, notice)}
      options={choices.map(([label, choice]) => ({ label, nativeInputProps: { name: inputId, checked: value === choice, onChange: () => onChange(choice) } }))}
    />
  );

};

const renderDropDownList: Renderer = ({ field, inputId, value, error, onChange }) => {
  return <ChoiceInput field={field} inputId={inputId} value={value} error={error} onChange={onChange} />;
};

const renderMultipleDropDownList: Renderer = ({ field, inputId, value, error, notice, onChange, description, options }) => {
  const selected = Array.isArray(value) ? (value as string[]) : [];
  return (
    <Checkbox
      id={`${inputId}-group`}
      legend={labelOf(field)}
      hintText={joinHints(description, 'Plusieurs choix possibles.')}
      {...stateOf(error, notice)}
      options={(options.choices ?? []).map((choice) => ({
        label: choice,
        nativeInputProps: {
          checked: selected.includes(choice),
          onChange: (event) => {
            const next = (options.choices ?? []).filter((candidate) => (candidate === choice ? event.target.checked : selected.includes(candidate)));
            onChange(next.length === 0 ? undefined : next);
          },
        },
      }))}
    />
  );

};

const renderLinkedDropDownList: Renderer = ({ field, inputId, value, error, onChange, description, options }) => {
  const current = value !== null && typeof value === 'object' ? (value as { primary?: string; secondary?: string }) : {};
  const primary = (options.linkedChoices ?? []).find((choice) => choice.value === current.primary);
  return (
    <fieldset className={fr.cx('fr-fieldset', error !== undefined && 'fr-fieldset--error')} aria-describedby={error !== undefined ? `${inputId}-error` : undefined}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
        {labelOf(field)}
        {description !== undefined && <span className={fr.cx('fr-hint-text')}>{description}</span>}
      </legend>
      <div className={fr.cx('fr-fieldset__element')}>
        <Select label="Premier choix" nativeSelectProps={{ id: inputId, value: current.primary ?? '', onChange: (event) => onChange(event.target.value === '' ? undefined : { primary: event.target.value }) }}>
          <option value="">Sélectionnez une option</option>
          {(options.linkedChoices ?? []).map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.value}
            </option>
          ))}
        </Select>
      </div>
      {primary !== undefined && primary.children.length > 0 && (
        <div className={fr.cx('fr-fieldset__element')}>
          <Select
            label="Second choix"
            nativeSelectProps={{ id: `${inputId}-second`, value: current.secondary ?? '', onChange: (event) => onChange({ primary: primary.value, ...(event.target.value === '' ? {} : { secondary: event.target.value }) }) }}
          >
            <option value="">Sélectionnez une option</option>
            {primary.children.map((child) => (
              <option key={child} value={child}>
                {child}
              </option>
            ))}
          </Select>
        </div>
      )}
      <FieldsetError id={`${inputId}-error`} error={error} />
    </fieldset>
  );

};

const renderLocationList: Renderer = ({ field, inputId, value, error, notice, onChange, description }) => {
  const list = field.type === 'departements' ? departements : field.type === 'regions' ? regions : countries;
  return (
    <Select label={labelOf(field)} hint={description} {...stateOf(error, notice)} nativeSelectProps={{ id: inputId, 'aria-invalid': error === undefined ? undefined : true, value: text(value), required: field.mandatory, onChange: (event) => onChange(orUndefined(event.target.value)) }}>
      <option value="">Sélectionnez une option</option>
      {list.map((entry) => (
        <option key={entry.code} value={entry.code}>
          {field.type === 'pays' ? entry.nom : locationOptionLabel(entry)}
        </option>
      ))}
    </Select>
  );

};

const renderFiles: Renderer = ({ ctx, field, inputId, value, error, onChange, description, options }) => {
  const files = Array.isArray(value) ? (value as AttachedFile[]) : [];
  const maxFiles = field.type === 'titre_identite' ? 2 : (options.maxFiles ?? 50);
  const accepted = field.type === 'titre_identite' ? ['image/jpeg', 'image/png', 'application/pdf'] : options.allowedMimeTypes;
  const hint = [
    accepted !== undefined ? `Formats acceptés : ${accepted.join(', ')}.` : undefined,
    `Taille maximale : ${Math.round((options.maxFileBytes ?? 200 * 1024 * 1024) / (1024 * 1024))} Mo.`,
    maxFiles > 1 ? `${maxFiles} fichiers au plus.` : undefined,
    ctx.attachFiles === undefined ? 'Aperçu : les fichiers choisis ne sont pas envoyés.' : undefined,
  ];
  return (
    <>
      <Upload
        label={labelOf(field)}
        hint={joinHints(description, ...hint)}
        multiple={maxFiles > 1}
        {...errorStateOf(error)}
        nativeInputProps={{
          id: inputId,
          accept: accepted?.join(','),
          onChange: (event) => {
            const chosen = [...(event.target.files ?? [])];
            if (chosen.length === 0) return;
            const attach = ctx.attachFiles;
            if (attach === undefined) onChange([...files, ...localFiles(chosen)].slice(-maxFiles));
            else void attach(field, chosen).then((attached) => onChange([...files, ...attached].slice(-maxFiles)));
          },
        }}
      />
      {files.length > 0 && (
        <ul className={fr.cx('fr-mt-1w')}>
          {files.map((file, index) => (
            <li key={file.fileId}>
              {file.fileName}{' '}
              <Button type="button" priority="tertiary no outline" size="small" onClick={() => onChange(files.length === 1 ? undefined : files.filter((_, position) => position !== index))}>
                Retirer<span className={fr.cx('fr-sr-only')}> le fichier {file.fileName}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );

};

const renderCarte: Renderer = ({ field, inputId, value, error, notice, onChange, description }) => {
  return (
    <Input
      label={labelOf(field)}
      hintText={joinHints(description, 'Le tracé sur une carte arrive bientôt ; collez un objet GeoJSON (Feature ou FeatureCollection).')}
      textArea
      {...stateOf(error, notice)}
      nativeTextAreaProps={{
        id: inputId,
        rows: 3,
        spellCheck: false,
        value: typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value),
        onChange: (event) => onChange(parseGeoJson(event.target.value)),
      }}
    />
  );
};

/** A referential asked as two parts. */
const pairedInput =
  (parts: readonly PairedPart[]): Renderer =>
  ({ field, inputId, value, error, onChange, description }) => {
    const current = value !== null && typeof value === 'object' ? (value as Record<string, string>) : {};
    return (
      <fieldset className={fr.cx('fr-fieldset', error !== undefined && 'fr-fieldset--error')} aria-describedby={error !== undefined ? `${inputId}-error` : undefined}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
          {labelOf(field)}
          {description !== undefined && <span className={fr.cx('fr-hint-text')}>{description}</span>}
        </legend>
        {parts.map((part, index) => (
          <div key={part.key} className={fr.cx('fr-fieldset__element')}>
            <Input
              label={part.label}
              hintText={part.hint}
              nativeInputProps={{
                id: index === 0 ? inputId : `${inputId}-${part.key}`,
                inputMode: 'numeric',
                value: current[part.key] ?? '',
                onChange: (event) => {
                  const next = { ...current, [part.key]: event.target.value };
                  onChange(Object.values(next).every((item) => item.trim() === '') ? undefined : next);
                },
              }}
            />
          </div>
        ))}
        <FieldsetError id={`${inputId}-error`} error={error} />
      </fieldset>
    );
  };

const renderRepetition: Renderer = ({ ctx, field, inputId, value, error, errorPrefix, onChange }) => {
  return <RepetitionInput ctx={ctx} field={field} inputId={inputId} value={value} error={error} errorPrefix={errorPrefix} onChange={onChange} />;
};

/** A one-line text input, with its HTML type, autocomplete and format hint. */
const textInput =
  (settings: TextInputSettings): Renderer =>
  ({ field, inputId, value, error, notice, onChange, description, options }) => {
    return (
      <Input
        label={labelOf(field)}
        hintText={joinHints(description, settings.hint, field.type === 'formatted' && options.patternExample !== undefined ? `Exemple : ${options.patternExample}` : undefined)}
        {...stateOf(error, notice)}
        nativeInputProps={{
          id: inputId, 'aria-invalid': error === undefined ? undefined : true,
          type: settings.type ?? 'text',
          inputMode: settings.inputMode,
          autoComplete: settings.autoComplete,
          spellCheck: settings.spellCheck,
          required: field.mandatory,
          maxLength: field.type === 'text' ? options.maxLength : undefined,
          value: text(value),
          onChange: (event) => onChange(orUndefined(event.target.value)),
        }}
      />
    );
  };

/**
 * One renderer per field type of the catalogue (`formFieldTypes` of @guichet/forms): a type added
 * there without its renderer here fails to type-check, instead of falling back to a text input.
 */
const fieldRenderers = {
  header_section: renderHeaderSection,
  explication: renderExplication,
  repetition: renderRepetition,
  dossier_link: textInput({ inputMode: 'numeric', hint: 'Le numéro d’un de vos dossiers.' }),
  civilite: renderTwoChoices,
  email: textInput({ type: 'email', autoComplete: 'email', hint: 'Format attendu : nom@domaine.fr', spellCheck: false }),
  phone: textInput({ type: 'tel', autoComplete: 'tel', hint: 'Exemples : 06 12 34 56 78, +33 6 12 34 56 78' }),
  address: textInput({ autoComplete: 'street-address', hint: 'Numéro, voie, code postal et commune.' }),
  communes: textInput({ inputMode: 'numeric', hint: 'Le code INSEE de la commune (exemple : 75056 pour Paris).', spellCheck: false }),
  departements: renderLocationList,
  regions: renderLocationList,
  epci: textInput({ inputMode: 'numeric', hint: 'Le numéro SIREN de l’EPCI, 9 chiffres.', spellCheck: false }),
  pays: renderLocationList,
  carte: renderCarte,
  siret: textInput({ inputMode: 'numeric', hint: 'Les 14 chiffres du numéro SIRET.', spellCheck: false }),
  rna: textInput({ hint: 'W suivi de 9 chiffres (exemple : W751234567).', spellCheck: false }),
  rnf: textInput({ hint: 'Exemple : 075-FDD-00003-01', spellCheck: false }),
  iban: textInput({ hint: 'Exemple : FR76 3000 6000 0112 3456 7890 189', spellCheck: false, autoComplete: 'off' }),
  text: textInput({}),
  textarea: renderTextarea,
  integer_number: textInput({ inputMode: 'numeric', hint: 'Un nombre entier.' }),
  decimal_number: textInput({ inputMode: 'decimal', hint: 'Un nombre ; la virgule sépare les décimales.' }),
  formatted: textInput({ spellCheck: false }),
  date: renderDateInput,
  datetime: renderDateInput,
  checkbox: renderCheckbox,
  yes_no: renderTwoChoices,
  drop_down_list: renderDropDownList,
  multiple_drop_down_list: renderMultipleDropDownList,
  linked_drop_down_list: renderLinkedDropDownList,
  piece_justificative: renderFiles,
  titre_identite: renderFiles,
  annuaire_education: textInput({ hint: 'Numéro UAI : 7 chiffres et une lettre (exemple : 0750001A).', spellCheck: false }),
  cnaf: pairedInput([
    { key: 'numeroAllocataire', label: 'Numéro d’allocataire', hint: '7 chiffres au plus.' },
    { key: 'codePostal', label: 'Code postal', hint: '5 chiffres.' },
  ]),
  dgfip: pairedInput([
    { key: 'numeroFiscal', label: 'Numéro fiscal', hint: '13 chiffres.' },
    { key: 'referenceAvis', label: 'Référence de l’avis d’imposition', hint: '13 caractères.' },
  ]),
  pole_emploi: textInput({ hint: 'Identifiant France Travail, 8 à 11 chiffres ou lettres.', spellCheck: false }),
  mesri: textInput({ hint: 'Identifiant national étudiant (INE), 11 caractères.', spellCheck: false }),
  referentiel: textInput({}),
} satisfies Record<FormFieldType, Renderer>;

function FieldInput(props: InputProps) {
  const { field } = props;
  const description = field.description?.trim() === '' ? undefined : field.description;
  const render: Renderer = fieldRenderers[field.type];
  return render({ ...props, description, options: field.options ?? {} });
}

function FieldsetError({ id, error }: { id: string; error: string | undefined }) {
  return (
    <div className={fr.cx('fr-messages-group')} aria-live="polite">
      {error !== undefined && (
        <p id={id} className={fr.cx('fr-message', 'fr-message--error')}>
          {error}
        </p>
      )}
    </div>
  );
}

function parseGeoJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // Kept as typed: the validator explains what is expected.
    return raw;
  }
}

const otherChoice = '__autre__';

/** A list of choices: radio buttons for a few, a select for more; "Autre" opens a text input. */
function ChoiceInput({ field, inputId, value, error, onChange }: { field: DossierField; inputId: string; value: unknown; error: string | undefined; onChange: (value: unknown) => void }) {
  const choices = field.options?.choices ?? [];
  const allowsOther = field.options?.other === true;
  const current = text(value);
  const [otherChosen, setOtherChosen] = useState(current !== '' && !choices.includes(current));
  const description = field.description?.trim() === '' ? undefined : field.description;
  const selected = otherChosen ? otherChoice : current;
  const choose = (choice: string) => {
    setOtherChosen(choice === otherChoice);
    onChange(choice === otherChoice || choice === '' ? undefined : choice);
  };
  const entries = [...choices.map((choice) => ({ value: choice, label: choice })), ...(allowsOther ? [{ value: otherChoice, label: 'Autre' }] : [])];
  return (
    <>
      {entries.length <= 5 ? (
        <RadioButtons
          id={`${inputId}-group`}
          legend={labelOf(field)}
          hintText={description}
          {...stateOf(otherChosen ? undefined : error)}
          options={entries.map((entry) => ({ label: entry.label, nativeInputProps: { name: inputId, value: entry.value, checked: selected === entry.value, onChange: () => choose(entry.value) } }))}
        />
      ) : (
        <Select label={labelOf(field)} hint={description} {...stateOf(otherChosen ? undefined : error)} nativeSelectProps={{ id: inputId, value: selected, onChange: (event) => choose(event.target.value) }}>
          <option value="">Sélectionnez une option</option>
          {entries.map((entry) => (
            <option key={entry.value} value={entry.value}>
              {entry.label}
            </option>
          ))}
        </Select>
      )}
      {otherChosen && (
        <Input label="Précisez" {...stateOf(error)} nativeInputProps={{ id: `${inputId}-autre`, value: current, onChange: (event) => onChange(orUndefined(event.target.value)) }} />
      )}
    </>
  );
}

function RepetitionInput({ ctx, field, inputId, value, error, errorPrefix, onChange }: { ctx: Ctx; field: DossierField; inputId: string; value: unknown; error: string | undefined; errorPrefix: string; onChange: (value: unknown) => void }) {
  const rows = rowsOf(value);
  const children = field.children ?? [];
  const maxRows = field.options?.maxRows;
  const minRows = field.options?.minRows;
  const description = field.description?.trim() === '' ? undefined : field.description;
  const setRows = (next: typeof rows) => onChange(next.length === 0 ? undefined : { rows: next });
  const hint = [description, minRows !== undefined && minRows > 0 ? `Au moins ${minRows} ligne${minRows > 1 ? 's' : ''}.` : undefined, maxRows !== undefined ? `Au plus ${maxRows} ligne${maxRows > 1 ? 's' : ''}.` : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className={fr.cx('fr-fieldset', error !== undefined && 'fr-fieldset--error')} aria-describedby={error !== undefined ? `${inputId}-error` : undefined}>
      <legend className={fr.cx('fr-fieldset__legend')}>
        {labelOf(field)}
        {hint !== '' && <span className={fr.cx('fr-hint-text')}>{hint}</span>}
      </legend>
      {rows.map((row, index) => (
        <div key={row.rowId} className={fr.cx('fr-fieldset__element')}>
          <fieldset className={fr.cx('fr-fieldset', 'fr-p-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
            <legend className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>
              {field.label} – ligne {index + 1}
            </legend>
            <div className={fr.cx('fr-fieldset__element')}>
              <FieldsLevel
                ctx={ctx}
                fields={children}
                values={row.values}
                row={{ block: errorPrefix, index }}
                onChange={(rowValues) => setRows(rows.map((candidate, position) => (position === index ? { rowId: candidate.rowId, values: rowValues } : candidate)))}
              />
              <Button type="button" priority="secondary" size="small" iconId="fr-icon-delete-line" onClick={() => setRows(rows.filter((_, position) => position !== index))}>
                Supprimer la ligne {index + 1}
              </Button>
            </div>
          </fieldset>
        </div>
      ))}
      <div className={fr.cx('fr-fieldset__element')}>
        <Button
          type="button"
          priority="secondary"
          iconId="fr-icon-add-line"
          disabled={maxRows !== undefined && rows.length >= maxRows}
          onClick={() => setRows([...rows, { rowId: crypto.randomUUID(), values: {} }])}
        >
          Ajouter une ligne<span className={fr.cx('fr-sr-only')}> à « {field.label} »</span>
        </Button>
      </div>
      <FieldsetError id={`${inputId}-error`} error={error} />
    </fieldset>
  );
}
