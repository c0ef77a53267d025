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
    <form role="search" aria-label="Rechercher des dossiers" onSubmit={submit} className={fr.cx('fr-mb-3w')}>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <Input
            label="Rechercher un dossier (numéro, nom, e-mail, réponses)"
            className={fr.cx('fr-mb-1w')}
            state={error === undefined ? 'default' : 'error'}
            stateRelatedMessage={error}
            nativeInputProps={{ type: 'search', name: 'q', value: text, maxLength: maxDashboardSearchLength, onChange: (event) => setText(event.target.value) }}
            addon={
              <Button type="submit" iconId="fr-icon-search-line">
                Rechercher
              </Button>
            }
          />
          {search !== '' && (
            <Button
              type="button"
              priority="tertiary no outline"
              size="small"
              onClick={() => {
                setText('');
                onSearch('');
              }}
            >
              Effacer la recherche
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
