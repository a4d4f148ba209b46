/**
 * End-to-end harness: a sandbox on a free port, the app pointed at it, and a runtime that plays Zapier
 * (createAppTester + auto-refresh with rotation + optional throttle retries; scripts/lib/runtime.ts).
 *
 *   const e2e = await startE2E({ seed: 20 });
 *   const contacts = await e2e.run(App.triggers.new_contact.operation.perform, {});
 *   const { result, requests } = await e2e.counted(() => e2e.run('searches.find_contact.operation.perform', {...}));
 *   await e2e.close();
 *
 * One harness at a time per test file (the app reads its base URLs from process.env).
 */
import nock from 'nock';
import App from '../../index';
import {
  startLocal,
  type Local,
  type RequestLogEntry,
  type Sandbox,
  type SandboxOptions,
} from '../../scripts/lib/local';
import type { AuthData, Meta, Method, RuntimeEvent, ThrottleOptions } from '../../scripts/lib/runtime';

export type { Sandbox, SandboxOptions };
export type LoggedRequest = RequestLogEntry;

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

export interface E2E extends Pick<Local, 'sandbox' | 'runtime' | 'mark' | 'requestsSince' | 'counted'> {
  /** The current connection (copy); kept up to date across refreshes. */
  readonly authData: AuthData;
  /** Runs one step like a Zap would (refresh-and-retry on 401, bounded throttle retries). */
  run<T = unknown>(method: Method, inputData?: Record<string, unknown>, meta?: Partial<Meta>): Promise<T>;
  /** Refresh and throttle events handled so far. */
  events: RuntimeEvent[];
  close(): Promise<void>;
}

/** Starts a sandbox on a free port and a Zapier-like runtime connected to its demo sub-account. */
export const startE2E = async (options: E2EOptions = {}): Promise<E2E> => {
  // test/setup.ts disables the network for unit tests; the sandbox is on this machine.
  nock.enableNetConnect('127.0.0.1');
  const local = await startLocal(App, {
    sandbox: options.sandbox,
    connected: options.connected,
    scopes: options.scopes,
    runtime: { throttle: options.throttle, meta: options.meta },
  });
  if (options.seed) local.sandbox.seed(options.seed);
  const { runtime } = local;
  return {
    sandbox: local.sandbox,
    runtime,
    get authData() {
      return runtime.authData;
    },
    run: (method, inputData, meta) => runtime.run(method, inputData, meta),
    events: runtime.events,
    mark: local.mark,
    requestsSince: local.requestsSince,
    counted: local.counted,
    close: async () => {
      await local.close();
      nock.disableNetConnect();
    },
  };
};

/** `METHOD /path` of each logged request, for readable assertions. */
export const routes = (requests: LoggedRequest[]): string[] =>
  requests.map((request) => `${request.method} ${request.path}`);
