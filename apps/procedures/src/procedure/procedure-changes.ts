import { Inject, Injectable } from '@nestjs/common';
import { groupNotices, procedureNotices } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';

/**
 * Tells the services that keep copies of a procedure (dossiers: its status, published revision and
 * routing; messaging: its e-mail templates) that it changed. Called once the change is committed
 * and before its reply is sent, so the caller's next request finds the copies gone.
 */
@Injectable()
export class ProcedureChanges {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  announce(procedureId: string): void {
    this.bus.notify(procedureNotices.changed, { procedureId });
  }

  /** Members of groups of the tenant's procedures changed (the agents' groups kept elsewhere go). */
  announceMembers(tenantId: string): void {
    this.bus.notify(groupNotices.membersChanged, { tenantId });
  }

  /** `work`'s result, the procedure announced as changed once it succeeded. */
  async after<T>(procedureId: string, work: Promise<T>): Promise<T> {
    const result = await work;
    this.announce(procedureId);
    return result;
  }
}
