/**
 * The "API Request" action's core: a request to any path of HighLevel's API host, with the connection's
 * token (added by the middleware, as for every call) and the Version header, the same error mapping,
 * retries for reads only, and nothing sent unless the path provably stays on that host
 * (docs/ACTIONS.md §4).
 */
import { randomUUID } from 'node:crypto';
import type { HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { API_VERSION, apiBaseUrl } from '../config';
import { isNetworkFailure, networkError, parseJson, redactSecrets, userError } from './errors';
import { secretsOf } from './middleware';
import { ZAPIER_USER_AGENT, locationIdOf, withReadRetries, type AuthBundle } from './request';

export const API_REQUEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ApiRequestMethod = (typeof API_REQUEST_METHODS)[number];

/** The Version values HighLevel's API reference uses (most APIs 2021-07-28, calendars and conversations 2021-04-15). */
export const API_REQUEST_VERSIONS = [API_VERSION, '2021-04-15'] as const;

/** Written in a path or query value, replaced by the connected sub-account's id. */
export const LOCATION_PLACEHOLDER = '{locationId}';

const MAX_PATH_LENGTH = 2_000;
const MAX_BODY_LENGTH = 1_000_000;

/**
 * RFC 3986 path characters (pchar and `/`), with `%` only as the start of an escape. Anything else
 * (spaces, `\`, `?`, `#`, control characters, non-ASCII) is refused rather than guessed at.
 */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$/;
/** Escapes that would change how the path is split or resolved once a server decodes it. */
const DANGEROUS_ESCAPE = /%(2e|2f|5c|25|00|3f|23)/i;

const refuse = (z: ZObject, why: string) =>
  userError(z, `API Request refused the path: ${why} Nothing was sent.`, 'invalid_input');

/**
 * A path under HighLevel's API host, or a plain error. Refused: anything that is not a path starting
 * with one `/` (absolute URLs, `//host`, `http:`), `..` and `.` segments in any spelling, encoded
 * slashes, backslashes and encoded dots, query strings or fragments (they have their own field), and
 * the OAuth endpoints (the connection owns them).
 */
export const checkedApiPath = (z: ZObject, bundle: AuthBundle, value: unknown): string => {
  const raw = typeof value === 'string' ? value.trim() : '';
  if (raw === '') throw userError(z, 'Path is required, e.g. /contacts/{locationId}.', 'invalid_input');
  if (raw.length > MAX_PATH_LENGTH) throw refuse(z, `it is longer than ${MAX_PATH_LENGTH} characters.`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || /^[\\/]{2}/.test(raw)) {
    throw refuse(
      z,
      "it must be a path on HighLevel's API host starting with /, e.g. /contacts/abc, not a full URL or another host.",
    );
  }
  if (!raw.startsWith('/')) throw refuse(z, 'it must start with /, e.g. /contacts/abc.');
  if (raw.includes('?') || raw.includes('#')) {
    throw refuse(z, 'put query parameters in the Query field, not in the path (no ? or #).');
  }
  if (raw.includes('\\') || /%5c/i.test(raw)) throw refuse(z, 'it contains a backslash.');
  if (/%2f/i.test(raw)) throw refuse(z, 'it contains an encoded slash (%2F).');
  const path = raw.split(LOCATION_PLACEHOLDER).join(locationIdOf(z, bundle));
  if (!PATH_CHARACTERS.test(path)) {
    throw refuse(z, 'it contains characters that are not allowed in a URL path (spaces, quotes, …).');
  }
  if (/%(?![0-9a-f]{2})/i.test(path) || DANGEROUS_ESCAPE.test(path)) {
    throw refuse(z, 'it contains a % that is not a plain escape, or an encoded dot, slash or %.');
  }
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw refuse(z, 'it contains a "." or ".." segment.');
  }
  if (/^\/oauth(\/|$)/i.test(path)) throw refuse(z, 'the OAuth endpoints are used by the connection itself.');
  // Belt and braces: the URL a client will actually request must be this path under the API base.
  const base = new URL(apiBaseUrl());
  const url = new URL(`${apiBaseUrl()}${path}`);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || url.pathname !== `${basePath}${path}`) {
    throw refuse(z, "it would leave HighLevel's API.");
  }
  return path;
};

