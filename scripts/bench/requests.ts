/**
 * Section 1, requests per operation: every trigger, create, search and search-or-create of the built app,
 * run through the runtime against a seeded sandbox, counted from the sandbox's request log.
 * Per case: the app's cache is cleared, a first run (a Zap's first poll / step: may add one cached lookup,
 * e.g. custom field definitions), then a steady-state run, which must take the minimum.
 * Triggers run as a Zap does: the first poll seeds the dedupe table, later polls are live; dropdowns run
 * with `isFillingDynamicDropdown`.
 */
import { describeError, type AppDefinition, type Runtime } from '../lib/runtime';
import {
  clearAppCache,
  mark,
  progress,
  route,
  startRig,
  type LoggedRequest,
  type Section,
  type Table,
  type Target,
} from './common';
import { CATALOGUE, missingEntryMessage } from '../../test/catalogue';
import { fixtureContext, type Case, type FixtureContext } from './fixtures';

/** Seeded contacts: enough that every list has more than a page of candidates. */
const SEED = 250;

type Kind = 'triggers' | 'creates' | 'searches' | 'searchOrCreates';

interface Operation {
  kind: Kind;
  key: string;
  label: string;
  hidden: boolean;
}

export interface RequestRow {
  kind: Kind;
  key: string;
  label: string;
  hidden: boolean;
  case: string;
  firstRun?: number;
  steady?: number;
  minimum: number;
  met: boolean;
  steadyRoutes: string[];
  /** Requests of the first run beyond the steady run's (the cached lookups). */
  firstRunExtra: string[];
  error?: string;
}

const operationsOf = (app: AppDefinition): Operation[] => {
  const list: Operation[] = [];
  const add = (kind: Kind, record: Record<string, unknown> | undefined) => {
    for (const [key, value] of Object.entries(record ?? {})) {
      const display = (value as { display?: { label?: string; hidden?: boolean } }).display ?? {};
      list.push({ kind, key, label: display.label ?? key, hidden: display.hidden === true });
    }
  };
  add('triggers', app.triggers as Record<string, unknown>);
  add('creates', app.creates as Record<string, unknown>);
  add('searches', app.searches as Record<string, unknown>);
  add('searchOrCreates', app.searchOrCreates as Record<string, unknown> | undefined);
  return list;
};

/** Runs one case once; `first` is the run right after the cache was cleared. */
const runCase = async (
  runtime: Runtime,
  operation: Operation,
  testCase: Case,
  context: FixtureContext,
  first: boolean,
): Promise<unknown> => {
  const input = testCase.input(context);
  const { kind, key } = operation;
  if (kind === 'searchOrCreates') {
    return runtime.searchOrCreate(key, input, testCase.create ? testCase.create(input) : input);
  }
  if (kind === 'triggers' && operation.hidden) {
    return runtime.run(`triggers.${key}.operation.perform`, input, { isFillingDynamicDropdown: true });
  }
  if (kind === 'triggers') {
    // A Zap's first poll seeds the dedupe table; later polls are live.
    return runtime.run(`triggers.${key}.operation.perform`, input, first ? { isPopulatingDedupe: true } : {});
  }
  return runtime.run(`${kind}.${key}.operation.perform`, input);
};

const extraRoutes = (first: LoggedRequest[], steady: LoggedRequest[]): string[] => {
  const remaining = steady.map(route);
  const extra: string[] = [];
  for (const request of first.map(route)) {
    const at = remaining.indexOf(request);
    if (at >= 0) remaining.splice(at, 1);
    else extra.push(request);
  }
  return extra;
};

const KIND_LABEL: Record<Kind, string> = {
  triggers: 'trigger',
  creates: 'create',
  searches: 'search',
  searchOrCreates: 'search-or-create',
};

