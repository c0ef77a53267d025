import { Module } from '@nestjs/common';
import { ProcedureRevisions } from '@guichet/procedure-revisions';
import { EmailModule } from '../email/email.module';
import { NotificationHandlers } from './notification.handlers';
import { ProcedureClosedHandlers } from './procedure-closed.handlers';

/** E-mails caused by other services' events (dossier transitions, avis, procedure closures) and by new messages. */
@Module({ imports: [EmailModule], providers: [NotificationHandlers, ProcedureClosedHandlers, ProcedureRevisions] })
export class NotificationModule {}
