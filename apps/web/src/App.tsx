import { Route, Routes } from 'react-router-dom';
import { CataloguePage, ModelPage } from './administrateur/CataloguePage';
import { CreateProcedurePage } from './administrateur/CreateProcedurePage';
import { FieldEditorPage } from './administrateur/FieldEditorPage';
import { PreviewPage } from './administrateur/PreviewPage';
import { AttestationPage } from './administrateur/AttestationPage';
import { GroupsPage } from './administrateur/GroupsPage';
import { LabelsPage } from './administrateur/LabelsPage';
import { MailTemplatesPage } from './administrateur/MailTemplatesPage';
import { PublicationPage } from './administrateur/PublicationPage';
import { ProceduresListPage } from './administrateur/ProceduresListPage';
import { SettingsPage } from './administrateur/SettingsPage';
import { Layout } from './components/Layout';
import { InstructeurDossierPage } from './instructeur/InstructeurDossierPage';
import { InstructeurHomePage } from './instructeur/InstructeurHomePage';
import { ProcedureDashboardPage } from './instructeur/ProcedureDashboardPage';
import { DossierPage } from './usager/DossierPage';
import { AccessibilityPage } from './public/AccessibilityPage';
import { HomePage } from './public/HomePage';
import { MyDossiersPage } from './usager/MyDossiersPage';
import { NotFoundPage } from './public/NotFoundPage';
import { SignInPage } from './account/SignInPage';
import { SignUpPage } from './account/SignUpPage';
import { StartProcedurePage } from './usager/StartProcedurePage';

export function App() {
  return (
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
        <Route path="instructeur" element={<InstructeurHomePage />} />
        <Route path="instructeur/procedures/:procedureId" element={<ProcedureDashboardPage />} />
        <Route path="instructeur/dossiers/:dossierId" element={<InstructeurDossierPage />} />
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
        <Route path="admin/demarches/:procedureId/etiquettes" element={<LabelsPage />} />
        <Route path="admin/demarches/:procedureId/parametres" element={<SettingsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
