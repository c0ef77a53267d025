import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ChangeSetType, type EntityManager, type EventSubscriber, type FlushEventArgs, type MikroORM, type TransactionEventArgs } from '@mikro-orm/core';
import type { BusContext, EventContract, EventDataOf, EventEnvelope } from '@guichet/contracts';
import type { EventBus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { InsertedThenCommittedSubscriber } from './inserted-then-committed.subscriber';
import { OutboxEvent } from './outbox.entity';
import { WorkerLoop } from './worker-loop';

/** The envelope of an event, its data checked by its contract: what the outbox stores and the relay publishes. */
export function outboxEnvelope<C extends EventContract>(contract: C, data: EventDataOf<C>, ctx: BusContext): EventEnvelope<EventDataOf<C>> {
  const checked = contract.data.parse(data) as EventDataOf<C>;
  return {
    id: randomUUID(),
    type: contract.type,
    version: contract.version,
    occurredAt: new Date().toISOString(),
    tenantId: ctx.tenantId ?? null,
    actor: ctx.actor ?? null,
    traceparent: ctx.traceparent ?? null,
    data: checked,
  };
}

/** Records an event in the caller's unit of work; it is published only if the transaction commits. */
export function addToOutbox<C extends EventContract>(em: EntityManager, contract: C, data: EventDataOf<C>, ctx: BusContext): EventEnvelope<EventDataOf<C>> {
  const envelope = outboxEnvelope(contract, data, ctx);
  const row = new OutboxEvent();
  row.id = envelope.id;
  row.subject = contract.subject;
  row.envelope = envelope as unknown as Record<string, unknown>;
  em.persist(row);
  return envelope;
}

/**
 * An outbox row for a use case that writes with its own SQL statement rather than the unit of work
 * (the same columns as an `OutboxEvent`; `createdAt` as ISO text). After the statement that inserted
 * such rows, call `outboxRowsWritten`.
 */
export interface OutboxRow {
  id: string;
  subject: string;
  envelope: EventEnvelope;
  createdAt: string;
}

export function outboxRow<C extends EventContract>(contract: C, data: EventDataOf<C>, ctx: BusContext): OutboxRow {
  const envelope = outboxEnvelope(contract, data, ctx);
  return { id: envelope.id, subject: contract.subject, envelope, createdAt: outboxTimestamp() };
}

let lastOutboxMicros = 0;

/**
 * Now, in microseconds (the column's precision), and strictly after the previous call in this
 * process: the rows a use case creates in one go (a submission and its declarative steps) are
 * published in the order they were made, since the relay publishes by `created_at`.
 */
export function outboxTimestamp(nowMs: number = Date.now()): string {
  const micros = Math.max(nowMs * 1_000, lastOutboxMicros + 1);
  lastOutboxMicros = micros;
  const iso = new Date(Math.floor(micros / 1_000)).toISOString();
  return `${iso.slice(0, -1)}${String(micros % 1_000).padStart(3, '0')}Z`;
}

/** A part of a SQL statement and its parameters, in the order of its `?`s. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * The insert of outbox rows as one part of a caller's own statement (a data-modifying CTE of its
 * `with`: `events as (${part.sql})`), so that the events are written by the statement that makes the
 * change they describe. With `onlyFor`, they are written only for what another CTE of the statement
 * returned: every row when that CTE returned any (`{ cte }`), or each row when its key (`keys`, one
 * per row, in order) is among the values of the CTE's `column`. After the statement, call
 * `outboxRowsWritten` (or kick the relay).
 */
export function outboxInsert(
  schema: string,
  rows: readonly OutboxRow[],
  onlyFor?: { cte: string } | { cte: string; column: string; keys: readonly string[] },
): SqlPart {
  const keyed = onlyFor !== undefined && 'keys' in onlyFor;
  if (keyed && onlyFor.keys.length !== rows.length) throw new Error('outboxInsert: one key per row');
  const recordset = rows.map((row, index) => ({
    id: row.id,
    subject: row.subject,
    envelope: row.envelope,
    created_at: row.createdAt,
    ...(keyed ? { key: onlyFor.keys[index] } : {}),
  }));
  const condition = onlyFor === undefined ? '' : keyed ? ` where o.key in (select "${onlyFor.column}"::text from ${onlyFor.cte})` : ` where exists (select from ${onlyFor.cte})`;
  return {
    sql: `insert into "${schema}"."outbox_event" (id, subject, envelope, created_at, published_at)
      select o.id, o.subject, o.envelope, o.created_at, null
      from jsonb_to_recordset(?::jsonb) as o(id uuid, subject text, envelope jsonb, created_at timestamptz${keyed ? ', key text' : ''})${condition}`,
    params: [JSON.stringify(recordset)],
  };
}

/**
 * Tells the relay that a statement of `em`'s (in its transaction, if one is open) inserted outbox
 * rows, as a flush of `OutboxEvent`s does: they are published once the handler is done, or once the
 * transaction commits outside of a handler.
 */
export function outboxRowsWritten(em: EntityManager): void {
  for (const subscriber of em.getEventManager().getSubscribers()) {
    if (subscriber instanceof OutboxWritesSubscriber) subscriber.rowsWritten(em);
  }
}

/** A unit of work being tracked (a request handler, an event handler): did it insert outbox rows? */
interface TrackedWork {
  insertedOutboxRows: boolean;
}

const trackedWork = new AsyncLocalStorage<TrackedWork>();

/**
 * Notes flushes that insert outbox rows: inside tracked work, on that work (its caller kicks the
 * relay once the work is done); anywhere else (jobs, workers), the relay is kicked after the commit.
 */
export class OutboxWritesSubscriber implements EventSubscriber {
  private readonly untracked: InsertedThenCommittedSubscriber;

  constructor(onCommitted: () => void) {
    this.untracked = new InsertedThenCommittedSubscriber(OutboxEvent, onCommitted);
  }

  afterFlush(args: FlushEventArgs): void {
    const unit = trackedWork.getStore();
    if (unit === undefined) {
      this.untracked.afterFlush(args);
      return;
    }
    if (!unit.insertedOutboxRows && args.uow.getChangeSets().some((changeSet) => changeSet.type === ChangeSetType.CREATE && changeSet.entity instanceof OutboxEvent)) {
      unit.insertedOutboxRows = true;
    }
  }

  /** Outbox rows inserted by a statement rather than a flush (see `outboxRowsWritten`). */
  rowsWritten(em: EntityManager): void {
    const unit = trackedWork.getStore();
    if (unit === undefined) this.untracked.inserted(em);
    else unit.insertedOutboxRows = true;
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    this.untracked.afterTransactionCommit(args);
  }
}

/** How many rows a relay pass claims at most. */
const relayBatch = 100;

/**
 * Publishes committed outbox rows to JetStream and marks them sent. A pass claims up to 100 pending
 * rows in one statement, leasing them (`claimed_until`) rather than holding a transaction open while
 * it publishes, so replicas share the work (SKIP LOCKED) and a relay that dies mid-pass leaves its
 * rows to another once the lease ends. A crash between publishing and marking republishes the row;
 * JetStream's duplicate window (Nats-Msg-Id = event id) and idempotent consumers absorb it.
 * A pass costs two statements (claim, mark) whatever it publishes; a pass that finds nothing, one.
 */
export class OutboxRelay {
  private readonly loop: WorkerLoop;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventBus,
    private readonly schema: string,
    private readonly logger: Logger,
    private readonly intervalMs = 500,
    /** How long a claim lasts: far above a pass's publishing time, well under the duplicate window (2 min). */
    private readonly leaseMs = 30_000,
  ) {
    orm.em.getEventManager().registerSubscriber(new OutboxWritesSubscriber(() => this.kick()));
    this.loop = new WorkerLoop({ pass: () => this.drain(), intervalMs, onError: (error) => this.logger.warn({ err: error }, 'outbox relay pass failed; will retry') });
  }

  /**
   * Runs a unit of work (a request or event handler) and kicks the relay after it when it inserted
   * outbox rows: its events are published at once rather than at the next tick, and a read costs no
   * relay pass.
   */
  async afterWork<T>(work: () => Promise<T>): Promise<T> {
    const unit: TrackedWork = { insertedOutboxRows: false };
    try {
      return await trackedWork.run(unit, work);
    } finally {
      // Also when the work failed: it may have committed a transaction of its own before failing.
      if (unit.insertedOutboxRows) this.kick();
    }
  }

  start(): void {
    this.stopped = false;
    this.loop.start();
  }

  /** Asks for a pass now (after a commit), without waiting for the next tick. */
  kick(): void {
    this.loop.kick();
  }

  /**
   * Publishes until nothing is pending (rows committed during the last pass are left to the pass
   * their commit kicks). Resolves with the number of events published.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.pass();
      total += published;
      if (published < relayBatch || this.stopped) return total;
    }
  }

  private async pass(): Promise<number> {
    const table = `"${this.schema}"."outbox_event"`;
    const connection = this.orm.em.getConnection();
    const rows = (await connection.execute(
      `with claimed as (
         update ${table} set claimed_until = now() + make_interval(secs => ?)
         where id in (
           select id from ${table}
           where published_at is null and (claimed_until is null or claimed_until < now())
           order by created_at, id limit ${relayBatch} for update skip locked)
         returning id, subject, envelope, created_at)
       select id, subject, envelope from claimed order by created_at, id`,
      [this.leaseMs / 1000],
      'all',
    )) as { id: string; subject: string; envelope: EventEnvelope }[];
    if (rows.length === 0) return 0;
    const published: string[] = [];
    try {
      for (const row of rows) {
        await this.events.publish(row.subject, row.envelope);
        published.push(row.id);
      }
    } finally {
      // The rows published are marked; the others (a publication failed) are released for the next
      // pass rather than left to their lease.
      const ids = (list: readonly string[]) => `{${list.join(',')}}`;
      await connection.execute(
        `update ${table} set published_at = case when id = any(?::uuid[]) then now() end, claimed_until = null where id = any(?::uuid[])`,
        [ids(published), ids(rows.map((row) => row.id))],
        'run',
      );
    }
    return rows.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }
}
