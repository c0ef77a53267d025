import { Route, Routes } from 'react-router-dom';
import { CreateProcedurePage } from './admin/CreateProcedurePage';
import { FieldEditorPage } from './admin/FieldEditorPage';
import { PreviewPage } from './admin/PreviewPage';
import { ProceduresListPage } from './admin/ProceduresListPage';
import { SessionProvider } from './auth/session';
import { Layout } from './components/Layout';
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
          <Route path="connexion" element={<SignInPage />} />
          <Route path="inscription" element={<SignUpPage />} />
          <Route path="mes-dossiers" element={<MyDossiersPage />} />
          <Route path="accessibilite" element={<AccessibilityPage />} />
          <Route path="admin/demarches" element={<ProceduresListPage />} />
          <Route path="admin/demarches/nouvelle" element={<CreateProcedurePage />} />
          <Route path="admin/demarches/:procedureId/champs" element={<FieldEditorPage />} />
          <Route path="admin/demarches/:procedureId/annotations" element={<FieldEditorPage list="annotations" />} />
          <Route path="admin/demarches/:procedureId/apercu" element={<PreviewPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
