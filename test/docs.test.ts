/**
 * The repository stands on its own (issue 12). Over every git-tracked file:
 * - nothing outside docs/ points at the background folder that used to hold the docs (a path outside the repo);
 * - every cited document with an upper-case name (`<NAME>.md`, bare or with a path) exists: bare names in docs/,
 *   at the repository root or next to the citing file; names with a path at that path;
 * - every section cited after it (`§N`, also `§N–§M` and `§N, §M`) is a "## N." heading of that document, and a
 *   quoted name after it (`<NAME>.md "Triggers"`) appears in it;
 * - sandbox/README.md cites no bare `#N` issue number without the thread's URL on the same line.
 * Files come from `git ls-files`, so a document that exists only in a working tree does not count.
 * DOCS_TEST_ROOT=<checkout> runs the same checks over another checkout.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import path from 'path';

interface Repo {
  files: readonly string[];
  read(file: string): string;
}

// Built from parts so that this file does not trip its own check.
const OUTSIDE_PATHS = [['..', 'shared'].join('/'), ['', 'work', 'shared'].join('/')];

const URL_PATTERN = /\bhttps?:\/\/[^\s)>\]`'"]+/g;
/** An upper-case document name, optionally after a relative path (`docs/`, `bench/`, `../x/`). */
const DOC_PATTERN = /((?:[\w.-]+\/)*)\b([A-Z][A-Z0-9_]*\.md)\b/g;
/** What may follow a cited document: closing quotes or brackets, then `§N` and more `§M` after –, -, "," or "and". */
const SECTIONS_PATTERN = /^[`'"*)\]]*:?\s*§\s*(\d+)((?:\s*(?:–|-|,|and|&)\s*§\s*\d+)*)/;
const QUOTED_PATTERN = /^[`*)\]]*[:,]?[ \t]+"([^"\n]{2,60})"/;

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

