/**
 * beforeRequest: the bearer token on HighLevel API calls, and a refresh ahead of expiry.
 * afterResponse: every failed API call → the `z.errors` of DESIGN.md §3 (wording in lib/core/errors.ts).
 * Token-endpoint calls (authentication.ts) carry no middleware context and handle their own statuses.
 */
import type { BeforeRequestMiddleware, AfterResponseMiddleware } from 'zapier-platform-core';
import { PROACTIVE_REFRESH_SECONDS, TOKEN_PATH, apiBaseUrl } from '../config';
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

export const authorize: BeforeRequestMiddleware = (request, z, bundle) => {
  if (!isApiCall(request.url)) return request;
  const { access_token: accessToken, refresh_token: refreshToken, expires_at: expiresAt } = bundle.authData;
  // The official SDK refreshes shortly before expiry too (HIGHLEVEL.md §2); a refresh costs one call
  // while a 401 costs a failed call plus the refresh.
  const secondsLeft = Number(expiresAt) - Date.now() / 1000;
  if (refreshToken && expiresAt && Number.isFinite(secondsLeft) && secondsLeft < PROACTIVE_REFRESH_SECONDS) {
    throw new z.errors.RefreshAuthError('The HighLevel access token is about to expire.');
  }
  if (accessToken) {
    request.headers = { ...request.headers, Authorization: `Bearer ${accessToken}` };
  }
  return request;
};

export const mapErrors: AfterResponseMiddleware = (response, z, bundle) => {
  const context = contextOf(response.request.middlewareData);
  if (!context) return response;
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
