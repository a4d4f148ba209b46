/**
 * HighLevel failures → the `z.errors` class and the plain message a no-code user can act on (DESIGN.md §3).
 * Every message names what happened and what to do, and carries HighLevel's traceId when there is one.
 */
import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { DEFAULT_THROTTLE_SECONDS } from '../config';
import { PERMISSION_NAMES } from '../scopes';
import { lazySchema } from './schema';

export type ErrorCode =
  | 'bad_request'
  | 'invalid_input'
  | 'forbidden'
  | 'not_found'
  | 'validation_failed'
  | 'server_error'
  | 'network_error'
  | 'unexpected_response'
  | 'location_inactive'
  | 'agency_token'
  | 'invalid_client'
  | 'refresh_busy'
  | 'out_of_time'
  | 'http_error'
  | 'duplicate_contact'
  /** A poll ran out of its time budget (lib/contacts/poll.ts). */
  | 'poll_timeout'
  /** A poll found more items than it can trigger on one by one (docs/TRIGGERS.md §6). */
  | 'too_many_items';

/** What a HighLevel error body may contain (common-schemas.json; 422 `message` is an array, HIGHLEVEL.md §5). */
const errorBodySchema = lazySchema((zod) =>
  zod.looseObject({
    statusCode: zod.number().optional(),
    message: zod.union([zod.string(), zod.array(zod.unknown())]).optional(),
    error: zod.unknown().optional(),
    error_description: zod.string().optional(),
    traceId: zod.string().optional(),
  }),
);

export interface HighLevelErrorBody {
  messages: string[];
  error?: string;
  traceId?: string;
}

const MAX_MESSAGE_LENGTH = 400;

const clip = (text: string): string =>
  text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;

export const parseJson = (content: string): unknown => {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return undefined;
  }
};

/** Reads HighLevel's `{statusCode, message, error, traceId}` body, whatever shape it arrived in. */
export const readErrorBody = (content: string): HighLevelErrorBody => {
  const parsed = errorBodySchema().safeParse(parseJson(content));
  if (!parsed.success) return { messages: [] };
  const { message, error, error_description, traceId } = parsed.data;
  const raw = Array.isArray(message) ? message : message === undefined ? [] : [message];
  const messages = raw
    .map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
    .map((item) => clip(item.trim()))
    .filter((item) => item.length > 0);
  if (messages.length === 0 && error_description) messages.push(clip(error_description));
  return { messages, error: typeof error === 'string' ? error : undefined, traceId };
};

const traceSuffix = (traceId?: string): string => (traceId ? ` (HighLevel trace ID: ${traceId})` : '');

const joinMessages = (messages: string[]): string =>
  messages.map((message) => message.replace(/[.\s]+$/, '')).join('; ');

export const userError = (z: ZObject, message: string, code: ErrorCode, status?: number): Error =>
  new z.errors.Error(message, code, status);

const errorDetailsSchema = lazySchema((zod) =>
  zod.object({
    message: zod.string().optional(),
    code: zod.string().optional(),
    status: zod.number().optional(),
  }),
);

/** The `{message, code, status}` a `z.errors.Error` carries (it stores them as JSON in `message`). */
export const errorDetails = (error: unknown): { message?: string; code?: string; status?: number } => {
  if (!(error instanceof Error)) return {};
  // Called for every failure (retries, 404 → null): most messages that are not JSON stop here.
  const json = parseJson(error.message);
  if (typeof json !== 'object' || json === null) return {};
  const details = errorDetailsSchema().safeParse(json);
  return details.success ? details.data : {};
};

export const isNotFoundError = (error: unknown): boolean => errorDetails(error).code === 'not_found';

/** A read's result, or null when HighLevel answered 404 (in a search, not found is an empty result). */
export const nullIfNotFound = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (error) {
    if (isNotFoundError(error)) return null;
    throw error;
  }
};

export const isRetryableError = (error: unknown): boolean => {
  const { code } = errorDetails(error);
  return code === 'server_error' || code === 'network_error';
};

/**
 * How long to wait after a 429: Retry-After, else the rest of the window when known, else the window's
 * length from the rate-limit headers, else the burst window.
 */
export const throttleDelaySeconds = (
  headers: { get(name: string): string | null },
  secondsLeftInWindow?: number,
): number => {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds));
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(1, Math.ceil((date - Date.now()) / 1000));
  }
  if (headers.get('x-ratelimit-daily-remaining') === '0') return 60 * 60;
  if (secondsLeftInWindow !== undefined) return Math.max(1, Math.ceil(secondsLeftInWindow));
  const interval = Number(headers.get('x-ratelimit-interval-milliseconds'));
  if (Number.isFinite(interval) && interval > 0) return Math.max(1, Math.ceil(interval / 1000));
  return DEFAULT_THROTTLE_SECONDS;
};

