/**
 * The connection simulator (docs/CONNECTION.md §6): many Zap steps of one HighLevel connection running at
 * once, across successive token expiries, against the sandbox (single-use refresh tokens) with Zapier's
 * state service emulated (scripts/lib/zapierPlatform.ts: z.cache with TTL, scope and set-if-absent).
 *
 * Around each step it plays Zapier's part as Zapier describes it (docs/CONNECTION.md §6):
 * - a step reads the connection's stored authData when it starts;
 * - `RefreshAuthError` → `refreshAccessToken` with that step's authData; its result is merged into the
 *   stored authData (last write wins) and the step runs once more with it;
 * - `ExpiredAuthError` (from the refresh or the rerun) marks the connection dead: Zapier emails the user to
 *   reconnect and stops the Zaps, so the simulation stops there;
 * - any other error fails the step.
 * Zapier itself keeps no lock around `refreshAccessToken`: nothing here serialises refreshes.
 */
import { createHash } from 'node:crypto';
import type { Sandbox } from '../../sandbox/server';
import {
  createRuntime,
  describeError,
  isExpiredAuthError,
  isRefreshAuthError,
  type AppDefinition,
  type AuthData,
  type Runtime,
} from './runtime';
import type { ZapierStateServer } from './zapierPlatform';

/** One kind of step a Zap of the connection runs (reads: they can run again safely). */
export interface SimulatedStep {
  name: string;
  method: string;
  input: Record<string, unknown>;
}

export const DEFAULT_STEPS: SimulatedStep[] = [
  { name: 'connection test', method: 'authentication.test', input: {} },
  {
    name: 'Find Contact',
    method: 'searches.find_contact.operation.perform',
    input: { email: 'nobody@example.com' },
  },
  { name: 'New Contact poll', method: 'triggers.new_contact.operation.perform', input: {} },
];

export interface ConnectionSimOptions {
  app: AppDefinition;
  /** Started, with the app pointed at it (HIGHLEVEL_API_URL, CLIENT_ID, CLIENT_SECRET). */
  sandbox: Sandbox;
  server: ZapierStateServer;
  /** Steps running at once in each expiry. */
  concurrency: number;
  /** Successive token expiries. */
  expiries: number;
  /**
   * Seconds the stored token has left when an expiry round starts, while HighLevel has already expired it:
   * steps whose Zap window (60–600 s) covers it refresh ahead, the others get a 401 and refresh then.
   */
  secondsLeft?: number;
  /** Steps of a round start spread over this many ms (some read the connection after the first refresh). */
  startSpreadMs?: number;
  steps?: SimulatedStep[];
}

export interface ExpiryFigures {
  expiry: number;
  steps: number;
  failedSteps: number;
  /** POST /oauth/token with grant_type refresh_token that reached HighLevel (the sandbox). */
  refreshCalls: number;
  /** Of those, refused (a used or unknown refresh token). */
  refusedRefreshes: number;
  /** `refreshAccessToken` runs (Zapier's), most answered from another step's result. */
  refreshRuns: number;
  /** API calls answered 401 (an expired token used before the step refreshed). */
  unauthorized: number;
}

