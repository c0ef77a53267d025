import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type Message } from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { api, isApiError } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { formatDateTime } from '../components/dossier/states';

/** Who wrote a message, as the thread shows it. */
const authorRoleLabels: Readonly<Record<Message['author']['role'], string>> = {
  usager: 'Usager',
  instructeur: 'Instructeur',
  expert: 'Expert',
  system: 'Guichet',
};

const emptyMessage = 'Le message ne peut pas être vide.';

/** The thread between the usager and the instructeurs, and a form to write in it. */
export function DossierMessages({ dossierId }: { dossierId: string }) {
  const client = useQueryClient();
  const thread = useQuery({ queryKey: queryKeys.dossierMessages(dossierId), queryFn: () => api.listMessages(dossierId) });
  const post = useMutation({
    mutationFn: (body: string) => api.postMessage(dossierId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.dossierMessages(dossierId) }),
  });
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(false);
    setFailure(null);
    if (body.trim() === '') {
      setFieldError(emptyMessage);
      textareaRef.current?.focus();
      return;
    }
    setFieldError(null);
    try {
      await post.mutateAsync(body.trim());
      setBody('');
      setSent(true);
    } catch (error) {
      const onField = isApiError(error) ? error.fields.body : undefined;
      if (onField !== undefined) {
        setFieldError(onField);
        textareaRef.current?.focus();
      } else setFailure(errorMessage(error));
    }
  }

  return (
    <section aria-labelledby="messagerie" className={fr.cx('fr-mb-5w')}>
      <h2 id="messagerie">Messagerie</h2>
      {thread.isError ? (
        <Alert severity="error" as="h3" small description={`Les messages n’ont pas pu être chargés : ${errorMessage(thread.error)}`} />
      ) : thread.data === undefined ? (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des messages…
        </p>
      ) : thread.data.length === 0 ? (
        <p>Aucun message pour le moment.</p>
      ) : (
        <ol className={fr.cx('fr-raw-list', 'fr-mb-3w')} aria-label="Messages du dossier">
          {thread.data.map((message) => (
            <li key={message.id} className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                <strong>{authorRoleLabels[message.author.role]}</strong> ({message.author.email}), le <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
              </p>
              <p className={fr.cx('fr-mb-0')} style={{ whiteSpace: 'pre-line' }}>
                {message.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form noValidate aria-label="Envoyer un message" onSubmit={(event) => void send(event)}>
        {failure !== null && <Alert className={fr.cx('fr-mb-2w')} severity="error" small description={`Le message n’a pas été envoyé : ${failure}`} />}
        {sent && <Alert className={fr.cx('fr-mb-2w')} severity="success" small description="Message envoyé." />}
        <Input
          label="Votre message"
          hintText="Il est envoyé à l’usager et visible des instructeurs du dossier."
          textArea
          state={fieldError === null ? 'default' : 'error'}
          stateRelatedMessage={fieldError ?? undefined}
          nativeTextAreaProps={{ id: 'message-body', ref: textareaRef, 'aria-invalid': fieldError === null ? undefined : true, rows: 4, value: body, onChange: (change) => setBody(change.target.value) }}
        />
        <Button type="submit" iconId="fr-icon-send-plane-line" disabled={post.isPending}>
          Envoyer le message
        </Button>
      </form>
    </section>
  );
}
