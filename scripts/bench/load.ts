/**
 * Section 4, load: what `require('./dist')` costs in a fresh Node process (time: wall and CPU; memory:
 * heap retained after a GC and rss) versus `require('zapier-platform-core')` alone, several runs each,
 * interleaved, medians compared. The app requires the core too, so the ratio is (core + app) / core.
 * Also: what the app adds on top of the core, by package (files, source bytes, and the marginal cost of
 * loading it after the core), and the size of build/build.zip.
 *
 * build/build.zip: `npm run zip` takes ~50 s and rewrites build/, so the bench only builds it with `--zip`
 * (when it is missing or older than dist/); otherwise it reports the existing zip's size, flagged "stale"
 * when dist/ is newer, or "not built" with the command.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DIST, ROOT, mb, median, progress, ratio, round, type Section, type Target } from './common';

const RUNS = 7;
const MARGINAL_RUNS = 3;
const TARGET = 1.3;
const ZIP = path.join(ROOT, 'build', 'build.zip');

/**
 * Runs in the child (plain node, no tsx): optionally loads a base module first (not measured), then
 * measures one `require`. Prints one JSON line.
 */
const PROBE = `
const fs = require('node:fs');
const [target, base] = process.argv.slice(1);
if (base) require(base);
const before = new Set(Object.keys(require.cache));
global.gc();
const m0 = process.memoryUsage();
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
require(target);
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(c0);
global.gc();
const m1 = process.memoryUsage();
const packages = {};
for (const file of Object.keys(require.cache)) {
  if (before.has(file)) continue;
  const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file);
  const name = match ? match[1] : 'app (dist/)';
  const entry = (packages[name] ??= { files: 0, bytes: 0 });
  entry.files += 1;
  try { entry.bytes += fs.statSync(file).size; } catch {}
}
process.stdout.write(JSON.stringify({
  wallMs, cpuMs: (cpu.user + cpu.system) / 1000,
  heapBytes: m1.heapUsed - m0.heapUsed, rssBytes: m1.rss - m0.rss, packages,
}));
`;

interface Cost {
  wallMs: number;
  cpuMs: number;
  heapBytes: number;
  rssBytes: number;
}

interface Probe extends Cost {
  packages: Record<string, { files: number; bytes: number }>;
}

const childOptions = {
  cwd: ROOT,
  encoding: 'utf8' as const,
  env: { ...process.env, NODE_OPTIONS: '' },
  timeout: 60_000,
};

