import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type DossierField } from './dossierFormState';
import { errorLinks } from './dossierSummary';

/** Focuses the input DossierForm rendered for `inputId` (a group's first input for radios and checkboxes). */
function focusInput(inputId: string): void {
  const target = document.getElementById(inputId) ?? document.getElementById(`${inputId}-group`);
  if (target === null) return;
  const input = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea');
  (input ?? target).focus();
}

/**
 * The error summary at the top of a dossier form: how many fields to fix, then each message with
 * a link to its field (DSFR alert; the caller moves the focus to it after a failed attempt).
 */
export function FormErrorSummary({ formId, fields, errors, title, headingAs = 'h2' }: { formId: string; fields: readonly DossierField[]; errors: Readonly<Record<string, string>>; title: string; headingAs?: 'h2' | 'h3' }) {
  const links = errorLinks(formId, fields, errors);
  if (links.length === 0) return null;
  const count = links.length;
  return (
    <Alert
      className={fr.cx('fr-mb-4w')}
      severity="error"
      as={headingAs}
      title={title}
      description={
        <>
          {`${count} champ${count > 1 ? 's sont' : ' est'} à corriger : les messages figurent aussi sous chaque champ concerné.`}
          <ul>
            {links.map((link) => (
              <li key={link.key}>
                {link.inputId === '' ? (
                  link.message
                ) : (
                  <a
                    href={`#${link.inputId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusInput(link.inputId);
                    }}
                  >
                    {link.label} : {link.message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
