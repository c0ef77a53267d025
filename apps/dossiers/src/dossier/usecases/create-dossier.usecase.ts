import { Inject, Injectable } from '@nestjs/common';
import type { BusContext, Dossier, dossierContracts, RequestOf } from '@guichet/contracts';
import { toDossierDto } from '../dossier.mapper';
import { signInRequired } from '../dossier.policy';
import { DossierRepository } from '../dossier.repository';
import { cleanUsagerNames } from '../dossier.validation';
import { ProcedureForms } from '../procedure-forms.service';

/**
 * A usager starts a brouillon on a published procedure; the signed-in account owns it. The e-mail is
 * the account's (the one the platform verified), the names are those typed in the request. With
 * `test`, a test dossier on a procedure still in brouillon, filled with its draft form.
 */
@Injectable()
export class CreateDossierUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(ProcedureForms) private readonly procedures: ProcedureForms,
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.create>, ctx: BusContext): Promise<Dossier> {
    const actor = ctx.actor;
    if (actor === undefined) throw signInRequired('commencer un dossier');
    const names = cleanUsagerNames(payload.usager);
    const procedure = payload.test ? await this.procedures.procedureInTest(payload.procedureId, ctx) : await this.procedures.procedureForNewDossier(payload.procedureId, ctx);
    const dossier = await this.dossiers.insertBrouillon({
      tenantId: procedure.tenantId,
      procedureId: procedure.procedureId,
      procedureTitle: procedure.title,
      revisionId: procedure.revisionId,
      usagerAccountId: actor.accountId,
      usagerEmail: actor.email,
      usagerFirstName: names.firstName,
      usagerLastName: names.lastName,
      test: payload.test,
    });
    return toDossierDto(dossier, []);
  }
}
