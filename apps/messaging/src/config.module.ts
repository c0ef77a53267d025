import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MESSAGING_CONFIG, type MessagingConfig } from './config';

/** Makes the configuration parsed at boot injectable everywhere in the service. */
@Global()
@Module({})
export class MessagingConfigModule {
  static forRoot(config: MessagingConfig): DynamicModule {
    return { module: MessagingConfigModule, providers: [{ provide: MESSAGING_CONFIG, useValue: config }], exports: [MESSAGING_CONFIG] };
  }
}
