import { createServer, type Server } from 'node:http';
import { listen, OtlpReceiver } from '@guichet/platform-testing';
import { SERVICE_NAMES, TEST_PORTS, startStack, type ServiceName, type StackHandle, type StackOptions } from './stack';

/**
 * Vitest global setup for tests that need the whole platform (tests/e2e, tests/browser):
 *
 *   // tests/e2e/global-setup.ts
 *   export { default } from '../../tools/stack/vitest-setup';
 *
 * Starts a test stack (own ports, database, bus namespace and stream, removed at the end) and
 * provides to the tests, through `inject(...)`:
 *   gatewayUrl, mailApiUrl, controlUrl, s3 { endpoint, port, accessKey, secretKey }, busNamespace,
 *   natsUrl, databaseUrl, demoAccounts, operator { email, password } (the seed's operator account).
 * Tests run in worker processes, so the stack is steered over HTTP: POST `${controlUrl}/<action>/<service>`
 * with action kill (SIGKILL), stop (SIGTERM), start or restart (both wait until ready); GET
 * `${controlUrl}/status`.
 */

/** What a vitest global setup receives; only provide() is used. */
export interface ProvidingProject {
  provide(key: never, value: never): void;
}

const ACTIONS = ['kill', 'stop', 'start', 'restart'] as const;
type Action = (typeof ACTIONS)[number];

/** The HTTP endpoint through which test workers kill and restart services of the stack. */
export async function startControlServer(stack: StackHandle, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const [, action, service] = (req.url ?? '').split('?')[0]?.split('/') ?? [];
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    };
    if (req.method === 'GET' && action === 'status' && service === undefined) {
      reply(200, stack.status());
      return;
    }
    if (req.method !== 'POST' || !ACTIONS.includes(action as Action) || !SERVICE_NAMES.includes(service as ServiceName)) {
      reply(404, { error: `unknown: ${req.method} ${req.url}. Use POST /{${ACTIONS.join('|')}}/{${SERVICE_NAMES.join('|')}} or GET /status` });
      return;
    }
    const name = service as ServiceName;
    const run: Record<Action, () => Promise<void>> = {
      kill: () => stack.killService(name),
      stop: () => stack.stopService(name),
      start: () => stack.startService(name),
      restart: () => stack.restartService(name),
    };
    run[action as Action]().then(
      () => reply(200, stack.status().find((entry) => entry.name === name)),
      (error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  const port = await listen(server, 0, host);
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Starts the stack and the control endpoint, provides their addresses, and returns the teardown. */
export async function setupStack(project: ProvidingProject, options: StackOptions = {}): Promise<() => Promise<void>> {
  const log = options.log ?? ((message: string) => console.log(`[stack:${options.label ?? 'e2e'}] ${message}`));
  const stack = await startStack({ mode: 'test', ports: TEST_PORTS, ...options, log });
  let control: Awaited<ReturnType<typeof startControlServer>>;
  try {
    control = await startControlServer(stack);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const provide = project.provide.bind(project) as (key: string, value: unknown) => void;
  const operator = stack.demoAccounts.find((account) => /^op[eé]rat/i.test(account.role));
  if (!operator) log('warning: the seed wrote no operator account (role "operator"): inject("operator") is unavailable');
  const provided: Record<string, unknown> = {
    gatewayUrl: stack.urls.gateway,
    mailApiUrl: stack.urls.mailsApi,
    controlUrl: control.url,
    s3: { endpoint: stack.s3.host, port: stack.s3.port, accessKey: stack.s3.accessKey, secretKey: stack.s3.secretKey },
    busNamespace: stack.busNamespace ?? '',
    natsUrl: stack.urls.nats,
    databaseUrl: stack.database.url,
    demoAccounts: stack.demoAccounts,
    ...(operator ? { operator: { email: operator.email, password: operator.password } } : {}),
  };
  for (const [key, value] of Object.entries(provided)) provide(key, value);
  return async () => {
    await control.close();
    await stack.stop();
  };
}

/**
 * Default export: the e2e global setup. Services export their traces to a real OTLP/HTTP receiver
 * (`inject('otlpUrl')`, GET /spans), so a test can follow one request across HTTP, NATS and SQL.
 */
export default async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
  const otlp = new OtlpReceiver();
  const otlpUrl = await otlp.start();
  let teardown: () => Promise<void>;
  try {
    teardown = await setupStack(project, { label: 'e2e', env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl, OTEL_BSP_SCHEDULE_DELAY: '100' } });
  } catch (error) {
    await otlp.stop();
    throw error;
  }
  (project.provide.bind(project) as (key: string, value: unknown) => void)('otlpUrl', otlpUrl);
  return async () => {
    await teardown();
    await otlp.stop();
  };
}
