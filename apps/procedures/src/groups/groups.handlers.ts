import { Inject, Injectable } from '@nestjs/common';
import { agentGroupContracts, groupContracts, procedureContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { ProcedureChanges } from '../procedure/procedure-changes';
import { GroupRouter } from './group.router';
import { GroupsService } from './groups.service';

type Payload<K extends keyof typeof groupContracts> = RequestOf<(typeof groupContracts)[K]>;

/** NATS handlers for instructor groups and routing: thin, each calls the service or the router. */
@Injectable()
export class GroupsHandlers {
  constructor(
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(GroupRouter) private readonly router: GroupRouter,
    @Inject(ProcedureChanges) private readonly changes: ProcedureChanges,
  ) {}

  @OnRequest(groupContracts.list)
  list(payload: Payload<'list'>, ctx: BusContext) {
    return this.groups.list(payload, ctx);
  }

  @OnRequest(groupContracts.visible)
  visible(payload: Payload<'visible'>, ctx: BusContext) {
    return this.groups.visible(payload, ctx);
  }

  @OnRequest(agentGroupContracts.ofAgent)
  ofAgent(_payload: RequestOf<typeof agentGroupContracts.ofAgent>, ctx: BusContext) {
    return this.groups.ofAgent(ctx);
  }

  @OnRequest(groupContracts.get)
  get(payload: Payload<'get'>, ctx: BusContext) {
    return this.groups.get(payload, ctx);
  }

  @OnRequest(groupContracts.create)
  create(payload: Payload<'create'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.groups.create(payload, ctx));
  }

  @OnRequest(groupContracts.update)
  update(payload: Payload<'update'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.groups.update(payload, ctx));
  }

  @OnRequest(groupContracts.delete)
  delete(payload: Payload<'delete'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.groups.delete(payload, ctx));
  }

  @OnRequest(groupContracts.setRoutingRule)
  setRoutingRule(payload: Payload<'setRoutingRule'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.groups.setRoutingRule(payload, ctx));
  }

  @OnRequest(groupContracts.addMembers)
  addMembers(payload: Payload<'addMembers'>, ctx: BusContext) {
    return this.groups.addMembers(payload, ctx);
  }

  @OnRequest(groupContracts.removeMembers)
  removeMembers(payload: Payload<'removeMembers'>, ctx: BusContext) {
    return this.groups.removeMembers(payload, ctx);
  }

  @OnRequest(groupContracts.reorder)
  reorder(payload: Payload<'reorder'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.groups.reorder(payload, ctx));
  }

  @OnRequest(groupContracts.importCsv)
  importCsv(payload: Payload<'importCsv'>, ctx: BusContext) {
    return this.changes.after(payload.procedureId, this.groups.importCsv(payload, ctx));
  }

  @OnRequest(procedureContracts.routeSubmission)
  routeSubmission(payload: RequestOf<typeof procedureContracts.routeSubmission>, ctx: BusContext) {
    return this.router.routeSubmission(payload, ctx);
  }

  @OnRequest(procedureContracts.getSnapshot)
  getSnapshot(payload: RequestOf<typeof procedureContracts.getSnapshot>, ctx: BusContext) {
    return this.router.snapshot(payload, ctx);
  }

  @OnRequest(groupContracts.route)
  route(payload: Payload<'route'>, ctx: BusContext) {
    return this.router.route(payload, ctx);
  }
}