export interface ErrorContext {
  /** What a 404 means here, e.g. `contact "abc"`. */
  resource?: string;
  /** The HighLevel permission this request needs, for a helpful 403. */
  scope?: string;
  /** A write that is never retried: after a 5xx it may have happened all the same (DESIGN.md §3). */
  write?: boolean;
  /** What is left of the rate-limit window, when known (lib/core/rateLimit.ts). */
  secondsLeftInWindow?: number;
}

/**
 * contacts.json documents no 404 for reads by id (only a 400): an unknown id may come back as a 400
 * "Contact not found". Only for requests that name a record, so a missing header is never taken for it.
 */
const RECORD_NOT_FOUND = /\b(contact|task|note|business|workflow|campaign)\b.*\bnot found\b/i;
/** HIGHLEVEL.md §2: a paused or suspended sub-account; not a reason to reconnect. */
const LOCATION_INACTIVE = /location is not active/i;
/** A call outside the token's scopes: HighLevel answers 401 with this, not 403 (docs/CONNECTION.md §3). */
const MISSING_SCOPE = /not authorized for this scope/i;
/**
 * HighLevel's own timeout answered as a 401 whose message says "Command timed out" (docs/HIGHLEVEL.md §5): HighLevel
 * was slow, the token is fine, so no refresh and no reconnect; a read is retried like a 5xx.
 */
const COMMAND_TIMED_OUT = /command timed out/i;
/** A record or location of another sub-account (docs/CONNECTION.md §5): not a connection problem. */
const OTHER_LOCATION = /does not have access to this location/i;

const missingScopeError = (z: ZObject, scope: string | undefined, trace: string, status: number): Error => {
  const which = scope
    ? `the "${(PERMISSION_NAMES as Record<string, string | undefined>)[scope] ?? scope}" permission (${scope})`
    : 'a permission this step needs';
  return userError(
    z,
    `HighLevel refused this step because the connection does not have ${which}. Reconnect your HighLevel account in Zapier and approve every permission asked for; if the permission is not offered, the HighLevel app's owner must add it.${trace}`,
    // `forbidden`, the code the "carry on without custom fields / the sub-account" fallbacks look for.
    'forbidden',
    status,
  );
};

const saysRecordNotFound = (messages: string[]) => messages.some((message) => RECORD_NOT_FOUND.test(message));

/**
 * HighLevel's 400 for a duplicate contact (a sub-account that forbids duplicates) names the contact that
 * matched in `meta`: `{contactId, matchingField, contactName}` (docs/ACTIONS.md §7). Undefined for any other body.
 */
const duplicateMetaSchema = lazySchema((zod) =>
  zod.looseObject({
    meta: zod.looseObject({
      contactId: zod.string().min(1),
      matchingField: zod.string().nullish(),
      contactName: zod.string().nullish(),
    }),
  }),
);

const FIELD_NAMES: Record<string, string> = { email: 'email', phone: 'phone number' };

export const duplicateContactMessage = (content: string, traceId?: string): string | undefined => {
  const parsed = duplicateMetaSchema().safeParse(parseJson(content));
  if (!parsed.success) return undefined;
  const { contactId, matchingField, contactName } = parsed.data.meta;
  const field = (matchingField && FIELD_NAMES[matchingField.toLowerCase()]) ?? matchingField?.trim();
  const name = contactName?.replace(/\s+/g, ' ').trim().slice(0, 80);
  const who = name ? `"${name}" (contact ID ${contactId})` : `the contact with ID ${contactId}`;
  return (
    `HighLevel already has a contact with this ${field || 'email or phone number'}: ${who}, and this sub-account does not allow duplicates. ` +
    `To change that contact, use Update Contact with its ID, or use Create or Update Contact, which updates the existing contact instead of creating a new one.${traceSuffix(traceId)}`
  );
};

