/**
 * End-to-end harness: a sandbox on a free port, the app pointed at it, and a runtime that plays Zapier
 * (createAppTester + auto-refresh with rotation + optional throttle retries; scripts/lib/runtime.ts).
 *
 *   const e2e = await startE2E({ seed: 20 });
 *   const contacts = await e2e.run(App.triggers.new_contact.operation.perform, {});
 *   const { result, requests } = await e2e.counted(() => e2e.run(...));
 *   await e2e.close();
 */
import nock from 'nock';
import App from '../../index';
import { startSandbox } from '../../sandbox/server';
import {
  authDataFromTokens,
  createRuntime,
  type AuthData,
  type Meta,
  type Method,
  type Runtime,
  type RuntimeEvent,
  type ThrottleOptions,
} from '../../scripts/lib/runtime';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
export type SandboxOptions = NonNullable<Parameters<typeof startSandbox>[0]>;
export type LoggedRequest = Sandbox['requestLog'][number];

export interface E2EOptions {
  /** Passed to startSandbox (port is always 0). */
  sandbox?: Omit<SandboxOptions, 'port'>;
  /** Seed this many contacts after start (0 = none). */
  seed?: number;
  /** Scopes of the minted token (default: all the app asks for). */
  scopes?: string[];
  /** Start without a connection (for OAuth-flow tests: call `e2e.runtime.connect()`). */
  connected?: boolean;
  throttle?: ThrottleOptions;
  meta?: Partial<Meta>;
}

export interface E2E {
  sandbox: Sandbox;
  runtime: Runtime;
  /** The current connection (copy); kept up to date across refreshes. */
  readonly authData: AuthData;
  /** Runs one step like a Zap would (refresh-and-retry on 401, bounded throttle retries). */
  run<T = unknown>(method: Method, inputData?: Record<string, unknown>, meta?: Partial<Meta>): Promise<T>;
  /** Refresh and throttle events handled so far. */
  events: RuntimeEvent[];
  /** A point in the sandbox's request log. */
  mark(): number;
  /** The requests logged since `mark`. */
  requestsSince(mark: number): LoggedRequest[];
  /** Runs `fn` and returns its result with the requests it caused. */
  counted<T>(fn: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }>;
  close(): Promise<void>;
}

const ENV_KEYS = ['HIGHLEVEL_API_URL', 'HIGHLEVEL_MARKETPLACE_URL', 'CLIENT_ID', 'CLIENT_SECRET'] as const;

/** Starts a sandbox on a free port and a Zapier-like runtime connected to its demo sub-account. */
export const startE2E = async (options: E2EOptions = {}): Promise<E2E> => {
  nock.enableNetConnect('127.0.0.1');
  const sandbox = await startSandbox({ ...options.sandbox, port: 0 });
  const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  process.env.HIGHLEVEL_API_URL = sandbox.url;
  process.env.HIGHLEVEL_MARKETPLACE_URL = sandbox.url;
  process.env.CLIENT_ID = sandbox.clientId;
  process.env.CLIENT_SECRET = sandbox.clientSecret;
  if (options.seed) sandbox.seed(options.seed);

  const authData =
    options.connected === false
      ? undefined
      : authDataFromTokens(sandbox.issueTokens(options.scopes ? { scopes: options.scopes } : {}));
  const runtime = createRuntime(App, { authData, throttle: options.throttle, meta: options.meta });
  // The log may be replaced by clearLog(); a mark is an index into the current one.
  const log = () => sandbox.requestLog;
  let closed = false;

  return {
    sandbox,
    runtime,
    get authData() {
      return runtime.authData;
    },
    run: (method, inputData, meta) => runtime.run(method, inputData, meta),
    events: runtime.events,
    mark: () => log().length,
    requestsSince: (mark) => log().slice(mark),
    counted: async (fn) => {
      const mark = log().length;
      const result = await fn();
      return { result, requests: log().slice(mark) };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await sandbox.close();
      for (const key of ENV_KEYS) {
        if (savedEnv[key] === undefined) delete process.env[key];
        else process.env[key] = savedEnv[key];
      }
      nock.disableNetConnect();
    },
  };
};

/** `METHOD /path` of each logged request, for readable assertions. */
export const routes = (requests: LoggedRequest[]): string[] =>
  requests.map((request) => `${request.method} ${request.path}`);
