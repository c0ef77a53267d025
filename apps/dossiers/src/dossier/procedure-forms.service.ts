import { Inject, Injectable } from '@nestjs/common';
import { compileRoutingRule, compileRoutingTable, routeWith, type GeoResolver, type RoutingTable } from '@guichet/conditions';
import {
  groupContracts,
  GuichetError,
  procedureContracts,
  procedureNotices,
  type BusContext,
  type GroupeInstructeur,
  type ProcedureSnapshot,
  type ProcedureStatus,
  type ResponseOf,
  type Revision,
} from '@guichet/contracts';
import type { FormValues } from '@guichet/forms';
import { compileForm, geoFromLocations, type CompiledForm } from '@guichet/forms';
import { nodeLocationCatalogue } from '@guichet/forms-node';
import { Bus, NoticedCache } from '@guichet/platform-bus';

/** What a new dossier needs to know about its procedure. */
export interface ProcedureForDossier {
  procedureId: string;
  tenantId: string;
  title: string;
  revisionId: string;
}

const deadlinePassed = (closesAt: string | null, now: number = Date.now()): boolean => closesAt !== null && Date.parse(closesAt) <= now;

const procedureClosed = (): GuichetError => new GuichetError('PROCEDURE_CLOSED', 'Cette démarche est close : elle n’accepte plus de nouveaux dossiers.');

/**
 * Whether a brouillon may be submitted on the procedure (as demarches-simplifiees.fr): yes while it
 * is published, in test (brouillon) or depublished (its link is gone, dossiers started go on); no
 * once it is closed or its deadline has passed.
 */
export function assertAcceptsSubmission(status: Pick<ProcedureStatus, 'state' | 'closesAt'>, now: number = Date.now()): void {
  if (status.state === 'close') throw new GuichetError('PROCEDURE_CLOSED', 'Cette démarche est close : le dossier ne peut plus être déposé.');
  if (deadlinePassed(status.closesAt, now)) throw new GuichetError('PROCEDURE_CLOSED', 'La date limite de dépôt des dossiers de cette démarche est passée : le dossier ne peut plus être déposé.');
}

/** Published revisions never change, so their compiled forms are kept; the bound keeps memory flat. */
const maxCachedForms = 500;

/** Procedures whose snapshot is kept; the least recently used go first. */
const maxKeptProcedures = 1_000;

let geo: GeoResolver | undefined;

/** Official geography for département/région routing rules, loaded at the first compilation. */
function geography(): GeoResolver {
  geo ??= geoFromLocations(nodeLocationCatalogue());
  return geo;
}

/** A procedure as this service keeps it: its snapshot and the routing table compiled from it. */
interface KeptProcedure {
  snapshot: ProcedureSnapshot;
  routing: RoutingTable | null;
}

const procedureNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Démarche introuvable.');

/** A revision and the forms compiled from it. */
export interface RevisionForm {
  revision: Revision;
  form: CompiledForm;
  /** The private annotation fields, filled by instructeurs (their conditions read the usager's values too). */
  annotations: CompiledForm;
}

/** Asks the procedures service (over the bus, by contract only) for procedures and their forms. */
@Injectable()
export class ProcedureForms {
  private readonly forms = new Map<string, Promise<RevisionForm>>();
  /**
   * What starting and submitting a dossier read of its procedure (status, title, published revision,
   * routing), kept until procedures announces a change of it (`procedure.changed`, sent before the
   * change's reply, so the next request after a closure is refused), or the bus may have missed one.
   */
  private readonly procedures: NoticedCache<KeptProcedure>;

  constructor(@Inject(Bus) private readonly bus: Bus) {
    this.procedures = new NoticedCache<KeptProcedure>({ maxOwners: maxKeptProcedures }).follow(bus, procedureNotices.changed, ({ procedureId }) => procedureId);
  }

