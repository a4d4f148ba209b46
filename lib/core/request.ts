/**
 * The request core: every HighLevel call goes through `send`. It builds the URL (every path segment
 * encoded), sends `Version`, parses the body with zod, retries idempotent reads on 5xx/network failures,
 * and never retries a write. The bearer token is added and failures are mapped to `z.errors` by the
 * middleware (lib/core/middleware.ts) using the context passed in `middlewareData`. The endpoint functions
 * live with their noun: lib/contacts/api.ts, lib/tasks/api.ts, lib/notes/api.ts, lib/appointments/api.ts,
 * lib/lookups/*.ts.
 */
import querystring from 'node:querystring';
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { API_VERSION, apiBaseUrl, httpSettings } from '../config';
import type { Scope } from '../scopes';
import { MIN_ATTEMPT_MS, msLeft } from './deadline';
import { isNetworkFailure, isRetryableError, networkError, parseJson, userError } from './errors';

export type { Scope };
export type AuthBundle = Pick<Bundle, 'authData'>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | undefined;

/** What afterResponse needs to word an error; travels with the request in `middlewareData`. */
export interface RequestContext {
  highlevel: true;
  resource?: string;
  scope: Scope;
  write: boolean;
}

export interface ApiRequest<S extends zod.ZodType> {
  method: Method;
  path: string;
  query?: Record<string, QueryValue>;
  body?: object;
  schema: S;
  scope: Scope;
  /** Named in a 404 message, e.g. `contact "abc"`. */
  resource?: string;
  /** Safe to send again after a 5xx or a network failure. Defaults to true for GET. */
  idempotent?: boolean;
}

/** One path segment: percent-encoded, dots too, so an id like `a/b` can never change the path. */
export const pathSegment = (value: string): string => {
  if (value.length === 0) throw new Error('A HighLevel id in the request path was empty.');
  // URL parsers (WHATWG, used by node-fetch) treat `%2E%2E` exactly like `..`: no encoding makes these safe.
  if (value === '.' || value === '..')
    throw new Error(`A HighLevel id in the request path cannot be "${value}".`);
  return encodeURIComponent(value).replace(/\./g, '%2E');
};

/** `apiPath\`/contacts/${id}/tasks\`` → every interpolated value encoded as one segment. */
export const apiPath = (strings: TemplateStringsArray, ...segments: string[]): string =>
  strings.reduce(
    (path, part, index) => path + part + (index < segments.length ? pathSegment(segments[index]) : ''),
    '',
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const withoutUndefined = (query: Record<string, QueryValue>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );

const describeIssue = (error: zod.ZodError): string => {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the body';
  return `${where}: ${issue?.message ?? 'unexpected shape'}`;
};

/** `customFields` → `custom fields`. */
const words = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * What was wrong with a 200's body, in words a user can follow (no schema jargon; the technical detail goes
 * to the log): e.g. "HighLevel's answer had no list of contacts".
 */
export const plainIssue = (error: zod.ZodError): string => {
  const issue = error.issues[0];
  const [key, ...rest] = issue?.path ?? [];
  if (typeof key !== 'string') return "HighLevel's answer was not in the form HighLevel documents";
  const expected = issue && 'expected' in issue ? String(issue.expected) : '';
  const noun = expected === 'array' && rest.length === 0 ? `list of ${words(key)}` : words(key);
  if (rest.length === 0) {
    return /received undefined/.test(issue?.message ?? '')
      ? `HighLevel's answer had no ${noun}`
      : `HighLevel's answer had something unexpected where the ${noun} should be`;
  }
  const field = [...rest].reverse().find((part): part is string => typeof part === 'string');
  return `HighLevel's answer had ${field ? `a ${words(key)} whose "${field}" is` : `${words(key)} that are`} not in the form HighLevel documents`;
};

/** Out of the operation's time budget before a (further) attempt: nothing more is sent. */
const outOfTime = (z: ZObject, idempotent: boolean): Error =>
  userError(
    z,
    `HighLevel answered too slowly: this step used up the ${Math.round(httpSettings.operationBudgetMs / 1000)} seconds it has (Zapier stops a step after 30), so it stopped${idempotent ? '' : ' before sending the change'}. Please try again in a few minutes.`,
    'out_of_time',
  );

/**
 * The user agent core sends when it merges a request (request-merge.js), and by which its http patch
 * (create-http-patch.js) tells z.request's own calls apart. With `merge: false` core adds none, and every call
 * would be logged a second time as an outside request, its response body scrubbed again: most of the app's
 * share of a poll (npm run bench, section 3). Every HighLevel call sends it.
 */
export const ZAPIER_USER_AGENT = { 'User-Agent': 'Zapier' } as const;

