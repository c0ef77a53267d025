import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { nextState } from '@guichet/dossier-state';
import { toDossierDto } from '../dossier.mapper';
import { accountOf } from '@guichet/platform-access';
import { dossierNotFound } from '../dossier.policy';
import { DossierRepository } from '../dossier.repository';
import { valuesRefused } from '../dossier.validation';
import { assertAcceptsSubmission, ProcedureForms } from '../procedure-forms.service';
import { applyDeclarativeMode } from './declarative-decision';
import { recordTransition } from './record-transition';
import { FieldLookups } from '../../lookups/field-lookups.service';
import { sameJson } from '@guichet/forms';

/**
 * The owner submits a brouillon: the procedure still takes submissions, every mandatory field is
 * valid, then brouillon → en_construction (and on to en_instruction / accepte when the procedure is
 * declarative, in the same transaction).
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
    const found = await this.dossiers.findOwned(accountId, payload.dossierId);
    if (found === null) throw dossierNotFound();
    // Read afresh at each submission: an administrateur may close the procedure or change its mode.
    const status = await this.procedures.statusOf(found.procedureId, found.tenantId, ctx);
    assertAcceptsSubmission(status);
    // A test dossier started just before the publication is deleted with the others; it is not filed.
    if (found.test && status.state !== 'brouillon') {
      throw new GuichetError('PROCEDURE_NOT_IN_TEST', 'Cette démarche a été publiée : ses dossiers de test ne peuvent plus être déposés.');
    }
    // Fetched before the transaction: no row lock is held while waiting for another service.
    const form = await this.procedures.formOf(found.revisionId, found.tenantId, ctx);
    // Routed on the cleaned values, before the transaction too; a dossier changed meanwhile is refused below.
    const checked = form.validateSubmission(found.values);
    if (!checked.ok) throw valuesRefused('Le dossier ne peut pas être déposé : des champs sont manquants ou invalides.', checked.fields);
    const group = await this.procedures.route(found.procedureId, found.tenantId, checked.values, ctx);
    // Values still unchecked are looked up once more; a register still down does not block the usager.
    const lookups = await this.fieldLookups.beforeSubmission(found, form.fields, checked.values);

    return this.em.transactional(async (tx) => {
      const dossier = await this.dossiers.findOwned(accountId, payload.dossierId, { lock: true });
      if (dossier === null) throw dossierNotFound();
      const next = nextState(dossier.state, 'passer_en_construction', { actorRole: 'usager', correctionPending: dossier.correctionPending });
      if (!next.ok) throw new GuichetError(next.code, next.message);
      const result = form.validateSubmission(dossier.values);
      if (!result.ok) throw valuesRefused('Le dossier ne peut pas être déposé : des champs sont manquants ou invalides.', result.fields);
      if (dossier.revisionId !== found.revisionId || !sameJson(result.values, checked.values)) {
        throw new GuichetError('CONFLICT', 'Le dossier ou sa démarche vient d’être modifié pendant le dépôt ; veuillez réessayer.');
      }

      recordTransition(tx, this.dossiers, dossier, {
        event: 'passer_en_construction',
        to: next.to,
        motivation: null,
        apply: (at) => {
          dossier.values = result.values;
          dossier.lookups = lookups;
          dossier.submittedAt = at;
          dossier.groupId = group.id;
          dossier.groupLabel = group.label;
        },
      }, ctx);
      applyDeclarativeMode(tx, this.dossiers, dossier, status.settings.declarativeMode, ctx);
      await tx.flush();
      const traitements = await this.dossiers.traitementsOf([dossier]);
      return toDossierDto(dossier, traitements.get(dossier.id) ?? []);
    });
  }
}
