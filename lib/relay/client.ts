/**
 * The app's two calls to the relay (docs/RELAY_CONTRACT.md §3), made when a Zap with an instant trigger is
 * turned on and off:
 * - `subscribe`: POST /v1/subscriptions, signed with the app secret (§2) and carrying the user's HighLevel access
 *   token as Bearer (the relay checks it once against the sub-account and never stores it);
 * - `unsubscribe`: DELETE /v1/subscriptions/:id with the signature alone, so a Zap whose connection expired can
 *   still be turned off; a 404 means it is already gone.
 * Relay calls go to the relay's host, never HighLevel's: the app's middleware adds no token to them and maps
 * none of their statuses (lib/core/middleware.ts). Every failure here becomes a plain message; none asks the
 * user to reconnect, because nothing the relay answers means the HighLevel connection is broken.
 */
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { httpSettings } from '../config';
import { isNetworkFailure, parseJson, redactSecrets, userError } from '../core/errors';
import { tokenNeedsRefresh } from '../core/middleware';
import { locationIdOf } from '../core/request';
import { lazySchema } from '../core/schema';
import { relayConfig } from './config';
import { signedHeaders } from './signing';

/** A subscription's filters (§5): only the keys its trigger takes, as strings; absent = no filter. */
export type RelayFilters = Record<string, string | undefined>;

/** The relay's answer to a create, stored whole by Zapier as `bundle.subscribeData`. */
export const subscriptionSchema = lazySchema((zod) =>
  zod.looseObject({
    id: zod.string().min(1),
    trigger: zod.string().optional(),
    locationId: zod.string().optional(),
    createdAt: zod.string().optional(),
  }),
);

const errorBodySchema = lazySchema((zod) => zod.looseObject({ error: zod.string().optional() }));

type Method = 'POST' | 'DELETE';
type Action = 'on' | 'off';

interface RelayAnswer {
  status: number;
  content: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The relay's own sentence from an error body (`{"error": "…"}`), clipped, secrets removed. */
const relaySentence = (content: string, secrets: string[]): string | undefined => {
  const parsed = errorBodySchema().safeParse(parseJson(content));
  const sentence = parsed.success ? parsed.data.error?.trim() : undefined;
  if (!sentence) return undefined;
  const clipped = sentence.length > 200 ? `${sentence.slice(0, 200)}…` : sentence;
  return redactSecrets(clipped, secrets).replace(/[.\s]+$/, '');
};

const turning = (action: Action) => (action === 'on' ? 'turn this Zap on' : 'turn this Zap off');

/** A relay answer that is not a success → the plain message a user reads. */
export const relayError = (z: ZObject, action: Action, answer: RelayAnswer, secrets: string[]): Error => {
  const { status } = answer;
  const said = relaySentence(answer.content, secrets);
  if (status === 400) {
    return userError(
      z,
      `The instant-trigger service refused to ${turning(action)}${said ? `: ${said}` : ''}. Check the trigger's fields and try again.`,
      'bad_request',
      status,
    );
  }
  if (status === 401) {
    return userError(
      z,
      `The instant-trigger service did not accept this integration's signature, so it could not ${turning(action)} (the integration's relay settings do not match the service's). Nothing changed; please contact the integration's support.`,
      'http_error',
      status,
    );
  }
  if (status === 403) {
    return userError(
      z,
      'HighLevel told the instant-trigger service that this connection cannot read its sub-account, so the Zap was not turned on. Test the HighLevel connection in Zapier (it must be for the sub-account you want to watch), then turn the Zap on again.',
      'forbidden',
      status,
    );
  }
  if (status === 429) {
    return userError(
      z,
      `The instant-trigger service is busy and asked to slow down. Please try to ${turning(action)} again in a minute.`,
      'http_error',
      status,
    );
  }
  if (status >= 500) {
    return userError(
      z,
      `The instant-trigger service is not available right now (HTTP ${status}), so nothing changed. Please try to ${turning(action)} again in a few minutes.`,
      'server_error',
      status,
    );
  }
  return userError(
    z,
    `The instant-trigger service answered with HTTP ${status}${said ? ` (${said})` : ''}, so nothing changed. Please try to ${turning(action)} again; if it keeps happening, contact support.`,
    'http_error',
    status,
  );
};

/**
 * Sends one signed request to the relay; again after a 502/503/504 (nothing was stored: §3), and for a DELETE
 * also after a network failure (deleting twice is harmless). A POST cut off in flight is never sent again: a
 * second subscription would fire the Zap twice per event. Each attempt is signed anew, at least a second
 * after the last, so the relay's replay protection never sees the same signature twice.
 */
const callRelay = async (
  z: ZObject,
  action: Action,
  request: { method: Method; path: string; body?: string; headers?: Record<string, string> },
): Promise<RelayAnswer> => {
  const { url, secret } = relayConfig(z);
  const target = new URL(`${url}${request.path}`);
  const signedPath = `${target.pathname}${target.search}`;
  const body = request.body ?? '';
  const delays = httpSettings.readRetryDelaysMs;
  let lastSignedAt = 0;
  for (let attempt = 0; ; attempt += 1) {
    const wait = Math.max(0, lastSignedAt + 1_000 - Date.now());
    if (wait > 0) await sleep(wait);
    lastSignedAt = Math.floor(Date.now() / 1000) * 1000;
    const options: HttpRequestOptions & {
      url: string;
      skipThrowForStatus: boolean;
      throwForThrottlingEarly: boolean;
      merge: boolean;
    } = {
      url: target.toString(),
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...request.headers,
        ...signedHeaders(secret, { method: request.method, path: signedPath, body }),
      },
      body: request.body,
      timeout: httpSettings.writeTimeoutMs,
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
      merge: false,
    };
    let answer: RelayAnswer | undefined;
    try {
      const response = await z.request(options);
      answer = { status: response.status, content: response.content ?? '' };
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
      if (request.method !== 'DELETE' || attempt >= delays.length) {
        throw userError(
          z,
          `Could not reach the instant-trigger service, so it could not ${turning(action)}. Please try again in a few minutes.`,
          'network_error',
        );
      }
    }
    if (answer && (![502, 503, 504].includes(answer.status) || attempt >= delays.length)) return answer;
    await sleep(delays[attempt]);
  }
};

