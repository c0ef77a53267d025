import type { RequiredEntityData } from '@mikro-orm/core';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ExportJob } from './export-job.entity';

/** A job a worker holds: the lease token proves it is still the holder. */
export interface ClaimedJob {
  id: string;
  tenantId: string;
  procedureId: string;
  /** The instructor groups the export covers; null for the whole procedure. */
  groupIds: string[] | null;
  objectKey: string;
  attempts: number;
  leaseToken: string;
}

interface ClaimedRow {
  id: string;
  tenant_id: string;
  procedure_id: string;
  group_ids: string[] | null;
  object_key: string;
  attempts: number;
}

/**
 * Data access for export jobs. Agents' reads are scoped by tenant; the worker's queue operations
 * work across tenants by nature and say so in their names. The injected EntityManager resolves to
 * the request's (or the worker step's) own context.
 */
@Injectable()
export class ExportJobRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  findInTenant(tenantId: string, exportId: string): Promise<ExportJob | null> {
    return this.em.findOne(ExportJob, { id: exportId, tenantId });
  }

  create(data: RequiredEntityData<ExportJob>): ExportJob {
    return this.em.create(ExportJob, data);
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }

  /** Runs `work` in a transaction; this repository's calls inside it join the transaction. */
  inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em.transactional(work);
  }

  /**
   * Queue, any tenant: takes the oldest pending job, or a running one whose lease has expired (its
   * worker died), and leases it. SKIP LOCKED lets several workers claim side by side.
   */
  async claimNextForWorker(leaseToken: string, leaseSeconds: number): Promise<ClaimedJob | undefined> {
    const rows = (await this.em.getConnection().execute(
      `update "exports"."export_job" set status = 'running', lease_token = ?, lease_expires_at = now() + make_interval(secs => ?::double precision), attempts = attempts + 1
       where id = (
         select id from "exports"."export_job"
         where status = 'pending' or (status = 'running' and lease_expires_at < now())
         order by created_at, id
         limit 1
         for update skip locked
       )
       returning id, tenant_id, procedure_id, group_ids, object_key, attempts`,
      [leaseToken, leaseSeconds],
      'all',
    )) as ClaimedRow[];
    const row = rows[0];
    if (!row) return undefined;
    return { id: row.id, tenantId: row.tenant_id, procedureId: row.procedure_id, groupIds: row.group_ids, objectKey: row.object_key, attempts: row.attempts, leaseToken };
  }

  /** Queue: extends the lease; false when the job is no longer this worker's. */
  async renewLease(job: ClaimedJob, leaseSeconds: number): Promise<boolean> {
    const updated = await this.em.nativeUpdate(
      ExportJob,
      { id: job.id, tenantId: job.tenantId, leaseToken: job.leaseToken, status: 'running' },
      { leaseExpiresAt: new Date(Date.now() + leaseSeconds * 1000) },
    );
    return updated === 1;
  }

  /** Queue: hands the job back untouched (the worker is shutting down). */
  async release(job: ClaimedJob): Promise<void> {
    await this.em.nativeUpdate(
      ExportJob,
      { id: job.id, tenantId: job.tenantId, leaseToken: job.leaseToken, status: 'running' },
      { status: 'pending', leaseToken: null, leaseExpiresAt: null, attempts: job.attempts - 1 },
    );
  }

  /** Queue: the job row locked for its final update, if this worker still holds it. */
  findHeldForUpdate(job: ClaimedJob): Promise<ExportJob | null> {
    return this.em.findOne(ExportJob, { id: job.id, tenantId: job.tenantId, leaseToken: job.leaseToken, status: 'running' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }
}
