/** Shared helpers for the sandbox tests: a tiny HTTP client (real HTTP on 127.0.0.1) and response shapes. */
import nock from 'nock';
import type { Sandbox } from '../../sandbox/server';

// test/setup.ts disables the network for unit tests; the sandbox tests talk to 127.0.0.1 only.
nock.enableNetConnect('127.0.0.1');

export const VERSION = '2021-07-28';

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface CallOptions {
  /** Bearer token; null sends none. */
  token?: string | null;
  /** Version header; null sends none. */
  version?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ErrorOut {
  statusCode: number;
  message: string | string[];
  error?: string;
  error_description?: string;
  traceId?: string;
  meta?: { contactName: string | null; contactId: string; matchingField: string };
}

export interface CustomFieldOut {
  id: string;
  value: unknown;
}

export interface ContactOut {
  id: string;
  locationId: string;
  firstName?: string;
  lastName?: string;
  name?: string;
  email?: string;
  phone?: string;
  companyName?: string;
  address1?: string;
  address?: string;
  city?: string;
  country?: string;
  timezone?: string;
  source?: string;
  assignedTo?: string;
  businessId?: string;
  dnd?: boolean;
  tags: string[];
  dateOfBirth?: string | number;
  dateAdded: string;
  dateUpdated: string;
  customFields: CustomFieldOut[];
  searchAfter?: Array<string | number | null>;
}

export interface SearchOut {
  contacts: ContactOut[];
  total: number;
  traceId: string;
}

export interface TaskOut {
  id: string;
  title: string;
  body?: string;
  assignedTo?: string;
  dueDate: string;
  completed: boolean;
  contactId: string;
  /** Only with `startSandbox({ taskDates: true })`: HighLevel's TaskSchema documents no dates. */
  dateAdded?: string;
  dateUpdated?: string;
}

export interface NoteOut {
  id: string;
  body: string;
  userId?: string;
  title?: string;
  color?: string;
  pinned?: boolean;
  contactId: string;
  dateAdded: string;
}

export interface TokenOut {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  userType: string;
  locationId?: string;
  companyId: string;
  userId: string;
  planId?: string;
  approvedLocations?: string[];
  isBulkInstallation?: boolean;
}

export const call = async <T = ErrorOut>(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.version !== null) headers.Version = options.version ?? VERSION;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  Object.assign(headers, options.headers);
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed as T };
};

/** A client bound to one sandbox and one token. */
export const client = (sandbox: Sandbox, token: string) => ({
  get: <T = ErrorOut>(path: string, options: CallOptions = {}) =>
    call<T>(sandbox, 'GET', path, { token, ...options }),
  post: <T = ErrorOut>(path: string, body?: unknown, options: CallOptions = {}) =>
    call<T>(sandbox, 'POST', path, { token, body, ...options }),
  put: <T = ErrorOut>(path: string, body?: unknown, options: CallOptions = {}) =>
    call<T>(sandbox, 'PUT', path, { token, body, ...options }),
  delete: <T = ErrorOut>(path: string, body?: unknown, options: CallOptions = {}) =>
    call<T>(sandbox, 'DELETE', path, { token, body, ...options }),
});

export type Client = ReturnType<typeof client>;

/** POST /oauth/token, form-encoded. */
export const tokenRequest = async <T = TokenOut>(
  sandbox: Sandbox,
  fields: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
): Promise<ApiResponse<T>> => {
  const body = contentType.includes('json') ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Accept: 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as T };
};

/** Runs the authorization-code flow against the sandbox and returns the token response. */
export const authorize = async (
  sandbox: Sandbox,
  scopes = 'contacts.readonly contacts.write locations.readonly',
): Promise<ApiResponse<TokenOut>> => {
  const redirectUri = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: sandbox.clientId,
    redirect_uri: redirectUri,
    scope: scopes,
    state: 'xyz',
  });
  const consent = await fetch(`${sandbox.url}/v2/oauth/chooselocation?${query.toString()}`, {
    redirect: 'manual',
  });
  const location = new URL(consent.headers.get('location') ?? '');
  return tokenRequest(sandbox, {
    client_id: sandbox.clientId,
    client_secret: sandbox.clientSecret,
    grant_type: 'authorization_code',
    code: location.searchParams.get('code') ?? '',
    user_type: 'Location',
    redirect_uri: redirectUri,
  });
};
