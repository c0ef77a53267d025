import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The boundaries are enforced, not conventional: a service importing another service's code, or a
 * shared library importing a service, fails lint. Runs the repo's real ESLint config on probe sources.
 */
describe('module boundaries', () => {
  const root = resolve(__dirname, '../..');
  let eslint: ESLint;

  beforeAll(() => {
    // The rule reads Nx's project graph; compute it as the lint tier does.
    execFileSync(process.execPath, [resolve(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'ignore',
    });
    eslint = new ESLint({ cwd: root });
  }, 60_000);

  const boundaryErrors = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
    return (result?.messages ?? []).filter((message) => message.ruleId === '@nx/enforce-module-boundaries');
  };

  it('refuses a relative import of another service', async () => {
    const errors = await boundaryErrors("import { definition } from '../../dossiers/src/service.definition';\nexport const x = definition;\n", 'apps/experts/src/probe.ts');
    expect(errors).toHaveLength(1);
  });

  it('refuses a shared library importing a service', async () => {
    const errors = await boundaryErrors("import { definition } from '../../../../apps/dossiers/src/service.definition';\nexport const x = definition;\n", 'libs/platform/bus/src/probe.ts');
    expect(errors.length).toBeGreaterThan(0);
  });

  it('refuses the web app importing platform (Node-only) libraries', async () => {
    const errors = await boundaryErrors("import { Bus } from '@guichet/platform-bus';\nexport const x = Bus;\n", 'apps/web/src/probe.ts');
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows a service to use contracts, shared domain and platform libraries', async () => {
    const errors = await boundaryErrors(
      "import { dossierContracts } from '@guichet/contracts';\nimport { nextState } from '@guichet/dossier-state';\nimport { Bus } from '@guichet/platform-bus';\nexport const x = [dossierContracts, nextState, Bus];\n",
      'apps/experts/src/probe.ts',
    );
    expect(errors).toEqual([]);
  });
});
