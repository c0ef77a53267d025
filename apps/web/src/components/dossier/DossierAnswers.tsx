import { fr } from '@codegouvfr/react-dsfr';
import { type DossierField, type DossierValues } from './dossierFormState';
import { type SummaryEntry, summarize } from './dossierSummary';
import { browserGeo } from './locations';

type Heading = 'h2' | 'h3' | 'h4' | 'h5';
const below: Record<Heading, Heading> = { h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h5' };

/** A dossier's answers, read-only: labels and values in French, sections as headings, repeatable blocks row by row. */
export function DossierAnswers({ fields, values }: { fields: readonly DossierField[]; values: DossierValues }) {
  const entries = summarize(fields, values, browserGeo);
  if (entries.length === 0) return <p>Le formulaire de cette démarche n’a pas de champ.</p>;
  return <Entries entries={entries} heading="h3" />;
}

function Entries({ entries, heading }: { entries: SummaryEntry[]; heading: Heading }) {
  // Consecutive answers share one list; sections and blocks break it.
  const groups: (SummaryEntry[] | SummaryEntry)[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    if (entry.kind === 'value' && Array.isArray(last)) last.push(entry);
    else groups.push(entry.kind === 'value' ? [entry] : entry);
  }
  const Title = heading;
  const RowTitle = below[heading];
  return (
    <>
      {groups.map((group) => {
        if (Array.isArray(group)) {
          return (
            <dl key={group[0]?.stableId} className={fr.cx('fr-mb-3w')}>
              {group.map((entry) =>
                entry.kind === 'value' ? (
                  <div key={entry.stableId} className={fr.cx('fr-mb-2w')}>
                    <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{entry.label}</dt>
                    <dd className={fr.cx('fr-ml-0')} style={{ whiteSpace: 'pre-line' }}>
                      {entry.text}
                    </dd>
                  </div>
                ) : null,
              )}
            </dl>
          );
        }
        if (group.kind === 'section') {
          return (
            <Title key={group.stableId} className={fr.cx('fr-h5', 'fr-mt-4w')}>
              {group.label}
            </Title>
          );
        }
        if (group.kind !== 'repetition') return null;
        return (
          <section key={group.stableId} className={fr.cx('fr-mb-3w')}>
            <Title className={fr.cx('fr-h6', 'fr-mb-1w')}>{group.label}</Title>
            {group.rows.length === 0 && <p>Aucune ligne.</p>}
            {group.rows.map((row, index) => (
              <div key={index} className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
                <RowTitle className={fr.cx('fr-text--md', 'fr-mb-1w')}>
                  {group.label} – ligne {index + 1}
                </RowTitle>
                <Entries entries={row} heading={below[RowTitle]} />
              </div>
            ))}
          </section>
        );
      })}
    </>
  );
}
