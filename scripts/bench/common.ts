/**
 * What every bench section shares: the built app (dist/, as Zapier loads it), a sandbox on a free port of
 * 127.0.0.1 with a Zapier-like runtime connected to it (scripts/lib/runtime.ts), statistics and tables.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox, type SandboxOptions } from '../../sandbox/server';
import {
  authDataFromTokens,
  createRuntime,
  type AppDefinition,
  type Runtime,
  type RuntimeOptions,
} from '../lib/runtime';
import { stoppedRelayPorts } from '../lib/relayProcess';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type LoggedRequest = Sandbox['requestLog'][number];

export const ROOT = path.resolve(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');

/** A module of the built app, e.g. `builtModule<typeof import('../../lib/core/cache')>('lib/core/cache')`. */
export const builtModule = <T>(relative: string): T => {
  const file = path.join(DIST, relative);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as T;
  } catch (error) {
    throw new Error(`Could not load ${file}; run \`npm run build\` first. ${String(error)}`);
  }
};

/** The built app: the module Zapier `require`s. */
export const loadBuiltApp = (): AppDefinition => builtModule<AppDefinition>('index.js');

/**
 * Forgets everything the app cached (custom field definitions, the sub-account), so the runtime's next
 * call runs like a new Zap's first step: `z.cache` (the app tester's stand-in) and lib/core/cache.ts's
 * in-process fallback.
 */
export const clearAppCache = (runtime: Runtime): void => {
  runtime.clearCache();
  builtModule<typeof import('../../lib/core/cache')>('lib/core/cache').clearLocalCache();
};

const ENV_KEYS = ['HIGHLEVEL_API_URL', 'HIGHLEVEL_MARKETPLACE_URL', 'CLIENT_ID', 'CLIENT_SECRET'] as const;
/** The environment before the first rig opened, restored when the last one closes. */
let savedEnv: Record<string, string | undefined> | undefined;
let openRigs = 0;

export interface Measured<T> {
  result: T;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process (app and in-process sandbox, user + system): steadier on a busy machine. */
  cpuMs: number;
}

export const measure = async <T>(fn: () => Promise<T>): Promise<Measured<T>> => {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
};

export interface Rig {
  sandbox: Sandbox;
  runtime: Runtime;
  /** Points the app (HIGHLEVEL_API_URL, process-wide) at this rig's sandbox; startRig does it once. */
  activate(): void;
  /** Runs `fn` and returns its result with the API requests it caused (from the sandbox's log). */
  counted<T>(fn: () => Promise<T>): Promise<Measured<T> & { requests: LoggedRequest[] }>;
  close(): Promise<void>;
}

/**
 * A sandbox (127.0.0.1, free port) and a runtime connected to its demo sub-account with a minted token,
 * the app pointed at it. Several rigs may be open; the app talks to the one activated last.
 */
export const startRig = async (
  app: AppDefinition,
  options: { sandbox?: Omit<SandboxOptions, 'port'>; runtime?: Omit<RuntimeOptions, 'authData'> } = {},
): Promise<Rig> => {
  const sandbox = await startSandbox({ ...options.sandbox, port: 0 });
  if (openRigs === 0) savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  openRigs += 1;
  const activate = () => {
    process.env.HIGHLEVEL_API_URL = sandbox.url;
    process.env.HIGHLEVEL_MARKETPLACE_URL = sandbox.url;
    process.env.CLIENT_ID = sandbox.clientId;
    process.env.CLIENT_SECRET = sandbox.clientSecret;
  };
  activate();
  const runtime = createRuntime(app, {
    ...options.runtime,
    authData: authDataFromTokens(sandbox.issueTokens()),
  });
  let closed = false;
  return {
    sandbox,
    runtime,
    activate,
    counted: async (fn) => {
      const mark = sandbox.requestLog.length;
      const measured = await measure(fn);
      return { ...measured, requests: sandbox.requestLog.slice(mark) };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await sandbox.close();
      openRigs -= 1;
      if (openRigs === 0 && savedEnv) {
        for (const key of ENV_KEYS) {
          if (savedEnv[key] === undefined) delete process.env[key];
          else process.env[key] = savedEnv[key];
        }
      }
    },
  };
};

/** `METHOD /path` with ids replaced by `:id`, for readable request lists. */
export const route = (request: Pick<LoggedRequest, 'method' | 'path'>): string =>
  `${request.method} ${request.path
    .split('/')
    .map((segment) => (/\d/.test(segment) && /^[A-Za-z0-9_-]{12,}$/.test(segment) ? ':id' : segment))
    .join('/')}`;

