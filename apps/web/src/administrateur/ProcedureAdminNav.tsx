import { fr } from '@codegouvfr/react-dsfr';
import { Link, useLocation } from 'react-router-dom';

/** The pages of a procedure's administration, in the order of the sub-navigation. */
export const procedureAdminTabs = [
  { segment: 'champs', label: 'Champs' },
  { segment: 'annotations', label: 'Annotations privées' },
  { segment: 'apercu', label: 'Aperçu' },
  { segment: 'publication', label: 'Publication' },
  { segment: 'modeles', label: 'Modèles d’e-mails' },
  { segment: 'attestation', label: 'Attestation' },
  { segment: 'groupes', label: 'Groupes instructeurs' },
  { segment: 'etiquettes', label: 'Étiquettes' },
  { segment: 'parametres', label: 'Paramètres' },
] as const;
export type ProcedureAdminTab = (typeof procedureAdminTabs)[number]['segment'];

export function procedureAdminPath(procedureId: string, tab: ProcedureAdminTab): string {
  return `/admin/demarches/${encodeURIComponent(procedureId)}/${tab}`;
}

/**
 * The sub-navigation of a procedure's administration pages (/admin/demarches/:id/<tab>): links, the
 * current page marked with aria-current="page". Put it under the page's h1.
 */
export function ProcedureAdminNav({ procedureId }: { procedureId: string }) {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Configuration de la démarche" className={fr.cx('fr-mb-4w')}>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
        {procedureAdminTabs.map((tab) => {
          const to = procedureAdminPath(procedureId, tab.segment);
          const current = pathname === to || pathname.startsWith(`${to}/`);
          return (
            <li key={tab.segment}>
              <Link to={to} className={fr.cx('fr-btn', current ? undefined : 'fr-btn--secondary')} aria-current={current ? 'page' : undefined}>
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
