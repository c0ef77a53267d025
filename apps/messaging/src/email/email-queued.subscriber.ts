import { ChangeSetType, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import { EmailMessage } from './email-message.entity';

/**
 * Kicks the sender as soon as a transaction that queued an e-mail has committed, so a mail leaves
 * at once instead of at the next poll. Kicking earlier (at flush) would race the commit: the sender
 * would not see the row yet.
 */
export class EmailQueuedSubscriber implements EventSubscriber {
  /** Open transactions that inserted e-mails (the knex transaction objects). */
  private readonly pending = new WeakSet<object>();

  constructor(private readonly onQueued: () => void) {}

  afterFlush({ em, uow }: FlushEventArgs): void {
    const queued = uow.getChangeSets().some((changeSet) => changeSet.type === ChangeSetType.CREATE && changeSet.entity instanceof EmailMessage);
    if (!queued) return;
    const transaction: unknown = em.getTransactionContext();
    // Flushed outside an explicit transaction: the implicit one has already committed.
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