export type SubscribeData = ReturnType<ReturnType<typeof subscriptionSchema>['parse']>;

/**
 * Turns a Zap's instant trigger on: one subscription for `trigger` on the connected sub-account, delivering to
 * `bundle.targetUrl`. Returns the relay's answer (`bundle.subscribeData`).
 */
export const subscribe = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData' | 'targetUrl' | 'meta'>,
  trigger: string,
  filters: RelayFilters,
): Promise<SubscribeData> => {
  const targetUrl = bundle.targetUrl;
  if (!targetUrl) {
    throw userError(
      z,
      'Zapier gave no hook URL to send events to, so the Zap was not turned on.',
      'invalid_input',
    );
  }
  const locationId = locationIdOf(z, bundle);
  const accessToken = bundle.authData.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new z.errors.ExpiredAuthError(
      'This HighLevel connection has no access token. Reconnect HighLevel.',
    );
  }
  // The relay checks the token against HighLevel once: hand it a token with time left (docs/CONNECTION.md §2).
  if (tokenNeedsRefresh(bundle)) {
    throw new z.errors.RefreshAuthError('The HighLevel access token is about to expire.');
  }
  const definedFilters = Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const zapId = bundle.meta?.zap?.id;
  const body = JSON.stringify({
    locationId,
    trigger,
    targetUrl,
    filters: definedFilters,
    ...(zapId === undefined || zapId === null ? {} : { zapId: String(zapId) }),
  });
  const secrets = [accessToken, process.env.RELAY_SECRET ?? ''];
  const answer = await callRelay(z, 'on', {
    method: 'POST',
    path: '/v1/subscriptions',
    body,
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (answer.status !== 200 && answer.status !== 201) throw relayError(z, 'on', answer, secrets);
  const parsed = subscriptionSchema().safeParse(parseJson(answer.content));
  if (!parsed.success) {
    throw userError(
      z,
      'The instant-trigger service answered without a subscription id, so the Zap may not receive events. Please turn it off and on again.',
      'unexpected_response',
    );
  }
  return parsed.data;
};

/** What `unsubscribe` reports: deleted now, or already gone (404). */
export interface UnsubscribeResult {
  id: string | null;
  status: 'deleted' | 'already_gone' | 'nothing_to_delete';
}

/** Turns a Zap's instant trigger off, with the app secret alone (no HighLevel token: it may have expired). */
export const unsubscribe = async (
  z: ZObject,
  bundle: Pick<Bundle, 'subscribeData'>,
): Promise<UnsubscribeResult> => {
  const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '') {
    z.console.log('Relay unsubscribe: no subscription id was stored; nothing to delete');
    return { id: null, status: 'nothing_to_delete' };
  }
  const secrets = [process.env.RELAY_SECRET ?? ''];
  const answer = await callRelay(z, 'off', {
    method: 'DELETE',
    path: `/v1/subscriptions/${encodeURIComponent(id)}`,
  });
  if (answer.status === 404) return { id, status: 'already_gone' };
  if (answer.status < 200 || answer.status >= 300) throw relayError(z, 'off', answer, secrets);
  return { id, status: 'deleted' };
};
