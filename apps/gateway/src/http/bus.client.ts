import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type RequestContract, type RequestInputOf, type ResponseOf } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER } from '@guichet/platform-service';

/** Room left for the NATS headers (actor, tenant, trace context) of a request. */
const HEADER_ALLOWANCE_BYTES = 8 * 1024;

/**
 * The gateway's only way to reach the services. The gateway validates what it sends against the
 * same contract as the receiver, so a contract violation at either end is a server fault: it is
 * logged and answered as INTERNAL, never blamed on the client.
 */
@Injectable()
export class BusClient {
  constructor(
    @Inject(Bus) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async request<C extends RequestContract>(contract: C, payload: RequestInputOf<C>, ctx: BusContext, options: { timeoutMs?: number } = {}): Promise<ResponseOf<C>> {
    this.refuseOversizedPayload(payload);
    try {
      return await this.bus.request(contract, payload, ctx, options);
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'CONTRACT_VIOLATION') {
        const internal = new GuichetError('INTERNAL', 'Erreur interne du service.');
        internal.errorId = randomUUID();
        this.logger.error({ errorId: internal.errorId, subject: contract.subject, fields: error.fields, cause: error.message }, 'contract violation between the gateway and a service');
        throw internal;
      }
      throw error;
    }
  }

  /**
   * A 1 MiB HTTP body may not fit in a NATS message (1 MB by default, headers included); without
   * this check the client would get a misleading 503.
   */
  private refuseOversizedPayload(payload: unknown): void {
    const maxPayload = this.bus.nc.info?.max_payload;
    if (maxPayload === undefined) return;
    if (Buffer.byteLength(JSON.stringify(payload) ?? '') > maxPayload - HEADER_ALLOWANCE_BYTES) {
      throw new GuichetError('PAYLOAD_TOO_LARGE', 'La requête est trop volumineuse pour être traitée.');
    }
  }

  get connected(): boolean {
    return this.bus.connected;
  }
}
