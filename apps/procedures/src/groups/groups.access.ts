import { Inject, Injectable } from '@nestjs/common';
import type { BusContext } from '@guichet/contracts';
import { assertMayEditProcedure, mayReadProcedure, procedureNotFound, readScope } from '../procedure/procedure.policy';
import { ProcedureRepository, type ProcedureWithRevisions } from '../procedure/procedure.repository';
import type { Procedure } from '../procedure/procedure.entity';

/**
 * Who may touch a procedure's groups: its tenant's agents and system callers read and route, its
 * administrateurs edit; anyone else is told the procedure does not exist.
 */
@Injectable()
export class GroupsAccess {
  constructor(@Inject(ProcedureRepository) private readonly procedures: ProcedureRepository) {}

  private async find(ctx: BusContext, procedureId: string): Promise<Procedure> {
    const scope = readScope(ctx);
    const procedure = scope === null ? null : scope === 'any' ? await this.procedures.findByIdForSystem(procedureId) : await this.procedures.findInTenant(scope.tenantId, procedureId);
    if (procedure === null) throw procedureNotFound();
    return procedure;
  }

  async forRead(ctx: BusContext, procedureId: string): Promise<Procedure> {
    const procedure = await this.find(ctx, procedureId);
    if (!mayReadProcedure(ctx, procedure.tenantId)) throw procedureNotFound();
    return procedure;
  }

  async forEdit(ctx: BusContext, procedureId: string): Promise<Procedure> {
    const procedure = await this.find(ctx, procedureId);
    assertMayEditProcedure(ctx, procedure.tenantId);
    return procedure;
  }

  /** With its draft and published forms, to check routing rules against their fields. */
  withRevisions(procedure: Procedure): Promise<ProcedureWithRevisions> {
    return this.procedures.loadRevisions(procedure);
  }
}
