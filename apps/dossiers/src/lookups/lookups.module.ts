import { Module, type DynamicModule } from '@nestjs/common';
import { DossierRepository } from '../dossier/dossier.repository';
import { FieldLookups } from './field-lookups.service';
import { LookupSettingsRepository } from './lookup-settings.repository';
import { LookupHandlers } from './lookups.handlers';
import { LOOKUP_DEFAULTS, type LookupDefaults } from './lookups.config';
import { RegisterDirectory } from './register-directory.service';
import { SecretCipher } from './secret-cipher';
import { PutLookupSettingsUseCase } from './usecases/put-lookup-settings.usecase';
import { RunLookupUseCase } from './usecases/run-lookup.usecase';

/**
 * External lookups: per-tenant register settings, the usager's lookups as they type, and
 * `FieldLookups`, global so the dossier use cases check values when saved and submitted.
 */
@Module({})
export class LookupsModule {
  static register(defaults: LookupDefaults): DynamicModule {
    return {
      module: LookupsModule,
      global: true,
      providers: [
        { provide: LOOKUP_DEFAULTS, useValue: defaults },
        { provide: SecretCipher, useValue: new SecretCipher(defaults.secretsKey) },
        LookupSettingsRepository,
        RegisterDirectory,
        FieldLookups,
        DossierRepository,
        PutLookupSettingsUseCase,
        RunLookupUseCase,
        LookupHandlers,
      ],
      exports: [FieldLookups],
    };
  }
}
