import { createServer, type Server } from 'node:http';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

/** `/health/live` answers while the process runs; `/health/ready` when its dependencies answer. */
export function startHealthServer(port: number, ready: ReadinessCheck): Promise<Server> {
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/health/live') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (url === '/health/ready') {
      ready()
        .then((checks) => {
          const ok = Object.values(checks).every(Boolean);
          response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }));
        })
        .catch(() => response.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}'));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NOT_FOUND","message":"Introuvable."}}');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
