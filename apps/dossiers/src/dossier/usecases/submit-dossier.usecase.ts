import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { dossierEventContracts, GuichetError, type BusContext, type DeclarativeMode, type Dossier, type DossierLookup, type dossierContracts, type GroupeInstructeur, type ProcedureStatus, type RequestOf } from '@guichet/contracts';
import { nextState } from '@guichet/dossier-state';
import { sameJson, type CompiledForm, type FormValidationResult, type FormValues } from '@guichet/forms';
import { accountOf } from '@guichet/platform-access';
import { outboxRow, type OutboxRow } from '@guichet/platform-persistence';
import { toDossierDto, type TraitementData } from '../dossier.mapper';
import { dossierNotFound } from '../dossier.policy';
import { DossierRepository, type FilingChanges, type OwnedForFiling } from '../dossier.repository';
import { valuesRefused } from '../dossier.validation';
import { assertAcceptsSubmission, ProcedureForms } from '../procedure-forms.service';
import { applyDeclarativeMode } from './declarative-decision';
import { transitionOf, type Transition } from './record-transition';
import { FieldLookups } from '../../lookups/field-lookups.service';

/**
 * The owner submits a brouillon: the procedure still takes submissions, every mandatory field is
 * valid, then brouillon → en_construction (and on to en_instruction / accepte when the procedure is
 * declarative, in the same transaction).
 *
 * Everything is decided from one read of the dossier, without a lock (the procedure's status, the
 * form, the routing and the lookups are asked of other services meanwhile). The dossier, its history
 * rows and its events are then written in one statement that applies only if the row is still the
 * one read; otherwise the submission is decided again on the row taken under its lock, and refused
 * (CONFLICT) if its revision or its values changed meanwhile.
 */
@Injectable()
export class SubmitDossierUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(ProcedureForms) private readonly procedures: ProcedureForms,
    @Inject(FieldLookups) private readonly fieldLookups: FieldLookups,
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.submit>, ctx: BusContext): Promise<Dossier> {
    const accountId = accountOf(ctx);
    if (accountId === undefined) throw dossierNotFound();
    const found = await this.dossiers.readOwnedForFiling(accountId, payload.dossierId);
    if (found === null) throw dossierNotFound();
    const { procedureId, tenantId, revisionId, test } = found.dossier;
    // The procedure's status is read afresh at each submission (an administrateur may close it or
    // change its mode), in the same request as the routing. A closed procedure is refused before
    // anything else, so the status is asked on its own when the form or the values fail.
    const refuseFromStatus = async (): Promise<void> => assertTakesSubmission(await this.procedures.statusOf(procedureId, tenantId, ctx), test);
    // Fetched before any lock: no row lock is held while waiting for another service.
    const form = await this.procedures.formOf(revisionId, tenantId, ctx).catch(async (error: unknown) => {
      await refuseFromStatus();
      throw error;
    });
    const checked = form.validateSubmission(found.dossier.values);
    if (!checked.ok) {
      await refuseFromStatus();
      throw valuesRefused('Le dossier ne peut pas être déposé : des champs sont manquants ou invalides.', checked.fields);
    }
    // Routed on the cleaned values, before any lock too; a dossier changed meanwhile is refused below.
    const routing = await this.procedures.routeSubmission(procedureId, tenantId, checked.values, test, ctx);
    const status = routing.status;
    assertTakesSubmission(status, test);
    const group = routing.group ?? (await this.procedures.route(procedureId, tenantId, checked.values, ctx));
    // Values still unchecked are looked up once more; a register still down does not block the usager.
    const lookups = await this.fieldLookups.beforeSubmission(found.dossier, form.fields, checked.values);

    const decided = { form, revisionId, checkedValues: checked.values, group, lookups, declarativeMode: status.settings.declarativeMode };
    let submission = submissionOf(found, decided, ctx, checked);
    const written =
      (await this.dossiers.writeFiling(found.dossier.id, submission.changes, { ...submission.written, unlessChangedSince: found.dossier.rowVersion })) ??
      (await this.em.transactional(async () => {
        const locked = await this.dossiers.readOwnedForFiling(accountId, payload.dossierId, { lock: true });
        if (locked === null) throw dossierNotFound();
        submission = submissionOf(locked, decided, ctx);
        const rewritten = await this.dossiers.writeFiling(locked.dossier.id, submission.changes, submission.written);
        if (rewritten === null) throw dossierNotFound();
        return rewritten;
      }));
    const traitements = [...written.traitements, ...submission.written.history].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return toDossierDto({ ...written.dossier, values: submission.changes.values ?? written.dossier.values, lookups: submission.changes.lookups ?? written.dossier.lookups }, traitements);
  }
}

