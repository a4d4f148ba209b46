/**
 * beforeRequest: the bearer token on HighLevel API calls, and a refresh ahead of expiry.
 * afterResponse: every failed API call → the `z.errors` of DESIGN.md §3 (wording in lib/core/errors.ts).
 * Token-endpoint calls (authentication.ts) carry no middleware context and handle their own statuses.
 */
import type { BeforeRequestMiddleware, AfterResponseMiddleware } from 'zapier-platform-core';
import { TOKEN_PATH, apiBaseUrl } from '../config';
import { proactiveWindowSeconds } from './refresh';
import { errorForResponse, redactSecrets } from './errors';
import { noteRateLimitWindow, secondsLeftInWindow } from './rateLimit';
import type { RequestContext } from './request';

const contextOf = (middlewareData: unknown): RequestContext | undefined =>
  middlewareData &&
  typeof middlewareData === 'object' &&
  (middlewareData as RequestContext).highlevel === true
    ? (middlewareData as RequestContext)
    : undefined;

const isApiCall = (url: string | undefined): boolean => {
  if (!url) return false;
  const base = apiBaseUrl();
  // The base itself or a path below it; never a host that merely starts with the same text.
  const underBase = url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
  return underBase && !url.includes(TOKEN_PATH);
};

export const secretsOf = (authData: Record<string, unknown>): string[] =>
  [authData.access_token, authData.refresh_token, process.env.CLIENT_SECRET].filter(
    (secret): secret is string => typeof secret === 'string',
  );

/**
 * Whether the stored access token is inside this Zap's refresh-ahead window. The official SDK refreshes
 * shortly before expiry too (HIGHLEVEL.md §2); a refresh costs one call while a 401 costs a failed call plus
 * the refresh. Each Zap has its own window (docs/CONNECTION.md §2). Also used before a relay subscription,
 * which hands the token to the relay (lib/relay/client.ts).
 */
export const tokenNeedsRefresh = (bundle: {
  authData: Record<string, unknown>;
  meta?: { zap?: { id?: unknown } | null };
}): boolean => {
  const { refresh_token: refreshToken, expires_at: expiresAt } = bundle.authData;
  const secondsLeft = Number(expiresAt) - Date.now() / 1000;
  return Boolean(
    refreshToken &&
    expiresAt &&
    Number.isFinite(secondsLeft) &&
    secondsLeft < proactiveWindowSeconds(bundle.meta?.zap?.id, expiresAt),
  );
};

/**
 * Only HighLevel API calls get the token: relay calls (lib/relay/client.ts) go to another host, so they pass
 * through untouched (unsubscribing must work with an expired connection, docs/RELAY_CONTRACT.md §3).
 */
export const authorize: BeforeRequestMiddleware = (request, z, bundle) => {
  if (!isApiCall(request.url)) return request;
  const { access_token: accessToken } = bundle.authData;
  if (tokenNeedsRefresh(bundle)) {
    throw new z.errors.RefreshAuthError('The HighLevel access token is about to expire.');
  }
  if (accessToken) {
    request.headers = { ...request.headers, Authorization: `Bearer ${accessToken}` };
  }
  return request;
};

export const mapErrors: AfterResponseMiddleware = (response, z, bundle) => {
  const context = contextOf(response.request.middlewareData);
  if (!context) {
    // autoRefresh is off (authentication.ts): a 401 from any other API call still asks for a refresh,
    // unless it is HighLevel's missing-scope answer.
    if (response.status === 401 && isApiCall(response.request.url)) {
      const content = redactSecrets(response.content ?? '', secretsOf(bundle.authData));
      throw errorForResponse(z, { status: 401, headers: response.headers, content }, {});
    }
    return response;
  }
  const { locationId } = bundle.authData;
  noteRateLimitWindow(locationId, response.headers);
  if (response.status < 400) return response;
  const content = redactSecrets(response.content ?? '', secretsOf(bundle.authData));
  const secondsLeft = response.status === 429 ? secondsLeftInWindow(locationId, response.headers) : undefined;
  throw errorForResponse(
    z,
    { status: response.status, headers: response.headers, content },
    { ...context, secondsLeftInWindow: secondsLeft },
  );
};
