import { ChangeSetType, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import { describe, expect, it, vi } from 'vitest';
import { InsertedThenCommittedSubscriber } from './inserted-then-committed.subscriber';

/** Stands for a queued row (an e-mail, an object to delete). */
class EmailMessage {}

/** The parts of MikroORM's flush arguments the subscriber reads. */
function flushOf(entities: object[], transaction: unknown): FlushEventArgs {
  return {
    em: { getTransactionContext: () => transaction },
    uow: { getChangeSets: () => entities.map((entity) => ({ type: ChangeSetType.CREATE, entity })) },
  } as unknown as FlushEventArgs;
}
const commitOf = (transaction: unknown): TransactionEventArgs => ({ transaction }) as unknown as TransactionEventArgs;

describe('waking a worker after a transaction that queued rows commits', () => {
  it('kicks after the commit of the transaction that queued an e-mail, not at its flush', () => {
    const kick = vi.fn();
    const subscriber = new InsertedThenCommittedSubscriber(EmailMessage, kick);
    // knex transactions are functions.
    const transaction = Object.assign(() => undefined, { id: 'trx' });
    subscriber.afterFlush(flushOf([new EmailMessage()], transaction));
    expect(kick).not.toHaveBeenCalled();
    subscriber.afterTransactionCommit(commitOf(() => undefined));
    expect(kick).not.toHaveBeenCalled();
    subscriber.afterTransactionCommit(commitOf(transaction));
    expect(kick).toHaveBeenCalledTimes(1);
    // Once per transaction.
    subscriber.afterTransactionCommit(commitOf(transaction));
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('kicks at once after a flush outside an explicit transaction (already committed)', () => {
    const kick = vi.fn();
    new InsertedThenCommittedSubscriber(EmailMessage, kick).afterFlush(flushOf([new EmailMessage()], undefined));
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('ignores transactions that queued no such row', () => {
    const kick = vi.fn();
    const subscriber = new InsertedThenCommittedSubscriber(EmailMessage, kick);
    const transaction = {};
    subscriber.afterFlush(flushOf([{ other: true }], transaction));
    subscriber.afterTransactionCommit(commitOf(transaction));
    expect(kick).not.toHaveBeenCalled();
  });
});
