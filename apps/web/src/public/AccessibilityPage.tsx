import { fr } from '@codegouvfr/react-dsfr';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function AccessibilityPage() {
  useDocumentTitle('Déclaration d’accessibilité');
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p className={fr.cx('fr-text--lead')}>
        Guichet s’engage à rendre son service accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        Guichet est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA) : aucun audit n’a
        encore été réalisé.
      </p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l’administration qui publie la démarche pour
        être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
      </p>
    </>
  );
}
