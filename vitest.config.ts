import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One runner for every tier. SWC compiles TypeScript with decorator metadata (NestJS needs it);
// the @guichet/* aliases come from tsconfig.base.json so there is one list of them.
const base = JSON.parse(readFileSync(resolve(__dirname, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.fromEntries(
  Object.entries(base.compilerOptions.paths).map(([name, [target]]) => [name, resolve(__dirname, target ?? '')]),
);

const swcPlugin = swc.vite({
  jsc: {
    parser: { syntax: 'typescript', tsx: true, decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
    target: 'es2022',
    keepClassNames: true,
  },
});

const shared = { resolve: { alias }, plugins: [swcPlugin] };

export default defineConfig({
  ...shared,
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest-report.json' },
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['apps/**/*.spec.{ts,tsx}', 'libs/**/*.spec.{ts,tsx}', 'tools/**/*.spec.ts'], environment: 'node' },
      },
      {
        ...shared,
        test: {
          name: 'int',
          include: ['apps/**/*.int-spec.ts', 'libs/**/*.int-spec.ts', 'tools/**/*.int-spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e-spec.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        ...shared,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser-spec.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
