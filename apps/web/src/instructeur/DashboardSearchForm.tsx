import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { maxDashboardSearchLength } from '@guichet/contracts';
import { type FormEvent, useState } from 'react';

/**
 * The dashboard's full-text search (the number, the usager's name and address, every answer). The
 * parent keys it on the search of the URL, so the back button puts the text back.
 */
export function DashboardSearchForm({ search, error, onSearch }: { search: string; error: string | undefined; onSearch: (search: string) => void }) {
  const [text, setText] = useState(search);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text);
  }

  return (
    <form role="search" aria-label="Rechercher des dossiers" onSubmit={submit} className={fr.cx('fr-mb-2w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <Input
            label="Rechercher un dossier (numéro, nom, e-mail, réponses)"
            className={fr.cx('fr-mb-0')}
            state={error === undefined ? 'default' : 'error'}
            stateRelatedMessage={error}
            nativeInputProps={{ type: 'search', name: 'q', value: text, maxLength: maxDashboardSearchLength, onChange: (event) => setText(event.target.value) }}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-mb-0')}>
            <li>
              <Button type="submit" iconId="fr-icon-search-line" className={fr.cx('fr-mb-0')}>
                Rechercher
              </Button>
            </li>
            {search !== '' && (
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  className={fr.cx('fr-mb-0')}
                  onClick={() => {
                    setText('');
                    onSearch('');
                  }}
                >
                  Effacer la recherche
                </Button>
              </li>
            )}
          </ul>
        </div>
      </div>
    </form>
  );
}
