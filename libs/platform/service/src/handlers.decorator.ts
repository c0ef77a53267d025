import { SetMetadata } from '@nestjs/common';
import type { EventContract, EventDataOf, RequestContract } from '@guichet/contracts';
import type { OnceConsumerOptions } from '@guichet/platform-persistence';

export const REQUEST_HANDLER = Symbol('guichet:request-handler');
export const EVENT_HANDLER = Symbol('guichet:event-handler');

export interface EventHandlerMetadata {
  contract: EventContract;
  options: OnceConsumerOptions;
}

/**
 * Marks a method as the handler of a request/reply subject. It is called with the validated payload
 * and the BusContext, inside a MikroORM request context, and its result is validated against the
 * contract's reply schema.
 */
export const OnRequest = (contract: RequestContract) => SetMetadata(REQUEST_HANDLER, contract);

/**
 * Marks a method as the consumer of a domain event. It is called with (event, em) inside a
 * transaction that also records the event id, so a redelivered event has no second effect. With
 * `concerns`, the events it has nothing to do with are acknowledged without calling it. With
 * `recordsProcessed`, it gets no transaction and records the event id itself, in the statement that
 * writes its effect (`processedEventInsert`).
 */
export const OnEvent = <C extends EventContract>(contract: C, options: OnceConsumerOptions<EventDataOf<C>>) =>
  SetMetadata(EVENT_HANDLER, { contract, options: options as OnceConsumerOptions } satisfies EventHandlerMetadata);
