import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { listen } from './net';

export interface SinkAttachment {
  filename: string;
  contentType: string;
  size: number;
}

/** A received mail, as `GET /api/messages` returns it. */
export interface SinkMessage {
  id: string;
  messageId: string | null;
  /** The From header as written (`Name <address>`), else the envelope sender. */
  from: string;
  /** Envelope recipients: every address the mail was delivered to (To, Cc and Bcc alike). */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** ISO 8601 */
  date: string;
  attachments: SinkAttachment[];
}

export interface SmtpSinkStartOptions {
  /** 0 picks a free port. */
  smtpPort?: number;
  /** 0 picks a free port. */
  httpPort?: number;
  host?: string;
  /**
   * False: messages are only counted and kept raw (envelope, bytes), never parsed: for benchmarks,
   * where a relay runs on another machine and parsing would weigh on the machine being measured.
   */
  parse?: boolean;
}

export interface WaitForMessageOptions {
  timeoutMs?: number;
}

/** `Name <address>` without the quotes mailparser's text form adds. */
function formatAddresses(value: AddressObject | undefined): string {
  return (value?.value ?? []).map((entry) => (entry.name ? `${entry.name} <${entry.address ?? ''}>` : (entry.address ?? ''))).join(', ');
}

/**
 * A local mail catcher: an SMTP server that accepts everything and keeps the mails in memory, plus
 * a small HTTP API and page to read them. Used by `npm start` (developers read the mails at
 * http://127.0.0.1:8025) and by tests (which wait for a mail instead of sleeping).
 */
export class SmtpSink {
  private readonly received: Array<SinkMessage & { raw: Buffer; contents: Buffer[] }> = [];
  private readonly events = new EventEmitter();
  private smtp: SMTPServer | undefined;
  private http: Server | undefined;
  private ports: { smtp: number; http: number; host: string } | undefined;

  constructor() {
    // Many tests may wait at once; each waiter is one listener.
    this.events.setMaxListeners(0);
  }

  get smtpPort(): number {
    return this.started().smtp;
  }

  get httpPort(): number {
    return this.started().http;
  }

  get host(): string {
    return this.started().host;
  }

  /** Base URL of the HTTP API and page. */
  get httpUrl(): string {
    const { host, http } = this.started();
    return `http://${host}:${http}`;
  }

