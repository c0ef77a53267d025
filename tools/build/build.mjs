// Compiles every service, library and tool written in TypeScript to dist/ (CommonJS) with SWC.
// SWC keeps decorator metadata (NestJS dependency injection needs it) and rewrites the
// @guichet/* path aliases of tsconfig.base.json into relative requires, so `node dist/...` runs
// without a loader. The web app is built separately by Vite.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'dist');
const sourceRoots = ['apps', 'libs', 'tools'];
const skipped = new Set(['node_modules', 'dist', 'apps/web']);

async function collect(dir, files) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name) && !skipped.has(relative(root, path))) await collect(path, files);
    } else if (/\.tsx?$/.test(entry.name) && !/\.(spec|int-spec|d)\.tsx?$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

const base = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));
const paths = base.compilerOptions.paths;

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  await rm(outDir, { recursive: true, force: true });
  const files = [];
  for (const dir of sourceRoots) await collect(join(root, dir), files);
  await Promise.all(
    files.map(async (file) => {
      const tsx = file.endsWith('.tsx');
      const { code, map } = await transformFile(file, {
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', tsx, decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
          baseUrl: root,
          paths,
          keepClassNames: true,
        },
        module: { type: 'commonjs', ignoreDynamic: true },
      });
      const target = join(outDir, relative(root, file)).replace(/\.tsx?$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      if (map) await writeFile(`${target}.map`, map);
    }),
  );
  if (!quiet) console.log(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build();
}
