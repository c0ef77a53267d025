import nodemailer, { type Transporter } from 'nodemailer';
import type { MessagingConfig } from '../config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** `<key@guichet>`: the same for every attempt at the same e-mail. */
  messageId: string;
}

/** The SMTP side of the sender, behind an interface so the sending rules do not depend on nodemailer. */
export abstract class MailTransport {
  abstract send(mail: OutgoingMail): Promise<void>;
  abstract close(): void;
}

/** Plain SMTP to the configured relay (a local sink in development and tests). */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly config: Pick<MessagingConfig, 'SMTP_HOST' | 'SMTP_PORT' | 'MAIL_FROM' | 'SMTP_TIMEOUT_MS'>) {
    super();
    this.transporter = nodemailer.createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: false,
      // The relay is on the local network (or a sink); STARTTLS is not offered there.
      ignoreTLS: true,
      connectionTimeout: config.SMTP_TIMEOUT_MS,
      greetingTimeout: config.SMTP_TIMEOUT_MS,
      socketTimeout: config.SMTP_TIMEOUT_MS,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === null ? {} : { html: mail.html }),
      messageId: mail.messageId,
    });
  }

  close(): void {
    this.transporter.close();
  }
}
