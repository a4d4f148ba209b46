/**
 * The layout every operation follows, so that adding one cannot silently skip a list it must join:
 * - each operation file (`triggers/<key>.ts`, `creates/<key>.ts`, `searches/<key>.ts`) is registered in its
 *   folder's index.ts under its own file name, and every registered operation has such a file;
 * - each operation has its test file, mirroring the source: `test/<folder>/<key>.test.ts`;
 * - each operation of the app has an entry in the one catalogue of fixtures (test/catalogue.ts), and the
 *   catalogue has no entry for an operation the app does not have;
 * - no file in lib/ is longer than 450 lines (split it along its seams instead);
 * - a scope is written out only in lib/scopes.ts, or as the `scope` of a request or route (typed `Scope`).
 * The app has two builds (triggers/index.ts): without RELAY_URL, and with it (instant triggers added, the polling
 * ones they replace hidden). Files and test files are checked over both; the catalogue over the default build,
 * whose operations the reliability suites run (the instant triggers' own tests cover their requests).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SCOPES } from '../lib/scopes';
import { CATALOGUE, entryOf, INSTANT_CATALOGUE, type Kind } from './catalogue';

const ROOT = join(__dirname, '..');
const FOLDERS = ['triggers', 'creates', 'searches'] as const;
type Folder = (typeof FOLDERS)[number];

const operationFiles = (folder: Folder): string[] =>
  readdirSync(join(ROOT, folder))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -'.ts'.length));

type Operation = { key?: string; operation?: unknown } | undefined;

/**
 * Loads the app on a fresh module registry, with the relay configured or not (whatever this process's own
 * environment says), and each operation file of `folders` beside it (so identities compare).
 */
