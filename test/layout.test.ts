/**
 * The layout every operation follows, so that adding one cannot silently skip a list it must join:
 * - each operation file (`triggers/<key>.ts`, `creates/<key>.ts`, `searches/<key>.ts`) is registered in its
 *   folder's index.ts under its own file name, and every registered operation has such a file;
 * - each operation has its test file, mirroring the source: `test/<folder>/<key>.test.ts`;
 * - each operation of the app has an entry in the one catalogue of fixtures (test/catalogue.ts), and the
 *   catalogue has no entry for an operation the app does not have.
 * The app has two builds (triggers/index.ts): without RELAY_URL, and with it (instant triggers added, the polling
 * ones they replace hidden). Files and test files are checked over both; the catalogue over the default build,
 * whose operations the reliability suites run (the instant triggers' own tests cover their requests).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import App from '../index';
import { CATALOGUE, entryOf, type Kind } from './catalogue';

const ROOT = join(__dirname, '..');
const FOLDERS = ['triggers', 'creates', 'searches'] as const;
type Folder = (typeof FOLDERS)[number];

const registered = (kind: Kind): Record<string, unknown> => (App[kind] ?? {}) as Record<string, unknown>;

type Operation = { key?: string; operation?: unknown } | undefined;

/** Runs `load` on a fresh module registry with the relay configured: the instant build of the app. */
const withRelay = <T>(load: () => T): T => {
  const saved = { url: process.env.RELAY_URL, secret: process.env.RELAY_SECRET };
  process.env.RELAY_URL = 'https://relay.example.com';
  process.env.RELAY_SECRET = 'a-test-secret-of-at-least-32-bytes-0123';
  try {
    let result: T | undefined;
    jest.isolateModules(() => {
      result = load();
    });
    return result as T;
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

/** The instant build's operations of `folder`, and each file's default export loaded with them. */
const instantBuild = (folder: Folder) =>
  withRelay(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app as Zapier loads it, relay set
    const app = require(join(ROOT, 'index')) as Record<string, Record<string, Operation> | undefined>;
    const files = Object.fromEntries(
      operationFiles(folder).map((name) => [name, requireOperation(folder, name)]),
    );
    return { operations: app[folder] ?? {}, files };
  });

/** Registered as itself, or (a polling trigger hidden in the instant build) as a copy sharing its operation. */
const isRegistered = (operations: Record<string, unknown>, name: string, operation: Operation): boolean => {
  const entry = operations[name] as Operation;
  return entry === operation || (entry !== undefined && entry.operation === operation?.operation);
};

/** Every key registered in either build. */
const registeredKeys = (folder: Folder): string[] => [
  ...new Set([...Object.keys(registered(folder)), ...Object.keys(instantBuild(folder).operations)]),
];

const operationFiles = (folder: Folder): string[] =>
  readdirSync(join(ROOT, folder))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -'.ts'.length));

describe('layout of the operations', () => {
  it.each(FOLDERS)('every file of %s/ is registered in its index.ts under its own name', (folder) => {
    const problems: string[] = [];
    const operations = registered(folder);
    const instant = instantBuild(folder);
    for (const name of operationFiles(folder)) {
      const operation = requireOperation(folder, name);
      if (operation?.key !== name) {
        problems.push(`${folder}/${name}.ts: its default export's key is "${operation?.key}", not "${name}"`);
      } else if (
        !isRegistered(operations, name, operation) &&
        !isRegistered(instant.operations, name, instant.files[name])
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