/**
 * Whether the procedure takes the submission: not closed nor past its deadline; a test dossier
 * started just before the publication is deleted with the others, it is not filed.
 */
function assertTakesSubmission(status: ProcedureStatus, test: boolean): void {
  assertAcceptsSubmission(status);
  if (test && status.state !== 'brouillon') {
    throw new GuichetError('PROCEDURE_NOT_IN_TEST', 'Cette démarche a été publiée : ses dossiers de test ne peuvent plus être déposés.');
  }
}

/** What was decided before the write, from the dossier as first read. */
interface Decided {
  form: CompiledForm;
  revisionId: string;
  checkedValues: FormValues;
  group: GroupeInstructeur;
  lookups: Record<string, DossierLookup>;
  declarativeMode: DeclarativeMode | null;
}

/**
 * The submission of `owned` as a write: the dossier's new columns, its history rows and its events
 * (the submission, then the declarative steps). Refused if the state machine does not allow it, if
 * the values are invalid, or if the dossier is no longer the one the decisions were taken on.
 * `validated`: the validation of `owned`'s values, when already done.
 */
function submissionOf(owned: OwnedForFiling, decided: Decided, ctx: BusContext, validated?: FormValidationResult): { changes: FilingChanges; written: { history: TraitementData[]; outbox: OutboxRow[] } } {
  const dossier = { ...owned.dossier };
  const next = nextState(dossier.state, 'passer_en_construction', { actorRole: 'usager', correctionPending: dossier.correctionPending });
  if (!next.ok) throw new GuichetError(next.code, next.message);
  const result = validated ?? decided.form.validateSubmission(dossier.values);
  if (!result.ok) throw valuesRefused('Le dossier ne peut pas être déposé : des champs sont manquants ou invalides.', result.fields);
  if (dossier.revisionId !== decided.revisionId || !sameJson(result.values, decided.checkedValues)) {
    throw new GuichetError('CONFLICT', 'Le dossier ou sa démarche vient d’être modifié pendant le dépôt ; veuillez réessayer.');
  }
  const history: TraitementData[] = [];
  const outbox: OutboxRow[] = [];
  const record = (transition: Transition, transitionCtx: BusContext): void => {
    const { traitement, change, eventCtx } = transitionOf(dossier, transition, transitionCtx);
    history.push(traitement);
    outbox.push(outboxRow(dossierEventContracts.stateChanged, change, eventCtx));
  };
  record(
    {
      event: 'passer_en_construction',
      to: next.to,
      motivation: null,
      apply: (at) => {
        dossier.values = result.values;
        dossier.lookups = decided.lookups;
        dossier.submittedAt = at;
        dossier.groupId = decided.group.id;
        dossier.groupLabel = decided.group.label;
      },
    },
    ctx,
  );
  applyDeclarativeMode(dossier, decided.declarativeMode, ctx, record);
  const { state, values, lookups, updatedAt, submittedAt, decidedAt, motivation, groupId, groupLabel } = dossier;
  // The values and lookups are written only when the submission changed them (values of hidden
  // fields dropped, a lookup refreshed): a 30-field dossier's values are most of the statement.
  const changes: FilingChanges = { state, updatedAt, submittedAt, decidedAt, motivation, groupId, groupLabel };
  if (!sameJson(values, owned.dossier.values)) changes.values = values;
  if (!sameJson(lookups, owned.dossier.lookups)) changes.lookups = lookups;
  return { changes, written: { history, outbox } };
}
