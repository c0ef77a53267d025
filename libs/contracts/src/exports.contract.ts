import { z } from 'zod';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';
import { presignedUrlSchema } from './documents.contract';

export const exportJobSchema = z.object({
  id: uuid,
  procedureId: uuid,
  format: z.enum(['csv']),
  status: z.enum(['pending', 'running', 'ready', 'failed']),
  dossierCount: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: isoDateTime,
  readyAt: isoDateTime.nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

export const exportContracts = {
  create: defineRequest('exports', 'exports.export.create', z.object({ procedureId: uuid, format: z.enum(['csv']).default('csv') }), exportJobSchema),
  get: defineRequest('exports', 'exports.export.get', z.object({ exportId: uuid }), exportJobSchema),
  presignDownload: defineRequest('exports', 'exports.export.presign_download', z.object({ exportId: uuid }), z.object({ download: presignedUrlSchema })),
};

export const exportEvents = {
  ready: defineEvent('exports', 'export.ready', 1, z.object({ exportId: uuid, procedureId: uuid, dossierCount: z.number().int() })),
};
