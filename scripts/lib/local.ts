/**
 * A local rig: a sandbox on a free port, the app pointed at it (base URLs and the demo OAuth client in
 * process.env), and a Zapier-like runtime (runtime.ts). Shared by the e2e harness, `npm start` and the
 * benchmarks. process.env is global, so run one rig at a time in a process; close() puts the env back.
 */
import { startSandbox, type RequestLogEntry, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import {
  authDataFromTokens,
  createRuntime,
  type AppDefinition,
  type Runtime,
  type RuntimeOptions,
} from './runtime';

export type { RequestLogEntry, Sandbox, SandboxOptions };

const ENV_KEYS = ['HIGHLEVEL_API_URL', 'HIGHLEVEL_MARKETPLACE_URL', 'CLIENT_ID', 'CLIENT_SECRET'] as const;

/** Points the app at `sandbox` (API and marketplace base URLs, OAuth client); returns the undo. */
export const pointAppAt = (sandbox: Pick<Sandbox, 'url' | 'clientId' | 'clientSecret'>): (() => void) => {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  process.env.HIGHLEVEL_API_URL = sandbox.url;
  process.env.HIGHLEVEL_MARKETPLACE_URL = sandbox.url;
  process.env.CLIENT_ID = sandbox.clientId;
  process.env.CLIENT_SECRET = sandbox.clientSecret;
  return () => {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  };
};

export interface LocalOptions {
  /** Passed to startSandbox (the port is always a free one). */
  sandbox?: Omit<SandboxOptions, 'port'>;
  runtime?: Omit<RuntimeOptions, 'authData'>;
  /** Start with a Location token minted by the sandbox (default), or unconnected (then `runtime.connect()`). */
  connected?: boolean;
  /** Scopes of the minted token (default: every scope). */
  scopes?: string[];
}

export interface Counted<T> {
  result: T;
  /** The requests the sandbox answered meanwhile. */
  requests: RequestLogEntry[];
  ms: number;
}

export interface Local {
  sandbox: Sandbox;
  runtime: Runtime;
  /** A point in the sandbox's request log. */
  mark(): number;
  /** The requests logged since `mark`. */
  requestsSince(mark: number): RequestLogEntry[];
  /** Runs `fn` and returns its result with the requests it caused and the time it took. */
  counted<T>(fn: () => Promise<T>): Promise<Counted<T>>;
  close(): Promise<void>;
}

export const startLocal = async (app: AppDefinition, options: LocalOptions = {}): Promise<Local> => {
  const sandbox = await startSandbox({ ...options.sandbox, port: 0 });
  const restoreEnv = pointAppAt(sandbox);
  const authData =
    options.connected === false
      ? undefined
      : authDataFromTokens(sandbox.issueTokens(options.scopes ? { scopes: options.scopes } : {}));
  const runtime = createRuntime(app, { ...options.runtime, authData });
  let closed = false;
  return {
    sandbox,
    runtime,
    mark: () => sandbox.requestLog.length,
    requestsSince: (mark) => sandbox.requestLog.slice(mark),
    counted: async (fn) => {
      const mark = sandbox.requestLog.length;
      const started = performance.now();
      const result = await fn();
      const ms = performance.now() - started;
      return { result, requests: sandbox.requestLog.slice(mark), ms };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await sandbox.close();
      restoreEnv();
    },
  };
};
