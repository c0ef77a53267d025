/**
 * Subjects on the wire. A namespace (BUS_NAMESPACE) prefixes every subject and names the streams,
 * so a test run or a second local stack on the same NATS server never sees another's traffic.
 */
export class BusNames {
  constructor(readonly namespace: string = '') {
    if (namespace && !/^[A-Za-z0-9_-]+$/.test(namespace)) throw new Error(`invalid bus namespace "${namespace}"`);
  }

  wire(subject: string): string {
    return this.namespace ? `${this.namespace}.${subject}` : subject;
  }

  get eventsStream(): string {
    return this.namespace ? `GUICHET_EVENTS_${this.namespace}` : 'GUICHET_EVENTS';
  }

  get deadLetterStream(): string {
    return `${this.eventsStream}_DLQ`;
  }

  get eventsFilter(): string {
    return this.wire('events.>');
  }

  get deadLetterFilter(): string {
    return this.wire('deadletter.>');
  }

  /** deadletter.<durable>.<original event subject without the namespace> */
  deadLetterSubject(durable: string, eventSubject: string): string {
    return this.wire(`deadletter.${durable}.${eventSubject}`);
  }
}
