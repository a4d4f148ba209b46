/**
 * A push ships the compiled app (docs/CONNECTION.md §9). `index.js` requires the git-ignored `dist/`, and
 * zapier-platform-cli compiles only through the app's `_zapier-build` script. So, offline: copy the tracked
 * files (a clean checkout: no `dist/`), run `zapier-platform build` there exactly as a push does (minus the
 * remote validation and the dependency install, which need the network), then load the zip's app in a fresh
 * node process from the unzipped files alone and compare the operations it lists with the source definition.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import App from '../index';

// zapier-platform-cli's own zip library (a dependency of the CLI that builds the zip).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdmZip = require('adm-zip') as new (file: string) => {
  extractAllTo(target: string, overwrite: boolean): void;
};

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');

jest.setTimeout(300_000);

interface Listing {
  triggers: string[];
  creates: string[];
  searches: string[];
  searchOrCreates: string[];
  authentication: string;
  version: string;
}

const listingOf = (app: Record<string, unknown>): Listing => ({
  triggers: Object.keys((app.triggers as object | undefined) ?? {}).sort(),
  creates: Object.keys((app.creates as object | undefined) ?? {}).sort(),
  searches: Object.keys((app.searches as object | undefined) ?? {}).sort(),
  searchOrCreates: Object.keys((app.searchOrCreates as object | undefined) ?? {}).sort(),
  authentication: String((app.authentication as { type?: string } | undefined)?.type),
  version: String(app.version),
});

/** Run in the unzipped build: loads its index.js the way Zapier does and prints the operations it lists. */
const LIST_SCRIPT = `
const app = require('./index.js');
const keys = (o) => Object.keys(o || {}).sort();
process.stdout.write(JSON.stringify({
  triggers: keys(app.triggers), creates: keys(app.creates), searches: keys(app.searches),
  searchOrCreates: keys(app.searchOrCreates), authentication: String(app.authentication && app.authentication.type),
  version: String(app.version),
}));
`;

/**
 * Run in the unzipped build: the app's schemas load zod with its error-message locales registered lazily
 * (lib/core/schema.ts), so only English is loaded; every locale zod's own index names is still there on demand.
 */
const ZOD_SCRIPT = `
const fs = require('fs');
const path = require('path');
require('./index.js');
const { lazySchema } = require('./dist/lib/core/schema.js');
const zod = lazySchema((z) => z)();
const dir = path.join(path.dirname(require.resolve('zod')), 'v4', 'locales');
const loaded = () => Object.keys(require.cache).filter((file) => file.startsWith(dir + path.sep)).map((file) => path.basename(file)).sort();
const before = loaded();
const message = zod.string().safeParse(1).error.issues[0].message;
const names = [...fs.readFileSync(path.join(dir, 'index.cjs'), 'utf8').matchAll(/defineProperty\\(exports, "(\\w+)"/g)].map((m) => m[1]).filter((name) => name !== "__esModule").sort();
const french = zod.locales.fr().localeError({ code: 'invalid_type', expected: 'string', input: 1 });
process.stdout.write(JSON.stringify({ before, message, names, locales: Object.keys(zod.locales).sort(), french, after: loaded() }));
`;

/** A package's dependencies, transitively, as installed under ROOT/node_modules. */
const closureOf = (names: readonly string[]): Set<string> => {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = path.join(ROOT, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const { dependencies } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    queue.push(...Object.keys(dependencies ?? {}));
  }
  return seen;
};

/** Every file path under `dir`, relative to it, with forward slashes. */
const filesUnder = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );

describe('zapier-platform build from a clean checkout', () => {
  let checkout: string;
  beforeAll(() => {
    checkout = mkdtempSync(path.join(os.tmpdir(), 'highlevel-clean-checkout-'));
  });
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  it('has a _zapier-build script that compiles the TypeScript (the CLI runs it before building or pushing)', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['_zapier-build']).toBe('npm run build');
    expect(scripts.build).toMatch(/^tsc -p tsconfig\.build\.json$/);
  });

  it('produces a zip whose app loads and lists every operation of the source', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT }).toString('utf8').split('\0');
    for (const file of tracked.filter(Boolean)) {
      const from = path.join(ROOT, file);
      if (!existsSync(from)) continue; // deleted in the working tree
      mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
      copyFileSync(from, path.join(checkout, file));
    }
    expect(existsSync(path.join(checkout, 'dist'))).toBe(false);
    // Dependencies as installed (hard links: fast, and real paths inside the checkout, as the zip needs).
    execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(checkout, 'node_modules')]);

    execFileSync(process.execPath, [CLI, 'build', '--skip-validation', '--skip-dep-install'], {
      cwd: checkout,
      env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1' },
      stdio: 'pipe',
    });

    const unzipped = path.join(checkout, 'unzipped');
    new AdmZip(path.join(checkout, 'build', 'build.zip')).extractAllTo(unzipped, true);
    // The compiled app is in the zip, built by _zapier-build from this checkout.
    expect(existsSync(path.join(unzipped, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(path.join(unzipped, 'index.js'))).toBe(true);
    const listed = JSON.parse(
      execFileSync(process.execPath, ['-e', LIST_SCRIPT], { cwd: unzipped, stdio: 'pipe' }).toString('utf8'),
    ) as Listing;
    expect(listed).toEqual(listingOf(App as unknown as Record<string, unknown>));
    expect(listed.triggers.length + listed.creates.length + listed.searches.length).toBeGreaterThan(20);

    const zod = JSON.parse(
      execFileSync(process.execPath, ['-e', ZOD_SCRIPT], { cwd: unzipped, stdio: 'pipe' }).toString('utf8'),
    ) as {
      before: string[];
      message: string;
      names: string[];
      locales: string[];
      french: string;
      after: string[];
    };
    // zod's index of ~50 locales is the app's stand-in; English alone is loaded, and messages stay English.
    expect(zod.before).toEqual(['en.cjs', 'index.cjs']);
    expect(zod.message).toBe('Invalid input: expected string, received number');
    expect(zod.names.length).toBeGreaterThan(40);
    expect(zod.locales).toEqual(zod.names);
    expect(zod.french).toMatch(/^Entrée invalide/);
    expect(zod.after).toEqual(['en.cjs', 'fr.cjs', 'index.cjs']);

    // The relay (relay/, its own workspace package) and its dependencies never ship in the app's zip. The CLI
    // adds every package.json under the app folder to the zip (a preset pattern of zapier-platform-cli's build:
    // the manifests of jest, eslint … travel too), so manifests are allowed; no other file is.
    const readDeps = (file: string) =>
      Object.keys(
        (JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as { dependencies?: Record<string, string> })
          .dependencies ?? {},
      );
    const appDeps = closureOf(readDeps('package.json'));
    const relayOnly = [...closureOf(readDeps('relay/package.json'))].filter((name) => !appDeps.has(name));
    expect(relayOnly).toContain('pg');
    const shipped = filesUnder(unzipped);
    expect(shipped).toContain('node_modules/jest/package.json');
    const strays = shipped.filter(
      (file) =>
        path.posix.basename(file) !== 'package.json' &&
        (file.startsWith('relay/') ||
          file.startsWith('node_modules/highlevel-zapier-relay/') ||
          relayOnly.some((name) => file.startsWith(`node_modules/${name}/`))),
    );
    expect(strays).toEqual([]);
  });
});
