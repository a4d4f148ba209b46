/**
 * Runs the app the way Zapier does, outside Zapier: every call goes through zapier-platform-core's
 * `createAppTester` (the real runtime, middleware included) with a full `bundle.meta`, and around it this
 * module plays the platform's part:
 * - `RefreshAuthError` (a 401, or the middleware's proactive refresh) → `refreshAccessToken`, merge the
 *   result into authData (refresh tokens rotate, so the merge is what keeps the connection alive), retry once;
 * - `ThrottledError` → optionally wait the delay it asks for and retry (bounded);
 * - authData stays current across calls, so a script or a test can run a whole Zap's worth of steps.
 * Used by the e2e harness (test/e2e/harness.ts), `npm start` (scripts/demo.ts) and the benchmarks.
 * Nothing here prints or returns a token.
 */
import './developerMode';
import { createAppTester } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { PROACTIVE_REFRESH_SECONDS } from '../../lib/config';
import type { StepIdentity, ZapierStateServer } from './zapierPlatform';
import { nativeFetch } from './nativeFetch';

export type AppDefinition = typeof import('../../index');

/** What Zapier keeps for a connection (authentication.ts `getAccessToken` / `refreshAccessToken`). */
export interface AuthData {
  access_token: string;
  refresh_token: string;
  locationId: string;
  companyId?: string;
  userId?: string;
  /** Epoch seconds; Zapier stores it as text, so either arrives. */
  expires_at?: number | string;
  [key: string]: unknown;
}

/**
 * An operation: a function of the app definition (the runtime finds it by identity) or its dotted path in
 * the definition, e.g. `triggers.new_contact.operation.perform`.
 */
// `bundle: never` accepts any perform, whatever its typed inputData.
export type Method = string | ((z: ZObject, bundle: never) => unknown);

export type Meta = Bundle['meta'];

export type RuntimeEvent =
  | {
      type: 'refresh';
      /** `expiring`: the stored expires_at was inside the proactive window; `rejected`: HighLevel said 401. */
      reason: 'expiring' | 'rejected';
      /** The refresh returned a refresh token different from the one it used. */
      rotated: boolean;
      ok: boolean;
      ms: number;
    }
  | { type: 'throttled'; delaySeconds: number; retried: boolean };

export interface ThrottleOptions {
  /** How many times one call may be retried after a `ThrottledError` (Zapier retries later; 0 = surface it). */
  retries: number;
  /** Never wait longer than this for one retry; a longer delay is surfaced instead. */
  maxWaitSeconds: number;
}

export interface RuntimeOptions {
  authData?: AuthData;
  /** Merged into every bundle.meta. */
  meta?: Partial<Meta>;
  throttle?: ThrottleOptions;
  /** Retry a step after refreshing on `RefreshAuthError` (Zapier's autoRefresh). Default true. */
  autoRefresh?: boolean;
  onEvent?: (event: RuntimeEvent) => void;
  /**
   * Run every step through core's handler with Zapier's state service emulated (scripts/lib/zapierPlatform.ts),
   * so `z.cache` honours TTL, scope and `nx` and `z.cursor` works, as on Zapier. Without it, steps run through
   * `createAppTester`, whose `z.cache` stand-in ignores all three.
   */
  platform?: { server: ZapierStateServer; identity: StepIdentity };
}

export interface ConnectResult {
  authData: AuthData;
  /** The authorize URL the app built (no secrets in it: client id, redirect, scopes, state). */
  authorizeUrl: string;
}

export interface ConnectionTest {
  result: Record<string, unknown>;
  label: string;
}

/** What Zapier sends in `bundle.meta` for an ordinary live run of a Zap. */
export const DEFAULT_META: Meta = {
  isBulkRead: false,
  isFillingDynamicDropdown: false,
  isLoadingSample: false,
  isPopulatingDedupe: false,
  isTestingAuth: false,
  limit: -1,
  page: 0,
  timezone: 'America/New_York',
  zap: { id: 'local-zap', user: { timezone: 'America/New_York' } },
  inputFields: {},
};

export const DEFAULT_REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App0CLIAPI/';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const errorName = (error: unknown): string | undefined =>
  error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : undefined;

export const isRefreshAuthError = (error: unknown): boolean => errorName(error) === 'RefreshAuthError';
export const isThrottledError = (error: unknown): boolean => errorName(error) === 'ThrottledError';
export const isExpiredAuthError = (error: unknown): boolean => errorName(error) === 'ExpiredAuthError';

/** `ThrottledError` carries `{message, delay}` as JSON in its message. */
export const throttledDetails = (error: unknown): { message: string; delaySeconds: number } | undefined => {
  if (!isThrottledError(error)) return undefined;
  try {
    const parsed = JSON.parse((error as Error).message) as { message?: unknown; delay?: unknown };
    return { message: String(parsed.message ?? ''), delaySeconds: Number(parsed.delay) };
  } catch {
    return { message: (error as Error).message, delaySeconds: NaN };
  }
};

