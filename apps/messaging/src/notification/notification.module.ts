import { Module } from '@nestjs/common';
import { NotificationHandlers } from './notification.handlers';

/** E-mails caused by other services' events (dossier transitions, avis) and by new messages. */
@Module({ providers: [NotificationHandlers] })
export class NotificationModule {}
