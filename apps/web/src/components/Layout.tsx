import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { useEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isApiError, messages } from '../api/client';
import { useSession } from '../account/session';
import { reachesWorkspace } from '../instructeur/workspace';

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);
const homeLinkProps = { to: '/', title: 'Accueil - Guichet' };
export const mainContentId = 'contenu';
const footerId = 'pied-de-page';

export function Layout() {
  const { session, signOut, signedOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  // Signed out on the gateway: the local session ends once on the home page (see `signedOut`).
  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    if (!leaving || pathname !== '/') return;
    setLeaving(false);
    signedOut();
  }, [leaving, pathname, signedOut]);

  async function onSignOut() {
    setSignOutError(null);
    try {
      await signOut();
      setLeaving(true);
      navigate('/');
    } catch (error) {
      setSignOutError(isApiError(error) ? error.message : messages.unexpected);
    }
  }

  const quickAccessItems: HeaderProps['quickAccessItems'] =
    session.status === 'authenticated'
      ? [
          <span key="account" className={fr.cx('fr-btn', 'fr-icon-account-circle-line', 'fr-btn--icon-left')} style={{ cursor: 'default', color: fr.colors.decisions.text.default.grey.default }}>
            <span className={fr.cx('fr-sr-only')}>Connecté en tant que </span>
            {session.account.firstName} {session.account.lastName}
          </span>,
          { iconId: 'fr-icon-folder-2-line', text: 'Mes dossiers', linkProps: { to: '/mes-dossiers' } },
          // The agents' dashboard, shown to instructeurs and administrateurs of the current administration.
          ...(reachesWorkspace(session.account.roles) ? [{ iconId: 'fr-icon-dashboard-3-line', text: 'Tableau de bord', linkProps: { to: '/instructeur' } } as const] : []),
          // The administrateur's entry, shown only to administrateurs of the current administration.
          ...(session.account.roles.includes('administrateur') ? [{ iconId: 'fr-icon-settings-5-line', text: 'Mes démarches', linkProps: { to: '/admin/demarches' } } as const] : []),
          { iconId: 'fr-icon-logout-box-r-line', text: 'Se déconnecter', buttonProps: { type: 'button', onClick: () => void onSignOut() } },
        ]
      : session.status === 'anonymous'
        ? [
            { iconId: 'fr-icon-lock-line', text: 'Se connecter', linkProps: { to: '/connexion' } },
            { iconId: 'fr-icon-account-line', text: 'Créer un compte', linkProps: { to: '/inscription' } },
          ]
        : [];

  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: `#${mainContentId}` },
          { label: 'Pied de page', anchor: `#${footerId}` },
        ]}
      />
      <Header
        brandTop={brandTop}
        serviceTitle="Guichet"
        serviceTagline="Les démarches administratives en ligne"
        homeLinkProps={homeLinkProps}
        quickAccessItems={quickAccessItems}
      />
      <main id={mainContentId} tabIndex={-1} style={{ outline: 'none' }}>
        <FocusOnNavigation />
        <div className={fr.cx('fr-container', 'fr-pt-6w', 'fr-pb-8w')}>
          {signOutError !== null && (
            <Alert
              className={fr.cx('fr-mb-4w')}
              severity="error"
              title="La déconnexion a échoué"
              description={signOutError}
              closable
              onClose={() => setSignOutError(null)}
            />
          )}
          <Outlet />
        </div>
      </main>
      <Footer
        id={footerId}
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        contentDescription="Guichet permet aux administrations de publier leurs démarches en ligne et aux usagers de déposer leurs dossiers."
        bottomItems={[headerFooterDisplayItem]}
      />
    </>
  );
}

/**
 * After a client-side navigation, puts the focus at the top of the main content and scrolls up,
 * as a full page load would (screen readers otherwise stay on the link that was activated).
 */
function FocusOnNavigation() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById(mainContentId)?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}
