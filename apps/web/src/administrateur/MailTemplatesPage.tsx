import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useProcedureMutation } from '../api/queries';
import { type SetTemplatesInput } from '../api/types';
import { type MailTemplate, type MailTemplateKind, mailTemplateKinds } from '@guichet/contracts';
import { type ProcedureConfigProps, ProcedureConfigPage, failureMessage, useApiAction } from './ProcedureConfigPage';
import { TemplatePartsEditor, useProcedureTags } from './TemplatePartsEditor';
import { mailTemplateTexts, tagsForState, templateErrors } from './templateText';

const title = 'Modèles d’e-mails';
const partNames: Record<keyof MailTemplate, string> = { subject: 'objet', body: 'message' };

/** /admin/demarches/:procedureId/modeles: the six e-mails sent to the usager, with their tags. */
export function MailTemplatesPage() {
  return <ProcedureConfigPage title={title}>{(props) => <MailTemplates {...props} />}</ProcedureConfigPage>;
}

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string; fields: Readonly<Record<string, string>> };

function MailTemplates({ procedure }: ProcedureConfigProps) {
  const run = useApiAction();
  const saveTemplates = useProcedureMutation((input: SetTemplatesInput) => api.setTemplates(procedure.id, input));
  const tags = useProcedureTags(procedure.id);
  const [templates, setTemplates] = useState<Record<MailTemplateKind, MailTemplate>>(procedure.mailTemplates);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (save.status === 'failed') alertRef.current?.focus();
  }, [save]);

  const change = (kind: MailTemplateKind, part: keyof MailTemplate, value: string) => {
    setTemplates((current) => ({ ...current, [kind]: { ...current[kind], [part]: value } }));
    if (save.status === 'saved') setSave({ status: 'idle' });
  };

  async function onSave() {
    setSave({ status: 'saving' });
    const result = await run(() => saveTemplates({ mailTemplates: templates }));
    if (result.ok) {
      setSave({ status: 'saved' });
    } else setSave({ status: 'failed', message: failureMessage(result.error), fields: result.error?.fields ?? {} });
  }

  if (tags.status === 'loading') {
    return (
      <p role="status" className={fr.cx('fr-text--sm')}>
        Chargement des balises…
      </p>
    );
  }
  if (tags.status === 'error') return <Alert severity="error" as="h3" title="Les balises n’ont pas pu être chargées" description={tags.message} />;

  const errors = save.status === 'failed' ? save.fields : {};
  const problems = mailTemplateKinds.map((kind) => ({ kind, ...templateErrors(errors, `mailTemplates.${kind}`, ['subject', 'body']) }));
  return (
    <>
      <p>
        Les e-mails envoyés à l’usager à chaque étape de son dossier. Les balises, comme <code>--numéro du dossier--</code>, sont remplacées par les informations du dossier ; chaque modèle
        ne propose que les balises qui ont une valeur au moment où il est envoyé.
      </p>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {save.status === 'failed' && (
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="error"
            as="h3"
            title="Les modèles n’ont pas été enregistrés"
            description={
              <>
                <span>{save.message}</span>
                <ul>
                  {problems.flatMap(({ kind, byPart, others }) => [
                    ...(Object.keys(byPart) as (keyof MailTemplate)[]).map((part) => (
                      <li key={`${kind}-${part}`}>
                        <a href={`#modele-${kind}-${part}`}>
                          {mailTemplateTexts[kind].name}, {partNames[part]}
                        </a>
                      </li>
                    )),
                    ...others.map((message) => <li key={`${kind}-${message}`}>{message}</li>),
                  ])}
                </ul>
              </>
            }
          />
        )}
      </div>
      {problems.map(({ kind, byPart }) => {
        const { name, when } = mailTemplateTexts[kind];
        return (
          <section key={kind} aria-labelledby={`modele-${kind}-titre`} className={fr.cx('fr-mb-6w')}>
            <h3 id={`modele-${kind}-titre`}>{name}</h3>
            <p className={fr.cx('fr-text--sm')}>{when}</p>
            <TemplatePartsEditor
              id={`modele-${kind}`}
              name={name}
              tags={tagsForState(tags.value.tags, tags.value.mailTemplateStates[kind])}
              onChange={(part, value) => change(kind, part, value)}
              parts={[
                { key: 'subject', label: 'Objet', value: templates[kind].subject, error: byPart['subject'] },
                { key: 'body', label: 'Message', multiline: true, value: templates[kind].body, error: byPart['body'] },
              ]}
            />
          </section>
        );
      })}
      <Button type="button" iconId="fr-icon-save-line" disabled={save.status === 'saving'} onClick={() => void onSave()}>
        Enregistrer les modèles
      </Button>
      <p aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mt-1w')} style={{ minHeight: '1.5rem' }}>
        {save.status === 'saving' ? 'Enregistrement…' : save.status === 'saved' ? 'Les modèles ont été enregistrés.' : ''}
      </p>
    </>
  );
}
