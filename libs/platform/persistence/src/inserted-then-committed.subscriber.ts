import { ChangeSetType, type EntityManager, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';

/**
 * Calls `onCommitted` once a transaction that inserted rows of `entity` has committed: a worker
 * (e-mail sender, S3 object sweeper…) is woken at once instead of at its next poll. Waking it at
 * flush would race the commit: the worker would not see the rows yet.
 */
export class InsertedThenCommittedSubscriber implements EventSubscriber {
  /** Open transactions that inserted such rows (the knex transaction objects). */
  private readonly pending = new WeakSet<object>();

  constructor(
    private readonly entity: abstract new (...args: never[]) => object,
    private readonly onCommitted: () => void,
  ) {}

  afterFlush({ em, uow }: FlushEventArgs): void {
    const inserted = uow.getChangeSets().some((changeSet) => changeSet.type === ChangeSetType.CREATE && changeSet.entity instanceof this.entity);
    if (inserted) this.inserted(em);
  }

  /** Rows were inserted through `em` (by a flush, or by a statement of the caller's). */
  inserted(em: Pick<EntityManager, 'getTransactionContext'>): void {
    const transaction: unknown = em.getTransactionContext();
    // Flushed outside an explicit transaction: the implicit one has already committed.
    if (isTransaction(transaction)) this.pending.add(transaction);
    else this.onCommitted();
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    if (!isTransaction(transaction) || !this.pending.has(transaction)) return;
    this.pending.delete(transaction);
    this.onCommitted();
  }
}

/** A knex transaction is a function object; anything else means no open transaction. */
function isTransaction(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
