import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, procedureContracts, type BusContext, type ExportJob as ExportJobDto, type Procedure, type RequestOf, type ResponseOf, type exportContracts } from '@guichet/contracts';
import { AgentScopes, groupsOfScope, type AgentScope } from '@guichet/platform-access';
import { Bus } from '@guichet/platform-bus';
import { ObjectStorage } from '@guichet/platform-storage';
import { exportNotFound, requireAgent } from '../authorization';
import { buckets, type ExportsBucket } from '../buckets';
import type { ExportJob } from './export-job.entity';
import { ExportJobRepository } from './export-job.repository';
import { ExportWorker } from './export-worker';

/** A presigned GET is used at once by the browser it is handed to. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

export function toExportJobDto(job: ExportJob): ExportJobDto {
  return {
    id: job.id,
    procedureId: job.procedureId,
    format: job.format,
    status: job.status,
    dossierCount: job.dossierCount,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    readyAt: job.readyAt?.toISOString() ?? null,
  };
}

/** Asking for exports and fetching them; the worker produces them. */
@Injectable()
export class ExportJobService {
  constructor(
    @Inject(ExportJobRepository) private readonly jobs: ExportJobRepository,
    @Inject(Bus) private readonly bus: Bus,
    @Inject(ObjectStorage) private readonly storage: ObjectStorage<ExportsBucket>,
    @Inject(ExportWorker) private readonly worker: ExportWorker,
    @Inject(AgentScopes) private readonly scopes: AgentScopes,
  ) {}

  async create(input: RequestOf<typeof exportContracts.create>, ctx: BusContext): Promise<ExportJobDto> {
    const caller = requireAgent(ctx, procedureNotFound);
    const procedure = await this.readProcedure(input.procedureId, ctx);
    if (procedure.tenantId !== caller.tenantId) throw procedureNotFound();
    // An instructeur exports the dossiers of their groups, as they are when the export is asked.
    const scope = await this.scopes.forReadingProcedure(ctx, procedure.id);
    if (scope === undefined) throw procedureNotFound();
    const groupIds = groupsOfScope(scope);
    const id = randomUUID();
    const job = this.jobs.create({
      id,
      tenantId: caller.tenantId,
      procedureId: procedure.id,
      groupIds: groupIds === null ? null : [...groupIds],
      requestedBy: caller.accountId,
      format: input.format,
      objectKey: `exports/${caller.tenantId}/${id}.csv`,
    });
    await this.jobs.flush();
    this.worker.wake();
    return toExportJobDto(job);
  }

  async get(exportId: string, ctx: BusContext): Promise<ExportJobDto> {
    const { job } = await this.findReadable(exportId, ctx);
    return toExportJobDto(job);
  }

  async presignDownload(exportId: string, ctx: BusContext): Promise<ResponseOf<typeof exportContracts.presignDownload>> {
    const { job, procedure } = await this.findReadable(exportId, ctx);
    if (job.status === 'failed') throw new GuichetError('EXPORT_NOT_READY', `L’export a échoué : ${job.error ?? 'erreur inconnue'}`);
    if (job.status !== 'ready') throw new GuichetError('EXPORT_NOT_READY', 'L’export est en cours de préparation ; réessayez dans quelques instants.');
    const day = (job.readyAt ?? job.createdAt).toISOString().slice(0, 10);
    const fileName = `${procedure.path}-dossiers-${day}.csv`;
    return { download: await this.storage.presignGet(buckets.exports, job.objectKey, DOWNLOAD_URL_SECONDS, fileName, 'text/csv; charset=utf-8') };
  }

  /** An export of the caller's tenant, whose procedure the caller may still read (procedures decides). */
  private async findReadable(exportId: string, ctx: BusContext): Promise<{ job: ExportJob; procedure: Procedure }> {
    const caller = requireAgent(ctx);
    const job = await this.jobs.findInTenant(caller.tenantId, exportId);
    if (!job) throw exportNotFound();
    if (job.requestedBy !== caller.accountId && !covers(await this.scopes.forReadingProcedure(ctx, job.procedureId), job.groupIds)) throw exportNotFound();
    try {
      return { job, procedure: await this.readProcedure(job.procedureId, ctx) };
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'NOT_FOUND') throw exportNotFound();
      throw error;
    }
  }

  /** Asked with the caller's own context, so the procedures service applies its own rules. */
  private async readProcedure(procedureId: string, ctx: BusContext): Promise<Procedure> {
    try {
      return await this.bus.request(procedureContracts.get, { procedureId }, ctx);
    } catch (error) {
      if (error instanceof GuichetError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) throw procedureNotFound();
      throw error;
    }
  }
}

/** Whether a scope covers every dossier an export of these groups (null: all) may hold. */
function covers(scope: AgentScope | undefined, groupIds: readonly string[] | null): boolean {
  if (scope === undefined) return false;
  const mine = groupsOfScope(scope);
  return mine === null || (groupIds !== null && groupIds.every((id) => mine.includes(id)));
}

const procedureNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Démarche introuvable.');
