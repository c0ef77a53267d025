import './telemetry';
import { loadGatewayConfig } from './config';
import { createGatewayApp } from './http/gateway.app';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createGatewayApp(config);
  // SIGTERM: stop accepting requests, finish in-flight ones, drain NATS, close the database.
  app.enableShutdownHooks();
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
