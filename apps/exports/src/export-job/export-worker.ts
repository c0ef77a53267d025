import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { dossierContracts, exportEvents, GuichetError, procedureContracts, type BusContext } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { addToOutbox, OutboxRelay } from '@guichet/platform-persistence';
import { LOGGER } from '@guichet/platform-service';
import { ObjectStorage } from '@guichet/platform-storage';
import { dossierColumns } from '../csv/dossier-columns';
import { buckets, type ExportsBucket } from '../buckets';
import { writeDossiersCsv } from './dossier-csv.producer';
import { ExportJobRepository, type ClaimedJob } from './export-job.repository';

export interface ExportWorkerSettings {
  leaseSeconds: number;
  pollMs: number;
}
export const EXPORT_WORKER_SETTINGS = Symbol('exports:worker-settings');

/** Dossiers asked per page from the dossiers service. */
export const PAGE_SIZE = 200;
/** A job taken this many times without finishing (its worker died each time) is given up. */
export const MAX_ATTEMPTS = 3;

class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/**
 * Produces exports in the background, one at a time per process: claims the oldest pending job
 * (or one whose worker died, once its lease has expired), streams the CSV page by page to S3, then
 * marks it ready and announces it through the outbox. Started at boot, stopped at shutdown.
 */
@Injectable()
export class ExportWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private loop: Promise<void> | undefined;
  private stopped = true;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private current: AbortController | undefined;

  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ObjectStorage) private readonly storage: ObjectStorage<ExportsBucket>,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(EXPORT_WORKER_SETTINGS) private readonly settings: ExportWorkerSettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.loop = this.run();
  }

  /** Before the platform closes the bus and the database: the job in hand is handed back. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.current?.abort();
    this.wake();
    await this.loop;
  }

  /** A new job was queued: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.logger.error({ err: error as Error }, 'export worker pass failed; will retry');
      }
      if (!worked && !this.stopped && !this.woken) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.settings.pollMs);
      this.wakeUp = done;
    });
  }

  /** Each step in its own unit of work, as a request handler would have. */
  private step<T>(work: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.orm.em, work);
  }

  /** Claims and produces one export; false when there was nothing to do. */
  async runOnce(): Promise<boolean> {
    const job = await this.step(() => this.jobs.claimNextForWorker(randomUUID(), this.settings.leaseSeconds));
    if (!job) return false;
    await this.process(job);
    return true;
  }

  private async process(job: ClaimedJob): Promise<void> {
    if (job.attempts > MAX_ATTEMPTS) {
      this.logger.error({ exportId: job.id, attempts: job.attempts }, 'export abandoned after repeated interruptions');
      await this.finish(job, { failed: 'L’export a été interrompu à plusieurs reprises. Relancez-le ; si le problème persiste, contactez le support.' });
      return;
    }
    const controller = new AbortController();
    this.current = controller;
    try {
      const dossierCount = await this.produce(job, controller.signal);
      await this.finish(job, { dossierCount });
    } catch (error) {
      if (this.stopped && controller.signal.aborted) {
        await this.step(() => this.jobs.release(job));
        return;
      }
      if (error instanceof LeaseLostError) {
        this.logger.warn({ exportId: job.id }, 'export lease lost: another worker took the job over');
        return;
      }
      const errorId = randomUUID();
      this.logger.error({ err: error as Error, errorId, exportId: job.id }, 'export failed');
      await this.finish(job, { failed: failureMessage(error, errorId) });
    } finally {
      this.current = undefined;
    }
  }

  /** Streams the CSV to S3 while pages arrive: never more than about a page and an upload part in memory. */
  private async produce(job: ClaimedJob, signal: AbortSignal): Promise<number> {
    const ctx: BusContext = { system: 'exports', tenantId: job.tenantId };
    const procedure = await this.bus.request(procedureContracts.get, { procedureId: job.procedureId }, ctx);
    const revision = procedure.publishedRevision ?? procedure.draftRevision;
    const columns = dossierColumns(revision.fields, revision.annotations);
    const body = new PassThrough();
    const upload = this.storage.uploadStream(buckets.exports, job.objectKey, body, 'text/csv; charset=utf-8');
    // Awaited below; until then a failed upload shows as a destroyed stream to the writer.
    upload.catch(() => undefined);
    let count: number;
    try {
      count = await writeDossiersCsv(
        body,
        columns,
        (after) => this.bus.request(dossierContracts.listForProcedure, { procedureId: job.procedureId, limit: PAGE_SIZE, ...(job.groupIds !== null ? { groupIds: job.groupIds } : {}), ...(after !== undefined ? { after } : {}) }, ctx),
        async () => {
          if (!(await this.step(() => this.jobs.renewLease(job, this.settings.leaseSeconds)))) throw new LeaseLostError();
        },
        signal,
      );
      body.end();
    } catch (error) {
      body.destroy(error instanceof Error ? error : new Error(String(error)));
      await upload.catch(() => undefined);
      throw error;
    }
    await upload;
    return count;
  }

  /** Records the outcome if this worker still holds the job; a ready export is announced in the same transaction. */
  private async finish(job: ClaimedJob, outcome: { dossierCount: number } | { failed: string }): Promise<void> {
    await this.step(() =>
      this.jobs.inTransaction(async (em) => {
        const row = await this.jobs.findHeldForUpdate(job);
        if (!row) return;
        row.leaseToken = null;
        row.leaseExpiresAt = null;
        if ('failed' in outcome) {
          row.status = 'failed';
          row.error = outcome.failed;
          return;
        }
        row.status = 'ready';
        row.dossierCount = outcome.dossierCount;
        row.readyAt = new Date();
        row.error = null;
        addToOutbox(em, exportEvents.ready, { exportId: row.id, procedureId: row.procedureId, dossierCount: outcome.dossierCount }, { system: 'exports', tenantId: row.tenantId });
      }),
    );
    this.relay.kick();
  }
}

/** What the agent reads when an export failed: French, with a reference to the logs for internal errors. */
export function failureMessage(error: unknown, errorId: string): string {
  if (error instanceof GuichetError) {
    switch (error.code) {
      case 'UNAVAILABLE':
      case 'TIMEOUT':
        return 'Un service nécessaire à l’export n’a pas répondu. Relancez l’export dans quelques minutes.';
      case 'NOT_FOUND':
        return 'La démarche n’existe plus ou n’est plus accessible.';
      default:
        break;
    }
  }
  return `L’export n’a pas pu être produit à la suite d’une erreur interne (référence ${errorId}). Relancez-le ; si le problème persiste, contactez le support.`;
}
