// Copies the DSFR assets the web app needs from node_modules/@codegouvfr/react-dsfr/dsfr to
// apps/web/public/dsfr (git-ignored), without npm scripts. It mirrors react-dsfr's own
// `copy-dsfr-to-public` bin: keep dsfr.min.css, the icons stylesheet, the favicons and every asset
// that dsfr.min.css references (fonts, icons), write a .gitignore and a version.txt, and skip the
// copy when the version already copied is the installed one. Unlike the bin, it also keeps the icon
// files that utility/icons/icons.min.css references (the bin leaves that to `only-include-used-icons`),
// and it does not rewrite index.html: the Vite plugin in vite.config.ts adds `?v=<version>` to the
// /dsfr/ hrefs at build time instead.
//
// Usage: node apps/web/scripts/copy-dsfr.mjs   (vite.config.ts also runs it before dev and build)
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where @codegouvfr/react-dsfr is installed (resolved like Node does, from apps/web upwards). */
function reactDsfrDir() {
  const require = createRequire(join(webRoot, 'package.json'));
  return dirname(require.resolve('@codegouvfr/react-dsfr/package.json'));
}

/** The version of the DSFR shipped by the installed react-dsfr (what the bin writes to version.txt). */
export function dsfrVersion() {
  const pkg = JSON.parse(readFileSync(join(reactDsfrDir(), 'package.json'), 'utf8'));
  return pkg.devDependencies?.['@gouvfr/dsfr'] ?? pkg.version;
}

/** Relative paths of the non-data url(...) assets of a stylesheet, resolved against `baseDir`. */
function assetsOf(css, baseDir) {
  const paths = new Set();
  for (const regex of [/url\("([^"]+)"\)/g, /url\('([^']+)'\)/g, /url\(([^)"']+)\)/g]) {
    for (const match of css.matchAll(regex)) {
      const url = (match[1] ?? '').split(/[?#]/)[0] ?? '';
      if (url === '' || url.startsWith('data:') || /^[a-z]+:/i.test(url)) continue;
      paths.add(posix.normalize(posix.join(baseDir, url)));
    }
  }
  return paths;
}

/**
 * Copies the assets into `publicDir/dsfr` unless the same version is already there.
 * Returns what it did, for the logs.
 */
export function copyDsfr({ publicDir = join(webRoot, 'public'), quiet = false } = {}) {
  const source = join(reactDsfrDir(), 'dsfr');
  const target = join(publicDir, 'dsfr');
  const version = dsfrVersion();
  const versionFile = join(target, 'version.txt');
  if (existsSync(versionFile) && readFileSync(versionFile, 'utf8') === version) {
    return { copied: 0, version, target, skipped: true };
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, '.gitignore'), '*');

  const dsfrCss = 'dsfr.min.css';
  const iconsCss = 'utility/icons/icons.min.css';
  const keep = new Set([
    'favicon/apple-touch-icon.png',
    'favicon/favicon.svg',
    'favicon/favicon.ico',
    'favicon/manifest.webmanifest',
    iconsCss,
    dsfrCss,
    ...assetsOf(readFileSync(join(source, dsfrCss), 'utf8'), '.'),
    ...assetsOf(readFileSync(join(source, iconsCss), 'utf8'), posix.dirname(iconsCss)),
  ]);

  let copied = 0;
  for (const path of keep) {
    const from = normalize(join(source, path));
    // Never follow a url() outside the dsfr folder.
    if (relative(source, from).startsWith('..') || !existsSync(from)) continue;
    const to = join(target, path.split('/').join(sep));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    copied += 1;
  }
  writeFileSync(versionFile, version);
  if (!quiet) console.log(`copy-dsfr: ${copied} DSFR ${version} files copied to ${relative(process.cwd(), target) || '.'}`);
  return { copied, version, target, skipped: false };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  copyDsfr();
}
