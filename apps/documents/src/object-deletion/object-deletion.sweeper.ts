import { LockMode, MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER } from '@guichet/platform-service';
import { ObjectStorage } from '@guichet/platform-storage';
import type { DocumentsBucket } from '../buckets';
import { DOCUMENTS_CONFIG, type DocumentsConfig } from '../config';
import { ObjectDeletion } from './object-deletion.entity';
import { InsertedThenCommittedSubscriber, WorkerLoop } from '@guichet/platform-persistence';

/** Deletions claimed per transaction. */
const batchSize = 100;
/** Attempts after which a failure is logged as an error (the row is still retried, hourly at most). */
const alarmAfterAttempts = 8;
const maxBackoffMs = 3_600_000;

/** Wait before the next attempt after `attempts` failures: doubling from the base, an hour at most. */
export function objectDeletionBackoffMs(attempts: number, baseMs: number): number {
  return Math.min(maxBackoffMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Removes the S3 objects queued in `object_deletion`. Rows are claimed with `for update skip
 * locked` (replicas share the work), the object removed (removing a missing object succeeds, so a
 * repeat is harmless) and the row deleted; a failure keeps the row with a later `nextAttemptAt`.
 * Kicked after each commit that queues deletions, and every `OBJECT_SWEEP_INTERVAL_MS` for retries.
 */
@Injectable()
export class ObjectDeletionSweeper implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly loop: WorkerLoop;
  private stopped = true;

  constructor(
    private readonly orm: MikroORM,
    @Inject(ObjectStorage) private readonly storage: ObjectStorage<DocumentsBucket>,
    @Inject(DOCUMENTS_CONFIG) private readonly config: DocumentsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.loop = new WorkerLoop({
      pass: () => this.sweep(),
      intervalMs: config.OBJECT_SWEEP_INTERVAL_MS,
      onError: (error) => this.logger.warn({ err: error }, 'object deletion sweep failed; will retry'),
    });
  }

  onModuleInit(): void {
    this.orm.em.getEventManager().registerSubscriber(new InsertedThenCommittedSubscriber(ObjectDeletion, () => this.kick()));
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  kick(): void {
    this.loop.kick();
  }

  /** Handles the due deletions; resolves with how many objects were removed. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (;;) {
      const { claimed, done } = await this.orm.em.fork().transactional(async (tx) => {
        const due = await tx.find(
          ObjectDeletion,
          { nextAttemptAt: { $lte: new Date() } },
          { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, limit: batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
        );
        let succeeded = 0;
        for (const row of due) {
          try {
            await this.storage.remove(row.bucket as DocumentsBucket, row.objectKey);
            tx.remove(row);
            succeeded += 1;
          } catch (error) {
            row.attempts += 1;
            row.lastError = error instanceof Error ? error.message.slice(0, 1000) : String(error);
            row.nextAttemptAt = new Date(Date.now() + objectDeletionBackoffMs(row.attempts, this.config.OBJECT_DELETION_BACKOFF_MS));
            const log = { bucket: row.bucket, objectKey: row.objectKey, attempts: row.attempts, error: row.lastError, retryAt: row.nextAttemptAt };
            if (row.attempts >= alarmAfterAttempts) this.logger.error(log, 'S3 object still not deleted');
            else this.logger.warn(log, 'S3 object deletion failed, will retry');
          }
        }
        return { claimed: due.length, done: succeeded };
      });
      removed += done;
      if (claimed < batchSize || this.stopped) break;
    }
    return removed;
  }
}
