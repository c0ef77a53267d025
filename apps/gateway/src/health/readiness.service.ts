import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, healthPingContracts, serviceNames, type ServiceName } from '@guichet/contracts';
import { BusClient } from '../http/bus.client';

export type ServiceStatus = 'ok' | 'database_unavailable' | 'timeout' | 'unavailable';

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; nats: boolean; services: Record<Exclude<ServiceName, 'gateway'>, ServiceStatus> };
}

const PING_TIMEOUT_MS = 2_000;
const pinged = serviceNames.filter((service): service is Exclude<ServiceName, 'gateway'> => service !== 'gateway');

/** The platform is ready when the gateway's database answers, NATS is connected and every service answers its ping. */
@Injectable()
export class ReadinessService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(BusClient) private readonly bus: BusClient,
  ) {}

  async check(): Promise<Readiness> {
    const nats = this.bus.connected;
    const [database, statuses] = await Promise.all([this.databaseAnswers(), Promise.all(pinged.map((service) => this.ping(service, nats)))]);
    const services = Object.fromEntries(pinged.map((service, index) => [service, statuses[index] ?? 'unavailable'])) as Readiness['checks']['services'];
    const ready = database && nats && Object.values(services).every((status) => status === 'ok');
    return { ready, checks: { database, nats, services } };
  }

  private async ping(service: Exclude<ServiceName, 'gateway'>, nats: boolean): Promise<ServiceStatus> {
    if (!nats) return 'unavailable';
    try {
      const reply = await this.bus.request(healthPingContracts[service], {}, { system: 'gateway' }, { timeoutMs: PING_TIMEOUT_MS });
      return reply.database ? 'ok' : 'database_unavailable';
    } catch (error) {
      return error instanceof GuichetError && error.code === 'TIMEOUT' ? 'timeout' : 'unavailable';
    }
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    const query = this.em
      .fork()
      .getConnection()
      .execute('select 1')
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