/**
 * Counts every outgoing TCP connection of this process by remote address (node's `net.client.socket`
 * channel sees those of `fetch` and of `http` alike), so the bench can show its traffic stayed on 127.0.0.1.
 */
/** Refused by a relay a scenario had stopped on purpose (HighLevel's retries reaching it while it is down). */
export const STOPPED_RELAY = 'refused: a relay the scenario stopped, HighLevel retrying';

export const watchConnections = (): Map<string, number> => {
  const seen = new Map<string, number>();
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  diagnosticsChannel.subscribe('net.client.socket', (message) => {
    const { socket } = message as { socket: Socket };
    socket.once('connect', () => count(socket.remoteAddress ?? 'unknown'));
    socket.once('error', (error: NodeJS.ErrnoException & { address?: string; port?: number }) => {
      // A connection that never connected (e.g. ECONNREFUSED from a closed port): named with where it went.
      if (!socket.remoteAddress) {
        if (error.code === 'ECONNREFUSED' && error.port !== undefined && stoppedRelayPorts.has(error.port)) {
          count(`${error.address ?? '?'} (${STOPPED_RELAY})`);
          return;
        }
        count(
          `failed before connecting (${error.code ?? 'error'} ${error.address ?? '?'}:${error.port ?? '?'})`,
        );
      }
    });
  });
  return seen;
};

/**
 * zapier-platform-core exits a process that has run more than 250 steps with more than 450 MB resident
 * (src/tools/memory-checker.js, constants KILL_MIN_LIMIT / KILL_MAX_LIMIT). On Zapier a container runs one step
 * at a time; a section that runs hundreds of steps at once in one process (ratelimit) or shares it with a
 * sandbox of 100,000 contacts (truth) is past that through the harness, not the app. Such a section lifts the
 * ceiling for its own child process only, as test/setup.ts does for jest; the `memory` section keeps it and
 * measures the app's memory per invocation instead.
 */
export const liftCoreMemoryGuard = (): void => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const constants = require('zapier-platform-core/src/constants') as { KILL_MAX_LIMIT: number };
  constants.KILL_MAX_LIMIT = Number.MAX_SAFE_INTEGER;
};

/** Samples this process's rss every `everyMs` until `stop()`, which returns the highest value seen. */
export const sampleRss = (everyMs = 100): { stop(): number } => {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
};

// ---- statistics ----------------------------------------------------------------------------------------

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

export const round = (value: number, digits = 2): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export const ms = (value: number): string => {
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) >= 1_000 ? `${(value / 1_000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
};
export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
export const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
export const mark = (ok: boolean): string => (ok ? '✓' : '✗');

// ---- output --------------------------------------------------------------------------------------------

export interface Table {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Lines printed under the table. */
  notes?: string[];
}

/** A pass/fail figure of a section, collected for the summary and results.json. */
export interface Target {
  section: string;
  name: string;
  value: number | string;
  target: string;
  met: boolean;
}

export interface SectionResult {
  tables: Table[];
  targets: Target[];
  /** Every figure of the section, written to bench/results.json. */
  figures: unknown;
}

export interface Section {
  /** Short id for `--only` (e.g. `requests`) and the key in results.json. */
  id: string;
  title: string;
  /** How long the section may run before it is stopped (default: bench.ts's SECTION_TIMEOUT_MS). */
  timeoutMs?: number;
  run(): Promise<SectionResult>;
}

const width = (text: string): number => [...text].length;
const pad = (text: string, size: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
};

/** A plain-text table; numbers are right-aligned. */
export const formatTable = (table: Table): string => {
  const cells = table.rows.map((row) => row.map((cell) => String(cell)));
  const sizes = table.columns.map((column, index) =>
    Math.max(width(column), ...cells.map((row) => width(row[index] ?? ''))),
  );
  const numeric = table.columns.map((_, index) =>
    table.rows.every((row) => {
      const cell = row[index] ?? '';
      return typeof cell === 'number' || cell === '' || cell === '—' || /^[\d.,]+( ?\S+)?$/.test(cell);
    }),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, index) => pad(cell, sizes[index], numeric[index])).join(' | ')} |`;
  return [
    `## ${table.title}`,
    line(table.columns),
    `|${sizes.map((size, index) => (numeric[index] ? `${'-'.repeat(size + 1)}:` : '-'.repeat(size + 2))).join('|')}|`,
    ...cells.map(line),
    ...(table.notes ?? []).map((note) => `  ${note}`),
  ].join('\n');
};

/** Progress goes to stderr so stdout holds only the tables. */
export const progress = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};
