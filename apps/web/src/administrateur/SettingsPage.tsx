import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useProcedureMutation } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type ProcedureClosure } from '@guichet/contracts';
import { type AdminProcedure, type ClosureReason, type ProcedureSettingsPatch } from '../api/types';
import { formatDateTime } from '../components/dossier/states';
import { type ProcedureConfigProps, ProcedureConfigPage, failureMessage, useApiAction } from './ProcedureConfigPage';
import { type SettingsForm, type SettingsInput, formFromProcedure, patchFromForm, settingsErrors } from './settingsForm';

const title = 'Paramètres';

/** /admin/demarches/:procedureId/parametres: the procedure's settings, then its lifecycle (dépublier, clore, republier). */
export function SettingsPage() {
  return (
    <ProcedureConfigPage title={title}>
      {(props) => (
        <>
          <Settings {...props} />
          <Lifecycle {...props} />
        </>
      )}
    </ProcedureConfigPage>
  );
}

type SaveStatus = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string; others: string[] };

function Settings({ procedure }: ProcedureConfigProps) {
  const run = useApiAction();
  const updateSettings = useProcedureMutation((patch: ProcedureSettingsPatch) => api.updateSettings(procedure.id, patch));
  const [form, setForm] = useState<SettingsForm>(() => formFromProcedure(procedure));
  const [errors, setErrors] = useState<Partial<Record<SettingsInput, string>>>({});
  const [status, setStatus] = useState<SaveStatus>({ status: 'idle' });
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (status.status === 'saved' || status.status === 'failed') resultRef.current?.focus();
  }, [status]);

  const set = <Key extends keyof SettingsForm>(key: Key, value: SettingsForm[Key]) => setForm((current) => ({ ...current, [key]: value }));
  const stateOf = (input: SettingsInput) => (errors[input] === undefined ? ({ state: 'default' } as const) : ({ state: 'error', stateRelatedMessage: errors[input] } as const));
  const invalid = (input: SettingsInput) => (errors[input] === undefined ? undefined : true);
  const text = (input: SettingsInput & keyof SettingsForm) => ({
    id: `parametre-${input}`,
    value: form[input] as string,
    'aria-invalid': invalid(input),
    onChange: (event: { target: { value: string } }) => set(input, event.target.value as never),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = patchFromForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ status: 'failed', message: 'Certains paramètres sont invalides : corrigez les champs signalés.', others: [] });
      return;
    }
    setStatus({ status: 'saving' });
    const result = await run(() => updateSettings(checked.patch));
    if (result.ok) {
      setForm(formFromProcedure(result.value));
      setErrors({});
      setStatus({ status: 'saved' });
    } else {
      const split = settingsErrors(result.error?.fields ?? {});
      setErrors(split.byInput);
      setStatus({ status: 'failed', message: failureMessage(result.error), others: split.others });
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
        {status.status === 'saved' && <Alert className={fr.cx('fr-mb-4w')} severity="success" small description="Les paramètres ont été enregistrés." />}
        {status.status === 'failed' && (
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="error"
            as="h3"
            title="Les paramètres n’ont pas été enregistrés"
            description={
              <>
                {status.message}
                {status.others.map((message) => (
                  <span key={message}>
                    <br />
                    {message}
                  </span>
                ))}
              </>
            }
          />
        )}
      </div>

      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend')}>
          <h3 className={fr.cx('fr-h5', 'fr-mb-0')}>Service à contacter</h3>
          <span className={fr.cx('fr-hint-text')}>Affiché aux usagers pour leurs questions. Laissez tout vide pour ne pas en afficher.</span>
        </legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input label="Nom du service" {...stateOf('organisation')} nativeInputProps={text('organisation')} />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input label="Adresse électronique du service" {...stateOf('email')} nativeInputProps={{ ...text('email'), type: 'email', autoComplete: 'off' }} />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input label="Téléphone (facultatif)" hintText="Par exemple 01 23 45 67 89" {...stateOf('phone')} nativeInputProps={{ ...text('phone'), type: 'tel' }} />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input label="Adresse postale (facultative)" textArea {...stateOf('address')} nativeTextAreaProps={{ ...text('address'), rows: 2 }} />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input label="Horaires d’ouverture (facultatifs)" {...stateOf('openingHours')} nativeInputProps={text('openingHours')} />
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend')}>
          <h3 className={fr.cx('fr-h5', 'fr-mb-0')}>Accès à la démarche</h3>
        </legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input
            label="Adresse de la démarche"
            hintText="Lettres minuscules, chiffres et tirets ; les usagers l’ouvrent à /commencer/<adresse>. L’ancienne adresse continue de mener à la démarche et reste réservée."
            {...stateOf('path')}
            nativeInputProps={{ ...text('path'), spellCheck: false }}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input
            label="Date limite de dépôt (facultative)"
            hintText="Heure de Paris. À cette date, la démarche est close automatiquement ; laissez vide pour ne pas en fixer."
            {...stateOf('closesAt')}
            nativeInputProps={{ ...text('closesAt'), type: 'datetime-local' }}
          />
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend')}>
          <h3 className={fr.cx('fr-h5', 'fr-mb-0')}>Instruction</h3>
        </legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <RadioButtons
            legend="Mode déclaratif"
            hintText="Un dossier déposé avance seul, sans action d’un instructeur."
            name="declarativeMode"
            {...stateOf('declarativeMode')}
            options={[
              { label: 'Non : les instructeurs traitent chaque dossier', nativeInputProps: { value: '', checked: form.declarativeMode === '', onChange: () => set('declarativeMode', '') } },
              { label: 'Passage automatique en instruction', nativeInputProps: { value: 'en_instruction', checked: form.declarativeMode === 'en_instruction', onChange: () => set('declarativeMode', 'en_instruction') } },
              { label: 'Acceptation automatique', nativeInputProps: { value: 'accepte', checked: form.declarativeMode === 'accepte', onChange: () => set('declarativeMode', 'accepte') } },
            ]}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Checkbox
            options={[
              {
                label: 'Silence vaut accord ou rejet (SVA/SVR)',
                hintText: 'Sans décision dans le délai, le dossier est accepté (SVA) ou refusé (SVR) automatiquement.',
                nativeInputProps: { name: 'svaSvrEnabled', checked: form.svaSvrEnabled, onChange: (event) => set('svaSvrEnabled', event.target.checked) },
              },
            ]}
          />
        </div>
        {form.svaSvrEnabled && (
          <>
            <div className={fr.cx('fr-fieldset__element')}>
              <RadioButtons
                legend="Décision à l’échéance"
                name="decision"
                orientation="horizontal"
                {...stateOf('decision')}
                options={[
                  { label: 'Silence vaut accord', nativeInputProps: { value: 'sva', checked: form.decision === 'sva', onChange: () => set('decision', 'sva') } },
                  { label: 'Silence vaut rejet', nativeInputProps: { value: 'svr', checked: form.decision === 'svr', onChange: () => set('decision', 'svr') } },
                ]}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input label="Délai" hintText="Un nombre entier, de 1 à 365." {...stateOf('delay')} nativeInputProps={{ ...text('delay'), inputMode: 'numeric' }} />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Select label="Unité du délai" {...stateOf('unit')} nativeSelectProps={{ id: 'parametre-unit', value: form.unit, onChange: (event) => set('unit', event.target.value as SettingsForm['unit']) }}>
                <option value="days">jours</option>
                <option value="weeks">semaines</option>
                <option value="months">mois</option>
              </Select>
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Select
                label="Si l’usager corrige son dossier"
                {...stateOf('resubmission')}
                nativeSelectProps={{ id: 'parametre-resubmission', value: form.resubmission, onChange: (event) => set('resubmission', event.target.value as SettingsForm['resubmission']) }}
              >
                <option value="pause">le délai reprend où il en était</option>
                <option value="reset">le délai repart de zéro</option>
              </Select>
            </div>
          </>
        )}
        <div className={fr.cx('fr-fieldset__element')}>
          <Input label="Durée de conservation des dossiers (en mois)" hintText="Après la décision ; de 1 à 60 mois." {...stateOf('retentionMonths')} nativeInputProps={{ ...text('retentionMonths'), inputMode: 'numeric' }} />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Checkbox
            {...stateOf('expertsAllowed')}
            options={[
              {
                label: 'Les instructeurs peuvent demander l’avis d’experts',
                nativeInputProps: { name: 'expertsAllowed', checked: form.expertsAllowed, onChange: (event) => set('expertsAllowed', event.target.checked) },
              },
            ]}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input
            label="Message affiché après le dépôt (facultatif)"
            hintText="Montré à l’usager une fois son dossier déposé."
            textArea
            {...stateOf('submissionMessage')}
            nativeTextAreaProps={{ ...text('submissionMessage'), rows: 4 }}
          />
        </div>
      </fieldset>
      <Button type="submit" iconId="fr-icon-save-line" disabled={status.status === 'saving'}>
        Enregistrer les paramètres
      </Button>
    </form>
  );
}

