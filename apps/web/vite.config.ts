import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { copyDsfr, dsfrVersion } from './scripts/copy-dsfr.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:3000';

/**
 * The browser-safe libraries, resolved like tsconfig.base.json's paths: the shared ones
 * (libs/shared/*: `@guichet/forms`, `@guichet/conditions`, …; their Node-only entries `node.ts` are
 * left out) and `@guichet/contracts` (zod schemas over those shared libraries, no Node import), whose
 * response schemas the API client parses with.
 */
const tsconfigPaths = (JSON.parse(readFileSync(resolve(root, '../../tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
const alias = Object.fromEntries(
  Object.entries(tsconfigPaths)
    .map(([name, [target = '']]) => [name, target] as const)
    .filter(([, target]) => (target.startsWith('./libs/shared/') && !target.endsWith('/node.ts')) || target === './libs/contracts/src/index.ts')
    .map(([name, target]) => [name, resolve(root, '../..', target)]),
);

/**
 * Copies the DSFR assets to public/dsfr before dev and build (same as running
 * scripts/copy-dsfr.mjs) and adds `?v=<dsfr version>` to the /dsfr/ hrefs of index.html,
 * as react-dsfr's copy-dsfr-to-public does, so a DSFR upgrade is not hidden by a cache.
 */
function dsfr(): Plugin {
  const version = dsfrVersion();
  return {
    name: 'guichet-dsfr',
    buildStart() {
      copyDsfr({ publicDir: resolve(root, 'public'), quiet: true });
    },
    transformIndexHtml(html) {
      return html.replace(/href="(\/dsfr\/[^"?]+)(\?[^"]*)?"/g, (_match, path: string) => `href="${path}?v=${version}"`);
    },
  };
}

export default defineConfig({
  root,
  publicDir: resolve(root, 'public'),
  plugins: [dsfr(), react()],
  resolve: { alias },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/ },
            { name: 'dsfr', test: /node_modules[\\/](@codegouvfr|tsafe)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/health': { target: gateway, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/health': { target: gateway, changeOrigin: false },
    },
  },
});
