/**
 * The request core: every HighLevel call goes through `send`. It builds the URL (every path segment
 * encoded), sends `Version`, parses the body with zod, retries idempotent reads on 5xx/network failures,
 * and never retries a write. The bearer token is added and failures are mapped to `z.errors` by the
 * middleware (lib/core/middleware.ts) using the context passed in `middlewareData`. The endpoint functions
 * live with their noun: lib/contacts/api.ts, lib/tasks/api.ts, lib/notes/api.ts, lib/appointments/api.ts,
 * lib/lookups/*.ts.
 */
import querystring from 'node:querystring';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { API_VERSION, apiBaseUrl, httpSettings } from '../config';
import type { Scope } from '../scopes';
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

const sendOnce = async <S extends zod.ZodType>(z: ZObject, request: ApiRequest<S>, idempotent: boolean) => {
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
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    timeout: idempotent ? httpSettings.readTimeoutMs : httpSettings.writeTimeoutMs,
    middlewareData: context,
    // We word 429s ourselves (delay from the rate-limit headers too), so core must not throw first.
    throwForThrottlingEarly: false,
    merge: false,
  };
  let content: string;
  try {
    content = (await z.request(options)).content;
  } catch (error) {
    throw isNetworkFailure(error) ? networkError(z, error, !idempotent) : error;
  }
  const json = content.trim() === '' ? {} : parseJson(content);
  if (json === undefined) {
    throw userError(
      z,
      'HighLevel sent a response that is not JSON. Please try again in a few minutes.',
      'unexpected_response',
    );
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    throw userError(
      z,
      `HighLevel sent a response this integration did not expect (${describeIssue(parsed.error)}). Please try again; if it keeps happening, contact support.`,
      'unexpected_response',
    );
  }
  return parsed.data as zod.output<S>;
};

/** Runs `once` again after a 5xx or a network failure when `idempotent`, a bounded number of times; never for a write. */
export const withReadRetries = async <T>(idempotent: boolean, once: () => Promise<T>): Promise<T> => {
  const delays = idempotent ? httpSettings.readRetryDelaysMs : [];
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await once();
    } catch (error) {
      if (attempt >= delays.length || !isRetryableError(error)) throw error;
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
  return withReadRetries(idempotent, () => sendOnce(z, request, idempotent));
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
