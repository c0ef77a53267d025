import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier as DossierDto, type dossierContracts, type DossierForm, type DossierSummary, type RequestOf, type ResponseOf } from '@guichet/contracts';
import { accountOf, AgentScopes, narrowScope, scopeIncludes, type AgentScope } from '@guichet/platform-access';
import { submittedStates } from '@guichet/dossier-state';
import type { Dossier } from './dossier.entity';
import { toAgentDossierDto, toDossierDto, toDossierSummary, type TraitementData } from './dossier.mapper';
import { dossierNotFound, signInRequired } from './dossier.policy';
import { DossierRepository } from './dossier.repository';
import { ProcedureForms } from './procedure-forms.service';

/** A usager rarely has more than a few dozen dossiers; the bound only protects the service. */
const maxOwnedListed = 1_000;

/** Reads: one dossier, the usager's dossiers, a procedure's dossiers for its agents. */
@Injectable()
export class DossierQueries {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(ProcedureForms) private readonly forms: ProcedureForms,
    @Inject(AgentScopes) private readonly scopes: AgentScopes,
  ) {}

  /**
   * The owner, the agents whose scope covers it (administrateurs of its tenant, instructeurs of its
   * group; never a brouillon) and the system for its tenant; anyone else: NOT_FOUND.
   */
  async get(payload: RequestOf<typeof dossierContracts.get>, ctx: BusContext): Promise<DossierDto> {
    // The usager's own read: one statement, dossier and history together.
    const accountId = accountOf(ctx);
    const owned = accountId !== undefined ? await this.dossiers.readOwned(accountId, payload.dossierId) : null;
    if (owned !== null) return toDossierDto(owned.dossier, owned.traitements);
    const { dossier, scope } = await this.readableWithScope(payload.dossierId, ctx);
    // Agents (and the system) see who follows it, and whether they instruct it; its usager does not.
    if (scope !== undefined) return { ...(await this.dossiers.agentView(dossier)), mayInstruct: await this.instructs(dossier, scope, ctx) };
    return (await this.withHistory([dossier]))[0] as DossierDto;
  }

  /** Its usager, and the agents whose scope covers it; anyone else is told it does not exist. */
  private async readable(dossierId: string, ctx: BusContext): Promise<Dossier> {
    return (await this.readableWithScope(dossierId, ctx)).dossier;
  }

  /** The dossier, and the agent scope it was found in (undefined when read as its usager). */
  private async readableWithScope(dossierId: string, ctx: BusContext): Promise<{ dossier: Dossier; scope: AgentScope | undefined }> {
    const accountId = accountOf(ctx);
    const owned = accountId !== undefined ? await this.dossiers.findOwned(accountId, dossierId) : null;
    if (owned !== null) return { dossier: owned, scope: undefined };
    const scope = await this.scopes.forReading(ctx);
    const dossier = scope !== undefined ? await this.dossiers.findInScope(scope, dossierId) : null;
    if (dossier === null || scope === undefined) throw dossierNotFound();
    return { dossier, scope };
  }

  /**
   * Whether the agent who read the dossier in `scope` instructs it: an instructeur reads only the
   * dossiers of their groups, all of which they instruct; an administrateur, only those of the
   * groups they are also an instructeur of (`InstructionAccess` decides the same way at each action).
   */
  private async instructs(dossier: Dossier, scope: AgentScope, ctx: BusContext): Promise<boolean> {
    if (scope.kind !== 'tenant') return true;
    const acting = await this.scopes.forActing(ctx);
    return acting !== undefined && scopeIncludes(acting, dossier);
  }

  /**
   * The fields a dossier is filled with (its revision; the draft for a test dossier), for the same
   * readers as `get`; agents also get the private annotation fields, its usager does not.
   */
  async form(payload: RequestOf<typeof dossierContracts.form>, ctx: BusContext): Promise<DossierForm> {
    const dossier = await this.readable(payload.dossierId, ctx);
    const [{ revision }, status] = await Promise.all([this.forms.revisionFormOf(dossier.revisionId, dossier.tenantId, ctx), this.forms.statusOf(dossier.procedureId, dossier.tenantId, ctx)]);
    const byAgent = dossier.usagerAccountId !== accountOf(ctx);
    return {
      dossierId: dossier.id,
      revisionId: revision.id,
      test: dossier.test,
      fields: revision.fields,
      ...(byAgent ? { annotations: revision.annotations } : {}),
      submissionMessage: status.settings.submissionMessage,
    };
  }

  async listMine(_payload: RequestOf<typeof dossierContracts.listMine>, ctx: BusContext): Promise<{ items: DossierSummary[] }> {
    const accountId = accountOf(ctx);
    if (accountId === undefined) throw signInRequired('voir vos dossiers');
    const owned = await this.dossiers.listOwned(accountId, maxOwnedListed);
    return { items: owned.map(toDossierSummary) };
  }

  /**
   * Keyset pagination on the dossier number: `after` is the last number of the previous page, so a
   * page costs the same at the millionth dossier as at the first. Brouillons are left out unless
   * asked for.
   */
  async listForProcedure(payload: RequestOf<typeof dossierContracts.listForProcedure>, ctx: BusContext): Promise<ResponseOf<typeof dossierContracts.listForProcedure>> {
    const scope = await this.scopes.forReading(ctx);
    if (scope === undefined) throw new GuichetError('FORBIDDEN', 'Seuls les agents de l’organisme peuvent lister les dossiers de ses démarches.');
    const after = parseCursor(payload.after);
    const states = payload.states !== undefined && payload.states.length > 0 ? payload.states : submittedStates;
    // One more than asked tells whether another page exists without a count.
    const rows = await this.dossiers.pageForProcedure(narrowScope(scope, payload.groupIds), payload.procedureId, states, after, payload.limit + 1);
    const page = rows.slice(0, payload.limit);
    const last = page.at(-1);
    // Agents and exports only (the contract admits no usager): with the private annotations.
    return { items: await this.withHistory(page, toAgentDossierDto), nextCursor: rows.length > payload.limit && last !== undefined ? String(last.number) : null };
  }

  private async withHistory(dossiers: Dossier[], map: (dossier: Dossier, traitements: readonly TraitementData[]) => DossierDto = toDossierDto): Promise<DossierDto[]> {
    const traitements = await this.dossiers.traitementsOf(dossiers);
    return dossiers.map((dossier) => map(dossier, traitements.get(dossier.id) ?? []));
  }
}

function parseCursor(after: string | undefined): number | undefined {
  if (after === undefined) return undefined;
  // Dossier numbers are PostgreSQL integers.
  if (!/^\d{1,10}$/.test(after) || Number(after) > 2_147_483_647) {
    throw new GuichetError('VALIDATION_FAILED', 'Le curseur de pagination est invalide.', { after: 'Indiquez le numéro du dernier dossier de la page précédente.' });
  }
  return Number(after);
}
