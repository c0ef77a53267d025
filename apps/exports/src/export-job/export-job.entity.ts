import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export type ExportJobStatus = 'pending' | 'running' | 'ready' | 'failed';

/**
 * An export of a procedure's dossiers, produced by the worker in the background. While `running`
 * it is leased: a worker that stops renewing its lease (crash) loses the job to another one.
 */
@Entity({ tableName: 'export_job' })
@Index({ name: 'export_job_queue_idx', properties: ['status', 'createdAt'] })
@Index({ name: 'export_job_tenant_idx', properties: ['tenantId', 'createdAt'] })
export class ExportJob {
  [OptionalProps]?: 'format' | 'status' | 'attempts' | 'createdAt' | 'groupIds';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  /**
   * The instructor groups it covers: those of the instructeur who asked, at the time they asked
   * (an administrateur's export covers the whole procedure: null).
   */
  @Property({ type: 'jsonb', nullable: true })
  groupIds: string[] | null = null;

  /** The account of the agent who asked for it. */
  @Property({ type: 'uuid' })
  requestedBy!: string;

  @Property({ type: 'text' })
  format = 'csv' as const;

  @Property({ type: 'text' })
  status: ExportJobStatus = 'pending';

  @Property({ type: 'integer', nullable: true })
  dossierCount: number | null = null;

  /** French, shown to the agent when the export failed. */
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** `exports/<tenantId>/<id>.csv` in the exports bucket. */
  @Property({ type: 'text' })
  objectKey!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  readyAt: Date | null = null;

  /** How many times a worker took the job; a job that keeps killing its worker is given up. */
  @Property({ type: 'integer' })
  attempts: number = 0;

  /** Set by the worker that holds the job, so a worker that lost it cannot write over its successor. */
  @Property({ type: 'uuid', nullable: true })
  leaseToken: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null = null;
}
