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
import { LookupSettingsRepository, type LookupSettingRow } from './lookup-settings.repository';
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
    // Addresses a tenant chose may not reach internal networks (checked again at each call, after DNS).
    const tenantHttp: HttpAdapterOptions = { ...http, addressPolicy: { allowedHosts: this.defaults.allowedHosts } };
    const httpFor = (row: LookupSettingRow | undefined): HttpAdapterOptions => ((row?.baseUrl ?? null) === null ? http : tenantHttp);
    const apiEntreprise = (row: LookupSettingRow | undefined) => ({
      baseUrl: row?.baseUrl ?? this.defaults.apiEntreprise.baseUrl,
      // The instance's token goes to the instance's address only, never to an address a tenant chose.
      token: row?.token ?? ((row?.baseUrl ?? null) === null ? this.defaults.apiEntreprise.token : ''),
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
            return { adapter: new EntrepriseAdapter(apiEntreprise(row), httpFor(row)) };
          case 'association':
            return { adapter: new AssociationAdapter(apiEntreprise(row), httpFor(row)) };
          case 'adresse':
            return { adapter: new AdresseAdapter({ baseUrl: row?.baseUrl ?? this.defaults.adresseBaseUrl, regionOfDepartement }, httpFor(row)) };
          case 'referentiel': {
            const definition = row?.referentiels.find((candidate) => candidate.referentielId === field.options?.referentielId);
            return definition === undefined ? { unavailable: 'not_configured' } : { adapter: new ReferentielAdapter(definition, tenantHttp) };
          }
        }
      },
    };
  }

  /** The tenant's settings as an administrateur sees them: tokens and header values left out. */
  async view(tenantId: string): Promise<LookupSettings> {
    const rows = await this.settings.forTenant(tenantId);
    const { apiEntreprise, adresseBaseUrl } = this.defaults;
    const register = (row: LookupSettingRow | undefined) => ({
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
