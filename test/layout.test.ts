/**
 * The layout every operation follows, so that adding one cannot silently skip a list it must join:
 * - each operation file (`triggers/<key>.ts`, `creates/<key>.ts`, `searches/<key>.ts`) is registered in its
 *   folder's index.ts under its own file name, and every registered operation has such a file;
 * - each operation has its test file, mirroring the source: `test/<folder>/<key>.test.ts`;
 * - each operation of the app has an entry in the one catalogue of fixtures (test/catalogue.ts), and the
 *   catalogue has no entry for an operation the app does not have;
 * - no file in lib/ is longer than 450 lines (split it along its seams instead);
 * - a scope is written out only in lib/scopes.ts, or as the `scope` of a request or route (typed `Scope`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import App from '../index';
import { SCOPES } from '../lib/scopes';
import { CATALOGUE, entryOf, type Kind } from './catalogue';

const ROOT = join(__dirname, '..');
const FOLDERS = ['triggers', 'creates', 'searches'] as const;
type Folder = (typeof FOLDERS)[number];

const registered = (kind: Kind): Record<string, unknown> => (App[kind] ?? {}) as Record<string, unknown>;

const operationFiles = (folder: Folder): string[] =>
  readdirSync(join(ROOT, folder))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -'.ts'.length));

describe('layout of the operations', () => {
  it.each(FOLDERS)('every file of %s/ is registered in its index.ts under its own name', (folder) => {
    const problems: string[] = [];
    const operations = registered(folder);
    for (const name of operationFiles(folder)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- every file of the folder, by name
      const operation = (require(join(ROOT, folder, name)) as { default?: { key?: string } }).default;
      if (operation?.key !== name) {
        problems.push(`${folder}/${name}.ts: its default export's key is "${operation?.key}", not "${name}"`);
      } else if (operations[name] !== operation) {
        problems.push(`${folder}/${name}.ts is not registered in ${folder}/index.ts`);
      }
    }
    for (const key of Object.keys(operations)) {
      if (!existsSync(join(ROOT, folder, `${key}.ts`))) {
        problems.push(`${folder}/index.ts registers "${key}" but there is no ${folder}/${key}.ts`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(FOLDERS)('every operation of %s/ has its test file (test/<folder>/<key>.test.ts)', (folder) => {
    const missing = Object.keys(registered(folder))
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

  const sourceFiles = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });

  /**
   * Over the limit and not yet split, each with the reason. lib/core/triggerState.ts is being changed for the
   * trigger volume work of issue 17 (point 2) on another branch: splitting it here would collide with that;
   * it is to be split once both are merged, and then taken out of this list.
   */
  const NOT_YET_SPLIT = new Set(['lib/core/triggerState.ts']);

  it('no file in lib/ is longer than 450 lines', () => {
    const long = sourceFiles('lib')
      .filter((file) => !NOT_YET_SPLIT.has(file))
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
});
