import { Module } from '@nestjs/common';
import { EmailModule } from '../email/email.module';
import { NotificationHandlers } from './notification.handlers';
import { ProcedureClosedHandlers } from './procedure-closed.handlers';

/** E-mails caused by other services' events (dossier transitions, avis, procedure closures) and by new messages. */
@Module({ imports: [EmailModule], providers: [NotificationHandlers, ProcedureClosedHandlers] })
export class NotificationModule {}
