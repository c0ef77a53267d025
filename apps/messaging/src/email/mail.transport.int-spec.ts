import { SMTPServer } from 'smtp-server';
import { freePort, listen, waitFor } from '@guichet/platform-testing';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpMailTransport } from './mail.transport';

/** A relay that counts the connections it is opened and the e-mails it is given. */
function aRelay() {
  const state = { connections: 0, messageIds: [] as string[] };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onConnect: (_session, callback) => {
      state.connections += 1;
      callback();
    },
    onData: (stream, _session, callback) => {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        state.messageIds.push(/^Message-ID: (.*)$/im.exec(raw)?.[1]?.trim() ?? '');
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  return { server, state, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const mail = (n: number) => ({ to: `usager-${n}@example.fr`, subject: `E-mail ${n}`, text: 'Bonjour.', html: null, messageId: `<test-${n}@guichet>` });

describe('SMTP transport', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it('keeps its connection open between e-mails, and opens a new one when the relay restarts', async () => {
    const port = await freePort();
    const first = aRelay();
    await listen(first.server.server, port, '127.0.0.1');
    const transport = new SmtpMailTransport({ SMTP_HOST: '127.0.0.1', SMTP_PORT: port, MAIL_FROM: 'Guichet <ne-pas-repondre@guichet.local>', SMTP_TIMEOUT_MS: 2_000 });
    stops.push(async () => transport.close());

    for (const n of [1, 2, 3]) await transport.send(mail(n));
    expect(first.state.messageIds).toEqual(['<test-1@guichet>', '<test-2@guichet>', '<test-3@guichet>']);
    expect(first.state.connections).toBe(1);

    // The relay restarts (it drops the idle connection); the next e-mail goes over a new one.
    await first.stop();
    const second = aRelay();
    await listen(second.server.server, port, '127.0.0.1');
    stops.push(second.stop);
    await transport.send(mail(4));
    await transport.send(mail(5));
    expect(second.state.messageIds).toEqual(['<test-4@guichet>', '<test-5@guichet>']);
    expect(second.state.connections).toBe(1);
  });

  it('fails a send while the relay is down, and sends again once it is back', async () => {
    const port = await freePort();
    const transport = new SmtpMailTransport({ SMTP_HOST: '127.0.0.1', SMTP_PORT: port, MAIL_FROM: 'Guichet <ne-pas-repondre@guichet.local>', SMTP_TIMEOUT_MS: 2_000 });
    stops.push(async () => transport.close());
    await expect(transport.send(mail(1))).rejects.toThrow(/ECONNREFUSED/);
    const relay = aRelay();
    await listen(relay.server.server, port, '127.0.0.1');
    stops.push(relay.stop);
    await transport.send(mail(2));
    await waitFor(() => relay.state.messageIds.length === 1, { description: 'the e-mail relayed' });
    expect(relay.state.messageIds).toEqual(['<test-2@guichet>']);
  });
});
