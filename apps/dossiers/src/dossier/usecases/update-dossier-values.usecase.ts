import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { stateLabels, type DossierState } from '@guichet/dossier-state';
import { toDossierDto } from '../dossier.mapper';
import { accountOf, dossierNotFound } from '../dossier.policy';
import { DossierRepository } from '../dossier.repository';
import { valuesRefused } from '../dossier.validation';
import { ProcedureForms } from '../procedure-forms.service';

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
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.updateValues>, ctx: BusContext): Promise<Dossier> {
    const accountId = accountOf(ctx);
    if (accountId === undefined) throw dossierNotFound();
    const found = await this.dossiers.findOwned(accountId, payload.dossierId);
    if (found === null) throw dossierNotFound();
    assertEditable(found.state);
    // Fetched before the transaction: no row lock is held while waiting for another service.
    const form = await this.procedures.formOf(found.revisionId, found.tenantId, ctx);

    return this.em.transactional(async () => {
      const dossier = await this.dossiers.findOwned(accountId, payload.dossierId, { lock: true });
      if (dossier === null) throw dossierNotFound();
      assertEditable(dossier.state);
      const merged = { ...dossier.values, ...payload.values };
      const result = dossier.state === 'brouillon' ? form.validateDraft(merged) : form.validateSubmission(merged);
      if (!result.ok) throw valuesRefused('Certaines valeurs sont invalides.', result.fields);
      dossier.values = result.values;
      dossier.updatedAt = new Date();
      if (dossier.state === 'en_construction') dossier.correctionPending = false;
      await this.dossiers.flush();
      const traitements = await this.dossiers.traitementsOf([dossier]);
      return toDossierDto(dossier, traitements.get(dossier.id) ?? []);
    });
  }
}

function assertEditable(state: DossierState): void {
  if (!editableStates.includes(state)) {
    throw new GuichetError('DOSSIER_NOT_EDITABLE', `Un dossier « ${stateLabels[state]} » ne peut plus être modifié.`);
  }
}
