import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { compileForm } from '@guichet/forms';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { type AdminProcedure } from '../api/types';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { DossierForm, type DossierValues } from '../components/dossier/DossierForm';
import { FormErrorSummary } from '../components/dossier/FormErrorSummary';
import { browserGeo } from '../components/dossier/locations';
import { AdminOnly, useAdminProcedure } from './adminAccess';
import { ProcedureAdminHeader } from './ProcedureAdminHeader';

const pageTitle = 'Tester le formulaire';

/** /admin/demarches/:procedureId/apercu: the draft revision as a usager will see it. Nothing is saved. */
export function PreviewPage() {
  const { procedureId = '' } = useParams();
  return (
    <AdminOnly title={pageTitle}>
      <PreviewLoader procedureId={procedureId} />
    </AdminOnly>
  );
}

function PreviewLoader({ procedureId }: { procedureId: string }) {
  const state = useAdminProcedure(procedureId);
  useDocumentTitle(state.status === 'loaded' ? `${pageTitle} - ${state.value.title}` : pageTitle);
  if (state.status === 'loading') {
    return (
      <>
        <h1>{pageTitle}</h1>
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement de la démarche…
        </p>
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        <h1>{pageTitle}</h1>
        <Alert severity="error" as="h2" title="La démarche n’a pas pu être chargée" description={state.message} />
      </>
    );
  }
  return <Preview procedure={state.value} />;
}

type Check = { status: 'none' } | { status: 'valid' } | { status: 'invalid'; errors: Record<string, string> };

function Preview({ procedure }: { procedure: AdminProcedure }) {
  const fields = procedure.draftRevision.fields;
  const form = useMemo(() => compileForm(fields, { geo: browserGeo }), [fields]);
  const [values, setValues] = useState<DossierValues>({});
  const [check, setCheck] = useState<Check>({ status: 'none' });
  const [attempt, setAttempt] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) resultRef.current?.focus();
  }, [attempt]);

  const onChange = (next: Record<string, unknown>) => {
    setValues(next);
    // Messages follow the values once a check was asked for, as a usager correcting them expects.
    if (check.status !== 'none') {
      const result = form.validateSubmission(next);
      setCheck(result.ok ? { status: 'valid' } : { status: 'invalid', errors: result.fields });
    }
  };

  const verify = () => {
    const result = form.validateSubmission(values);
    setCheck(result.ok ? { status: 'valid' } : { status: 'invalid', errors: result.fields });
    setAttempt((count) => count + 1);
  };

  return (
    <>
      <ProcedureAdminHeader procedure={procedure} current="Aperçu" />
      <h2>{pageTitle}</h2>
      <p>
        Le formulaire de la révision brouillon, tel que l’usager le verra. Remplissez-le pour essayer les conditions et les contrôles : rien n’est enregistré ni envoyé.
      </p>
      <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
        {check.status === 'invalid' && attempt > 0 && <FormErrorSummary formId="apercu" fields={fields} errors={check.errors} title="Le dossier ne pourrait pas être déposé" headingAs="h3" />}
        {check.status === 'valid' && attempt > 0 && (
          <Alert className={fr.cx('fr-mb-4w')} severity="success" as="h3" title="Le dossier pourrait être déposé" description="Tous les champs affichés sont valides." />
        )}
      </div>
      {fields.length === 0 ? (
        <p className={fr.cx('fr-text--lead')}>Le formulaire n’a pas encore de champ.</p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            verify();
          }}
          className={fr.cx('fr-p-4w')}
          style={{ border: `1px dashed ${fr.colors.decisions.border.default.grey.default}` }}
          aria-label={`Aperçu du formulaire « ${procedure.title} »`}
        >
          <DossierForm id="apercu" fields={fields} values={values} onChange={onChange} errors={check.status === 'invalid' ? check.errors : {}} />
          <Button type="submit" iconId="fr-icon-check-line">
            Vérifier
          </Button>
        </form>
      )}
    </>
  );
}