/**
 * The JSON of a response: core has already parsed it into `data` (prepare-response.js, unless the answer says it
 * is a form), so it is not parsed a second time (npm run bench, section 3); an empty body is `{}`, text that is
 * not JSON `undefined`.
 */
const bodyOf = (response: HttpResponse): unknown => {
  const content = response.content;
  if (content.trim() === '') return {};
  const form = /^application\/x-www-form-urlencoded/i.test(response.headers.get('content-type') ?? '');
  return response.data !== undefined && !form ? response.data : parseJson(content);
};

const sendOnce = async <S extends zod.ZodType>(
  z: ZObject,
  request: ApiRequest<S>,
  idempotent: boolean,
  timeoutMs: number,
) => {
  const context: RequestContext = {
    highlevel: true,
    resource: request.resource,
    scope: request.scope,
    write: !idempotent,
  };
  // The body and the query string are serialized here, not by core: core deletes every `{{…}}` from
  // object bodies' and params' top-level strings (a note "Hi {{contact.first_name}}" would arrive as "Hi "),
  // and with `merge` on it refuses `{{bundle.…}}` in user text with a developer error. The app has no
  // requestTemplate to merge.
  const query = request.query ? querystring.stringify(withoutUndefined(request.query)) : '';
  const options: HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean; merge: boolean } = {
    url: `${apiBaseUrl()}${request.path}${query ? `?${query}` : ''}`,
    method: request.method,
    headers: {
      Version: API_VERSION,
      Accept: 'application/json',
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      ...ZAPIER_USER_AGENT,
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    timeout: timeoutMs,
    middlewareData: context,
    // We word 429s ourselves (delay from the rate-limit headers too), so core must not throw first.
    throwForThrottlingEarly: false,
    merge: false,
  };
  let response: HttpResponse;
  try {
    response = await z.request(options);
  } catch (error) {
    throw isNetworkFailure(error) ? networkError(z, error, !idempotent) : error;
  }
  const json = bodyOf(response);
  if (json === undefined) {
    throw userError(
      z,
      'HighLevel sent a response that is not JSON. Please try again in a few minutes.',
      'unexpected_response',
    );
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    z.console.log(
      `HighLevel ${request.method} ${request.path.split('?')[0]}: unexpected body (${describeIssue(parsed.error)})`,
    );
    throw userError(
      z,
      `${plainIssue(parsed.error)}. Please try again; if it keeps happening, contact support.`,
      'unexpected_response',
    );
  }
  return parsed.data as zod.output<S>;
};

/**
 * Runs `once` (given the milliseconds its attempt may take) within the operation's time budget; again after a
 * 5xx or a network failure when `idempotent`, a bounded number of times; never for a write.
 */
export const withReadRetries = async <T>(
  z: ZObject,
  idempotent: boolean,
  once: (timeoutMs: number) => Promise<T>,
): Promise<T> => {
  const delays = idempotent ? httpSettings.readRetryDelaysMs : [];
  const perAttempt = idempotent ? httpSettings.readTimeoutMs : httpSettings.writeTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    // docs/CONNECTION.md §7: each attempt gets at most what is left of the operation's budget.
    const left = msLeft(z);
    if (left < MIN_ATTEMPT_MS) throw outOfTime(z, idempotent);
    try {
      return await once(Math.min(perAttempt, left));
    } catch (error) {
      if (attempt >= delays.length || !isRetryableError(error)) throw error;
      // No retry that could not get an answer in time: the failure itself is the plainer message.
      if (msLeft(z) < delays[attempt] + MIN_ATTEMPT_MS) throw error;
      await sleep(delays[attempt]);
    }
  }
};

/** Sends one request; idempotent reads are retried on 5xx and network failures, writes never are. */
export const send = async <S extends zod.ZodType>(
  z: ZObject,
  request: ApiRequest<S>,
): Promise<zod.output<S>> => {
  const idempotent = request.idempotent ?? request.method === 'GET';
  return withReadRetries(z, idempotent, (timeoutMs) => sendOnce(z, request, idempotent, timeoutMs));
};

/** The connected sub-account. Every Contacts call needs it (HIGHLEVEL.md §1). */
export const locationIdOf = (z: ZObject, bundle: AuthBundle): string => {
  const { locationId } = bundle.authData;
  if (!locationId) {
    throw new z.errors.ExpiredAuthError(
      'This HighLevel connection is not linked to a sub-account. Reconnect HighLevel and choose a sub-account (location).',
    );
  }
  return locationId;
};

/** How a 404 names the missing object, e.g. `contact "abc"`. */
export const quoted = (kind: string, id: string) => `${kind} "${id}"`;
