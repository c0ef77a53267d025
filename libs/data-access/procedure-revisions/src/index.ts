import { Inject, Injectable } from '@nestjs/common';
import { procedureContracts, type BusContext, type Revision } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';

/** How many published revisions a process keeps; the least recently used go first. */
export const maxKeptRevisions = 500;

/**
 * Revisions of procedures (their fields and private annotations), for services that render a
 * dossier's values (e-mails, attestations). A published revision never changes (publishing makes a
 * new one), so once read it is kept in memory and reading it again costs no request; a draft (the
 * form of test dossiers, which the administrateur edits) is asked for every time. Nothing mutable
 * of a procedure (its templates, settings, state) is kept here.
 */
@Injectable()
export class ProcedureRevisions {
  private readonly kept = new Map<string, Promise<Revision>>();

  constructor(@Inject(Bus) private readonly bus: Bus) {}

  /** The revision as procedures answers it to `ctx`; a kept one only for a caller of its tenant (or naming none). */
  get(revisionId: string, ctx: BusContext): Promise<Revision> {
    const cached = this.kept.get(revisionId);
    if (cached !== undefined) {
      return cached.then((revision) => (ctx.tenantId === undefined || revision.tenantId === ctx.tenantId ? this.touched(revisionId, cached) : this.ask(revisionId, ctx)));
    }
    const loading = this.ask(revisionId, ctx);
    this.kept.set(revisionId, loading);
    // A failed read is not remembered, nor a draft: the next caller asks again.
    const forget = () => {
      if (this.kept.get(revisionId) === loading) this.kept.delete(revisionId);
    };
    loading.then((revision) => revision.publishedAt === null && forget(), forget);
    while (this.kept.size > maxKeptRevisions) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
    return loading;
  }

  private ask(revisionId: string, ctx: BusContext): Promise<Revision> {
    return this.bus.request(procedureContracts.getRevision, { revisionId }, ctx);
  }

  /** Re-inserted, so the map's order is least recently used first. */
  private touched(revisionId: string, kept: Promise<Revision>): Promise<Revision> {
    if (this.kept.get(revisionId) === kept) {
      this.kept.delete(revisionId);
      this.kept.set(revisionId, kept);
    }
    return kept;
  }
}
