import { Inject, Injectable } from '@nestjs/common';
import { procedureContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { ProcedureQueries } from './procedure.queries';
import { CreateProcedureUseCase } from './usecases/create-procedure.usecase';
import { PublishProcedureUseCase } from './usecases/publish-procedure.usecase';
import { SetTemplatesUseCase } from './usecases/set-templates.usecase';
import { UpdateDraftUseCase } from './usecases/update-draft.usecase';

type Payload<K extends keyof typeof procedureContracts> = RequestOf<(typeof procedureContracts)[K]>;

/** NATS handlers of the procedures service: thin, each calls one use case or query. */
@Injectable()
export class ProcedureHandlers {
  constructor(
    @Inject(CreateProcedureUseCase) private readonly createProcedure: CreateProcedureUseCase,
    @Inject(UpdateDraftUseCase) private readonly updateDraft: UpdateDraftUseCase,
    @Inject(SetTemplatesUseCase) private readonly setTemplates: SetTemplatesUseCase,
    @Inject(PublishProcedureUseCase) private readonly publishProcedure: PublishProcedureUseCase,
    @Inject(ProcedureQueries) private readonly queries: ProcedureQueries,
  ) {}

  @OnRequest(procedureContracts.create)
  create(payload: Payload<'create'>, ctx: BusContext) {
    return this.createProcedure.execute(payload, ctx);
  }

  @OnRequest(procedureContracts.updateDraft)
  update(payload: Payload<'updateDraft'>, ctx: BusContext) {
    return this.updateDraft.execute(payload, ctx);
  }

  @OnRequest(procedureContracts.setTemplates)
  templates(payload: Payload<'setTemplates'>, ctx: BusContext) {
    return this.setTemplates.execute(payload, ctx);
  }

  @OnRequest(procedureContracts.publish)
  publish(payload: Payload<'publish'>, ctx: BusContext) {
    return this.publishProcedure.execute(payload, ctx);
  }

  @OnRequest(procedureContracts.get)
  get(payload: Payload<'get'>, ctx: BusContext) {
    return this.queries.get(payload, ctx);
  }

  @OnRequest(procedureContracts.list)
  list(_payload: Payload<'list'>, ctx: BusContext) {
    return this.queries.list(ctx);
  }

  @OnRequest(procedureContracts.getPublic)
  getPublic(payload: Payload<'getPublic'>) {
    return this.queries.getPublic(payload);
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
