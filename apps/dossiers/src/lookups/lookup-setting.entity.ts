import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import type { LookupKind } from '@guichet/contracts';

/** A referential an administrateur declared, as stored (the header value is a secret). */
export interface StoredReferentiel {
  referentielId: string;
  urlTemplate: string;
  headerName: string | null;
  headerValue: string | null;
  properties: string[];
}

/**
 * A tenant's settings for one external register, overriding the instance's defaults (config). No
 * row: the defaults apply, enabled. Tokens and header values are never sent back to clients.
 */
@Entity({ tableName: 'lookup_setting' })
export class LookupSetting {
  [PrimaryKeyProp]?: ['tenantId', 'kind'];

  @PrimaryKey({ type: 'uuid' })
  tenantId!: string;

  /** One of `lookupKinds` (the contract checks it). */
  @PrimaryKey({ type: 'text' })
  kind!: LookupKind;

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  /** null: the instance's address. */
  @Property({ type: 'text', nullable: true })
  baseUrl: string | null = null;

  /** secret (API Entreprise's bearer token). null: the instance's token. */
  @Property({ type: 'text', nullable: true })
  token: string | null = null;

  /** API Entreprise's `recipient` (the administration's SIRET). null: the instance's. */
  @Property({ type: 'text', nullable: true })
  recipient: string | null = null;

  /** Kind `referentiel` only: the tenant's referentials by referentielId. */
  @Property({ type: 'jsonb' })
  referentiels: StoredReferentiel[] = [];

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