const toRow = (row: RequestRow): Array<string | number> => [
  KIND_LABEL[row.kind],
  `${row.label} (${row.key})`,
  row.case,
  row.firstRun ?? '—',
  row.steady ?? '—',
  row.minimum,
  mark(row.met),
  row.error ? `ERROR ${row.error}` : row.steadyRoutes.join(', '),
  row.firstRunExtra.length > 0 ? `+ ${row.firstRunExtra.join(', ')}` : '',
];

const COLUMNS = [
  'kind',
  'operation',
  'case',
  'first run',
  'steady',
  'min',
  '✓/✗',
  'steady requests',
  'first run adds',
];

export const requestsSection = (app: AppDefinition): Section => ({
  id: 'requests',
  title: 'Requests per operation',
  run: async () => {
    const rig = await startRig(app, { sandbox: { seed: SEED } });
    const rows: RequestRow[] = [];
    try {
      const context = fixtureContext(rig.sandbox);
      for (const operation of operationsOf(app)) {
        const cases = (CATALOGUE[operation.kind] as Record<string, { bench: Case[] } | undefined>)[
          operation.key
        ]?.bench;
        if (!cases) {
          rows.push({
            ...operation,
            case: missingEntryMessage(operation.kind, operation.key),
            minimum: 1,
            met: false,
            steadyRoutes: [],
            firstRunExtra: [],
          });
          continue;
        }
        for (const testCase of cases) {
          const minimum = testCase.minimum ?? 1;
          const base = { ...operation, case: testCase.name, minimum };
          clearAppCache(rig.runtime);
          rig.sandbox.resetRateLimit();
          try {
            const first = await rig.counted(() => runCase(rig.runtime, operation, testCase, context, true));
            const steady = await rig.counted(() => runCase(rig.runtime, operation, testCase, context, false));
            rows.push({
              ...base,
              firstRun: first.requests.length,
              steady: steady.requests.length,
              met:
                steady.requests.length === minimum &&
                steady.requests.every((request) => request.status < 400),
              steadyRoutes: steady.requests.map(
                (request) => `${route(request)}${request.status >= 400 ? ` → ${request.status}` : ''}`,
              ),
              firstRunExtra: extraRoutes(first.requests, steady.requests),
            });
          } catch (error) {
            rows.push({
              ...base,
              met: false,
              steadyRoutes: [],
              firstRunExtra: [],
              error: describeError(error),
            });
          }
        }
      }
    } finally {
      await rig.close();
    }
    progress(`requests: ${rows.length} cases run`);

    const visible = rows.filter((row) => !row.hidden);
    const hidden = rows.filter((row) => row.hidden);
    const failing = (list: RequestRow[]) => list.filter((row) => !row.met);
    const tables: Table[] = [
      {
        title: `1. Requests per operation (sandbox seeded with ${SEED} contacts; steady = run after a warm-up run)`,
        columns: COLUMNS,
        rows: visible.map(toRow),
        notes: [
          `${visible.length - failing(visible).length}/${visible.length} cases at their minimum.`,
          'first run: right after clearing the app cache (a new Zap); triggers: the dedupe-seeding poll.',
        ],
      },
      {
        title: '1b. Requests per hidden dropdown (isFillingDynamicDropdown)',
        columns: COLUMNS,
        rows: hidden.map(toRow),
        notes: [`${hidden.length - failing(hidden).length}/${hidden.length} cases at their minimum.`],
      },
    ];
    const targets: Target[] = [
      {
        section: 'requests',
        name: 'visible operations at their minimum (steady state)',
        value: `${visible.length - failing(visible).length}/${visible.length}`,
        target: 'all',
        met: failing(visible).length === 0,
      },
      {
        section: 'requests',
        name: 'hidden dropdowns at their minimum (steady state)',
        value: `${hidden.length - failing(hidden).length}/${hidden.length}`,
        target: 'all',
        met: failing(hidden).length === 0,
      },
    ];
    return { tables, targets, figures: { seed: SEED, rows } };
  },
});