  async start(options: SmtpSinkStartOptions = {}): Promise<{ smtpPort: number; httpPort: number; host: string }> {
    if (this.smtp) throw new Error('SmtpSink already started');
    const host = options.host ?? '127.0.0.1';
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      // Connections left open by a pooled client must not delay stop() for the default 30 s.
      closeTimeout: 500,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (options.parse === false) {
            const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            const message = { id: randomUUID(), messageId: null, from, to, subject: '', text: '', html: null, date: new Date().toISOString(), attachments: [], raw, contents: [] };
            this.received.push(message);
            this.events.emit('message', message);
            callback();
            return;
          }
          simpleParser(raw)
            .then((parsed) => {
              const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
              const message = {
                id: randomUUID(),
                messageId: parsed.messageId ?? null,
                from: formatAddresses(parsed.from) || envelopeFrom,
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: parsed.html === false ? null : (parsed.html ?? null),
                date: (parsed.date ?? new Date()).toISOString(),
                attachments: parsed.attachments.map((attachment) => ({
                  filename: attachment.filename ?? '',
                  contentType: attachment.contentType,
                  size: attachment.size,
                })),
                raw,
                contents: parsed.attachments.map((attachment) => attachment.content),
              };
              this.received.push(message);
              this.events.emit('message', message);
              callback();
            })
            .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
        });
      },
    });
    // A client dropping its connection must not take the sink (and the stack) down.
    smtp.on('error', () => undefined);
    const http = createServer((req, res) => this.handle(req, res));
    try {
      const smtpPort = await listen(smtp.server, options.smtpPort ?? 0, host);
      this.smtp = smtp;
      const httpPort = await listen(http, options.httpPort ?? 0, host);
      this.http = http;
      this.ports = { smtp: smtpPort, http: httpPort, host };
      return { smtpPort, httpPort, host };
    } catch (error) {
      await this.stop();
      throw new Error(`SMTP sink could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async stop(): Promise<void> {
    const smtp = this.smtp;
    const http = this.http;
    this.smtp = undefined;
    this.http = undefined;
    this.ports = undefined;
    await Promise.all([
      smtp && smtp.server.listening ? new Promise<void>((resolve) => smtp.close(() => resolve())) : undefined,
      http
        ? new Promise<void>((resolve) => {
            http.close(() => resolve());
            http.closeAllConnections();
          })
        : undefined,
    ]);
  }

  /** Mails received so far, oldest first. */
  messages(): SinkMessage[] {
    return this.received.map((message) => this.publicView(message));
  }

  /** Attachment content, for tests that check an attached document. */
  attachmentContent(messageId: string, index: number): Buffer | undefined {
    return this.received.find((message) => message.id === messageId)?.contents[index];
  }

  /** The raw RFC 5322 source of a mail. */
  rawMessage(messageId: string): Buffer | undefined {
    return this.received.find((message) => message.id === messageId)?.raw;
  }

  clear(): void {
    this.received.length = 0;
  }

  /**
   * Resolves with the first mail (already received or arriving later) that matches. Resolves on the
   * arrival event, so a test never waits longer than needed.
   */
  waitForMessage(predicate: (message: SinkMessage) => boolean, options: WaitForMessageOptions = {}): Promise<SinkMessage> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const existing = this.messages().find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onMessage = (message: SinkMessage): void => {
        const view = this.publicView(message);
        if (!predicate(view)) return;
        clearTimeout(timer);
        this.events.off('message', onMessage);
        resolve(view);
      };
      const timer = setTimeout(() => {
        this.events.off('message', onMessage);
        const seen = this.received.map((message) => `"${message.subject}" to ${message.to.join(', ')}`).join('; ') || 'none';
        reject(new Error(`No matching mail within ${timeoutMs} ms (received: ${seen})`));
      }, timeoutMs);
      this.events.on('message', onMessage);
    });
  }

  private started(): { smtp: number; http: number; host: string } {
    if (!this.ports) throw new Error('SmtpSink is not started');
    return this.ports;
  }

  private publicView(message: SinkMessage): SinkMessage {
    const { id, messageId, from, to, subject, text, html, date, attachments } = message;
    return { id, messageId, from, to: [...to], subject, text, html, date, attachments: attachments.map((a) => ({ ...a })) };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://sink');
    const attachment = /^\/api\/messages\/([^/]+)\/attachments\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/api/messages' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(this.messages()));
    } else if (url.pathname === '/api/messages' && req.method === 'DELETE') {
      this.clear();
      res.writeHead(204).end();
    } else if (attachment && req.method === 'GET') {
      const [, id = '', index = '0'] = attachment;
      const message = this.received.find((candidate) => candidate.id === id);
      const meta = message?.attachments[Number(index)];
      const content = message?.contents[Number(index)];
      if (!meta || !content) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': meta.contentType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename || 'piece-jointe')}`,
      });
      res.end(content);
    } else if (url.pathname === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(renderPage(this.messages()));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function renderPage(messages: SinkMessage[]): string {
  const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });
  const items = [...messages]
    .reverse()
    .map((message) => {
      const attachments = message.attachments.length
        ? `<p>Pièces jointes : ${message.attachments
            .map(
              (a, index) =>
                `<a href="/api/messages/${encodeURIComponent(message.id)}/attachments/${index}">${escapeHtml(a.filename || 'sans nom')}</a> (${escapeHtml(a.contentType)}, ${a.size} octets)`,
            )
            .join(', ')}</p>`
        : '';
      const html = message.html
        ? `<details><summary>Version HTML</summary><iframe sandbox title="Contenu HTML du courriel" srcdoc="${escapeHtml(message.html)}"></iframe></details>`
        : '';
      return `<article>
  <h2>${escapeHtml(message.subject || '(sans objet)')}</h2>
  <p class="meta">Reçu le ${escapeHtml(dateFormat.format(new Date(message.date)))} — de ${escapeHtml(message.from)} — à ${escapeHtml(message.to.join(', '))}</p>
  <pre>${escapeHtml(message.text)}</pre>
  ${attachments}
  ${html}
</article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Courriels reçus — Guichet (local)</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #161616; }
  article { border: 1px solid #ddd; border-radius: 4px; padding: 1rem; margin-bottom: 1rem; }
  h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
  .meta { color: #555; font-size: .9rem; margin: 0 0 .5rem; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: .75rem; }
  iframe { width: 100%; min-height: 20rem; border: 1px solid #ddd; }
  button, a.button { font: inherit; }
</style>
</head>
<body>
<h1>Courriels reçus (${messages.length})</h1>
<p>Boîte de réception locale : aucun courriel ne quitte cette machine. <a href="/">Actualiser</a>
— <button type="button" onclick="fetch('/api/messages', { method: 'DELETE' }).then(() => location.reload())">Tout supprimer</button>
— <a href="/api/messages">JSON</a></p>
${items || '<p>Aucun courriel pour le moment.</p>'}
</body>
</html>`;
}
