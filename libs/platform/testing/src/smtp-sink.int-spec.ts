import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SmtpSink, type SinkMessage } from './smtp-sink';
import { SmtpSinkClient } from './smtp-sink-client';

describe('SmtpSink', () => {
  const sink = new SmtpSink();
  let transport: Transporter;

  beforeAll(async () => {
    await sink.start({ smtpPort: 0, httpPort: 0 });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.smtpPort, secure: false, ignoreTLS: true });
  });

  afterAll(async () => {
    transport.close();
    await sink.stop();
  });

  beforeEach(() => sink.clear());

  it('keeps a sent mail, with its recipients, body and attachments', async () => {
    await transport.sendMail({
      from: 'Guichet <ne-pas-repondre@guichet.local>',
      to: 'amelie.durand@example.fr',
      cc: 'agent@example.gouv.fr',
      subject: 'Votre dossier n° 42 a été déposé',
      text: 'Bonjour Amélie, votre dossier est déposé.',
      html: '<p>Bonjour <strong>Amélie</strong></p>',
      attachments: [{ filename: 'récépissé.pdf', content: Buffer.from('%PDF-1.4 fake'), contentType: 'application/pdf' }],
    });

    const [message] = sink.messages();
    expect(message).toMatchObject({
      from: 'Guichet <ne-pas-repondre@guichet.local>',
      to: ['amelie.durand@example.fr', 'agent@example.gouv.fr'],
      subject: 'Votre dossier n° 42 a été déposé',
      html: '<p>Bonjour <strong>Amélie</strong></p>',
      attachments: [{ filename: 'récépissé.pdf', contentType: 'application/pdf', size: 13 }],
    });
    expect(message?.text.trim()).toBe('Bonjour Amélie, votre dossier est déposé.');
    expect(message?.messageId).toMatch(/^<.+>$/);
    expect(Number.isNaN(Date.parse(message?.date ?? ''))).toBe(false);
    expect(sink.attachmentContent(message?.id ?? '', 0)?.toString()).toBe('%PDF-1.4 fake');
  });

  it('resolves waitForMessage when a matching mail arrives later, not before', async () => {
    const waiting = sink.waitForMessage((m) => m.to.includes('second@example.fr'), { timeoutMs: 5_000 });
    let settled: SinkMessage | undefined;
    void waiting.then((m) => (settled = m));
    await transport.sendMail({ from: 'a@example.fr', to: 'first@example.fr', subject: 'premier', text: '1' });
    expect(settled).toBeUndefined();
    await transport.sendMail({ from: 'a@example.fr', to: 'second@example.fr', subject: 'second', text: '2' });
    await expect(waiting).resolves.toMatchObject({ subject: 'second' });
  });

  it('resolves waitForMessage at once for a mail already received', async () => {
    await transport.sendMail({ from: 'a@example.fr', to: 'early@example.fr', subject: 'tôt', text: 'x' });
    await expect(sink.waitForMessage((m) => m.subject === 'tôt', { timeoutMs: 100 })).resolves.toMatchObject({ to: ['early@example.fr'] });
  });

  it('rejects waitForMessage with what was received when nothing matches in time', async () => {
    await transport.sendMail({ from: 'a@example.fr', to: 'x@example.fr', subject: 'autre', text: 'x' });
    await expect(sink.waitForMessage(() => false, { timeoutMs: 50 })).rejects.toThrow(/No matching mail within 50 ms.*"autre"/);
  });

  it('serves the mails as JSON, deletes them, and shows a French page', async () => {
    await transport.sendMail({ from: 'a@example.fr', to: 'http@example.fr', subject: 'Objet <HTML> & co', text: 'corps' });
    const client = new SmtpSinkClient(sink.httpUrl);

    const listed = await client.messages();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toEqual(sink.messages()[0]);

    const page = await fetch(`${sink.httpUrl}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Courriels reçus (1)');
    expect(html).toContain('Objet &#60;HTML&#62; &#38; co');

    await client.clear();
    expect(sink.messages()).toEqual([]);
    expect(await client.messages()).toEqual([]);
  });

  it('lets an HTTP client wait for a mail', async () => {
    const client = new SmtpSinkClient(sink.httpUrl);
    const waiting = client.waitForMessage((m) => m.subject === 'par HTTP', { timeoutMs: 5_000, intervalMs: 10 });
    await transport.sendMail({ from: 'a@example.fr', to: 'b@example.fr', subject: 'par HTTP', text: 'x' });
    await expect(waiting).resolves.toMatchObject({ to: ['b@example.fr'] });
  });

  it('reports a taken port instead of crashing', async () => {
    const other = new SmtpSink();
    await expect(other.start({ smtpPort: sink.smtpPort })).rejects.toThrow(/already in use/);
  });
});