export const closureReasonLabels: Readonly<Record<ProcedureClosure['reason'], string>> = {
  autre_demarche: 'Remplacée par une autre démarche',
  demarche_terminee: 'La démarche est terminée',
  autre: 'Autre raison',
  date_limite_atteinte: 'La date limite de dépôt est atteinte',
};

type Action = 'depublish' | 'close' | 'republish';
type ActionStatus = { status: 'idle' } | { status: 'confirming'; action: 'depublish' } | { status: 'running' } | { status: 'done'; message: string } | { status: 'failed'; message: string };

function Lifecycle({ procedure }: ProcedureConfigProps) {
  const run = useApiAction();
  const changeState = useProcedureMutation((write: () => Promise<AdminProcedure>) => write());
  const [status, setStatus] = useState<ActionStatus>({ status: 'idle' });
  const [reason, setReason] = useState<ClosureReason>('demarche_terminee');
  const [details, setDetails] = useState('');
  const [replacement, setReplacement] = useState('');
  const [closeErrors, setCloseErrors] = useState<{ details?: string; replacementProcedureId?: string }>({});
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (status.status === 'done' || status.status === 'failed') messageRef.current?.focus();
  }, [status]);

  const canClose = procedure.state === 'publiee' || procedure.state === 'depubliee';
  // The replacements offered: the administration's other published procedures (none if the list fails).
  const list = useQuery({ queryKey: queryKeys.adminProcedures, queryFn: () => api.listAdminProcedures(), enabled: canClose });
  const published = list.isSuccess ? list.data.filter((other) => other.state === 'publiee' && other.id !== procedure.id) : list.isError ? [] : null;

  async function act(action: Action) {
    setStatus({ status: 'running' });
    setCloseErrors({});
    const result = await run(() => changeState(() => {
      if (action === 'depublish') return api.depublishProcedure(procedure.id);
      if (action === 'republish') return api.republishProcedure(procedure.id);
      return api.closeProcedure(procedure.id, {
        reason,
        ...(reason === 'autre' ? { details: details.trim() } : {}),
        ...(reason === 'autre_demarche' ? { replacementProcedureId: replacement === '' ? null : replacement } : {}),
      });
    }));
    if (result.ok) {
      const messages: Record<Action, string> = { depublish: 'La démarche a été dépubliée.', close: 'La démarche a été close.', republish: 'La démarche a été republiée.' };
      setStatus({ status: 'done', message: messages[action] });
    } else {
      const fields = result.error?.fields ?? {};
      setCloseErrors({ details: fields.details, replacementProcedureId: fields.replacementProcedureId });
      setStatus({ status: 'failed', message: failureMessage(result.error) });
    }
  }

  const closure = procedure.closure;
  const running = status.status === 'running';
  return (
    <section aria-labelledby="cycle-de-vie" className={fr.cx('fr-mt-8w')}>
      <h2 id="cycle-de-vie">Cycle de vie de la démarche</h2>
      <div ref={messageRef} tabIndex={-1} style={{ outline: 'none' }}>
        {status.status === 'done' && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description={status.message} />}
        {status.status === 'failed' && <Alert className={fr.cx('fr-mb-3w')} severity="error" as="h3" title="L’action n’a pas abouti" description={status.message} />}
      </div>
      {procedure.state === 'brouillon' && <p>La démarche n’a pas encore été publiée : publiez-la depuis la page Publication.</p>}
      {procedure.state === 'close' && closure !== null && (
        <div className={fr.cx('fr-mb-3w')}>
          <p className={fr.cx('fr-mb-1w')}>
            Démarche close le {formatDateTime(closure.closedAt)}
            {closure.automatic ? ' (automatiquement)' : ''} : {closureReasonLabels[closure.reason]}.
          </p>
          {closure.details !== null && closure.details !== '' && <p className={fr.cx('fr-mb-1w')}>Précision : {closure.details}</p>}
          {closure.replacementPath !== null && (
            <p className={fr.cx('fr-mb-1w')}>
              Les usagers sont dirigés vers <a href={`/commencer/${closure.replacementPath}`}>/commencer/{closure.replacementPath}</a>.
            </p>
          )}
        </div>
      )}
      {procedure.state === 'depubliee' && <p>La démarche est dépubliée : son lien ne fonctionne plus, les dossiers déjà déposés continuent d’être instruits.</p>}
      {(procedure.state === 'close' || procedure.state === 'depubliee') && (
        <Button type="button" iconId="fr-icon-refresh-line" className={fr.cx('fr-mb-4w')} disabled={running} onClick={() => void act('republish')}>
          Republier
        </Button>
      )}
      {procedure.state === 'publiee' && (
        <div className={fr.cx('fr-mb-4w')}>
          <h3 className={fr.cx('fr-h5')}>Dépublier</h3>
          <p>Le lien de la démarche cesse de fonctionner ; les dossiers déjà déposés continuent d’être instruits. Vous pourrez la republier.</p>
          {status.status === 'confirming' ? (
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline')}>
              <li>
                <Button type="button" onClick={() => void act('depublish')}>
                  Confirmer la dépublication
                </Button>
              </li>
              <li>
                <Button type="button" priority="secondary" onClick={() => setStatus({ status: 'idle' })}>
                  Annuler
                </Button>
              </li>
            </ul>
          ) : (
            <Button type="button" priority="secondary" disabled={running} onClick={() => setStatus({ status: 'confirming', action: 'depublish' })}>
              Dépublier
            </Button>
          )}
        </div>
      )}
      {canClose && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void act('close');
          }}
          noValidate
        >
          <h3 className={fr.cx('fr-h5')}>Clore la démarche</h3>
          <p>Plus aucun dossier ne peut être commencé ni déposé ; les dossiers déjà déposés continuent d’être instruits.</p>
          <RadioButtons
            legend="Raison de la clôture"
            name="closureReason"
            options={(['autre_demarche', 'demarche_terminee', 'autre'] as const).map((value) => ({
              label: closureReasonLabels[value],
              nativeInputProps: { value, checked: reason === value, onChange: () => setReason(value) },
            }))}
          />
          {reason === 'autre_demarche' && (
            <Select
              label="Démarche de remplacement"
              hint="Une démarche publiée de votre administration ; les usagers de l’ancien lien y sont dirigés."
              {...(closeErrors.replacementProcedureId === undefined ? { state: 'default' as const } : { state: 'error' as const, stateRelatedMessage: closeErrors.replacementProcedureId })}
              nativeSelectProps={{ id: 'cloture-remplacement', value: replacement, onChange: (event) => setReplacement(event.target.value), 'aria-invalid': closeErrors.replacementProcedureId === undefined ? undefined : true }}
            >
              <option value="">{published === null ? 'Chargement des démarches…' : published.length === 0 ? 'Aucune autre démarche publiée' : 'Choisir une démarche'}</option>
              {(published ?? []).map((other) => (
                <option key={other.id} value={other.id}>
                  {other.title}
                </option>
              ))}
            </Select>
          )}
          {reason === 'autre' && (
            <Input
              label="Précisez la raison"
              textArea
              {...(closeErrors.details === undefined ? { state: 'default' as const } : { state: 'error' as const, stateRelatedMessage: closeErrors.details })}
              nativeTextAreaProps={{ id: 'cloture-details', rows: 3, value: details, onChange: (event) => setDetails(event.target.value), 'aria-invalid': closeErrors.details === undefined ? undefined : true }}
            />
          )}
          <Button type="submit" iconId="fr-icon-close-circle-line" disabled={running}>
            Clore la démarche
          </Button>
        </form>
      )}
    </section>
  );
}
