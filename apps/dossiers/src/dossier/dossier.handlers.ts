import { Inject, Injectable } from '@nestjs/common';
import { dossierContracts, dossierInstructionContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { DossierQueries } from './dossier.queries';
import { ArchiveDossierUseCase } from './usecases/archive-dossier.usecase';
import { HideDossierUseCase } from './usecases/hide-dossier.usecase';
import { CreateDossierUseCase } from './usecases/create-dossier.usecase';
import { FollowDossierUseCase } from './usecases/follow-dossier.usecase';
import { ReassignDossierUseCase } from './usecases/reassign-dossier.usecase';
import { SaveAnnotationUseCase } from './usecases/save-annotation.usecase';
import { SubmitDossierUseCase } from './usecases/submit-dossier.usecase';
import { TransitionDossierUseCase } from './usecases/transition-dossier.usecase';
import { UpdateDossierValuesUseCase } from './usecases/update-dossier-values.usecase';

/** NATS handlers: thin, each hands the validated payload and the caller's context to its use case. */
@Injectable()
export class DossierHandlers {
  constructor(
    @Inject(CreateDossierUseCase) private readonly createDossier: CreateDossierUseCase,
    @Inject(UpdateDossierValuesUseCase) private readonly updateDossierValues: UpdateDossierValuesUseCase,
    @Inject(SubmitDossierUseCase) private readonly submitDossier: SubmitDossierUseCase,
    @Inject(TransitionDossierUseCase) private readonly transitionDossier: TransitionDossierUseCase,
    @Inject(FollowDossierUseCase) private readonly followDossier: FollowDossierUseCase,
    @Inject(ArchiveDossierUseCase) private readonly archiveDossier: ArchiveDossierUseCase,
    @Inject(HideDossierUseCase) private readonly hideDossier: HideDossierUseCase,
    @Inject(ReassignDossierUseCase) private readonly reassignDossier: ReassignDossierUseCase,
    @Inject(SaveAnnotationUseCase) private readonly saveDossierAnnotation: SaveAnnotationUseCase,
    @Inject(DossierQueries) private readonly queries: DossierQueries,
  ) {}

  @OnRequest(dossierInstructionContracts.follow)
  follow(payload: RequestOf<typeof dossierInstructionContracts.follow>, ctx: BusContext) {
    return this.followDossier.execute(payload, ctx);
  }

  @OnRequest(dossierInstructionContracts.reassign)
  reassign(payload: RequestOf<typeof dossierInstructionContracts.reassign>, ctx: BusContext) {
    return this.reassignDossier.execute(payload, ctx);
  }

  @OnRequest(dossierInstructionContracts.hide)
  hide(payload: RequestOf<typeof dossierInstructionContracts.hide>, ctx: BusContext) {
    return this.hideDossier.execute(payload, ctx);
  }

  @OnRequest(dossierInstructionContracts.archive)
  archive(payload: RequestOf<typeof dossierInstructionContracts.archive>, ctx: BusContext) {
    return this.archiveDossier.execute(payload, ctx);
  }

  @OnRequest(dossierInstructionContracts.saveAnnotation)
  saveAnnotation(payload: RequestOf<typeof dossierInstructionContracts.saveAnnotation>, ctx: BusContext) {
    return this.saveDossierAnnotation.execute(payload, ctx);
  }

  @OnRequest(dossierContracts.create)
  create(payload: RequestOf<typeof dossierContracts.create>, ctx: BusContext) {
    return this.createDossier.execute(payload, ctx);
  }

  @OnRequest(dossierContracts.updateValues)
  updateValues(payload: RequestOf<typeof dossierContracts.updateValues>, ctx: BusContext) {
    return this.updateDossierValues.execute(payload, ctx);
  }

  @OnRequest(dossierContracts.submit)
  submit(payload: RequestOf<typeof dossierContracts.submit>, ctx: BusContext) {
    return this.submitDossier.execute(payload, ctx);
  }

  @OnRequest(dossierContracts.transition)
  transition(payload: RequestOf<typeof dossierContracts.transition>, ctx: BusContext) {
    return this.transitionDossier.execute(payload, ctx);
  }

  @OnRequest(dossierContracts.get)
  get(payload: RequestOf<typeof dossierContracts.get>, ctx: BusContext) {
    return this.queries.get(payload, ctx);
  }

  @OnRequest(dossierContracts.form)
  form(payload: RequestOf<typeof dossierContracts.form>, ctx: BusContext) {
    return this.queries.form(payload, ctx);
  }

  @OnRequest(dossierContracts.listMine)
  listMine(payload: RequestOf<typeof dossierContracts.listMine>, ctx: BusContext) {
    return this.queries.listMine(payload, ctx);
  }

  @OnRequest(dossierContracts.listForProcedure)
  listForProcedure(payload: RequestOf<typeof dossierContracts.listForProcedure>, ctx: BusContext) {
    return this.queries.listForProcedure(payload, ctx);
  }
}
