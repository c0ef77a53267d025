import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * What the browser tests run against: a base URL serving the web app and the gateway API.
 *
 * - BROWSER_BASE_URL set: that server is used as is (nothing is started or built).
 * - otherwise: the web app is built (apps/web/dist, which the gateway serves) and the real stack
 *   is started with `startStack()` from tools/stack/stack.ts (gateway + services, demo seed).
 */
export type BrowserTarget = { baseUrl: string; stop: () => Promise<void> };

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const stackModulePath = resolve(repoRoot, 'tools/stack/stack.ts');

/**
 * The parts of the stack harness these tests rely on. The harness is written separately; this is
 * the one place to adapt if its shape differs: the base URL of the gateway is read from
 * `baseUrl`, `gatewayUrl`, `url` or `urls.gateway`, and it is stopped with `stop()` or `close()`.
 */
type StartedStack = {
  baseUrl?: string;
  gatewayUrl?: string;
  url?: string;
  urls?: { gateway?: string };
  stop?: () => Promise<void> | void;
  close?: () => Promise<void> | void;
};
type StackModule = { startStack: (options?: Record<string, unknown>) => Promise<StartedStack> };

export async function startBrowserTarget(): Promise<BrowserTarget> {
  const fromEnv = process.env.BROWSER_BASE_URL?.trim();
  if (fromEnv) return { baseUrl: fromEnv.replace(/\/+$/, ''), stop: async () => {} };

  if (!existsSync(stackModulePath)) {
    throw new Error(
      `Browser tests: ${stackModulePath} does not exist yet, so the stack cannot be started. ` +
        'Set BROWSER_BASE_URL to the URL of a running gateway serving apps/web/dist.',
    );
  }
  if (process.env.BROWSER_SKIP_WEB_BUILD !== '1') await buildWebApp();

  // Imported at run time: the harness is optional for type-checking and absent in some checkouts.
  const stackModule = (await import(pathToFileURL(stackModulePath).href)) as StackModule;
  const stack = await stackModule.startStack();
  const baseUrl = stack.baseUrl ?? stack.gatewayUrl ?? stack.url ?? stack.urls?.gateway;
  if (!baseUrl) {
    await (stack.stop ?? stack.close)?.call(stack);
    throw new Error('Browser tests: startStack() returned no gateway URL (expected baseUrl, gatewayUrl, url or urls.gateway).');
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    stop: async () => {
      await (stack.stop ?? stack.close)?.call(stack);
    },
  };
}

/** Builds apps/web into apps/web/dist (also copies the DSFR assets), as the gateway serves it. */
export async function buildWebApp(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: resolve(repoRoot, 'apps/web/vite.config.ts'), logLevel: 'warn' });
}
