/**
 * Where HighLevel lives, and the constants every request shares.
 * The base URLs can be overridden (the sandbox, `npm start`, e2e tests), but only to https or to a
 * loopback host, so a mistyped variable can never send tokens over plain http to another machine.
 */

export const API_VERSION = '2021-07-28'; // HIGHLEVEL.md §1: the only accepted Version header value

export const DEFAULT_API_URL = 'https://services.leadconnectorhq.com';
export const DEFAULT_MARKETPLACE_URL = 'https://marketplace.gohighlevel.com';
export const DEFAULT_APP_URL = 'https://app.gohighlevel.com';

// The scopes list has its own module so the sandbox and the tests import it without the app's config.
export { SCOPES, type Scope } from './scopes';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

/** Parses a base URL and refuses anything but https, unless it points at this machine. */
export const checkedBaseUrl = (value: string, variable: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variable} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new Error(`${variable} must use https (plain http is only allowed for a local sandbox).`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
};

/** Checked values by variable: every request and every contact's link reads a base URL (npm run bench, section 3). */
const checked = new Map<string, { value: string; url: string }>();

const fromEnv = (variable: string, fallback: string): string => {
  const value = process.env[variable];
  if (!value) return fallback;
  const known = checked.get(variable);
  if (known?.value === value) return known.url;
  const url = checkedBaseUrl(value, variable);
  checked.set(variable, { value, url });
  return url;
};

export const apiBaseUrl = (): string => fromEnv('HIGHLEVEL_API_URL', DEFAULT_API_URL);
export const marketplaceBaseUrl = (): string => fromEnv('HIGHLEVEL_MARKETPLACE_URL', DEFAULT_MARKETPLACE_URL);
export const appBaseUrl = (): string => fromEnv('HIGHLEVEL_APP_URL', DEFAULT_APP_URL);

export const TOKEN_PATH = '/oauth/token';

/**
 * Refresh ahead of expiry when the stored token has less than a step's window left (DESIGN.md §3). Each
 * step's window lies between these two (lib/core/refresh.ts `proactiveWindowSeconds`), so the Zaps of a
 * connection do not all enter it at once (docs/CONNECTION.md §2). The constant is the widest window.
 */
export const PROACTIVE_REFRESH_MIN_SECONDS = 60;
export const PROACTIVE_REFRESH_SECONDS = 10 * 60;

/** Zapier stops a step after 30 s; an operation keeps 5 s of that in hand (docs/CONNECTION.md §7). */
export const OPERATION_BUDGET_MS = 25_000;

/**
 * Per-attempt timeouts and read-retry backoff: three read attempts plus backoff stay inside Zapier's 30 s
 * step limit. Mutable only so tests can shorten the waits; the app never changes them.
 */
export const httpSettings: {
  readTimeoutMs: number;
  writeTimeoutMs: number;
  readRetryDelaysMs: readonly number[];
  /** One operation, every request, retry and page included (lib/core/deadline.ts, docs/CONNECTION.md §7). */
  operationBudgetMs: number;
} = {
  readTimeoutMs: 8_000,
  writeTimeoutMs: 20_000,
  readRetryDelaysMs: [300, 1_000],
  operationBudgetMs: OPERATION_BUDGET_MS,
};

/** HIGHLEVEL.md §4: the burst window; used when a 429 carries no usable delay. */
export const DEFAULT_THROTTLE_SECONDS = 10;
