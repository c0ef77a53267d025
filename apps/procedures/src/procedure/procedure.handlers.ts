import { Inject, Injectable } from '@nestjs/common';
import { procedureContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { ProcedureChanges } from './procedure-changes';
import { ProcedureQueries } from './procedure.queries';
import { CloseProcedureUseCase } from './usecases/close-procedure.usecase';
import { CreateProcedureUseCase } from './usecases/create-procedure.usecase';
import { DepublishProcedureUseCase } from './usecases/depublish-procedure.usecase';
import { PublishProcedureUseCase } from './usecases/publish-procedure.usecase';
import { RepublishProcedureUseCase } from './usecases/republish-procedure.usecase';
import { SetTemplatesUseCase } from './usecases/set-templates.usecase';
import { UpdateDraftUseCase } from './usecases/update-draft.usecase';
import { UpdateSettingsUseCase } from './usecases/update-settings.usecase';

type Payload<K extends keyof typeof procedureContracts> = RequestOf<(typeof procedureContracts)[K]>;

/** NATS handlers of the procedures service: thin, each calls one use case or query. */
@Injectable()
export class ProcedureHandlers {
  constructor(
    @Inject(CreateProcedureUseCase) private readonly createProcedure: CreateProcedureUseCase,
    @Inject(UpdateDraftUseCase) private readonly updateDraft: UpdateDraftUseCase,
    @Inject(SetTemplatesUseCase) private readonly setTemplates: SetTemplatesUseCase,
    @Inject(PublishProcedureUseCase) private readonly publishProcedure: PublishProcedureUseCase,
    @Inject(CloseProcedureUseCase) private readonly closeProcedure: CloseProcedureUseCase,
    @Inject(DepublishProcedureUseCase) private readonly depublishProcedure: DepublishProcedureUseCase,
    @Inject(RepublishProcedureUseCase) private readonly republishProcedure: RepublishProcedureUseCase,
    @Inject(UpdateSettingsUseCase) private readonly updateSettingsOf: UpdateSettingsUseCase,
    @Inject(ProcedureQueries) private readonly queries: ProcedureQueries,
    @Inject(ProcedureChanges) private readonly changes: ProcedureChanges,
  ) {}

  @OnRequest(procedureContracts.create)
  create(payload: Payload<'create'>, ctx: BusContext) {
    return this.createProcedure.execute(payload, ctx);
  }

  @OnRequest(procedureContracts.updateDraft)
  update(payload: Payload<'updateDraft'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.updateDraft.execute(payload, ctx));
  }

  @OnRequest(procedureContracts.setTemplates)
  templates(payload: Payload<'setTemplates'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.setTemplates.execute(payload, ctx));
  }

  @OnRequest(procedureContracts.publish)
  publish(payload: Payload<'publish'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.publishProcedure.execute(payload, ctx));
  }

  @OnRequest(procedureContracts.close)
  close(payload: Payload<'close'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.closeProcedure.execute(payload, ctx));
  }

  @OnRequest(procedureContracts.depublish)
  depublish(payload: Payload<'depublish'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.depublishProcedure.execute(payload, ctx));
  }

  @OnRequest(procedureContracts.republish)
  republish(payload: Payload<'republish'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.republishProcedure.execute(payload, ctx));
  }

  @OnRequest(procedureContracts.updateSettings)
  updateSettings(payload: Payload<'updateSettings'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.updateSettingsOf.execute(payload, ctx));
  }

  @OnRequest(procedureContracts.diff)
  diff(payload: Payload<'diff'>, ctx: BusContext) {
    return this.queries.diff(payload, ctx);
  }

  @OnRequest(procedureContracts.tags)
  tags(payload: Payload<'tags'>, ctx: BusContext) {
    return this.queries.tags(payload, ctx);
  }

  @OnRequest(procedureContracts.getStatus)
  getStatus(payload: Payload<'getStatus'>, ctx: BusContext) {
    return this.queries.getStatus(payload, ctx);
  }

  @OnRequest(procedureContracts.getMailTemplate)
  getMailTemplate(payload: Payload<'getMailTemplate'>, ctx: BusContext) {
    return this.queries.getMailTemplate(payload, ctx);
  }

  @OnRequest(procedureContracts.get)
  get(payload: Payload<'get'>, ctx: BusContext) {
    return this.queries.get(payload, ctx);
  }

  @OnRequest(procedureContracts.list)
  list(_payload: Payload<'list'>, ctx: BusContext) {
    return this.queries.list(ctx);
  }

  @OnRequest(procedureContracts.listSummaries)
  listSummaries(payload: Payload<'listSummaries'>, ctx: BusContext) {
    return this.queries.listSummaries(payload, ctx);
  }

  @OnRequest(procedureContracts.getForNewDossier)
  getForNewDossier(payload: Payload<'getForNewDossier'>, ctx: BusContext) {
    return this.queries.getForNewDossier(payload, ctx);
  }

  @OnRequest(procedureContracts.getPublic)
  getPublic(payload: Payload<'getPublic'>) {
    return this.queries.getPublic(payload);
  }

  @OnRequest(procedureContracts.getTest)
  getTest(payload: Payload<'getTest'>, ctx: BusContext) {
    return this.queries.getTest(payload, ctx);
  }

  @OnRequest(procedureContracts.listPublic)
  listPublic(payload: Payload<'listPublic'>) {
    return this.queries.listPublic(payload);
  }

  @OnRequest(procedureContracts.getRevision)
  getRevision(payload: Payload<'getRevision'>, ctx: BusContext) {
    return this.queries.getRevision(payload, ctx);
  }
}