/** The Query field (a dictionary): every key and value as text, `{locationId}` replaced. */
export const queryString = (z: ZObject, bundle: AuthBundle, value: unknown): string => {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw userError(z, 'Query must be a list of name/value pairs.', 'invalid_input');
  }
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const name = key.trim();
    if (name === '' || raw === undefined || raw === null) continue;
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    params.append(name, text.split(LOCATION_PLACEHOLDER).join(locationIdOf(z, bundle)));
  }
  return params.toString();
};

/** The Body field: JSON text (an object or array), refused plainly when it is not JSON; `{locationId}` replaced in its texts. */
export const jsonBody = (
  z: ZObject,
  bundle: AuthBundle,
  method: ApiRequestMethod,
  value: unknown,
): string | undefined => {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return undefined;
  }
  if (method === 'GET') throw userError(z, 'A GET request has no body: leave Body empty.', 'invalid_input');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length > MAX_BODY_LENGTH) throw userError(z, 'Body is larger than 1 MB.', 'invalid_input');
  const parsed = typeof value === 'string' ? parseJson(value) : value;
  if (parsed === undefined || parsed === null || typeof parsed !== 'object') {
    throw userError(
      z,
      'Body must be a JSON object or array, e.g. {"tags": ["vip"]}. Check quotes and commas.',
      'invalid_input',
    );
  }
  const locationId = locationIdOf(z, bundle);
  return JSON.stringify(parsed, (_key, item: unknown) =>
    typeof item === 'string' ? item.split(LOCATION_PLACEHOLDER).join(locationId) : item,
  );
};

/** Response headers that can carry credentials or session state are never output. */
const SECRET_HEADER = /authorization|cookie|token|secret|session|signature|api[-_]?key|auth/i;

const visibleHeaders = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!SECRET_HEADER.test(name)) out[name.toLowerCase()] = value;
  });
  return out;
};

export interface ApiRequestInput {
  method: ApiRequestMethod;
  path: string;
  query: string;
  body?: string;
  version: string;
}

const sendOnce = async (z: ZObject, input: ApiRequestInput, idempotent: boolean, timeoutMs: number) => {
  const options: HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean; merge: boolean } = {
    url: `${apiBaseUrl()}${input.path}${input.query ? `?${input.query}` : ''}`,
    method: input.method,
    headers: {
      Version: input.version,
      Accept: 'application/json',
      ...(input.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      ...ZAPIER_USER_AGENT,
    },
    body: input.body,
    timeout: timeoutMs,
    // The same error mapping as every call (lib/middleware.ts); no scope: the path is the user's.
    middlewareData: { highlevel: true, write: !idempotent },
    throwForThrottlingEarly: false,
    merge: false,
    // A 3xx would be followed to wherever HighLevel points, with the token: refuse to follow instead.
    redirect: 'manual',
  };
  try {
    const response = await z.request(options);
    if (response.status >= 300 && response.status < 400) {
      throw userError(
        z,
        `HighLevel answered with a redirect (HTTP ${response.status}); API Request does not follow redirects.`,
        'http_error',
        response.status,
      );
    }
    return response;
  } catch (error) {
    throw isNetworkFailure(error) ? networkError(z, error, !idempotent) : error;
  }
};

/** Sends the request; GETs are retried on 5xx and network failures, writes never are. */
const traceIdOf = (body: unknown): string | undefined => {
  const traceId =
    typeof body === 'object' && body !== null ? (body as { traceId?: unknown }).traceId : undefined;
  return typeof traceId === 'string' && traceId !== '' ? traceId : undefined;
};

export const sendApiRequest = async (z: ZObject, bundle: AuthBundle, input: ApiRequestInput) => {
  const idempotent = input.method === 'GET';
  const response = await withReadRetries(z, idempotent, (timeoutMs) =>
    sendOnce(z, input, idempotent, timeoutMs),
  );
  const content = redactSecrets(response.content ?? '', secretsOf(bundle.authData));
  const parsed = content.trim() === '' ? null : parseJson(content);
  const answer = parsed === undefined ? content : parsed;
  return {
    // `id` (Zapier's check D010): HighLevel's traceId of this answer when it sent one, else one of this run.
    id: traceIdOf(answer) ?? randomUUID(),
    status: response.status,
    headers: visibleHeaders(response.headers),
    body: answer,
  };
};
