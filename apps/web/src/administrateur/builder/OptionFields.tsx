import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { type FormFieldOptions, type FormFieldType } from '@guichet/forms';
import { useEffect, useState } from 'react';
import { type OptionInput, formatLinkedChoices, parseLines, parseLinkedChoices, setOption, visibleOptionInputs } from './optionInputs';

type Props = {
  /** Prefix of the inputs' ids. */
  id: string;
  type: FormFieldType;
  options: FormFieldOptions;
  onChange: (options: FormFieldOptions) => void;
  /** Messages by option name (`max`, `choices`). */
  errors: Readonly<Record<string, string>>;
};

const stateOf = (message: string | undefined) => (message === undefined ? ({ state: 'default' } as const) : ({ state: 'error', stateRelatedMessage: message } as const));

/** The inputs of a field's options, generated from its type's options schema. */
export function OptionFields({ id, type, options, onChange, errors }: Props) {
  const inputs = visibleOptionInputs(type, options);
  if (inputs.length === 0) return null;
  return (
    <fieldset className={fr.cx('fr-fieldset')}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-text--regular')}>Options du champ</legend>
      {errors[''] !== undefined && (
        <div className={fr.cx('fr-fieldset__element')}>
          <p className={fr.cx('fr-message', 'fr-message--error')}>{errors['']}</p>
        </div>
      )}
      {inputs.map((input) => (
        <div key={input.key} className={fr.cx('fr-fieldset__element')}>
          <OptionField id={`${id}-${input.key}`} input={input} value={options[input.key]} onChange={(value) => onChange(setOption(type, options, input.key, value))} error={errors[input.key]} />
        </div>
      ))}
    </fieldset>
  );
}

function OptionField({ id, input, value, onChange, error }: { id: string; input: OptionInput; value: unknown; onChange: (value: unknown) => void; error: string | undefined }) {
  const { label, hint } = input;
  switch (input.kind) {
    case 'number': {
      const scale = input.unit?.scale ?? 1;
      const shown = typeof value === 'number' ? String(value / scale) : '';
      return (
        <Input
          label={label}
          hintText={hint}
          {...stateOf(error)}
          nativeInputProps={{
            id,
            type: 'number',
            inputMode: input.integer ? 'numeric' : 'decimal',
            step: input.integer ? 1 : 'any',
            min: input.min,
            max: input.max,
            value: shown,
            onChange: (event) => {
              const number = event.target.valueAsNumber;
              onChange(event.target.value === '' || Number.isNaN(number) ? undefined : input.unit !== undefined ? Math.round(number * scale) : number);
            },
          }}
        />
      );
    }
    case 'date':
    case 'datetime':
    case 'text':
      return (
        <Input
          label={label}
          hintText={hint}
          {...stateOf(error)}
          nativeInputProps={{
            id,
            type: input.kind === 'date' ? 'date' : input.kind === 'datetime' ? 'datetime-local' : 'text',
            value: typeof value === 'string' ? value : '',
            onChange: (event) => onChange(event.target.value === '' ? undefined : event.target.value),
          }}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          id={`${id}-group`}
          {...stateOf(error)}
          options={[{ label, ...(hint !== undefined ? { hintText: hint } : {}), nativeInputProps: { checked: value === true, onChange: (event) => onChange(event.target.checked ? true : undefined) } }]}
        />
      );
    case 'enum':
      return (
        <RadioButtons
          id={`${id}-group`}
          legend={label}
          hintText={hint}
          orientation="horizontal"
          {...stateOf(error)}
          options={input.values.map((option) => ({
            label: option.label,
            nativeInputProps: { value: option.value, checked: value === option.value, onChange: () => onChange(option.value) },
          }))}
        />
      );
    case 'multi': {
      const selected = Array.isArray(value) ? (value as string[]) : [];
      return (
        <Checkbox
          id={`${id}-group`}
          legend={label}
          hintText={hint}
          orientation="horizontal"
          {...stateOf(error)}
          options={input.values.map((option) => ({
            label: option.label,
            nativeInputProps: {
              value: option.value,
              checked: selected.includes(option.value),
              onChange: (event) => {
                const next = input.values.map((candidate) => candidate.value).filter((candidate) => (candidate === option.value ? event.target.checked : selected.includes(candidate)));
                onChange(next.length === 0 ? undefined : next);
              },
            },
          }))}
        />
      );
    }
    case 'list':
      return (
        <LinesTextarea
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={Array.isArray(value) ? (value as string[]) : []}
          format={(lines: string[]) => lines.join('\n')}
          parse={parseLines}
          // Choices are kept even when empty (the service then says "at least one"), file types dropped.
          onChange={(lines) => onChange(input.key === 'choices' || lines.length > 0 ? lines : undefined)}
        />
      );
    case 'linkedChoices':
      return (
        <LinesTextarea
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={Array.isArray(value) ? (value as { value: string; children: string[] }[]) : []}
          format={formatLinkedChoices}
          parse={parseLinkedChoices}
          onChange={onChange}
        />
      );
  }
}

/**
 * A textarea for a list written one entry per line. The text is kept as typed (a new empty line
 * while typing) and follows the value when it changes from outside.
 */
function LinesTextarea<T>({ id, label, hint, error, value, format, parse, onChange }: { id: string; label: string; hint: string | undefined; error: string | undefined; value: T; format: (value: T) => string; parse: (text: string) => T; onChange: (value: T) => void }) {
  const [text, setText] = useState(() => format(value));
  const serialized = JSON.stringify(value);
  useEffect(() => {
    setText((current) => (JSON.stringify(parse(current)) === serialized ? current : format(JSON.parse(serialized) as T)));
  }, [serialized, parse, format]);
  return (
    <Input
      label={label}
      hintText={hint}
      textArea
      {...stateOf(error)}
      nativeTextAreaProps={{
        id,
        rows: 5,
        value: text,
        onChange: (event) => {
          setText(event.target.value);
          onChange(parse(event.target.value));
        },
      }}
    />
  );
}
