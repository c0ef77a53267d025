import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { stateLabels, type DossierState } from '@guichet/dossier-state';
import type { CompiledForm, FormValidationResult } from '@guichet/forms';
import { toDossierDto } from '../dossier.mapper';
import { accountOf } from '@guichet/platform-access';
import { dossierNotFound } from '../dossier.policy';
import { DossierRepository } from '../dossier.repository';
import { valuesRefused } from '../dossier.validation';
import { ProcedureForms } from '../procedure-forms.service';
import { applicableLookups, uncheckedWarnings } from '../../lookups/dossier-lookups';
import { FieldLookups } from '../../lookups/field-lookups.service';

const editableStates: readonly DossierState[] = ['brouillon', 'en_construction'];

/**
 * The owner saves some values (the others are kept; null clears one). A brouillon may stay
 * incomplete; a dossier already submitted (en_construction) must stay complete, as it was when
 * submitted. Saving a dossier that waits for a correction answers that correction.
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
    const found = await this.dossiers.findOwned(accountId, payload.dossierId);
    if (found === null) throw dossierNotFound();
    assertEditable(found.state);
    // Fetched before the transaction: no row lock is held while waiting for another service.
    const form = await this.procedures.formOf(found.revisionId, found.tenantId, ctx);
    // The siret / rna / referentiel values this request changes are looked up before the
    // transaction too; one that no register knows refuses the whole request (nothing is saved).
    const cleaned = validate(found.state, form, { ...found.values, ...payload.values });
    const round = cleaned.ok ? await this.lookups.lookUp(found, form.fields, cleaned.values, Object.keys(payload.values)) : undefined;
    if (round !== undefined && Object.keys(round.refused).length > 0) throw valuesRefused('Certaines valeurs sont invalides.', round.refused);

    return this.em.transactional(async () => {
      const dossier = await this.dossiers.findOwned(accountId, payload.dossierId, { lock: true });
      if (dossier === null) throw dossierNotFound();
      assertEditable(dossier.state);
      const merged = { ...dossier.values, ...payload.values };
      const result = validate(dossier.state, form, merged);
      if (!result.ok) throw valuesRefused('Certaines valeurs sont invalides.', result.fields);
      dossier.values = result.values;
      // Lookups of hidden, removed, cleared or changed values go with them.
      dossier.lookups = applicableLookups({ ...dossier.lookups, ...round?.fresh }, result.values);
      dossier.updatedAt = new Date();
      if (dossier.state === 'en_construction') dossier.correctionPending = false;
      await this.dossiers.flush();
      const traitements = await this.dossiers.traitementsOf([dossier]);
      // Values of this request kept unchecked because their register did not answer.
      const warnings = uncheckedWarnings(applicableLookups(round?.fresh ?? {}, result.values), result.values);
      return { ...toDossierDto(dossier, traitements.get(dossier.id) ?? []), ...(Object.keys(warnings).length > 0 ? { warnings } : {}) };
    });
  }
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
