import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { dossierClosureContracts, GuichetError, type BrouillonUsager, type BusContext, type RequestOf, type ResponseOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';

type Request = RequestOf<typeof dossierClosureContracts.listBrouillonUsagers>;
type Response = ResponseOf<typeof dossierClosureContracts.listBrouillonUsagers>;

/**
 * The usagers who have a dossier in brouillon on a procedure, for messaging to tell them the
 * procedure closed. One row per address (case-insensitive), the names of the latest brouillon;
 * test dossiers count (real accounts testing). Keyset pages on the lower-case address: a page reads
 * the procedure's brouillons through the (tenant, procedure, number) index and sorts only those
 * past the cursor, never an offset.
 */
@Injectable()
export class BrouillonUsagersHandlers {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  @OnRequest(dossierClosureContracts.listBrouillonUsagers)
  async list({ procedureId, after, limit }: Request, ctx: BusContext): Promise<Response> {
    // A list of personal data for the platform's own work: no account, agent or not, reads it.
    if (ctx.system === undefined || ctx.tenantId === undefined) {
      throw new GuichetError('FORBIDDEN', 'Cette liste est réservée aux services de la plateforme.');
    }
    const rows = (await this.em.getConnection().execute(
      `select distinct on (lower(usager_email)) lower(usager_email) as key, usager_email as email, usager_first_name as first_name, usager_last_name as last_name
         from dossiers.dossier
        where tenant_id = ? and procedure_id = ? and state = 'brouillon' and lower(usager_email) > ?
        order by lower(usager_email), updated_at desc, id
        limit ?`,
      [ctx.tenantId, procedureId, after ?? '', limit],
    )) as { key: string; email: string; first_name: string; last_name: string }[];
    const items: BrouillonUsager[] = rows.map((row) => ({ email: row.email, firstName: row.first_name, lastName: row.last_name }));
    return { items, nextCursor: rows.length === limit ? (rows.at(-1)?.key ?? null) : null };
  }
}
