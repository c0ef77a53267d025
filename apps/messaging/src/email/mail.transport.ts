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
  /** How many sends this transport carries at once: the sender starts no more than that. */
  abstract readonly concurrency: number;
  abstract send(mail: OutgoingMail): Promise<void>;
  abstract close(): void;
}

/** SMTP connections kept open to the relay: the sender hands them out, one e-mail at a time each. */
export const smtpConnections = 2;

/**
 * SMTP to the configured relay (a local sink in development and tests) over a small pool of
 * connections kept open between e-mails: a new connection per e-mail costs a connect, a greeting,
 * EHLO and QUIT (five round trips) before and after the three of the e-mail itself. A connection the
 * relay drops (idle timeout, restart) leaves the pool and the next e-mail opens a new one; an e-mail
 * whose connection drops mid-send is retried by nodemailer a few times, then fails and is retried by
 * the sender's policy (same Message-ID).
 */
export class SmtpMailTransport extends MailTransport {
  readonly concurrency = smtpConnections;
  private readonly transporter: Transporter;

  constructor(private readonly config: Pick<MessagingConfig, 'SMTP_HOST' | 'SMTP_PORT' | 'MAIL_FROM' | 'SMTP_TIMEOUT_MS'>) {
    super();
    this.transporter = nodemailer.createTransport({
      pool: true,
      maxConnections: smtpConnections,
      // A connection is renewed after that many e-mails: relays limit messages per session.
      maxMessages: 1_000,
      // A dropped connection re-queues its e-mail at most twice (after 50 then 100 ms): a relay
      // that keeps dropping fails the send, and the sender's backoff takes over.
      maxRequeues: 2,
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

  /** Closes the pooled connections (QUIT); called once the sender has stopped. */
  close(): void {
    this.transporter.close();
  }
}