/** Maps a failed API response to the error a Zapier user sees. Never called for 2xx. */
export const errorForResponse = (
  z: ZObject,
  response: Pick<HttpResponse, 'status' | 'content' | 'headers'>,
  context: ErrorContext,
): Error => {
  const { status } = response;
  const { messages, traceId } = readErrorBody(response.content);
  const trace = traceSuffix(traceId);
  const said = messages.length > 0 ? `: ${joinMessages(messages)}` : '';

  if (status === 401) {
    // Core's autoRefresh is off so that this body reaches us: only an expired or unknown token refreshes.
    if (messages.some((message) => MISSING_SCOPE.test(message)))
      return missingScopeError(z, context.scope, trace, status);
    if (messages.some((message) => COMMAND_TIMED_OUT.test(message))) {
      // `server_error`: the code the read retries look for (lib/core/request.ts); a write is never retried.
      return userError(
        z,
        context.write
          ? `HighLevel took too long to answer ("Command timed out") while saving. The change may or may not have been made: check HighLevel before running this step again. There is no need to reconnect.${trace}`
          : `HighLevel took too long to answer ("Command timed out"), even after trying again. Please try again in a few minutes; there is no need to reconnect.${trace}`,
        'server_error',
        status,
      );
    }
    return new z.errors.RefreshAuthError();
  }
  if (status === 429) {
    const daily = response.headers.get('x-ratelimit-daily-remaining') === '0';
    return new z.errors.ThrottledError(
      daily
        ? "HighLevel's daily request limit for this sub-account is used up. Zapier will try again later."
        : "HighLevel's rate limit for this sub-account was reached. Zapier will try again shortly.",
      throttleDelaySeconds(response.headers, context.secondsLeftInWindow),
    );
  }
  if (
    status === 403 &&
    context.resource !== undefined &&
    !context.resource.startsWith('sub-account') &&
    messages.some((message) => OTHER_LOCATION.test(message))
  ) {
    // A record id of another sub-account: for this connection it does not exist (a search finds nothing).
    // For the connection's own sub-account the same answer is a connection problem (the 403 below).
    const what = context.resource;
    return userError(
      z,
      `The ${what} is not in this sub-account: HighLevel says it belongs to another one. Use an id from the sub-account this connection is for.${trace}`,
      'not_found',
      status,
    );
  }
  if (status === 403 && messages.some((message) => MISSING_SCOPE.test(message))) {
    return missingScopeError(z, context.scope, trace, status);
  }
  if (status === 403) {
    const needs = context.scope ? ` This step needs the "${context.scope}" permission.` : '';
    return userError(
      z,
      `HighLevel denied access${said}.${needs} The connection is missing a permission or is for another sub-account: reconnect your HighLevel account and approve every permission asked for.${trace}`,
      'forbidden',
      status,
    );
  }
  if (messages.some((message) => LOCATION_INACTIVE.test(message))) {
    return userError(
      z,
      `HighLevel says this sub-account is not active (it is paused or suspended). Zaps will work again once it is reactivated; there is no need to reconnect.${trace}`,
      'location_inactive',
      status,
    );
  }
  if (status === 404 || (status === 400 && context.resource !== undefined && saysRecordNotFound(messages))) {
    const what = context.resource ?? 'requested record';
    const where = what.startsWith('sub-account') ? '' : ' in this sub-account';
    return userError(z, `The ${what} was not found${where}.${trace}`, 'not_found', status);
  }
  const duplicate = status === 400 ? duplicateContactMessage(response.content, traceId) : undefined;
  if (duplicate) return userError(z, duplicate, 'duplicate_contact', status);
  if (status === 422 || status === 400) {
    return userError(
      z,
      `HighLevel rejected the request${said || ' as invalid'}.${trace}`,
      status === 422 ? 'validation_failed' : 'bad_request',
      status,
    );
  }
  if (status >= 500 && context.write) {
    return userError(
      z,
      `HighLevel had a problem (HTTP ${status}) while saving${said}. The change may or may not have been made: check HighLevel before running this step again.${trace}`,
      'server_error',
      status,
    );
  }
  if (status >= 500) {
    return userError(
      z,
      `HighLevel had a temporary problem (HTTP ${status})${said}. Please try again in a few minutes.${trace}`,
      'server_error',
      status,
    );
  }
  return userError(z, `HighLevel answered with HTTP ${status}${said}.${trace}`, 'http_error', status);
};

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/** True for errors thrown by the HTTP layer itself (no response): resets, refusals, timeouts. */
export const isNetworkFailure = (error: unknown): error is Error & { code?: string; type?: string } => {
  if (!(error instanceof Error)) return false;
  const { name } = error;
  const { code, type } = error as Error & { code?: unknown; type?: unknown };
  return (
    name === 'FetchError' ||
    name === 'AbortError' ||
    type === 'request-timeout' ||
    (typeof code === 'string' && NETWORK_CODES.has(code))
  );
};

export const networkError = (
  z: ZObject,
  error: Error & { type?: string; code?: string },
  write = false,
): Error => {
  const timedOut =
    error.name === 'AbortError' || error.type === 'request-timeout' || /timeout/i.test(error.message);
  // DESIGN.md §3: a write that timed out or was cut off may have happened; "try again" could duplicate it.
  if (write && (timedOut || error.code === 'ECONNRESET')) {
    return userError(
      z,
      'HighLevel did not confirm the change in time, so it may or may not have been saved. Check HighLevel before running this step again.',
      'network_error',
    );
  }
  return userError(
    z,
    timedOut
      ? 'HighLevel did not answer in time. Please try again in a few minutes.'
      : 'Could not reach HighLevel (the connection failed). Please try again in a few minutes.',
    'network_error',
  );
};

/** Removes every secret we know of from a text before it can reach a message or a log. */
export const redactSecrets = (text: string, secrets: Array<string | undefined>): string =>
  secrets.reduce<string>(
    (result, secret) => (secret && secret.length >= 6 ? result.split(secret).join('[redacted]') : result),
    text,
  );
