import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, isApiError, messages, splitFieldErrors } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { type CreateProcedureInput } from '../api/types';
import { useSession } from '../account/session';
import { useFocusOnError } from '../components/forms';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { AdminOnly } from './adminAccess';
import { pathFromTitle } from './procedurePath';
import { procedureAdminPath } from './ProcedureAdminNav';

const title = 'Créer une démarche';
const fields = ['title', 'description', 'path'] as const;
type Field = (typeof fields)[number];

export function CreateProcedurePage() {
  useDocumentTitle(title);
  return (
    <AdminOnly title={title}>
      <CreateProcedureForm />
    </AdminOnly>
  );
}

function CreateProcedureForm() {
  const { expired } = useSession();
  const queryClient = useQueryClient();
  const create = useMutation({ mutationFn: (input: CreateProcedureInput) => api.createProcedure(input), onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminProcedures, exact: true }) });
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<Field, string>>({ title: '', description: '', path: '' });
  // The path follows the title until the administrateur types one.
  const [pathEdited, setPathEdited] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [globalError, setGlobalError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failures, setFailures] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useFocusOnError(failures, formRef, alertRef);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setGlobalError(null);
    setFieldErrors({});
    try {
      const procedure = await create.mutateAsync({ title: values.title.trim(), description: values.description.trim(), path: values.path.trim() });
      navigate(procedureAdminPath(procedure.id, 'champs'));
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        expired();
        return;
      }
      if (isApiError(error)) {
        const { byField, others } = splitFieldErrors(error, fields);
        setFieldErrors(byField);
        if (others.length > 0) setGlobalError(others.join(' '));
        else if (Object.keys(byField).length === 0) setGlobalError(error.message);
      } else {
        setGlobalError(messages.unexpected);
      }
      setSubmitting(false);
      setFailures((count) => count + 1);
    }
  }

  const onChange = (field: Field) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((current) => ({ ...current, [field]: value, ...(field === 'title' && !pathEdited ? { path: pathFromTitle(value) } : {}) }));
    if (field === 'path') setPathEdited(true);
  };
  const stateOf = (field: Field) => (fieldErrors[field] ? ({ state: 'error', stateRelatedMessage: fieldErrors[field] } as const) : ({ state: 'default' } as const));

  return (
    <div className={fr.cx('fr-grid-row')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-10', 'fr-col-lg-8')}>
        <Breadcrumb currentPageLabel={title} homeLinkProps={{ to: '/' }} segments={[{ label: 'Mes démarches', linkProps: { to: '/admin/demarches' } }]} className={fr.cx('fr-mt-0')} />
        <h1>{title}</h1>
        <p>La démarche est créée en brouillon : vous pourrez construire son formulaire et la tester avant de la publier.</p>
        <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
          {globalError !== null && <Alert className={fr.cx('fr-mb-4w')} severity="error" as="h2" title="La démarche n’a pas été créée" description={globalError} />}
        </div>
        <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate>
          <fieldset className={fr.cx('fr-fieldset')}>
            <legend className={fr.cx('fr-fieldset__legend')}>
              <h2 className={fr.cx('fr-h5', 'fr-mb-0')}>La démarche</h2>
            </legend>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input
                label="Titre"
                hintText="Entre 3 et 300 caractères, tel que les usagers le liront."
                {...stateOf('title')}
                nativeInputProps={{ name: 'title', value: values.title, onChange: onChange('title'), required: true, 'aria-invalid': fieldErrors.title ? true : undefined }}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input
                label="Description"
                hintText="Facultative : à qui s’adresse la démarche, ce qu’elle permet."
                textArea
                {...stateOf('description')}
                nativeTextAreaProps={{ name: 'description', rows: 4, value: values.description, onChange: onChange('description'), 'aria-invalid': fieldErrors.description ? true : undefined }}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input
                label="Adresse de la démarche"
                hintText="Lettres minuscules, chiffres et tirets ; les usagers l’ouvriront à /commencer/<adresse>."
                {...stateOf('path')}
                nativeInputProps={{ name: 'path', value: values.path, onChange: onChange('path'), required: true, spellCheck: false, 'aria-invalid': fieldErrors.path ? true : undefined }}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Button type="submit" disabled={submitting}>
                Créer la démarche
              </Button>
            </div>
          </fieldset>
        </form>
      </div>
    </div>
  );
}