/** A one-line description of any error the runtime can throw (the app's messages carry no secrets). */
export const describeError = (error: unknown): string => describeErrorLines(error).replace(/\s*\n\s*/g, ' ');

const describeErrorLines = (error: unknown): string => {
  const name = errorName(error) ?? 'Error';
  const raw = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(raw) as {
      message?: unknown;
      code?: unknown;
      status?: unknown;
      delay?: unknown;
    };
    if (parsed && typeof parsed === 'object' && typeof parsed.message === 'string') {
      const extra = [
        parsed.code,
        parsed.status,
        parsed.delay !== undefined ? `delay ${String(parsed.delay)}s` : '',
      ]
        .filter((part) => part !== undefined && part !== '')
        .join(', ');
      return `${name}: ${parsed.message}${extra ? ` (${extra})` : ''}`;
    }
  } catch {
    // not JSON: use the message as it is
  }
  return raw ? `${name}: ${raw}` : name;
};

/**
 * Follows the authorize URL as a browser would up to the first redirect (the consent page of a sandbox
 * auto-consents) and returns the redirect target, where the `code` and `state` are.
 */
export const followAuthorizeRedirect = async (authorizeUrl: string): Promise<URL> => {
  const response = await nativeFetch(authorizeUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`The authorize page answered HTTP ${response.status} without a redirect.`);
  }
  return new URL(location, authorizeUrl);
};