  /**
   * The procedure's snapshot, kept or asked for (as the system, any tenant: the caller checks it).
   * Rejects with UNAVAILABLE when procedures does not serve snapshots (a rolling deployment): the
   * callers then ask the former way.
   */
  private snapshotOf(procedureId: string, ctx: BusContext): Promise<KeptProcedure> {
    return this.procedures.get(procedureId, 'snapshot', async () => {
      const snapshot = await this.bus.request(procedureContracts.getSnapshot, { procedureId }, { system: 'dossiers', ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) });
      const routing = snapshot.routing === null ? null : compileRoutingTable(snapshot.routing.version, snapshot.status.tenantId, snapshot.routing.groups, (rule) => compileRoutingRule(rule, geography()));
      return { snapshot, routing };
    });
  }

  /** `snapshotOf`, or null when procedures does not serve snapshots (the caller asks the former way). */
  private async snapshotOrNull(procedureId: string, ctx: BusContext): Promise<KeptProcedure | null> {
    try {
      return await this.snapshotOf(procedureId, ctx);
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'UNAVAILABLE') return null;
      throw error;
    }
  }

  /** The snapshot of a procedure of `tenantId`; null as `snapshotOrNull`. */
  private async tenantSnapshot(procedureId: string, tenantId: string, ctx: BusContext): Promise<KeptProcedure | null> {
    const kept = await this.snapshotOrNull(procedureId, ctx);
    if (kept !== null && kept.snapshot.status.tenantId !== tenantId) throw procedureNotFound();
    return kept;
  }

  /**
   * The procedure a usager starts a dossier on, with the revision being served, in one request:
   * procedures applies the public read's rule (published or closed, anything else NOT_FOUND) and
   * names the published revision, to the system only. A procedures service that does not serve
   * that request yet (a rolling deployment) is asked the former way (`publishedProcedure`).
   */
  async procedureForNewDossier(procedureId: string, ctx: BusContext): Promise<ProcedureForDossier> {
    const kept = await this.snapshotOrNull(procedureId, ctx);
    return kept === null ? this.askedForNewDossier(procedureId, ctx) : forNewDossier(kept.snapshot);
  }

  /** `procedureForNewDossier`, asked of a procedures service that keeps no snapshot. */
  private async askedForNewDossier(procedureId: string, ctx: BusContext): Promise<ProcedureForDossier> {
    let procedure: ResponseOf<typeof procedureContracts.getForNewDossier>;
    try {
      procedure = await this.bus.request(procedureContracts.getForNewDossier, { procedureId }, { system: 'dossiers', ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) });
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'UNAVAILABLE') return this.publishedProcedure(procedureId, ctx);
      throw error;
    }
    if (procedure.state === 'close') throw procedureClosed();
    if (deadlinePassed(procedure.closesAt)) throw new GuichetError('PROCEDURE_CLOSED', 'La date limite de dépôt des dossiers de cette démarche est passée.');
    if (procedure.state !== 'publiee' || procedure.publishedRevisionId === null) {
      throw new GuichetError('PROCEDURE_NOT_PUBLISHED', 'Cette démarche n’accepte pas de nouveaux dossiers.');
    }
    return { procedureId: procedure.procedureId, tenantId: procedure.tenantId, title: procedure.title, revisionId: procedure.publishedRevisionId };
  }

  /**
   * The procedure a usager starts a dossier on, with the revision being served. `getPublic` on the
   * caller's behalf decides whether it is visible at all (NOT_FOUND, PROCEDURE_NOT_PUBLISHED come
   * from there); the revision id is not public, so it is read as the system, for that tenant.
   */
  async publishedProcedure(procedureId: string, ctx: BusContext): Promise<ProcedureForDossier> {
    const visible = await this.bus.request(procedureContracts.getPublic, { procedureId }, ctx);
    if (visible.state === 'close') throw procedureClosed();
    const procedure = await this.bus.request(procedureContracts.get, { procedureId }, this.systemContext(visible.tenant.id, ctx));
    const revision = procedure.publishedRevision;
    if (procedure.state === 'close') throw procedureClosed();
    if (deadlinePassed(procedure.closesAt)) throw new GuichetError('PROCEDURE_CLOSED', 'La date limite de dépôt des dossiers de cette démarche est passée.');
    if (procedure.state !== 'publiee' || revision === null) {
      throw new GuichetError('PROCEDURE_NOT_PUBLISHED', 'Cette démarche n’accepte pas de nouveaux dossiers.');
    }
    return { procedureId: procedure.id, tenantId: procedure.tenantId, title: procedure.title, revisionId: revision.id };
  }

  /**
   * The procedure a test dossier is started on: a brouillon (any signed-in account holding its test
   * link), with its draft revision. Read as the system, since a brouillon is not public.
   */
  async procedureInTest(procedureId: string, ctx: BusContext): Promise<ProcedureForDossier> {
    const procedure = await this.bus.request(procedureContracts.get, { procedureId }, { system: 'dossiers', ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) });
    if (procedure.state === 'close') throw procedureClosed();
    if (procedure.state !== 'brouillon') {
      throw new GuichetError('PROCEDURE_NOT_IN_TEST', 'Cette démarche n’est plus en test : commencez votre dossier depuis son adresse publique.');
    }
    return { procedureId: procedure.id, tenantId: procedure.tenantId, title: procedure.title, revisionId: procedure.draftRevision.id };
  }

  /** The compiled form of a revision of the tenant's procedures. */
  async formOf(revisionId: string, tenantId: string, ctx: BusContext): Promise<CompiledForm> {
    return (await this.revisionFormOf(revisionId, tenantId, ctx)).form;
  }

  /**
   * A revision and its compiled form. Published revisions are kept (they never change); a draft
   * (the form of test dossiers) is asked for afresh every time, since the administrateur edits it.
   */
  revisionFormOf(revisionId: string, tenantId: string, ctx: BusContext): Promise<RevisionForm> {
    const cached = this.forms.get(revisionId);
    if (cached !== undefined) {
      // Re-insert so the map's order is least recently used first.
      this.forms.delete(revisionId);
      this.forms.set(revisionId, cached);
      return cached;
    }
    const loading = this.bus
      .request(procedureContracts.getRevision, { revisionId }, this.systemContext(tenantId, ctx))
      // Location codes are checked against the official lists (loaded once per process).
      .then((revision) => ({
        revision,
        form: compileForm(revision.fields, { locations: nodeLocationCatalogue() }),
        annotations: compileForm(revision.annotations, { locations: nodeLocationCatalogue() }),
      }));
    // A failed fetch is not remembered, nor a draft: the next request asks again.
    const forget = () => {
      if (this.forms.get(revisionId) === loading) this.forms.delete(revisionId);
    };
    loading.then(({ revision }) => revision.publishedAt === null && forget(), forget);
    this.forms.set(revisionId, loading);
    while (this.forms.size > maxCachedForms) {
      const oldest = this.forms.keys().next().value;
      if (oldest === undefined) break;
      this.forms.delete(oldest);
    }
    return loading;
  }

  /**
   * The instructor group of a dossier being submitted, from the procedure's routing rules. A
   * procedures service that does not answer makes the submission fail: no dossier is left unrouted.
   */
  async route(procedureId: string, tenantId: string, values: FormValues, ctx: BusContext): Promise<GroupeInstructeur> {
    try {
      const group = await this.bus.request(groupContracts.route, { procedureId, values }, this.systemContext(tenantId, ctx));
      return { id: group.groupId, label: group.label };
    } catch (error) {
      if (error instanceof GuichetError && error.code !== 'UNAVAILABLE' && error.code !== 'TIMEOUT' && error.code !== 'INTERNAL') throw error;
      throw new GuichetError('UNAVAILABLE', 'Le dépôt est momentanément impossible : le service des démarches ne répond pas. Réessayez dans quelques instants.');
    }
  }

  /**
   * A submission's status and group in one request (`route_submission`): the group is null when
   * procedures judged that the procedure does not take it (the caller refuses it from the status,
   * or routes it with `route` if it disagrees). A procedures service that does not serve that
   * request yet (a rolling deployment) is asked the status alone. Unanswered: UNAVAILABLE, as
   * `statusOf` and `route`.
   */
  async routeSubmission(procedureId: string, tenantId: string, values: FormValues, test: boolean, ctx: BusContext): Promise<{ status: ProcedureStatus; group: GroupeInstructeur | null }> {
    const kept = await this.tenantSnapshot(procedureId, tenantId, ctx).catch(unavailableToFile);
    if (kept !== null) {
      // No group set yet: the caller routes with `route`, which creates the default group.
      const group = kept.routing === null ? null : routeWith(kept.routing, values);
      return { status: kept.snapshot.status, group: group === null ? null : { id: group.groupId, label: group.label } };
    }
    try {
      const { status, group } = await this.bus.request(procedureContracts.routeSubmission, { procedureId, values, test }, this.systemContext(tenantId, ctx));
      return { status, group: group === null ? null : { id: group.groupId, label: group.label } };
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'UNAVAILABLE') return { status: await this.statusOf(procedureId, tenantId, ctx), group: null };
      if (error instanceof GuichetError && error.code !== 'TIMEOUT' && error.code !== 'INTERNAL') throw error;
      throw new GuichetError('UNAVAILABLE', 'Le dépôt est momentanément impossible : le service des démarches ne répond pas. Réessayez dans quelques instants.');
    }
  }

  /** A group of the procedure, as its administrateurs set it now; null when the procedure has no such group. */
  async groupOf(procedureId: string, groupId: string, tenantId: string, ctx: BusContext): Promise<GroupeInstructeur | null> {
    try {
      const group = await this.bus.request(groupContracts.get, { procedureId, groupId }, this.systemContext(tenantId, ctx));
      return { id: group.id, label: group.label };
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'NOT_FOUND') return null;
      if (error instanceof GuichetError && error.code !== 'UNAVAILABLE' && error.code !== 'TIMEOUT' && error.code !== 'INTERNAL') throw error;
      throw new GuichetError('UNAVAILABLE', 'Le changement de groupe est momentanément impossible : le service des démarches ne répond pas. Réessayez dans quelques instants.');
    }
  }

  /**
   * The procedure's state, deadline and settings, read afresh (an administrateur may change them at
   * any time; the reply is small). Unanswered, the caller's action fails with UNAVAILABLE.
   */
  async statusOf(procedureId: string, tenantId: string, ctx: BusContext): Promise<ProcedureStatus> {
    const kept = await this.tenantSnapshot(procedureId, tenantId, ctx).catch(unavailableToFile);
    if (kept !== null) return kept.snapshot.status;
    try {
      return await this.bus.request(procedureContracts.getStatus, { procedureId }, this.systemContext(tenantId, ctx));
    } catch (error) {
      if (error instanceof GuichetError && error.code !== 'UNAVAILABLE' && error.code !== 'TIMEOUT' && error.code !== 'INTERNAL') throw error;
      throw new GuichetError('UNAVAILABLE', 'Le dépôt est momentanément impossible : le service des démarches ne répond pas. Réessayez dans quelques instants.');
    }
  }

  /** Work the dossiers service does for itself keeps the caller's trace. */
  private systemContext(tenantId: string, ctx: BusContext): BusContext {
    return { system: 'dossiers', tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) };
  }
}

/**
 * A new dossier's procedure from its snapshot, by the public read's rule: published (with its
 * published revision) or closed (to say so); anything else is not found, as procedures answers it.
 */
function forNewDossier(snapshot: ProcedureSnapshot): ProcedureForDossier {
  const { status, title, publishedRevisionId } = snapshot;
  if (status.state === 'close') throw procedureClosed();
  if (status.state !== 'publiee' || publishedRevisionId === null) throw procedureNotFound();
  if (deadlinePassed(status.closesAt)) throw new GuichetError('PROCEDURE_CLOSED', 'La date limite de dépôt des dossiers de cette démarche est passée.');
  return { procedureId: status.procedureId, tenantId: status.tenantId, title, revisionId: publishedRevisionId };
}

/** A procedures service that does not answer: filing waits for it (no dossier is filed unchecked). */
function unavailableToFile(error: unknown): never {
  if (error instanceof GuichetError && error.code !== 'TIMEOUT' && error.code !== 'INTERNAL') throw error;
  throw new GuichetError('UNAVAILABLE', 'Le dépôt est momentanément impossible : le service des démarches ne répond pas. Réessayez dans quelques instants.');
}
