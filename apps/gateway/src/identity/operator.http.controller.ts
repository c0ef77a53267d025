import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Inject } from '@nestjs/common';
import { In, Route, type RouteInput } from '../http/route';
import type { Account } from './account.entity';
import { operatorRoutes } from './identity.routes';
import type { Tenant } from './tenant.entity';
import { TenantRepository } from './tenant.repository';
import { AddMemberUseCase } from './usecases/add-member.usecase';
import { CreateTenantUseCase } from './usecases/create-tenant.usecase';
import { GrantExpertUseCase } from './usecases/grant-expert.usecase';

const routes = operatorRoutes;

const tenantJson = (tenant: Tenant) => ({ id: tenant.id, slug: tenant.slug, name: tenant.name, createdAt: tenant.createdAt.toISOString() });
const accountSummary = (account: Account) => ({ id: account.id, email: account.email, firstName: account.firstName, lastName: account.lastName });

/** The instance operator's administration of tenants, agents and experts. */
@Controller()
export class OperatorHttpController {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(CreateTenantUseCase) private readonly createTenantUseCase: CreateTenantUseCase,
    @Inject(AddMemberUseCase) private readonly addMemberUseCase: AddMemberUseCase,
    @Inject(GrantExpertUseCase) private readonly grantExpertUseCase: GrantExpertUseCase,
  ) {}

  @Route(routes.listTenants)
  async listTenants(@In() _input: RouteInput<typeof routes.listTenants>) {
    const tenants = await new TenantRepository(this.em.fork()).list();
    return { items: tenants.map(tenantJson) };
  }

  @Route(routes.createTenant)
  async createTenant(@In() { body }: RouteInput<typeof routes.createTenant>) {
    return tenantJson(await this.createTenantUseCase.execute(body));
  }

  @Route(routes.addMember)
  async addMember(@In() { params, body }: RouteInput<typeof routes.addMember>) {
    const { account, membership, accountCreated } = await this.addMemberUseCase.execute(params.tenantId, body);
    return { account: accountSummary(account), membership, accountCreated };
  }

  @Route(routes.grantExpert)
  async grantExpert(@In() { body }: RouteInput<typeof routes.grantExpert>) {
    const { account, accountCreated } = await this.grantExpertUseCase.execute(body);
    return { account: accountSummary(account), accountCreated };
  }
}
