// Types of infra.mjs (plain JavaScript so it runs before npm ci), for stack.ts.
export interface StartedInfra {
  url: string;
  how: 'running' | 'pg_ctlcluster' | 'embedded' | 'started';
  stop(): Promise<void>;
}

export interface Infra {
  postgres: StartedInfra;
  nats: StartedInfra;
  env: { TEST_POSTGRES_URL: string; TEST_NATS_URL: string };
  stop(): Promise<void>;
}

type Log = (message: string) => void;

export const root: string;
export const tmpDir: string;
export function isPortOpen(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export function waitForPort(port: number, options?: { host?: string; timeoutMs?: number; open?: boolean }): Promise<boolean>;
export function run(
  command: string,
  args?: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; stdio?: 'inherit' | 'ignore' | 'pipe' },
): Promise<number>;
export function startEmbeddedPostgres(log?: Log): Promise<{ port: number; stop(): Promise<void> }>;
export function ensurePostgres(options?: { log?: Log }): Promise<StartedInfra>;
export function ensureNats(options?: { log?: Log }): Promise<StartedInfra>;
export function ensureInfra(options?: { log?: Log }): Promise<Infra>;
export function buildTypeScript(options?: { env?: NodeJS.ProcessEnv }): Promise<number>;
export function webConfigFile(): string | undefined;
export function buildWeb(options?: { log?: Log; env?: NodeJS.ProcessEnv }): Promise<'built' | 'skipped' | 'failed'>;