export interface ConnectionSimResult {
  concurrency: number;
  expiries: number;
  /** Expiries completed before the connection died (all of them when it did not). */
  completedExpiries: number;
  /** 1 when the connection was marked expired (ExpiredAuthError), else 0. */
  deadConnections: number;
  steps: number;
  failedSteps: number;
  perExpiry: ExpiryFigures[];
  /** Distinct failure messages, with counts. */
  failures: Record<string, number>;
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deterministic offset in [0, spread) for step `index` of expiry `expiry`. */
const offset = (expiry: number, index: number, spread: number): number =>
  spread <= 0 ? 0 : createHash('sha256').update(`${expiry}:${index}`).digest().readUInt32BE(0) % spread;

export const simulateConnection = async (options: ConnectionSimOptions): Promise<ConnectionSimResult> => {
  const { app, sandbox, server, concurrency, expiries } = options;
  const steps = options.steps ?? DEFAULT_STEPS;
  const secondsLeft = options.secondsLeft ?? 300;
  const spread = options.startSpreadMs ?? 100;
  const started = Date.now();

  // What Zapier stores for the connection.
  let stored: AuthData = (() => {
    const tokens = sandbox.issueTokens();
    return {
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      locationId: tokens.locationId,
      companyId: tokens.companyId,
      userId: tokens.userId,
      expires_at: Math.floor(Date.now() / 1000) + tokens.expires_in,
    };
  })();
  let dead = false;

  // One runtime per Zap: the Zap is part of the step's identity for Zapier's state service.
  const runtimes = new Map<string, Runtime>();
  const runtimeFor = (zapId: string): Runtime => {
    let runtime = runtimes.get(zapId);
    if (!runtime) {
      runtime = createRuntime(app, {
        platform: { server, identity: { connectionId: 'connection-1', userId: 'user-1', zapId } },
        meta: { zap: { id: zapId, user: { timezone: 'America/New_York' } } } as never,
      });
      runtimes.set(zapId, runtime);
    }
    return runtime;
  };

  const failures: Record<string, number> = {};
  const fail = (message: string) => {
    failures[message] = (failures[message] ?? 0) + 1;
  };
  const perExpiry: ExpiryFigures[] = [];
  let refreshRuns = 0;

  /** One step as Zapier runs it. Returns true when it succeeded. */
  const runStep = async (expiry: number, index: number): Promise<boolean> => {
    await sleep(offset(expiry, index, spread));
    if (dead) return false;
    const step = steps[index % steps.length];
    const zapId = `zap-${index}`;
    const runtime = runtimeFor(zapId);
    const snapshot: AuthData = { ...stored };
    const attempt = (authData: AuthData) =>
      runtime.call(step.method, runtime.bundle(step.input, {}, authData));
    try {
      await attempt(snapshot);
      return true;
    } catch (error) {
      if (!isRefreshAuthError(error)) {
        fail(`${step.name}: ${describeError(error)}`);
        return false;
      }
    }
    let refreshed: Partial<AuthData>;
    try {
      refreshRuns += 1;
      refreshed = await runtime.call<Partial<AuthData>>(
        'authentication.oauth2Config.refreshAccessToken',
        runtime.bundle({}, {}, snapshot),
      );
    } catch (error) {
      if (isExpiredAuthError(error)) dead = true;
      fail(`refresh: ${describeError(error)}`);
      return false;
    }
    stored = { ...stored, ...refreshed };
    try {
      await attempt({ ...snapshot, ...refreshed });
      return true;
    } catch (error) {
      if (isExpiredAuthError(error)) dead = true;
      fail(`${step.name} after refresh: ${describeError(error)}`);
      return false;
    }
  };

  let completed = 0;
  for (let expiry = 1; expiry <= expiries && !dead; expiry += 1) {
    // HighLevel has expired the token; the stored expires_at says it has `secondsLeft` to go.
    sandbox.expireAccessTokens();
    stored = { ...stored, expires_at: Math.floor(Date.now() / 1000) + secondsLeft };
    const mark = sandbox.requestLog.length;
    const runsBefore = refreshRuns;
    const results = await Promise.all(
      Array.from({ length: concurrency }, (_, index) => runStep(expiry, index)),
    );
    const log = sandbox.requestLog.slice(mark);
    const tokenCalls = log.filter((entry) => entry.method === 'POST' && entry.path === '/oauth/token');
    perExpiry.push({
      expiry,
      steps: results.length,
      failedSteps: results.filter((ok) => !ok).length,
      refreshCalls: tokenCalls.length,
      refusedRefreshes: tokenCalls.filter((entry) => entry.status >= 400).length,
      refreshRuns: refreshRuns - runsBefore,
      unauthorized: log.filter((entry) => entry.status === 401).length,
    });
    if (!dead) completed += 1;
  }

  const failedSteps = perExpiry.reduce((sum, figures) => sum + figures.failedSteps, 0);
  return {
    concurrency,
    expiries,
    completedExpiries: completed,
    deadConnections: dead ? 1 : 0,
    steps: perExpiry.reduce((sum, figures) => sum + figures.steps, 0),
    failedSteps,
    perExpiry,
    failures,
    ms: Date.now() - started,
  };
};
