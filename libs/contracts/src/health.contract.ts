import { z } from 'zod';
import { defineRequest, serviceNames, type ServiceName } from './contract';

/** Every service answers `<service>.health.ping` so the gateway can tell the whole platform is up. */
export const healthPingContracts = Object.fromEntries(
  serviceNames
    .filter((service) => service !== 'gateway')
    .map((service) => [
      service,
      defineRequest(service, `${service}.health.ping`, z.object({}), z.object({ service: z.string(), database: z.boolean() })),
    ]),
) as Record<Exclude<ServiceName, 'gateway'>, ReturnType<typeof healthPing>>;

function healthPing(service: ServiceName) {
  return defineRequest(service, `${service}.health.ping`, z.object({}), z.object({ service: z.string(), database: z.boolean() }));
}
