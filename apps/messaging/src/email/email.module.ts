import { Module } from '@nestjs/common';
import { MESSAGING_CONFIG, type MessagingConfig } from '../config';
import { EmailSender } from './email-sender.service';
import { MailTransport, SmtpMailTransport } from './mail.transport';

/** The e-mail outbox and its sender. Other modules queue e-mails with `queueEmailsOnce`, then kick the sender. */
@Module({
  providers: [
    EmailSender,
    { provide: MailTransport, inject: [MESSAGING_CONFIG], useFactory: (config: MessagingConfig) => new SmtpMailTransport(config) },
  ],
  exports: [EmailSender],
})
export class EmailModule {}
