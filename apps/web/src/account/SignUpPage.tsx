import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError, messages, splitFieldErrors } from '../api/client';
import { useSession } from './session';
import { useFocusOnError } from '../components/forms';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { afterSignIn, safeReturnPath, signInPath } from './returnPath';

const fields = ['firstName', 'lastName', 'email', 'password'] as const;
type Field = (typeof fields)[number];

export const passwordMinLength = 12;

export function SignUpPage() {
  useDocumentTitle('Créer un compte');
  const { session, signedIn } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // Where the visitor was going (e.g. a procedure's start page), else their landing page (an address invited into a group is an instructeur at once).
  const returnTo = safeReturnPath(search.get('retour'));
  const [values, setValues] = useState<Record<Field, string>>({ firstName: '', lastName: '', email: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [globalError, setGlobalError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failures, setFailures] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  useFocusOnError(failures, formRef, alertRef);

  if (session.status === 'authenticated' && !submitting) return <Navigate to={afterSignIn(returnTo, session.account.roles)} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setGlobalError(null);
    setFieldErrors({});
    try {
      const account = await api.signUp({
        email: values.email.trim(),
        password: values.password,
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
      });
      signedIn(account);
      navigate(afterSignIn(returnTo, account.roles));
    } catch (error) {
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

  const bind = (field: Field) => ({
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValues((current) => ({ ...current, [field]: event.target.value })),
    'aria-invalid': fieldErrors[field] ? true : undefined,
  });
  const stateOf = (field: Field) =>
    fieldErrors[field] ? ({ state: 'error', stateRelatedMessage: fieldErrors[field] } as const) : ({ state: 'default' } as const);

  const passwordMessages: { severity: 'info' | 'error'; message: string }[] = [
    { severity: 'info', message: `${passwordMinLength} caractères minimum` },
  ];
  if (fieldErrors.password) passwordMessages.push({ severity: 'error', message: fieldErrors.password });

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Créer un compte</h1>
        <p>Votre compte Guichet vous permet de déposer des dossiers et de suivre leur avancement.</p>
        <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
          {globalError !== null && (
            <Alert className={fr.cx('fr-mb-4w')} severity="error" as="h2" title="La création du compte a échoué" description={globalError} />
          )}
        </div>
        <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate>
          <fieldset className={fr.cx('fr-fieldset')}>
            <legend className={fr.cx('fr-fieldset__legend')}>
              <h2 className={fr.cx('fr-h5', 'fr-mb-0')}>Vos informations</h2>
            </legend>
            <p className={fr.cx('fr-hint-text', 'fr-fieldset__element')}>Tous les champs sont obligatoires.</p>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input label="Prénom" {...stateOf('firstName')} nativeInputProps={{ ...bind('firstName'), autoComplete: 'given-name', required: true }} />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input label="Nom" {...stateOf('lastName')} nativeInputProps={{ ...bind('lastName'), autoComplete: 'family-name', required: true }} />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input
                label="Adresse électronique"
                hintText="Format attendu : nom@domaine.fr"
                {...stateOf('email')}
                nativeInputProps={{ ...bind('email'), type: 'email', autoComplete: 'email', required: true }}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <PasswordInput
                label="Mot de passe"
                messagesHint="Votre mot de passe doit contenir :"
                messages={passwordMessages}
                nativeInputProps={{ ...bind('password'), autoComplete: 'new-password', required: true }}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Button type="submit" disabled={submitting}>
                Créer mon compte
              </Button>
            </div>
          </fieldset>
        </form>
        <hr className={fr.cx('fr-mt-4w')} />
        <h2 className={fr.cx('fr-h5')}>Vous avez déjà un compte ?</h2>
        <Link className={fr.cx('fr-btn', 'fr-btn--secondary')} to={returnTo === null ? '/connexion' : signInPath(returnTo)}>
          Se connecter
        </Link>
      </div>
    </div>
  );
}
