import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { groupEvents, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER, OnEvent } from '@guichet/platform-service';
import { grantInstructeurRole } from './usecases/grant-instructeur-role';

/**
 * Addresses an administrateur adds to an instructor group become instructeurs of the tenant: at
 * once for an existing account, when the account is created otherwise. Which dossiers they see is
 * decided by their groups (procedures), asked at each request; removing someone from a group needs
 * nothing here. Runs in the transaction that records the event, so a redelivery grants nothing twice.
 */
@Injectable()
export class GroupMembersHandlers {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @OnEvent(groupEvents.membersChanged, { durable: 'gateway__group_members' })
  async onMembersChanged(event: EventEnvelope<EventDataOf<typeof groupEvents.membersChanged>>, em: EntityManager): Promise<void> {
    // Procedures always names the group's tenant; an event without one grants nothing.
    if (event.tenantId === null || event.data.added.length === 0) return;
    const granted = await grantInstructeurRole(em, event.tenantId, event.data.added);
    this.logger.info({ eventId: event.id, groupId: event.data.groupId, ...granted }, 'group members made instructeurs of the tenant');
  }
}
