import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { stateLabels, type DossierState } from '@guichet/dossier-state';
import type { CompiledForm, FormValidationResult } from '@guichet/forms';
import { toDossierDto } from '../dossier.mapper';
import { accountOf } from '@guichet/platform-access';
import { dossierNotFound } from '../dossier.policy';
import { DossierRepository, type FilingChanges, type FilingDossier } from '../dossier.repository';
import { valuesRefused } from '../dossier.validation';
import { ProcedureForms } from '../procedure-forms.service';
import { applicableLookups, uncheckedWarnings } from '../../lookups/dossier-lookups';
import { FieldLookups, type LookupRound } from '../../lookups/field-lookups.service';

const editableStates: readonly DossierState[] = ['brouillon', 'en_construction'];

/**
 * The owner saves some values (the others are kept; null clears one). A brouillon may stay
 * incomplete; a dossier already submitted (en_construction) must stay complete, as it was when
 * submitted. Saving a dossier that waits for a correction answers that correction.
 *
 * The dossier is read once, without a lock, and everything is decided from that read: the form,
 * the lookups, the validation. The write is one statement that applies only if the row is still
 * the one read (its version); otherwise the step is done again on the row taken under its lock, as
 * if it had come a moment later. Either way the values saved were validated against the row they
 * replace.
 */
@Injectable()
export class UpdateDossierValuesUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(ProcedureForms) private readonly procedures: ProcedureForms,
    @Inject(FieldLookups) private readonly lookups: FieldLookups,
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.updateValues>, ctx: BusContext): Promise<Dossier> {
    const accountId = accountOf(ctx);
    if (accountId === undefined) throw dossierNotFound();
    const found = await this.dossiers.readOwnedForFiling(accountId, payload.dossierId);
    if (found === null) throw dossierNotFound();
    assertEditable(found.dossier.state);
    // Fetched before any lock: no row lock is held while waiting for another service.
    const form = await this.procedures.formOf(found.dossier.revisionId, found.dossier.tenantId, ctx);
    // The siret / rna / referentiel values this request changes are looked up before any lock too;
    // one that no register knows refuses the whole request (nothing is saved).
    const cleaned = validate(found.dossier.state, form, { ...found.dossier.values, ...payload.values });
    const round = cleaned.ok ? await this.lookups.lookUp(found.dossier, form.fields, cleaned.values, Object.keys(payload.values)) : undefined;
    if (round !== undefined && Object.keys(round.refused).length > 0) throw valuesRefused('Certaines valeurs sont invalides.', round.refused);

    let changes = changesFor(found.dossier, form, payload.values, round, cleaned);
    const saved =
      (await this.dossiers.writeFiling(found.dossier.id, changes, { unlessChangedSince: found.dossier.rowVersion })) ??
      (await this.em.transactional(async () => {
        const locked = await this.dossiers.readOwnedForFiling(accountId, payload.dossierId, { lock: true });
        if (locked === null) throw dossierNotFound();
        changes = changesFor(locked.dossier, form, payload.values, round);
        const written = await this.dossiers.writeFiling(locked.dossier.id, changes);
        if (written === null) throw dossierNotFound();
        return written;
      }));
    const values = changes.values ?? saved.dossier.values;
    // Values of this request kept unchecked because their register did not answer.
    const warnings = uncheckedWarnings(applicableLookups(round?.fresh ?? {}, values), values);
    return { ...toDossierDto({ ...saved.dossier, values, lookups: changes.lookups ?? saved.dossier.lookups }, saved.traitements), ...(Object.keys(warnings).length > 0 ? { warnings } : {}) };
  }
}

/**
 * What saving `values` writes on `dossier` (refused if the dossier may no longer be edited, or if the
 * merged values are invalid). `validated`: the validation of these very values, when already done.
 */
function changesFor(dossier: FilingDossier, form: CompiledForm, values: Record<string, unknown>, round: LookupRound | undefined, validated?: FormValidationResult): FilingChanges {
  assertEditable(dossier.state);
  const result = validated ?? validate(dossier.state, form, { ...dossier.values, ...values });
  if (!result.ok) throw valuesRefused('Certaines valeurs sont invalides.', result.fields);
  return {
    values: result.values,
    // Lookups of hidden, removed, cleared or changed values go with them.
    lookups: applicableLookups({ ...dossier.lookups, ...round?.fresh }, result.values),
    updatedAt: new Date(),
    correctionPending: dossier.state === 'en_construction' ? false : dossier.correctionPending,
  };
}

/** A brouillon may stay incomplete; a submitted dossier must stay complete. */
function validate(state: DossierState, form: CompiledForm, values: Record<string, unknown>): FormValidationResult {
  return state === 'brouillon' ? form.validateDraft(values) : form.validateSubmission(values);
}

function assertEditable(state: DossierState): void {
  if (!editableStates.includes(state)) {
    throw new GuichetError('DOSSIER_NOT_EDITABLE', `Un dossier « ${stateLabels[state]} » ne peut plus être modifié.`);
  }
}
