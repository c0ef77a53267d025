import { Inject, Injectable } from '@nestjs/common';
import type { LookupKind, LookupSettings } from '@guichet/contracts';
import type { FormField, FormFieldType } from '@guichet/forms';
import { nodeLocationCatalogue } from '@guichet/forms-node';
import {
  AdresseAdapter,
  AssociationAdapter,
  EntrepriseAdapter,
  ReferentielAdapter,
  type HttpAdapterOptions,
  type LookupAdapter,
  type UnavailableReason,
} from '@guichet/platform-lookups';
import type { LookupSetting } from './lookup-setting.entity';
import { LookupSettingsRepository } from './lookup-settings.repository';
import { LOOKUP_DEFAULTS, type LookupDefaults } from './lookups.config';

/** The register a field type is looked up in; other types have none. */
const kindByFieldType: Partial<Record<FormFieldType, LookupKind>> = { siret: 'entreprise', rna: 'association', address: 'adresse', referentiel: 'referentiel' };

export const lookupKindOf = (type: FormFieldType): LookupKind | undefined => kindByFieldType[type];

/** The adapter to ask for a field, or why there is none to ask. */
export type RegisterChoice = { readonly adapter: LookupAdapter } | { readonly unavailable: UnavailableReason };

/** A tenant's registers, resolved once per request. */
export interface TenantRegisters {
  /** undefined: the field's type is not looked up. */
  forField(field: FormField): RegisterChoice | undefined;
}

/** BAN gives the département; its région comes from the official lists. */
const regionOfDepartement = (code: string): string | undefined => nodeLocationCatalogue().departement(code)?.region;

/** Builds each tenant's adapters from its settings over the instance's defaults. */
@Injectable()
export class RegisterDirectory {
  constructor(
    @Inject(LOOKUP_DEFAULTS) private readonly defaults: LookupDefaults,
    @Inject(LookupSettingsRepository) private readonly settings: LookupSettingsRepository,
  ) {}

  async forTenant(tenantId: string): Promise<TenantRegisters> {
    const rows = await this.settings.forTenant(tenantId);
    const http: HttpAdapterOptions = { timeoutMs: this.defaults.timeoutMs, ...(this.defaults.fetch !== undefined ? { fetch: this.defaults.fetch } : {}) };
    const apiEntreprise = (row: LookupSetting | undefined) => ({
      baseUrl: row?.baseUrl ?? this.defaults.apiEntreprise.baseUrl,
      token: row?.token ?? this.defaults.apiEntreprise.token,
      recipient: row?.recipient ?? this.defaults.apiEntreprise.recipient,
    });
    return {
      forField: (field) => {
        const kind = lookupKindOf(field.type);
        if (kind === undefined) return undefined;
        const row = rows.get(kind);
        if (row !== undefined && !row.enabled) return { unavailable: 'disabled' };
        switch (kind) {
          case 'entreprise':
            return { adapter: new EntrepriseAdapter(apiEntreprise(row), http) };
          case 'association':
            return { adapter: new AssociationAdapter(apiEntreprise(row), http) };
          case 'adresse':
            return { adapter: new AdresseAdapter({ baseUrl: row?.baseUrl ?? this.defaults.adresseBaseUrl, regionOfDepartement }, http) };
          case 'referentiel': {
            const definition = row?.referentiels.find((candidate) => candidate.referentielId === field.options?.referentielId);
            return definition === undefined ? { unavailable: 'not_configured' } : { adapter: new ReferentielAdapter(definition, http) };
          }
        }
      },
    };
  }

  /** The tenant's settings as an administrateur sees them: tokens and header values left out. */
  async view(tenantId: string): Promise<LookupSettings> {
    const rows = await this.settings.forTenant(tenantId);
    const { apiEntreprise, adresseBaseUrl } = this.defaults;
    const register = (row: LookupSetting | undefined) => ({
      enabled: row?.enabled ?? true,
      baseUrl: row?.baseUrl ?? null,
      effectiveBaseUrl: row?.baseUrl ?? apiEntreprise.baseUrl,
      tokenSet: (row?.token ?? null) !== null,
      instanceTokenSet: apiEntreprise.token !== '',
      recipient: row?.recipient ?? null,
      effectiveRecipient: row?.recipient ?? apiEntreprise.recipient,
    });
    const adresse = rows.get('adresse');
    const referentiel = rows.get('referentiel');
    return {
      entreprise: register(rows.get('entreprise')),
      association: register(rows.get('association')),
      adresse: { enabled: adresse?.enabled ?? true, baseUrl: adresse?.baseUrl ?? null, effectiveBaseUrl: adresse?.baseUrl ?? adresseBaseUrl },
      referentiel: {
        enabled: referentiel?.enabled ?? true,
        definitions: (referentiel?.referentiels ?? []).map((definition) => ({
          referentielId: definition.referentielId,
          urlTemplate: definition.urlTemplate,
          headerName: definition.headerName,
          headerValueSet: definition.headerValue !== null,
          properties: definition.properties,
        })),
      },
    };
  }
}
