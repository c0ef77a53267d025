import { type SinkMessage } from './smtp-sink';
import { waitFor } from './wait';

/**
 * Reads an SmtpSink over HTTP, for tests that run in another process than the sink (vitest workers
 * of e2e and browser tests; the sink lives in the global setup).
 */
export class SmtpSinkClient {
  constructor(private readonly httpUrl: string) {}

  async messages(): Promise<SinkMessage[]> {
    const response = await fetch(`${this.httpUrl}/api/messages`);
    if (!response.ok) throw new Error(`SMTP sink answered ${response.status}`);
    return (await response.json()) as SinkMessage[];
  }

  async clear(): Promise<void> {
    const response = await fetch(`${this.httpUrl}/api/messages`, { method: 'DELETE' });
    if (!response.ok) throw new Error(`SMTP sink answered ${response.status}`);
  }

  async attachment(messageId: string, index: number): Promise<Buffer> {
    const response = await fetch(`${this.httpUrl}/api/messages/${encodeURIComponent(messageId)}/attachments/${index}`);
    if (!response.ok) throw new Error(`SMTP sink answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  waitForMessage(
    predicate: (message: SinkMessage) => boolean,
    options: { timeoutMs?: number; intervalMs?: number; description?: string } = {},
  ): Promise<SinkMessage> {
    return waitFor(async () => (await this.messages()).find(predicate), {
      timeoutMs: options.timeoutMs ?? 15_000,
      intervalMs: options.intervalMs ?? 100,
      description: options.description ?? 'a matching mail in the SMTP sink',
    });
  }
}
