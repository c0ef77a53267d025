import type { BusContext, RequestContract, RequestOf, ResponseOf } from '@guichet/contracts';
import type { Bus } from '@guichet/platform-bus';

type Handler<C extends RequestContract> = (payload: RequestOf<C>, ctx: BusContext) => Promise<ResponseOf<C>> | ResponseOf<C>;

/**
 * Plays the other services on the bus: each contract gets one subscription whose behaviour a test
 * sets with `on()`, and every request received is recorded with its context.
 */
export class FakeServices {
  private readonly handlers = new Map<string, Handler<RequestContract>>();
  readonly received: { subject: string; payload: unknown; ctx: BusContext }[] = [];

  constructor(private readonly bus: Bus) {}

  /** Sets how a contract is answered; resolves once the NATS server knows the subscription. */
  async on<C extends RequestContract>(contract: C, handler: Handler<C>): Promise<this> {
    if (!this.handlers.has(contract.subject)) {
      this.bus.serve(contract, async (payload, ctx) => {
        this.received.push({ subject: contract.subject, payload, ctx });
        const current = this.handlers.get(contract.subject) as Handler<C> | undefined;
        if (!current) throw new Error(`no fake for ${contract.subject}`);
        return current(payload, ctx);
      });
    }
    this.handlers.set(contract.subject, handler as Handler<RequestContract>);
    await this.bus.nc.flush();
    return this;
  }

  /** The requests received on one contract, oldest first. */
  calls<C extends RequestContract>(contract: C): { payload: RequestOf<C>; ctx: BusContext }[] {
    return this.received.filter((call) => call.subject === contract.subject) as { payload: RequestOf<C>; ctx: BusContext }[];
  }

  lastCall<C extends RequestContract>(contract: C): { payload: RequestOf<C>; ctx: BusContext } | undefined {
    return this.calls(contract).at(-1);
  }
}
