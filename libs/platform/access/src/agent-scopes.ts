import { Inject, Injectable } from '@nestjs/common';
import { agentGroupContracts, groupNotices, type AgentGroup, type BusContext } from '@guichet/contracts';
import { Bus, NoticedCache } from '@guichet/platform-bus';
import type { AgentScope } from './agent-scope';
import { isAdministratorOf, isInstructeurOf, isSystemFor, normalizeEmail, tenantOf } from './caller';

/** Tenants whose agents' groups are kept; the least recently used go first. */
const maxKeptTenants = 1_000;

/**
 * Resolves the agent scope of a request. An instructeur's groups are asked of procedures (which
 * owns them) and kept until procedures announces a change of the tenant's members
 * (`group_members.changed`, sent after the commit and before the change's reply): removing someone
 * from a group takes effect on their next request, on every replica.
 */
@Injectable()
export class AgentScopes {
  private readonly groups: NoticedCache<AgentGroup[]>;

  constructor(@Inject(Bus) private readonly bus: Bus) {
    this.groups = new NoticedCache<AgentGroup[]>({ maxOwners: maxKeptTenants }).follow(bus, groupNotices.membersChanged, ({ tenantId }) => tenantId);
  }

  /**
   * The dossiers the caller reads in the request's tenant: the system every one, an administrateur
   * every submitted one, an instructeur those of their groups; undefined for anyone else.
   */
  async forReading(ctx: BusContext): Promise<AgentScope | undefined> {
    const tenantId = tenantOf(ctx);
    if (tenantId === undefined) return undefined;
    if (isSystemFor(ctx, tenantId)) return { kind: 'system', tenantId };
    if (isAdministratorOf(ctx, tenantId)) return { kind: 'tenant', tenantId };
    return this.forActing(ctx);
  }

  /** `forReading` narrowed to one procedure's groups (an export, a dashboard page of that procedure). */
  async forReadingProcedure(ctx: BusContext, procedureId: string): Promise<AgentScope | undefined> {
    const tenantId = tenantOf(ctx);
    if (tenantId === undefined) return undefined;
    if (isSystemFor(ctx, tenantId)) return { kind: 'system', tenantId };
    if (isAdministratorOf(ctx, tenantId)) return { kind: 'tenant', tenantId };
    if (!isInstructeurOf(ctx, tenantId)) return undefined;
    const groupIds = (await this.groupsOf(ctx)).filter((group) => group.procedureId === procedureId).map((group) => group.groupId);
    return { kind: 'groups', tenantId, groupIds };
  }

  /**
   * The dossiers the caller may instruct (transitions, follows, annotations): the system every one,
   * an instructeur those of their groups, even when also administrateur (as on DS, administering a
   * procedure does not make one its instructeur); undefined for anyone else.
   */
  async forActing(ctx: BusContext): Promise<AgentScope | undefined> {
    const tenantId = tenantOf(ctx);
    if (tenantId === undefined) return undefined;
    if (isSystemFor(ctx, tenantId)) return { kind: 'system', tenantId };
    if (isInstructeurOf(ctx, tenantId)) return { kind: 'groups', tenantId, groupIds: (await this.groupsOf(ctx)).map((group) => group.groupId) };
    return undefined;
  }

  /**
   * The instructor groups of the request's tenant the calling agent belongs to, by the actor's
   * address (kept per tenant and address; procedures decides who may ask).
   */
  async groupsOf(ctx: BusContext): Promise<AgentGroup[]> {
    const tenantId = tenantOf(ctx);
    const email = ctx.actor?.email;
    const ask = async () => (await this.bus.request(agentGroupContracts.ofAgent, {}, ctx)).groups;
    if (tenantId === undefined || email === undefined || !isInstructeurOf(ctx, tenantId)) return ask();
    return this.groups.get(tenantId, normalizeEmail(email), ask);
  }
}
