import { Inject, Injectable } from '@nestjs/common';
import type { BusContext, LookupSettings, LookupSettingsInput } from '@guichet/contracts';
import type { StoredReferentiel } from '../lookup-setting.entity';
import { administeredTenantOf } from '../lookup-settings.policy';
import { LookupSettingsRepository } from '../lookup-settings.repository';
import { RegisterDirectory } from '../register-directory.service';

/**
 * An administrateur replaces the tenant's settings of one register. Secrets (token, header values)
 * are kept when omitted, removed with null, so a form that never shows them can be saved as is.
 */
@Injectable()
export class PutLookupSettingsUseCase {
  constructor(
    @Inject(LookupSettingsRepository) private readonly settings: LookupSettingsRepository,
    @Inject(RegisterDirectory) private readonly directory: RegisterDirectory,
  ) {}

  async execute(input: LookupSettingsInput, ctx: BusContext): Promise<LookupSettings> {
    const tenantId = administeredTenantOf(ctx);
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
}
