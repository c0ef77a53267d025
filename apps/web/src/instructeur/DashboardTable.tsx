import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { type DashboardColumn, type DashboardField, type DashboardRow } from '@guichet/contracts';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router-dom';
import { type DashboardSortColumn } from '../api/client';
import { dossierStateDisplay, formatDateTime } from '../components/dossier/states';
import { ariaSort, columnLabel, dashboardTabLabels, type DashboardFixedColumn, type DashboardView, fieldIdOf, fixedColumns, isFieldColumn, pageNumber, sortColumnLabels } from './dashboardView';
import { LabelTags } from '../components/labels/LabelTag';

const sortIcons = { ascending: 'fr-icon-arrow-up-line', descending: 'fr-icon-arrow-down-line', none: 'fr-icon-arrow-up-down-line' } as const;

const dateCell = (iso: string | null): ReactNode => (iso === null ? '–' : <time dateTime={iso}>{formatDateTime(iso)}</time>);

function followersText(row: DashboardRow): string {
  if (row.followerCount === 0) return 'Personne';
  if (!row.followedByMe) return `${row.followerCount} instructeur${row.followerCount > 1 ? 's' : ''}`;
  const others = row.followerCount - 1;
  return others === 0 ? 'Vous' : `Vous et ${others} autre${others > 1 ? 's' : ''}`;
}

/** How each fixed column shows a row (a new fixed column without a cell does not type-check). */
const fixedCells: Readonly<Record<DashboardFixedColumn, (row: DashboardRow) => ReactNode>> = {
  usager: (row) => {
    const applicant = `${row.usager.firstName} ${row.usager.lastName}`.trim();
    return applicant === '' ? (
      row.usager.email
    ) : (
      <>
        {applicant}
        <br />
        <span className={fr.cx('fr-text--xs')}>{row.usager.email}</span>
      </>
    );
  },
  labels: (row) => (row.labels.length === 0 ? '' : <LabelTags labels={row.labels} small ariaLabel={`Étiquettes du dossier n° ${row.number}`} />),
  state: (row) => (
    <ul className={fr.cx('fr-badges-group')}>
      <li>
        <Badge as="span" small severity={dossierStateDisplay[row.state].severity}>
          {dossierStateDisplay[row.state].label}
        </Badge>
      </li>
      {row.correctionPending && (
        <li>
          <Badge as="span" small severity="warning">
            Correction demandée
          </Badge>
        </li>
      )}
      {row.test && (
        <li>
          <Badge as="span" small severity="warning">
            Dossier de test
          </Badge>
        </li>
      )}
    </ul>
  ),
  group: (row) => row.groupeInstructeur?.label ?? '–',
  submittedAt: (row) => dateCell(row.submittedAt),
  updatedAt: (row) => dateCell(row.updatedAt),
  decidedAt: (row) => dateCell(row.decidedAt),
  followers: followersText,
};

type Column = { key: string; label: string; sort: DashboardSortColumn | null; cell: (row: DashboardRow) => ReactNode };

/** The table's columns after the number: fixed ones, and fields (sortable when their type sorts). */
function tableColumns(columns: readonly DashboardColumn[], fields: readonly DashboardField[] | undefined): Column[] {
  return columns.flatMap((column): Column[] => {
    if (!isFieldColumn(column)) return [{ key: column, label: fixedColumns[column].label, sort: fixedColumns[column].sort, cell: fixedCells[column] }];
    const stableId = fieldIdOf(column);
    const field = fields?.find((candidate) => candidate.stableId === stableId);
    // A field the procedure no longer has (an old bookmark) is not shown once the fields are known.
    if (fields !== undefined && field === undefined) return [];
    return [{ key: column, label: columnLabel(column, fields ?? []), sort: field?.sortable === true ? column : null, cell: (row) => row.fields[stableId] ?? '–' }];
  });
}

/** The rows ticked for a batch: one checkbox per row, and one for the whole page in the header. */
export type RowSelection = {
  isSelected: (dossierId: string) => boolean;
  onToggle: (dossierId: string) => void;
  page: 'all' | 'some' | 'none';
  onTogglePage: () => void;
};

/** A DSFR checkbox whose label is read by screen readers only (the column says what it is for). */
function SelectCheckbox({ id, label, checked, indeterminate = false, onChange }: { id: string; label: string; checked: boolean; indeterminate?: boolean; onChange: () => void }) {
  return (
    <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={onChange}
        ref={(input) => {
          if (input !== null) input.indeterminate = indeterminate;
        }}
      />
      <label className={fr.cx('fr-label')} htmlFor={id}>
        <span className={fr.cx('fr-sr-only')}>{label}</span>
      </label>
    </div>
  );
}

/**
 * The list of a tab: a checkbox per row when dossiers can be selected for a batch, the number,
 * then the agent's columns; sortable headers are buttons with aria-sort.
 */
export function DashboardTable({
  view,
  rows,
  fields,
  onSort,
  selection,
}: {
  view: DashboardView;
  rows: readonly DashboardRow[];
  fields: readonly DashboardField[] | undefined;
  onSort: (column: DashboardSortColumn) => void;
  selection?: RowSelection;
}) {
  const checkboxId = useId();
  const columns: Column[] = [
    {
      key: 'number',
      label: sortColumnLabels.number,
      sort: 'number',
      cell: (row) => (
        <>
          <Link to={`/instructeur/dossiers/${row.id}`}>N° {row.number}</Link>
          {row.followedByMe && <span className={fr.cx('fr-sr-only')}> (suivi par vous)</span>}
        </>
      ),
    },
    ...tableColumns(view.columns, fields),
  ];
  return (
    <div className={fr.cx('fr-table', 'fr-mb-0')}>
      <table>
        <caption>
          Dossiers « {dashboardTabLabels[view.tab]} », page {pageNumber(view)}
        </caption>
        <thead>
          <tr>
            {selection !== undefined && (
              <th scope="col">
                <SelectCheckbox id={`${checkboxId}-page`} label="Tout sélectionner sur cette page" checked={selection.page === 'all'} indeterminate={selection.page === 'some'} onChange={selection.onTogglePage} />
              </th>
            )}
            {columns.map(({ key, label, sort }) =>
              sort === null ? (
                <th key={key} scope="col">
                  {label}
                </th>
              ) : (
                <th key={key} scope="col" aria-sort={ariaSort(view, sort)}>
                  <button type="button" className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-btn--sm', 'fr-btn--icon-right', sortIcons[ariaSort(view, sort)])} onClick={() => onSort(sort)}>
                    {label}
                  </button>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} {...(selection?.isSelected(row.id) === true ? { 'aria-selected': true } : {})}>
              {selection !== undefined && (
                <td>
                  <SelectCheckbox id={`${checkboxId}-${row.id}`} label={`Sélectionner le dossier n° ${row.number}`} checked={selection.isSelected(row.id)} onChange={() => selection.onToggle(row.id)} />
                </td>
              )}
              {columns.map(({ key, cell }) => (
                <td key={key}>{cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
