import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page non trouvée');
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--middle')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
        <h1>Page non trouvée</h1>
        <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>Erreur 404</p>
        <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
        <p className={fr.cx('fr-text--sm', 'fr-mb-5w')}>
          Si vous avez tapé l’adresse web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus disponible.
          <br />
          Dans ce cas, pour continuer votre visite, vous pouvez consulter notre page d’accueil.
        </p>
        <Button linkProps={{ to: '/' }}>Page d’accueil</Button>
      </div>
    </div>
  );
}
