import { Inject, Injectable } from '@nestjs/common';
import { labelContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { LabelsQueries } from './labels.queries';
import { CreateLabelUseCase } from './usecases/create-label.usecase';
import { DeleteLabelUseCase } from './usecases/delete-label.usecase';
import { UpdateLabelUseCase } from './usecases/update-label.usecase';

type Payload<K extends keyof typeof labelContracts> = RequestOf<(typeof labelContracts)[K]>;

/** NATS handlers for a procedure's labels: thin, each calls its use case or query. */
@Injectable()
export class LabelsHandlers {
  constructor(
    @Inject(LabelsQueries) private readonly queries: LabelsQueries,
    @Inject(CreateLabelUseCase) private readonly createLabel: CreateLabelUseCase,
    @Inject(UpdateLabelUseCase) private readonly updateLabel: UpdateLabelUseCase,
    @Inject(DeleteLabelUseCase) private readonly deleteLabel: DeleteLabelUseCase,
  ) {}

  @OnRequest(labelContracts.list)
  list(payload: Payload<'list'>, ctx: BusContext) {
    return this.queries.list(payload, ctx);
  }

  @OnRequest(labelContracts.get)
  get(payload: Payload<'get'>, ctx: BusContext) {
    return this.queries.get(payload, ctx);
  }

  @OnRequest(labelContracts.create)
  create(payload: Payload<'create'>, ctx: BusContext) {
    return this.createLabel.execute(payload, ctx);
  }

  @OnRequest(labelContracts.update)
  update(payload: Payload<'update'>, ctx: BusContext) {
    return this.updateLabel.execute(payload, ctx);
  }

  @OnRequest(labelContracts.delete)
  delete(payload: Payload<'delete'>, ctx: BusContext) {
    return this.deleteLabel.execute(payload, ctx);
  }
}
