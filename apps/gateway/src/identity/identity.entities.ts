import { Account } from './account.entity';
import { Membership } from './membership.entity';
import { PendingMembership } from './pending-membership.entity';
import { Session } from './session.entity';
import { Tenant } from './tenant.entity';

/** Every entity of the gateway schema, for the service definition. */
export const identityEntities = [Tenant, Account, Membership, PendingMembership, Session];
