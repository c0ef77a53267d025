import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type DashboardColumn, dashboardColumnSchema, type DashboardField, defaultDashboardPreferences, maxDashboardColumns } from '@guichet/contracts';
import { type FormEvent, useState } from 'react';
import { addColumn, columnLabel, fieldColumn, type DashboardFixedColumn, fixedColumns, moveColumn, removeColumn } from './dashboardView';

type Props = {
  columns: readonly DashboardColumn[];
  fields: readonly DashboardField[] | undefined;
  /** The server's messages on the columns (a field the procedure no longer has…). */
  errors: readonly string[];
  onChange: (columns: DashboardColumn[]) => void;
};

const fixedColumnKeys = Object.keys(fixedColumns) as DashboardFixedColumn[];

/**
 * The panel of « Personnaliser les colonnes »: the columns shown after the number, in order —
 * fixed ones and any field of the procedure. Each change applies at once (and is saved for the
 * next visit).
 */
export function DashboardColumnsPanel({ columns, fields, errors, onChange }: Props) {
  const [choice, setChoice] = useState('');
  const known = fields ?? [];
  const label = (column: DashboardColumn) => columnLabel(column, known);
  const freeFixed = fixedColumnKeys.filter((column) => !columns.includes(column));
  const freeFields = known.filter((field) => !columns.includes(fieldColumn(field.stableId)));
  const full = columns.length >= maxDashboardColumns;

  function add(event: FormEvent) {
    event.preventDefault();
    const parsed = dashboardColumnSchema.safeParse(choice);
    if (!parsed.success) return;
    onChange(addColumn(columns, parsed.data));
    setChoice('');
  }

  return (
    <div className={fr.cx('fr-p-3w', 'fr-mb-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
        <h2 className={fr.cx('fr-h6')}>Colonnes affichées</h2>
        <p className={fr.cx('fr-text--sm')}>Le numéro du dossier est toujours affiché en premier. Vos choix sont enregistrés pour vos prochaines visites.</p>
        {errors.length > 0 && <p className={fr.cx('fr-error-text', 'fr-mb-2w')}>{errors.join(' ')}</p>}
        {columns.length === 0 ? (
          <p>Aucune autre colonne que le numéro.</p>
        ) : (
          <ol aria-label="Colonnes affichées, dans l’ordre">
            {columns.map((column, index) => (
              <li key={column} className={fr.cx('fr-mb-1w')}>
                <span className={fr.cx('fr-mr-2w')}>{label(column)}</span>
                <span className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')} style={{ display: 'inline-flex' }}>
                  <Button type="button" size="small" priority="tertiary" disabled={index === 0} nativeButtonProps={{ 'aria-label': `Monter la colonne ${label(column)}` }} onClick={() => onChange(moveColumn(columns, index, -1))}>
                    Monter
                  </Button>
                  <Button type="button" size="small" priority="tertiary" disabled={index === columns.length - 1} nativeButtonProps={{ 'aria-label': `Descendre la colonne ${label(column)}` }} onClick={() => onChange(moveColumn(columns, index, 1))}>
                    Descendre
                  </Button>
                  <Button type="button" size="small" priority="tertiary" nativeButtonProps={{ 'aria-label': `Retirer la colonne ${label(column)}` }} onClick={() => onChange(removeColumn(columns, index))}>
                    Retirer
                  </Button>
                </span>
              </li>
            ))}
          </ol>
        )}
        <form onSubmit={add} className={fr.cx('fr-mt-2w')}>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
              <Select
                label="Ajouter une colonne"
                {...(full ? { hint: `Au plus ${maxDashboardColumns} colonnes.` } : {})}
                disabled={full}
                className={fr.cx('fr-mb-0')}
                nativeSelectProps={{ value: choice, onChange: (event) => setChoice(event.target.value) }}
              >
                <option value="">Choisissez une colonne</option>
                {freeFixed.length > 0 && (
                  <optgroup label="Dossier">
                    {freeFixed.map((column) => (
                      <option key={column} value={column}>
                        {fixedColumns[column].label}
                      </option>
                    ))}
                  </optgroup>
                )}
                {freeFields.length > 0 && (
                  <optgroup label="Champs du formulaire">
                    {freeFields.map((field) => (
                      <option key={field.stableId} value={fieldColumn(field.stableId)}>
                        {field.label}
                      </option>
                    ))}
                  </optgroup>
                )}
              </Select>
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <Button type="submit" priority="secondary" disabled={full || choice === ''}>
                Ajouter la colonne
              </Button>
            </div>
          </div>
        </form>
        <Button type="button" priority="tertiary no outline" size="small" className={fr.cx('fr-mt-2w')} onClick={() => onChange([...defaultDashboardPreferences.columns])}>
          Rétablir les colonnes par défaut
        </Button>
    </div>
  );
}
