import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type LookupSettings, type LookupSettingsInput } from '@guichet/contracts';
import { checkRegisterUrl, referentielPlaceholder, type UrlRefusal } from '@guichet/platform-lookups';
import type { StoredReferentiel } from '../lookup-setting.entity';
import { administeredTenantOf } from '../lookup-settings.policy';
import { LookupSettingsRepository } from '../lookup-settings.repository';
import { RegisterDirectory } from '../register-directory.service';
import { LOOKUP_DEFAULTS, type LookupDefaults } from '../lookups.config';

const refusalMessage = (refusal: UrlRefusal): string =>
  refusal.reason === 'scheme'
    ? 'Indiquez une adresse web complète commençant par https:// ou http://.'
    : 'Cette adresse mène au réseau interne de la plateforme (adresse locale, privée ou réservée) : un service de vérification doit être joignable sur internet.';

/**
 * An administrateur replaces the tenant's settings of one register. Secrets (token, header values)
 * are kept when omitted, removed with null, so a form that never shows them can be saved as is.
 */
@Injectable()
export class PutLookupSettingsUseCase {
  constructor(
    @Inject(LookupSettingsRepository) private readonly settings: LookupSettingsRepository,
    @Inject(RegisterDirectory) private readonly directory: RegisterDirectory,
    @Inject(LOOKUP_DEFAULTS) private readonly defaults: LookupDefaults,
  ) {}

  async execute(input: LookupSettingsInput, ctx: BusContext): Promise<LookupSettings> {
    const tenantId = administeredTenantOf(ctx);
    await this.refuseInternalAddresses(input);
    const existing = (await this.settings.forTenant(tenantId)).get(input.kind);
    const row = { tenantId, kind: input.kind, enabled: input.enabled, baseUrl: null as string | null, token: null as string | null, recipient: null as string | null, referentiels: [] as StoredReferentiel[] };
    switch (input.kind) {
      case 'entreprise':
      case 'association':
        row.baseUrl = input.baseUrl;
        row.token = input.token === undefined ? (existing?.token ?? null) : input.token;
        row.recipient = input.recipient === undefined ? (existing?.recipient ?? null) : input.recipient;
        break;
      case 'adresse':
        row.baseUrl = input.baseUrl;
        break;
      case 'referentiel':
        row.referentiels = input.definitions.map((definition) => {
          const headerName = definition.headerName ?? null;
          const before = existing?.referentiels.find((candidate) => candidate.referentielId === definition.referentielId);
          const kept = definition.headerValue === undefined ? (before?.headerValue ?? null) : definition.headerValue;
          return { referentielId: definition.referentielId, urlTemplate: definition.urlTemplate, headerName, headerValue: headerName === null ? null : kept, properties: definition.properties };
        });
        break;
    }
    await this.settings.save(row);
    return this.directory.view(tenantId);
  }

  /** SSRF guard at save: the tenant's addresses may not lead to internal networks (checked again at each call). */
  private async refuseInternalAddresses(input: LookupSettingsInput): Promise<void> {
    const urls: [field: string, url: string][] = [];
    if (input.kind === 'referentiel') input.definitions.forEach((definition, index) => urls.push([`definitions.${index}.urlTemplate`, definition.urlTemplate.split(referentielPlaceholder).join('x')]));
    else if (input.baseUrl !== null) urls.push(['baseUrl', input.baseUrl]);
    const policy = { allowedHosts: this.defaults.allowedHosts };
    const problems: Record<string, string> = {};
    for (const [field, url] of urls) {
      const refusal = await checkRegisterUrl(url, policy);
      if (refusal !== null) problems[field] = refusalMessage(refusal);
    }
    if (Object.keys(problems).length > 0) throw new GuichetError('VALIDATION_FAILED', 'Les paramètres du service de vérification contiennent des erreurs.', problems);
  }
}