const headingNumbers = (markdown: string): Set<number> =>
  new Set([...markdown.matchAll(/^## (\d+)\./gm)].map((match) => Number(match[1])));

/** Where a cited document lives in the repository, or undefined when it does not. */
const resolveDocument = (
  repo: Repo,
  citingFile: string,
  prefix: string,
  name: string,
): string | undefined => {
  const tracked = new Set(repo.files);
  const citingDir = path.posix.dirname(citingFile);
  const candidates = prefix
    ? [path.posix.normalize(prefix + name), path.posix.normalize(path.posix.join(citingDir, prefix + name))]
    : [`docs/${name}`, name, path.posix.join(citingDir, name)];
  return candidates.find((candidate) => !candidate.startsWith('..') && tracked.has(candidate));
};

/** Every problem of one file, as "file:line: what is wrong". */
export const problemsOf = (repo: Repo, file: string): string[] => {
  const text = repo.read(file);
  const problems: string[] = [];
  if (!file.startsWith('docs/')) {
    for (const outside of OUTSIDE_PATHS) {
      let at = text.indexOf(outside);
      while (at !== -1) {
        problems.push(`${file}:${lineOf(text, at)}: refers to "${outside}", a path outside the repository`);
        at = text.indexOf(outside, at + 1);
      }
    }
  }
  // URLs may name documents of other repositories (a changelog on GitHub): blank them, keeping every offset.
  const scanned = text.replace(URL_PATTERN, (url) => ' '.repeat(url.length));
  for (const match of scanned.matchAll(DOC_PATTERN)) {
    const [whole, prefix, name] = match;
    const at = match.index + whole.length - name.length;
    const where = `${file}:${lineOf(text, at)}`;
    const cited = prefix + name;
    const document = resolveDocument(repo, file, prefix, name);
    if (!document) {
      problems.push(
        `${where}: cites ${cited}, which is not a tracked file${prefix ? '' : ' in docs/, at the root or beside it'}`,
      );
      continue;
    }
    const rest = scanned.slice(match.index + whole.length);
    const sections = SECTIONS_PATTERN.exec(rest);
    if (sections) {
      const numbers = [sections[1], ...[...sections[2].matchAll(/\d+/g)].map((number) => number[0])].map(
        Number,
      );
      const headings = headingNumbers(repo.read(document));
      for (const number of numbers) {
        if (!headings.has(number)) {
          problems.push(
            `${where}: cites ${cited} §${number}, but ${document} has no "## ${number}." heading`,
          );
        }
      }
    }
    const quoted = QUOTED_PATTERN.exec(rest);
    if (quoted && !repo.read(document).toLowerCase().includes(quoted[1].toLowerCase())) {
      problems.push(`${where}: cites ${cited} "${quoted[1]}", which does not appear in ${document}`);
    }
  }
  if (file === 'sandbox/README.md') {
    text.split('\n').forEach((line, index) => {
      for (const issue of line.matchAll(/(?<![\w/&#])#(\d+)\b/g)) {
        if (!line.includes(`/issues/${issue[1]}`)) {
          problems.push(`${file}:${index + 1}: cites issue #${issue[1]} without the URL of its thread`);
        }
      }
    });
  }
  return problems;
};

const gitRepo = (root: string): Repo => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && existsSync(path.join(root, file)));
  const cache = new Map<string, string>();
  return {
    files,
    read(file) {
      let text = cache.get(file);
      if (text === undefined) {
        text = readFileSync(path.join(root, file), 'utf8');
        cache.set(file, text);
      }
      return text;
    },
  };
};

const isText = (repo: Repo, file: string): boolean => !repo.read(file).includes('\u0000');

describe('the repository stands on its own', () => {
  const root = process.env.DOCS_TEST_ROOT ?? path.resolve(__dirname, '..');
  const repo = gitRepo(root);

  it('lists its files with git', () => {
    expect(repo.files).toContain('README.md');
    expect(repo.files).toContain('docs/README.md');
  });

  it('cites only documents and sections that exist in it, and no path outside it', () => {
    const problems = repo.files
      .filter((file) => isText(repo, file))
      .flatMap((file) => problemsOf(repo, file));
    expect(problems).toEqual([]);
  });

  it('numbers the sections of every document in docs/ once each', () => {
    const problems = repo.files
      .filter((file) => /^docs\/[^/]+\.md$/.test(file))
      .flatMap((file) => {
        const numbers = [...repo.read(file).matchAll(/^## (\d+)\./gm)].map((match) => Number(match[1]));
        return numbers
          .filter(
            (number, index) =>
              numbers.indexOf(number) !== index || (index > 0 && number !== numbers[index - 1] + 1),
          )
          .map((number) => `${file}: section ${number} is repeated or out of order`);
      });
    expect(problems).toEqual([]);
  });
});

describe('problemsOf (the checks themselves)', () => {
  const md = (name: string) => `${name}.md`;
  const fakeRepo = (files: Record<string, string>): Repo => ({
    files: Object.keys(files),
    read: (file) => files[file],
  });
  const doc = '# Facts\n\n## 1. Base\n\ntext about "Triggers" here\n\n## 2. OAuth\n';
  const base = { [`docs/${md('FACTS')}`]: doc, 'bench/README.md': '# bench\n', 'README.md': '# readme\n' };

  it('accepts existing documents, sections, ranges, lists and quoted names', () => {
    const code = [
      `// ${md('FACTS')} §1 and docs/${md('FACTS')} §2`,
      `// (${md('FACTS')} §1–§2) (${md('FACTS')} §1, §2) \`docs/${md('FACTS')}\` §2`,
      `// ${md('FACTS')} "Triggers", docs/${md('FACTS')}, "Base"; see bench/${md('README')} and ${md('README')}`,
      `// https://github.com/zapier/zapier-platform/blob/main/${md('CHANGELOG')}`,
    ].join('\n');
    expect(problemsOf(fakeRepo({ ...base, 'lib/a.ts': code }), 'lib/a.ts')).toEqual([]);
  });

  it('names the file and line of a missing document, section or quoted name', () => {
    const code = [
      '// fine',
      `// ${md('NOPE')} §1`,
      `// ${md('FACTS')} §3`,
      `// ${md('FACTS')} §1, §9`,
      `// ${md('FACTS')}, "Webhooks"`,
      `// scripts/${md('README')}`,
    ].join('\n');
    expect(problemsOf(fakeRepo({ ...base, 'lib/a.ts': code }), 'lib/a.ts')).toEqual([
      `lib/a.ts:2: cites ${md('NOPE')}, which is not a tracked file in docs/, at the root or beside it`,
      `lib/a.ts:3: cites ${md('FACTS')} §3, but docs/${md('FACTS')} has no "## 3." heading`,
      `lib/a.ts:4: cites ${md('FACTS')} §9, but docs/${md('FACTS')} has no "## 9." heading`,
      `lib/a.ts:5: cites ${md('FACTS')} "Webhooks", which does not appear in docs/${md('FACTS')}`,
      `lib/a.ts:6: cites scripts/${md('README')}, which is not a tracked file`,
    ]);
  });

  it('refuses paths outside the repository everywhere but in docs/', () => {
    const text = `see ${OUTSIDE_PATHS[0]}/docs\nand ${OUTSIDE_PATHS[1]}/x\n`;
    expect(problemsOf(fakeRepo({ ...base, 'README.md': text }), 'README.md')).toEqual([
      `README.md:1: refers to "${OUTSIDE_PATHS[0]}", a path outside the repository`,
      `README.md:2: refers to "${OUTSIDE_PATHS[1]}", a path outside the repository`,
    ]);
    expect(problemsOf(fakeRepo({ ...base, 'docs/x.md': text }), 'docs/x.md')).toEqual([]);
  });

  it('wants a URL for every issue number in sandbox/README.md', () => {
    const readme = [
      '## 1. Heading',
      'dropped (#37).',
      'found ([#289](https://github.com/GoHighLevel/highlevel-api-docs/issues/289)).',
    ].join('\n');
    expect(problemsOf(fakeRepo({ ...base, 'sandbox/README.md': readme }), 'sandbox/README.md')).toEqual([
      'sandbox/README.md:2: cites issue #37 without the URL of its thread',
    ]);
  });
});
