import { z } from 'zod';
import { defineRequest, serviceNames, type ServiceName } from './contract';

type BusService = Exclude<ServiceName, 'gateway'>;

const healthPing = (service: BusService) =>
  defineRequest(service, `${service}.health.ping`, z.object({}), z.object({ service: z.string(), database: z.boolean() }));

/** Every service answers `<service>.health.ping` so the gateway can tell the whole platform is up. */
export const healthPingContracts = Object.fromEntries(
  serviceNames.filter((service): service is BusService => service !== 'gateway').map((service) => [service, healthPing(service)]),
) as Record<BusService, ReturnType<typeof healthPing>>;
