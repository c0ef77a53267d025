import { Route, Routes } from 'react-router-dom';
import { CataloguePage, ModelPage } from './admin/CataloguePage';
import { CreateProcedurePage } from './admin/CreateProcedurePage';
import { FieldEditorPage } from './admin/FieldEditorPage';
import { PreviewPage } from './admin/PreviewPage';
import { AttestationPage } from './admin/AttestationPage';
import { GroupsPage } from './admin/GroupsPage';
import { MailTemplatesPage } from './admin/MailTemplatesPage';
import { PublicationPage } from './admin/PublicationPage';
import { ProceduresListPage } from './admin/ProceduresListPage';
import { SettingsPage } from './admin/SettingsPage';
import { SessionProvider } from './auth/session';
import { Layout } from './components/Layout';
import { DossierPage } from './dossiers/DossierPage';
import { AccessibilityPage } from './pages/AccessibilityPage';
import { HomePage } from './pages/HomePage';
import { MyDossiersPage } from './pages/MyDossiersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { StartProcedurePage } from './pages/StartProcedurePage';

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="commencer/:path" element={<StartProcedurePage />} />
          <Route path="commencer/test/:path" element={<StartProcedurePage test />} />
          <Route path="dossiers/:dossierId" element={<DossierPage />} />
          <Route path="connexion" element={<SignInPage />} />
          <Route path="inscription" element={<SignUpPage />} />
          <Route path="mes-dossiers" element={<MyDossiersPage />} />
          <Route path="accessibilite" element={<AccessibilityPage />} />
          <Route path="admin/demarches" element={<ProceduresListPage />} />
          <Route path="admin/demarches/nouvelle" element={<CreateProcedurePage />} />
          <Route path="admin/catalogue" element={<CataloguePage />} />
          <Route path="admin/catalogue/:procedureId" element={<ModelPage />} />
          <Route path="admin/demarches/:procedureId/champs" element={<FieldEditorPage />} />
          <Route path="admin/demarches/:procedureId/annotations" element={<FieldEditorPage list="annotations" />} />
          <Route path="admin/demarches/:procedureId/apercu" element={<PreviewPage />} />
          <Route path="admin/demarches/:procedureId/publication" element={<PublicationPage />} />
          <Route path="admin/demarches/:procedureId/modeles" element={<MailTemplatesPage />} />
          <Route path="admin/demarches/:procedureId/attestation" element={<AttestationPage />} />
          <Route path="admin/demarches/:procedureId/groupes" element={<GroupsPage />} />
          <Route path="admin/demarches/:procedureId/parametres" element={<SettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
