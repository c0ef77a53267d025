import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LookupKind } from '@guichet/contracts';
import { LookupSetting, type StoredReferentiel } from './lookup-setting.entity';
import { SecretCipher, SecretDecryptionError } from './secret-cipher';

/** A tenant's row for one register with its secrets in clear: a copy, never the managed entity. */
export type LookupSettingRow = Omit<LookupSetting, 'updatedAt'>;

/**
 * A tenant's register settings; every method is scoped by tenant. Secrets (token, referential header
 * values) are encrypted at rest: `save` encrypts them, `forTenant` gives copies with them decrypted.
 * Rows written before encryption (no `enc:v1:` prefix) are read as they are and encrypted when saved.
 */
@Injectable()
export class LookupSettingsRepository {
  private readonly logger = new Logger(LookupSettingsRepository.name);

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(SecretCipher) private readonly cipher: SecretCipher,
  ) {}

  /** The tenant's rows, by kind (absent kinds use the instance's defaults), secrets decrypted. */
  async forTenant(tenantId: string): Promise<Map<LookupKind, LookupSettingRow>> {
    const rows = await this.em.find(LookupSetting, { tenantId }, { disableIdentityMap: true });
    return new Map(
      rows.map((row) => [
        row.kind,
        {
          tenantId: row.tenantId,
          kind: row.kind,
          enabled: row.enabled,
          baseUrl: row.baseUrl,
          recipient: row.recipient,
          token: this.open(row.token, tokenContext(row.tenantId, row.kind)),
          referentiels: row.referentiels.map((definition) => ({ ...definition, headerValue: this.open(definition.headerValue, headerContext(row.tenantId, definition.referentielId)) })),
        },
      ]),
    );
  }

  /**
   * Writes the tenant's row for one kind in one statement (insert … on conflict update), so two
   * administrateurs saving at once never fail on the primary key: the last one wins.
   */
  async save(row: LookupSettingRow): Promise<void> {
    const referentiels: StoredReferentiel[] = row.referentiels.map((definition) => ({
      ...definition,
      headerValue: definition.headerValue === null ? null : this.cipher.encrypt(definition.headerValue, headerContext(row.tenantId, definition.referentielId)),
    }));
    const token = row.token === null ? null : this.cipher.encrypt(row.token, tokenContext(row.tenantId, row.kind));
    await this.em.upsert(LookupSetting, { ...row, token, referentiels, updatedAt: new Date() });
  }

  /** A secret that does not decrypt (another key) is unusable: treated as absent, and logged. */
  private open(stored: string | null, context: string): string | null {
    if (stored === null) return null;
    try {
      return this.cipher.decrypt(stored, context);
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      this.logger.error(`a register secret (${context}) does not decrypt with LOOKUP_SECRETS_KEY: ignored until an administrateur sets it again`);
      return null;
    }
  }
}

const tokenContext = (tenantId: string, kind: LookupKind): string => `lookup_setting:${tenantId}:${kind}:token`;
const headerContext = (tenantId: string, referentielId: string): string => `lookup_setting:${tenantId}:referentiel:${referentielId}:header`;
