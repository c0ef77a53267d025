import type { BusContext } from '@guichet/contracts';
import { assertMayEditProcedure, procedureNotFound } from '../procedure.policy';
import { tenantOf } from '@guichet/platform-access';
import type { ProcedureRepository, ProcedureWithRevisions } from '../procedure.repository';

/**
 * Loads a procedure for an edit, row-locked until the caller's transaction ends, after checking
 * that the caller administers it. Another tenant's procedure is simply not found.
 */
export async function loadProcedureForEdit(procedures: ProcedureRepository, ctx: BusContext, procedureId: string): Promise<ProcedureWithRevisions> {
  const tenantId = tenantOf(ctx);
  if (tenantId === undefined) throw procedureNotFound();
  const procedure = await procedures.findInTenant(tenantId, procedureId, { lock: true });
  if (procedure === null) throw procedureNotFound();
  assertMayEditProcedure(ctx, procedure.tenantId);
  return procedures.loadRevisions(procedure);
}