// Core's handler (what Zapier's backend invokes; core 19 exports it untyped) and its own lookup of a
// function's dotted path in the app definition (what createAppTester uses).
type AppHandler = (event: Record<string, unknown>) => Promise<{ results: unknown }>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createAppHandler } = require('zapier-platform-core') as {
  createAppHandler: (app: unknown) => AppHandler;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const resolveMethodPath = require('zapier-platform-core/src/tools/resolve-method-path') as (
  app: unknown,
  needle: unknown,
  explodeIfMissing?: boolean,
) => string | undefined;

const methodPath = (app: AppDefinition, func: (z: ZObject, bundle: never) => unknown): string => {
  const path = resolveMethodPath(app, func, false);
  if (!path) throw new Error('With platform emulation, a step must be a function of the app definition.');
  return path;
};

const secondsLeft = (authData: AuthData | undefined): number =>
  authData?.expires_at === undefined ? Infinity : Number(authData.expires_at) - Date.now() / 1000;

export class Runtime {
  readonly app: AppDefinition;
  readonly tester: ReturnType<typeof createAppTester>;
  /** Every refresh and throttle the runtime handled, oldest first. */
  readonly events: RuntimeEvent[] = [];
  private current: AuthData | undefined;
  private readonly options: RuntimeOptions;
  private clearCacheOnNextCall = false;

  constructor(app: AppDefinition, options: RuntimeOptions = {}) {
    this.app = app;
    this.tester = createAppTester(app);
    this.options = options;
    this.current = options.authData ? { ...options.authData } : undefined;
  }

  /** The connection as Zapier would store it now (a copy). */
  get authData(): AuthData {
    if (!this.current) throw new Error('Not connected: call connect() or pass authData first.');
    return { ...this.current };
  }

  set authData(authData: AuthData) {
    this.current = { ...authData };
  }

  get connected(): boolean {
    return this.current !== undefined;
  }

  /** A full bundle, as Zapier builds it (with the current connection unless `authData` is given). */
  bundle(inputData: Record<string, unknown> = {}, meta: Partial<Meta> = {}, authData?: AuthData): Bundle {
    const auth = authData ?? this.current;
    return {
      authData: auth ? { ...auth } : {},
      inputData: { ...inputData },
      inputDataRaw: Object.fromEntries(
        Object.entries(inputData).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      ),
      meta: { ...DEFAULT_META, ...this.options.meta, ...meta },
    } as unknown as Bundle;
  }

  /** One call through the runtime, no refresh or throttle handling around it. */
  async call<T = unknown>(method: Method, bundle: Bundle): Promise<T> {
    const func = typeof method === 'string' ? this.resolve(method) : method;
    const clearCache = this.clearCacheOnNextCall;
    this.clearCacheOnNextCall = false;
    const platform = this.options.platform;
    if (platform) {
      if (clearCache) platform.server.clear();
      return (await this.callThroughPlatform(func, bundle, platform)) as T;
    }
    return (await this.tester(func as (z: ZObject, bundle: Bundle) => unknown, bundle, clearCache)) as T;
  }

  /**
   * Empties `z.cache` before the next call (the app tester keeps its own stand-in for it across calls; with
   * `platform`, the emulated service is emptied for every connection), so that call runs like a new Zap's
   * first step: e.g. the custom field definitions are fetched again.
   */
  clearCache(): void {
    this.clearCacheOnNextCall = true;
  }

  private handler: AppHandler | undefined;

  /** What Zapier's backend does for a step: core's handler, with the step's RPC base and token. */
  private async callThroughPlatform(
    func: (z: ZObject, bundle: never) => unknown,
    bundle: Bundle,
    platform: { server: ZapierStateServer; identity: StepIdentity },
  ): Promise<unknown> {
    const method = methodPath(this.app, func);
    this.handler ??= createAppHandler(this.app);
    const zapId = platform.identity.zapId ?? 'zap';
    const event = {
      command: 'execute',
      method,
      bundle,
      storeKey: `${zapId}-${method}`,
      rpc_base: platform.server.url,
      token: platform.server.tokenFor(platform.identity),
    };
    const response = await this.handler(event);
    return response.results;
  }

  /** Whatever sits at a dotted path of the app definition (undefined when nothing does). */
  definition(path: string): unknown {
    let node: unknown = this.app;
    for (const part of path.split('.')) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  }

  /** The function at a dotted path of the app definition, or undefined when the app has none there. */
  find(path: string): ((z: ZObject, bundle: never) => unknown) | undefined {
    const node = this.definition(path);
    return typeof node === 'function' ? (node as (z: ZObject, bundle: never) => unknown) : undefined;
  }

  /** Whether the app defines an operation, e.g. `has('triggers.new_contact.operation.perform')`. */
  has(path: string): boolean {
    return this.find(path) !== undefined;
  }

  private resolve(path: string): (z: ZObject, bundle: never) => unknown {
    const func = this.find(path);
    if (!func) throw new Error(`The app defines no function at ${path}.`);
    return func;
  }

  /**
   * Runs one step with the current connection, as a Zap would: refresh-and-retry once on
   * `RefreshAuthError`, bounded waits on `ThrottledError`.
   */
  async run<T = unknown>(
    method: Method,
    inputData: Record<string, unknown> = {},
    meta: Partial<Meta> = {},
  ): Promise<T> {
    const throttle = this.options.throttle ?? { retries: 0, maxWaitSeconds: 0 };
    let refreshed = false;
    for (let throttles = 0; ;) {
      try {
        return await this.call<T>(method, this.bundle(inputData, meta));
      } catch (error) {
        if (isRefreshAuthError(error) && !refreshed && this.options.autoRefresh !== false && this.current) {
          refreshed = true;
          await this.refresh();
          continue;
        }
        const throttled = throttledDetails(error);
        if (throttled) {
          const delay = Number.isFinite(throttled.delaySeconds) ? throttled.delaySeconds : Infinity;
          const retry = throttles < throttle.retries && delay <= throttle.maxWaitSeconds;
          this.emit({ type: 'throttled', delaySeconds: throttled.delaySeconds, retried: retry });
          if (retry) {
            throttles += 1;
            await sleep(delay * 1000);
            continue;
          }
        }
        throw error;
      }
    }
  }

  /** `refreshAccessToken`, its result merged into authData (Zapier's behaviour). Returns the new authData. */
  async refresh(): Promise<AuthData> {
    const before = this.authData;
    const reason = secondsLeft(before) < PROACTIVE_REFRESH_SECONDS ? 'expiring' : 'rejected';
    const started = Date.now();
    try {
      const result = await this.call<Partial<AuthData>>(
        'authentication.oauth2Config.refreshAccessToken',
        this.bundle({}),
      );
      this.current = { ...before, ...result };
      this.emit({
        type: 'refresh',
        reason,
        rotated: Boolean(result.refresh_token) && result.refresh_token !== before.refresh_token,
        ok: true,
        ms: Date.now() - started,
      });
      return this.authData;
    } catch (error) {
      this.emit({ type: 'refresh', reason, rotated: false, ok: false, ms: Date.now() - started });
      throw error;
    }
  }

  /**
   * The OAuth connection as a user makes it in Zapier: the app's authorizeUrl, the consent page's redirect
   * (`follow`, by default a real HTTP request that must answer with a redirect), state check, getAccessToken.
   */
  async connect(
    options: { redirectUri?: string; follow?: (authorizeUrl: string) => Promise<URL> } = {},
  ): Promise<ConnectResult> {
    const redirectUri = options.redirectUri ?? DEFAULT_REDIRECT_URI;
    const state = `state-${Math.random().toString(36).slice(2)}`;
    const authorizeUrl = await this.call<string>(
      'authentication.oauth2Config.authorizeUrl',
      this.bundle({ redirect_uri: redirectUri, state }),
    );
    const back = await (options.follow ?? followAuthorizeRedirect)(authorizeUrl);
    const target = new URL(redirectUri);
    if (back.origin + back.pathname !== target.origin + target.pathname) {
      throw new Error('The authorize page redirected somewhere other than the redirect URI.');
    }
    if (back.searchParams.get('state') !== state) throw new Error('The authorize redirect lost the state.');
    const code = back.searchParams.get('code');
    if (!code) throw new Error('The authorize redirect carried no code.');
    const authData = await this.call<AuthData>('authentication.oauth2Config.getAccessToken', {
      ...this.bundle({ code, state, redirect_uri: redirectUri }),
      authData: {},
    });
    this.current = { ...authData };
    return { authData: this.authData, authorizeUrl };
  }

  /**
   * A search-or-create step as Zapier runs it: the search; when it finds nothing, the create with
   * `meta.withSearch` set. `createInput` defaults to the search's input (the editor carries shared keys over).
   */
  async searchOrCreate<T = Record<string, unknown>>(
    key: string,
    searchInput: Record<string, unknown>,
    createInput: Record<string, unknown> = searchInput,
  ): Promise<{ created: boolean; result: T }> {
    const pairing = this.definition(`searchOrCreates.${key}`) as
      { search?: string; create?: string } | undefined;
    if (!pairing?.search || !pairing.create) throw new Error(`The app defines no search-or-create ${key}.`);
    const found = await this.run<T[]>(`searches.${pairing.search}.operation.perform`, searchInput);
    if (found.length > 0) return { created: false, result: found[0] };
    const result = await this.run<T>(`creates.${pairing.create}.operation.perform`, createInput, {
      withSearch: pairing.search,
    });
    return { created: true, result };
  }

  /** A polling trigger with Zapier's dedupe by `id` (see Poller). */
  poller(key: string, inputData: Record<string, unknown> = {}): Poller {
    return new Poller(this, key, inputData);
  }

  /** The connection test, then the connection label from its result (Zapier's order). */
  async testConnection(): Promise<ConnectionTest> {
    const result = await this.run<Record<string, unknown>>(
      'authentication.test',
      {},
      { isTestingAuth: true },
    );
    const label = await this.call<string>(
      'authentication.connectionLabel',
      this.bundle(result, { isTestingAuth: true }),
    );
    return { result, label };
  }

  private emit(event: RuntimeEvent): void {
    this.events.push(event);
    this.options.onEvent?.(event);
  }
}

/**
 * A polling trigger as a turned-on Zap sees it: the first poll only fills the dedupe table
 * (`isPopulatingDedupe`), later polls return the items whose `id` was never seen (what would fire).
 */
export class Poller {
  private readonly seen = new Set<string>();
  private primed = false;

  constructor(
    private readonly runtime: Runtime,
    readonly key: string,
    private readonly inputData: Record<string, unknown>,
  ) {}

  get path(): string {
    return `triggers.${this.key}.operation.perform`;
  }

  get isPrimed(): boolean {
    return this.primed;
  }

  /** The first poll after the Zap is turned on. Returns every item it saw (newest first). */
  async prime(): Promise<Record<string, unknown>[]> {
    const items = await this.runtime.run<Record<string, unknown>[]>(this.path, this.inputData, {
      isPopulatingDedupe: true,
    });
    this.remember(items);
    this.primed = true;
    return items;
  }

  /** One scheduled poll. Returns only the new items: what would start a Zap run, newest first. */
  async poll(): Promise<Record<string, unknown>[]> {
    if (!this.primed) throw new Error(`Trigger ${this.key}: prime() before poll().`);
    const items = await this.runtime.run<Record<string, unknown>[]>(this.path, this.inputData);
    if (!Array.isArray(items)) throw new Error(`Trigger ${this.key} returned ${typeof items}, not an array.`);
    const fresh = items.filter((item) => !this.seen.has(String(item.id)));
    this.remember(items);
    return fresh;
  }

  private remember(items: Record<string, unknown>[]): void {
    for (const item of items) this.seen.add(String(item.id));
  }
}

export const createRuntime = (app: AppDefinition, options: RuntimeOptions = {}): Runtime =>
  new Runtime(app, options);

/** Turns a sandbox/server token response into the authData Zapier would hold for it. */
export const authDataFromTokens = (tokens: {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  locationId: string;
  companyId?: string;
  userId?: string;
}): AuthData => ({
  access_token: tokens.access_token,
  refresh_token: tokens.refresh_token,
  locationId: tokens.locationId,
  companyId: tokens.companyId ?? '',
  userId: tokens.userId ?? '',
  expires_at: Math.floor(Date.now() / 1000) + tokens.expires_in,
});