const probe = (target: string, base?: string): Probe => {
  try {
    const stdout = execFileSync(
      process.execPath,
      ['--expose-gc', '-e', PROBE, target, ...(base ? [base] : [])],
      {
        ...childOptions,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return JSON.parse(stdout) as Probe;
  } catch (error) {
    throw new Error(`Loading ${target} failed: ${String((error as { stderr?: string }).stderr ?? error)}`);
  }
};

const cost = ({ wallMs, cpuMs, heapBytes, rssBytes }: Cost): Cost => ({ wallMs, cpuMs, heapBytes, rssBytes });

/** Warnings node emits while loading the target (e.g. a bad package.json). */
const warningsOf = (target: string): string[] =>
  execFileSync(
    process.execPath,
    [
      '-e',
      `process.on('warning', (w) => console.log(w.name + ': ' + w.message)); require(${JSON.stringify(target)});`,
    ],
    { ...childOptions, stdio: ['ignore', 'pipe', 'ignore'] },
  )
    .split('\n')
    .filter((line) => line.trim() !== '');

const newestMtime = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
};

type ZipState = {
  state: 'fresh' | 'stale' | 'not built' | 'built now';
  bytes?: number;
  buildSeconds?: number;
};

const zipState = (buildZip: boolean): ZipState => {
  const distTime = newestMtime(DIST);
  const current = (): ZipState => {
    if (!existsSync(ZIP)) return { state: 'not built' };
    const stat = statSync(ZIP);
    return { state: stat.mtimeMs >= distTime ? 'fresh' : 'stale', bytes: stat.size };
  };
  const before = current();
  if (!buildZip || before.state === 'fresh') return before;
  progress('load: building build/build.zip (npm run zip, ~50 s)…');
  const started = Date.now();
  execFileSync('npm', ['run', 'zip'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
    timeout: 180_000,
  });
  return {
    state: 'built now',
    bytes: statSync(ZIP).size,
    buildSeconds: round((Date.now() - started) / 1000, 1),
  };
};

/**
 * Files the zip must hold for Zapier to run the app, missing from it: `index.js` (what core's
 * zapierwrapper.js requires), package.json's `main`, and the entry file of every runtime dependency.
 * undefined when the zip cannot be listed (no `unzip` on this machine).
 */
const missingFromZip = (): string[] | undefined => {
  let entries: Set<string>;
  try {
    const listing = execFileSync('unzip', ['-Z1', ZIP], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    entries = new Set(listing.split('\n').filter((line) => line !== ''));
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    main?: string;
    dependencies?: Record<string, string>;
  };
  const required = [
    'zapierwrapper.js',
    'index.js',
    path.posix.normalize(manifest.main ?? 'index.js'),
    ...Object.keys(manifest.dependencies ?? {}).map((name) =>
      path
        .relative(ROOT, require.resolve(name, { paths: [ROOT] }))
        .split(path.sep)
        .join('/'),
    ),
  ];
  return [...new Set(required)].filter((file) => !entries.has(file));
};

const medians = (probes: Cost[]): Cost => ({
  wallMs: median(probes.map((p) => p.wallMs)),
  cpuMs: median(probes.map((p) => p.cpuMs)),
  heapBytes: median(probes.map((p) => p.heapBytes)),
  rssBytes: median(probes.map((p) => p.rssBytes)),
});

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

export const loadSection = ({ buildZip }: { buildZip: boolean }): Section => ({
  id: 'load',
  title: 'Load',
  run: async () => {
    const core = require.resolve('zapier-platform-core', { paths: [ROOT] });
    const app = DIST; // require('./dist'), as the issue says
    const coreRuns: Probe[] = [];
    const appRuns: Probe[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      coreRuns.push(probe(core));
      appRuns.push(probe(app));
    }
    const coreMedian = medians(coreRuns);
    const appMedian = medians(appRuns);
    const ratios = {
      wall: appMedian.wallMs / coreMedian.wallMs,
      cpu: appMedian.cpuMs / coreMedian.cpuMs,
      heap: appMedian.heapBytes / coreMedian.heapBytes,
      rss: appMedian.rssBytes / coreMedian.rssBytes,
    };
    progress('load: breakdown of what the app adds');

    // What the app adds on top of the core, by package, and each package's marginal cost after the core.
    const added = { ...appRuns[0].packages };
    for (const name of Object.keys(coreRuns[0].packages)) delete added[name];
    const marginal = (target: string) =>
      medians(Array.from({ length: MARGINAL_RUNS }, () => probe(target, core)));
    const breakdown = Object.entries(added)
      .sort(([, a], [, b]) => b.bytes - a.bytes)
      .map(([name, { files, bytes }]) => {
        const target = name === 'app (dist/)' ? app : require.resolve(name, { paths: [ROOT] });
        return { name, files, bytes, marginal: marginal(target) };
      });
    const warnings = warningsOf(app);
    const zip = zipState(buildZip);
    const zipMissing = zip.bytes === undefined ? undefined : missingFromZip();

    const row = (label: string, m: Cost) => [
      label,
      `${m.wallMs.toFixed(0)} ms`,
      `${m.cpuMs.toFixed(0)} ms`,
      mb(m.heapBytes),
      mb(m.rssBytes),
    ];
    const targets: Target[] = (
      [
        ['wall time', ratios.wall],
        ['CPU time', ratios.cpu],
        ['heap', ratios.heap],
        ['rss', ratios.rss],
      ] as const
    ).map(([name, value]) => ({
      section: 'load',
      name: `require('./dist') / require('zapier-platform-core'): ${name}`,
      value: round(value, 3),
      target: `≤ ${TARGET}`,
      met: value <= TARGET,
    }));
    if (zipMissing !== undefined) {
      targets.push({
        section: 'load',
        name: 'build/build.zip holds the app (index.js, main, dependencies)',
        value: zipMissing.length === 0 ? 'complete' : `missing ${zipMissing.join(', ')}`,
        target: 'complete',
        met: zipMissing.length === 0,
      });
    }
    const zipText =
      zip.bytes === undefined
        ? 'not built (run `npm run zip`, or `npm run bench -- --zip`)'
        : `${mb(zip.bytes)} (${zip.state}${zip.buildSeconds ? `, built in ${zip.buildSeconds} s` : ''}${zip.state === 'stale' ? ': older than dist/, rebuild with `npm run zip`' : ''})`;
    return {
      tables: [
        {
          title: `4. Load: fresh node process, median of ${RUNS} interleaved runs each (heap after GC)`,
          columns: ['require', 'wall', 'CPU', 'heap Δ', 'rss Δ'],
          rows: [
            row("require('zapier-platform-core')", coreMedian),
            row("require('./dist') (app + core)", appMedian),
            [
              'ratio app / core',
              ratio(ratios.wall),
              ratio(ratios.cpu),
              ratio(ratios.heap),
              ratio(ratios.rss),
            ],
          ],
          notes: [
            `build/build.zip: ${zipText}`,
            ...(zipMissing && zipMissing.length > 0
              ? [`build/build.zip lacks files Zapier needs to run the app: ${zipMissing.join(', ')}`]
              : []),
            ...warnings.map((warning) => `node warns while loading dist/: ${warning}`),
          ],
        },
        {
          title: `4b. What the app loads on top of the core (marginal cost: loaded after the core, median of ${MARGINAL_RUNS})`,
          columns: ['package', 'files', 'source', 'wall', 'CPU', 'heap Δ'],
          rows: breakdown.map((item) => [
            item.name,
            item.files,
            kb(item.bytes),
            `${item.marginal.wallMs.toFixed(0)} ms`,
            `${item.marginal.cpuMs.toFixed(0)} ms`,
            mb(item.marginal.heapBytes),
          ]),
          notes: ['app (dist/) includes the packages above it: its row is the total the app adds.'],
        },
      ],
      targets,
      figures: {
        runs: RUNS,
        core: { median: coreMedian, runs: coreRuns.map(cost) },
        app: { median: appMedian, runs: appRuns.map(cost) },
        ratios: Object.fromEntries(Object.entries(ratios).map(([key, value]) => [key, round(value, 3)])),
        breakdown,
        warnings,
        zip: { ...zip, missing: zipMissing },
      },
    };
  },
});