const loadBuild = (relay: boolean) => {
  const saved = { url: process.env.RELAY_URL, secret: process.env.RELAY_SECRET };
  if (relay) {
    process.env.RELAY_URL = 'https://relay.example.com';
    process.env.RELAY_SECRET = 'a-test-secret-of-at-least-32-bytes-0123';
  } else delete process.env.RELAY_URL;
  try {
    let result: {
      app: Record<string, Record<string, Operation> | undefined>;
      files: Record<string, Operation>;
    } = {
      app: {},
      files: {},
    };
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app as Zapier loads it
      const app = require(join(ROOT, 'index')) as typeof result.app;
      const files = Object.fromEntries(
        FOLDERS.flatMap((folder) =>
          operationFiles(folder).map(
            (name) => [`${folder}/${name}`, requireOperation(folder, name)] as const,
          ),
        ),
      );
      result = { app, files };
    });
    return result;
  } finally {
    for (const [name, value] of [
      ['RELAY_URL', saved.url],
      ['RELAY_SECRET', saved.secret],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
};

const requireOperation = (folder: Folder, name: string): Operation =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- every file of the folder, by name
  (require(join(ROOT, folder, name)) as { default?: Operation }).default;

const DEFAULT_BUILD = loadBuild(false);
const INSTANT_BUILD = loadBuild(true);

/** The default build's operations of a kind (the build the reliability suites and the benchmark run). */
const registered = (kind: Kind): Record<string, unknown> => DEFAULT_BUILD.app[kind] ?? {};
const instantOperations = (folder: Folder): Record<string, unknown> => INSTANT_BUILD.app[folder] ?? {};

/** Registered as itself, or (a polling trigger hidden in the instant build) as a copy sharing its operation. */
const isRegistered = (operations: Record<string, unknown>, name: string, operation: Operation): boolean => {
  const entry = operations[name] as Operation;
  return entry === operation || (entry !== undefined && entry.operation === operation?.operation);
};

/** Every key registered in either build. */
const registeredKeys = (folder: Folder): string[] => [
  ...new Set([...Object.keys(registered(folder)), ...Object.keys(instantOperations(folder))]),
];

describe('layout of the operations', () => {
  it.each(FOLDERS)('every file of %s/ is registered in its index.ts under its own name', (folder) => {
    const problems: string[] = [];
    for (const name of operationFiles(folder)) {
      const operation = DEFAULT_BUILD.files[`${folder}/${name}`];
      if (operation?.key !== name) {
        problems.push(`${folder}/${name}.ts: its default export's key is "${operation?.key}", not "${name}"`);
      } else if (
        !isRegistered(registered(folder), name, operation) &&
        !isRegistered(instantOperations(folder), name, INSTANT_BUILD.files[`${folder}/${name}`])
      ) {
        problems.push(`${folder}/${name}.ts is not registered in ${folder}/index.ts`);
      }
    }
    for (const key of registeredKeys(folder)) {
      if (!existsSync(join(ROOT, folder, `${key}.ts`))) {
        problems.push(`${folder}/index.ts registers "${key}" but there is no ${folder}/${key}.ts`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(FOLDERS)('every operation of %s/ has its test file (test/<folder>/<key>.test.ts)', (folder) => {
    const missing = registeredKeys(folder)
      .filter((key) => !existsSync(join(ROOT, 'test', folder, `${key}.test.ts`)))
      .map((key) => `${folder}/${key}.ts has no test file: add test/${folder}/${key}.test.ts`);
    expect(missing).toEqual([]);
  });

  it.each(['triggers', 'creates', 'searches', 'searchOrCreates'] as const)(
    'every operation of %s has an entry in test/catalogue.ts, and no entry is stale',
    (kind) => {
      const problems: string[] = [];
      const keys = Object.keys(registered(kind));
      for (const key of keys) {
        try {
          entryOf(kind, key);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
      for (const key of Object.keys(CATALOGUE[kind])) {
        if (!keys.includes(key))
          problems.push(`test/catalogue.ts has CATALOGUE.${kind}.${key}, which the app does not have`);
      }
      expect(problems).toEqual([]);
    },
  );

  const sourceFiles = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });

  it('no file in lib/ is longer than 450 lines', () => {
    const long = sourceFiles('lib')
      .map((file) => [file, readFileSync(join(ROOT, file), 'utf8').trimEnd().split('\n').length] as const)
      .filter(([, lines]) => lines > 450)
      .map(([file, lines]) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it('scopes are written out only in lib/scopes.ts, or as a typed `scope:` of a request or route', () => {
    const problems: string[] = [];
    for (const file of [...sourceFiles('lib'), ...sourceFiles('sandbox')]) {
      if (file === 'lib/scopes.ts') continue;
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const scope of SCOPES) {
            const at = line.indexOf(scope);
            if (at === -1) continue;
            // A longer scope's prefix is not this one (locations.readonly in locations/tags.readonly).
            if (/[\w/]/.test(line[at - 1] ?? '') || /[\w/]/.test(line[at + scope.length] ?? '')) continue;
            if (!line.includes(`scope: '${scope}'`)) problems.push(`${file}:${index + 1}: ${line.trim()}`);
          }
        });
    }
    expect(problems).toEqual([]);
  });

  it('every trigger only the instant build has an entry in INSTANT_CATALOGUE (test/catalogue.ts), and none is stale', () => {
    const instantOnly = Object.keys(instantOperations('triggers')).filter(
      (key) => !(key in registered('triggers')),
    );
    const problems = [
      ...instantOnly
        .filter((key) => !Object.prototype.hasOwnProperty.call(INSTANT_CATALOGUE, key))
        .map(
          (key) =>
            `the instant trigger "${key}" has no entry in test/catalogue.ts (INSTANT_CATALOGUE.${key})`,
        ),
      ...Object.keys(INSTANT_CATALOGUE)
        .filter((key) => !instantOnly.includes(key))
        .map((key) => `test/catalogue.ts has INSTANT_CATALOGUE.${key}, which the instant build does not add`),
    ];
    expect(problems).toEqual([]);
  });

  it('no key is both a trigger, a create or a search (the reliability suites look fixtures up by key)', () => {
    const kinds = new Map<string, string[]>();
    for (const folder of FOLDERS) {
      for (const key of Object.keys(registered(folder))) kinds.set(key, [...(kinds.get(key) ?? []), folder]);
    }
    const shared = [...kinds]
      .filter(([, folders]) => folders.length > 1)
      .map(([key, folders]) => `${key}: ${folders.join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('names the operation when its catalogue entry is missing', () => {
    expect(() => entryOf('creates', 'add_contact_to_pipeline')).toThrow(
      'The create "add_contact_to_pipeline" has no entry in test/catalogue.ts (CATALOGUE.creates.add_contact_to_pipeline)',
    );
  });
});
