import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import type { MessagingConfig } from './config';
import { MessagingConfigModule } from './config.module';
import { DossierDeletionModule } from './dossier-deletion/dossier-deletion.module';
import { EmailModule } from './email/email.module';
import { MessageModule } from './message/message.module';
import { NotificationModule } from './notification/notification.module';
import { definition } from './service.definition';

/** The messaging process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: MessagingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(definition, config), MessagingConfigModule.forRoot(config), EmailModule, NotificationModule, MessageModule, DossierDeletionModule],
    };
  }
}
