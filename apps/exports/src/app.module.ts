import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import type { ExportsConfig } from './config';
import { definition } from './service.definition';

/** The exports process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: ExportsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(definition, config)],
    };
  }
}
