import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';
import { type BatchAction } from '@guichet/contracts';
import { type FormEvent, forwardRef, useId, useRef, useState } from 'react';
import { batchActionDisplay, type BatchDecision, type BatchErrors, batchMotivationRequired, isDecision } from './batchView';

/** The decision's modal: one per page, its content follows the decision chosen. */
const decisionModal = createModal({ id: 'lot-decision', isOpenedByDefault: false });
/** What makes a button open the modal (DSFR's disclosure, which gives the focus back to it on close); each button keeps its own id. */
const { id: _modalButtonId, ...opensDecisionModal } = decisionModal.buttonProps;

export type BatchActionBarProps = {
  /** « 2 dossiers sélectionnés »… */
  title: string;
  actions: readonly BatchAction[];
  /** Why no action can start now (a batch still running, too many dossiers), or null. */
  blocked: string | null;
  pending: boolean;
  /** The errors of the last request that did not start, and whether it was a decision's. */
  errors: (BatchErrors & { action: BatchAction }) | null;
  onClear: () => void;
  /** Starts the batch; resolves to whether it started. */
  onStart: (action: BatchAction, motivation?: string) => Promise<boolean>;
};

/**
 * The bar shown while dossiers are selected: the actions that fit the tab, each starting a batch;
 * a decision asks for its motivation (required to refuse or close without follow-up) in a modal.
 */
export const BatchActionBar = forwardRef<HTMLElement, BatchActionBarProps>(function BatchActionBar({ title, actions, blocked, pending, errors, onClear, onStart }, ref) {
  const titleId = useId();
  const hintId = useId();
  const [decision, setDecision] = useState<BatchDecision | null>(null);
  const barErrors = errors !== null && !isDecision(errors.action) ? [...(errors.motivation !== undefined ? [errors.motivation] : []), ...errors.others] : [];
  return (
    <section ref={ref} aria-labelledby={titleId} className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}>
      <h2 id={titleId} className={fr.cx('fr-h6', 'fr-mb-1w')}>
        {title}
      </h2>
      {blocked !== null && (
        <p id={hintId} className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          {blocked}
        </p>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left', 'fr-mb-0')} aria-label="Actions sur les dossiers sélectionnés">
        {actions.map((action) => {
          const { label, icon } = batchActionDisplay[action];
          const common = { 'aria-describedby': blocked !== null ? hintId : undefined };
          return (
            <li key={action}>
              {isDecision(action) ? (
                <Button
                  type="button"
                  size="small"
                  priority="secondary"
                  iconId={icon}
                  disabled={blocked !== null || pending}
                  nativeButtonProps={{ ...common, ...opensDecisionModal }}
                  onClick={() => setDecision(action)}
                >
                  {`${label}…`}
                </Button>
              ) : (
                <Button type="button" size="small" priority="secondary" iconId={icon} disabled={blocked !== null || pending} nativeButtonProps={common} onClick={() => void onStart(action)}>
                  {label}
                </Button>
              )}
            </li>
          );
        })}
        <li>
          <Button type="button" size="small" priority="tertiary no outline" iconId="fr-icon-close-line" onClick={onClear}>
            Annuler la sélection
          </Button>
        </li>
      </ul>
      {barErrors.length > 0 && (
        <Alert
          small
          severity="error"
          className={fr.cx('fr-mt-2w')}
          description={barErrors.map((message, index) => (
            <span key={message}>
              {index > 0 && <br />}
              {message}
            </span>
          ))}
        />
      )}
      <DecisionModal decision={decision} title={title} pending={pending} errors={errors !== null && errors.action === decision ? errors : null} onStart={onStart} onConcealed={() => setDecision(null)} />
    </section>
  );
});

/** The motivation of a batch decision, then its confirmation; the server's refusal of the motivation under the field. */
function DecisionModal({
  decision,
  title,
  pending,
  errors,
  onStart,
  onConcealed,
}: {
  decision: BatchDecision | null;
  title: string;
  pending: boolean;
  errors: BatchErrors | null;
  onStart: (action: BatchAction, motivation?: string) => Promise<boolean>;
  onConcealed: () => void;
}) {
  const formId = useId();
  const fieldId = useId();
  const [motivation, setMotivation] = useState('');
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  useIsModalOpen(decisionModal, {
    onConceal: () => {
      setMotivation('');
      onConcealed();
    },
    onDisclose: () => textareaRef.current?.focus(),
  });
  const label = decision === null ? '' : batchActionDisplay[decision].label;
  const required = decision !== null && batchMotivationRequired(decision);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (decision === null) return;
    if (await onStart(decision, motivation)) decisionModal.close();
    else textareaRef.current?.focus();
  }

  return (
    <decisionModal.Component
      title={decision === null ? 'Décision' : `${label} : ${title.toLowerCase()}`}
      titleAs="h2"
      buttons={[
        { children: 'Annuler', priority: 'secondary' },
        { children: decision === null ? 'Confirmer' : `Confirmer : ${label.toLowerCase()}`, doClosesModal: false, disabled: pending || decision === null, nativeButtonProps: { type: 'submit', form: formId } },
      ]}
    >
      <form id={formId} noValidate onSubmit={(event) => void submit(event)}>
        <p className={fr.cx('fr-text--sm')}>La décision est prise dossier par dossier ; un dossier qui ne peut pas la recevoir (son état, un groupe quitté…) est signalé, les autres suivent. Chaque usager reçoit la décision et sa motivation.</p>
        {errors !== null && errors.others.length > 0 && <Alert small severity="error" className={fr.cx('fr-mb-2w')} description={errors.others.join(' ')} />}
        <Input
          label={required ? 'Motivation *' : 'Motivation (facultative)'}
          hintText={required ? 'Obligatoire : elle est envoyée à chaque usager avec la décision.' : 'Elle est envoyée à chaque usager avec la décision.'}
          textArea
          state={errors?.motivation === undefined ? 'default' : 'error'}
          stateRelatedMessage={errors?.motivation}
          nativeTextAreaProps={{ id: fieldId, ref: textareaRef, rows: 4, value: motivation, required, 'aria-invalid': errors?.motivation === undefined ? undefined : true, onChange: (change) => setMotivation(change.target.value) }}
        />
      </form>
    </decisionModal.Component>
  );
}
