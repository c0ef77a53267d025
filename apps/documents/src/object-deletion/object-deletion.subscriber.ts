import { ChangeSetType, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import { ObjectDeletion } from './object-deletion.entity';

/**
 * Kicks the sweeper once a transaction that queued object deletions has committed. Kicking at
 * flush would race the commit (the sweeper would not see the rows yet).
 */
export class ObjectDeletionQueuedSubscriber implements EventSubscriber {
  /** Open transactions that inserted deletions (the knex transaction objects). */
  private readonly pending = new WeakSet<object>();

  constructor(private readonly onQueued: () => void) {}

  afterFlush({ em, uow }: FlushEventArgs): void {
    const queued = uow.getChangeSets().some((changeSet) => changeSet.type === ChangeSetType.CREATE && changeSet.entity instanceof ObjectDeletion);
    if (!queued) return;
    const transaction: unknown = em.getTransactionContext();
    if (isTransaction(transaction)) this.pending.add(transaction);
    else this.onQueued();
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    if (!isTransaction(transaction) || !this.pending.has(transaction)) return;
    this.pending.delete(transaction);
    this.onQueued();
  }
}

/** A knex transaction is a function object; anything else means no open transaction. */
function isTransaction(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
