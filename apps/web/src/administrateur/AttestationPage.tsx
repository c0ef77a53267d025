import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useProcedureMutation } from '../api/queries';
import { type AttestationTemplate } from '@guichet/contracts';
import { type AttestationKind, attestationKinds, type SetTemplatesInput } from '../api/types';
import { ImageUpload } from './ImageUpload';
import { type ProcedureConfigProps, ProcedureConfigPage, failureMessage, useApiAction } from './ProcedureConfigPage';
import { TemplatePartsEditor, useProcedureTags } from './TemplatePartsEditor';
import { tagsForState, templateErrors } from './templateText';

const title = 'Attestation';

const kindTexts: Record<AttestationKind, { name: string; enable: string; defaults: Pick<AttestationTemplate, 'title' | 'body'> }> = {
  acceptation: {
    name: 'Attestation d’acceptation',
    enable: 'Délivrer une attestation quand le dossier est accepté',
    defaults: {
      title: 'Attestation d’acceptation',
      body: 'Le dossier n° --numéro du dossier-- déposé le --date de dépôt-- par --prénom-- --nom-- a été accepté le --date de décision--.',
    },
  },
  refus: {
    name: 'Attestation de refus',
    enable: 'Délivrer une attestation quand le dossier est refusé',
    defaults: {
      title: 'Attestation de refus',
      body: 'Le dossier n° --numéro du dossier-- déposé le --date de dépôt-- par --prénom-- --nom-- a été refusé le --date de décision--.\n\nMotif : --motivation--',
    },
  },
};

type Draft = { enabled: boolean; template: AttestationTemplate };
type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string; fields: Readonly<Record<string, string>> };

/** /admin/demarches/:procedureId/attestation: the PDF given to the usager on acceptance (and, if wanted, on refusal). */
export function AttestationPage() {
  return <ProcedureConfigPage title={title}>{(props) => <Attestations {...props} />}</ProcedureConfigPage>;
}

function initialDrafts(templates: readonly AttestationTemplate[]): Record<AttestationKind, Draft> {
  const draftOf = (kind: AttestationKind): Draft => {
    const stored = templates.find((template) => template.kind === kind);
    return stored !== undefined ? { enabled: true, template: stored } : { enabled: false, template: { kind, ...kindTexts[kind].defaults, footer: '', logoFileId: null, signatureFileId: null } };
  };
  return { acceptation: draftOf('acceptation'), refus: draftOf('refus') };
}

function Attestations({ procedure }: ProcedureConfigProps) {
  const run = useApiAction();
  const setTemplates = useProcedureMutation((input: SetTemplatesInput) => api.setTemplates(procedure.id, input));
  const tags = useProcedureTags(procedure.id);
  const [drafts, setDrafts] = useState(() => initialDrafts(procedure.attestationTemplates));
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (save.status === 'failed') alertRef.current?.focus();
  }, [save]);

  const change = (kind: AttestationKind, patch: { enabled?: boolean; template?: Partial<AttestationTemplate> }) => {
    setDrafts((current) => ({ ...current, [kind]: { enabled: patch.enabled ?? current[kind].enabled, template: { ...current[kind].template, ...patch.template } } }));
    if (save.status === 'saved') setSave({ status: 'idle' });
  };

  // What is sent: the enabled templates, in kind order; the service's messages are keyed by that index.
  const sent = attestationKinds.filter((kind) => drafts[kind].enabled);

  async function onSave() {
    setSave({ status: 'saving' });
    const result = await run(() => setTemplates({ attestationTemplates: sent.map((kind) => drafts[kind].template) }));
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
  const problemsOf = (kind: AttestationKind) => {
    const index = sent.indexOf(kind);
    return index < 0 ? { byPart: {} as Record<string, string>, others: [] } : templateErrors(errors, `attestationTemplates.${index}`, ['title', 'body', 'footer']);
  };
  const others = attestationKinds.flatMap((kind) => problemsOf(kind).others);
  return (
    <>
      <p>
        L’attestation est un PDF produit au moment de la décision, que l’usager télécharge depuis son dossier et depuis l’e-mail de décision (balise <code>--lien attestation--</code>).
      </p>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {save.status === 'failed' && (
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="error"
            as="h3"
            title="Les attestations n’ont pas été enregistrées"
            description={
              <>
                <span>{save.message}</span>
                {others.length > 0 && (
                  <ul>
                    {others.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        )}
      </div>
      {attestationKinds.map((kind) => {
        const { enabled, template } = drafts[kind];
        const { byPart } = problemsOf(kind);
        return (
          <section key={kind} aria-labelledby={`attestation-${kind}-titre`} className={fr.cx('fr-mb-6w')}>
            <h3 id={`attestation-${kind}-titre`}>{kindTexts[kind].name}</h3>
            <Checkbox
              options={[{ label: kindTexts[kind].enable, nativeInputProps: { name: `attestation-${kind}-active`, checked: enabled, onChange: (event) => change(kind, { enabled: event.target.checked }) } }]}
            />
            {enabled && (
              <>
                <TemplatePartsEditor
                  id={`attestation-${kind}`}
                  name={kindTexts[kind].name}
                  tags={tagsForState(tags.value.tags, tags.value.attestationTemplateStates[kind])}
                  onChange={(part, value) => change(kind, { template: { [part]: value } })}
                  parts={[
                    { key: 'title', label: 'Titre', value: template.title, error: byPart['title'] },
                    { key: 'body', label: 'Texte', multiline: true, value: template.body, error: byPart['body'] },
                    { key: 'footer', label: 'Pied de page', hint: 'Facultatif : adresse du service, mentions légales…', value: template.footer, error: byPart['footer'] },
                  ]}
                />
                <ImageUpload id={`attestation-${kind}-logo`} label="Logo" fileId={template.logoFileId} onChange={(fileId) => change(kind, { template: { logoFileId: fileId } })} />
                <ImageUpload id={`attestation-${kind}-signature`} label="Signature" fileId={template.signatureFileId} onChange={(fileId) => change(kind, { template: { signatureFileId: fileId } })} />
              </>
            )}
          </section>
        );
      })}
      <Button type="button" iconId="fr-icon-save-line" disabled={save.status === 'saving'} onClick={() => void onSave()}>
        Enregistrer les attestations
      </Button>
      <p aria-live="polite" className={fr.cx('fr-text--sm', 'fr-mt-1w')} style={{ minHeight: '1.5rem' }}>
        {save.status === 'saving' ? 'Enregistrement…' : save.status === 'saved' ? 'Les attestations ont été enregistrées.' : ''}
      </p>
    </>
  );
}
