/**
 * What the app and HighLevel send to the relay, as tests need it: signed subscription calls (docs/RELAY_CONTRACT.md
 * §2–§3) and signed webhooks (§6).
 */
import type { Agent } from 'node:http';
import { send, type HttpResponse } from './http';
import { appSignatureHeaders, type HighLevelSigner } from './signing';
import type { WebhookBody } from './events';

export type SubscriptionRequest = {
  locationId: string;
  trigger: string;
  targetUrl: string;
  filters?: Record<string, string>;
  zapId?: string;
};

export type Subscription = { id: string; trigger: string; locationId: string; createdAt: string };

export type RelayClient = {
  /** The raw answer, for tests of refusals. `timestamp` overrides the signing time (stale-timestamp tests). */
  subscribeRaw(
    body: SubscriptionRequest | string,
    token: string | undefined,
    options?: { timestamp?: number; secret?: string; headers?: Record<string, string> },
  ): Promise<HttpResponse>;
  /** Creates a subscription and returns the 201 body; throws on any other answer. */
  subscribe(body: SubscriptionRequest, token: string): Promise<Subscription>;
  unsubscribe(id: string): Promise<HttpResponse>;
  /** POSTs exactly these bytes with these headers to the ingest URL. */
  postRaw(raw: Buffer | string, headers: Record<string, string>, agent?: Agent): Promise<HttpResponse>;
  /** Serialises, signs (Ed25519) and POSTs one webhook. */
  postWebhook(event: WebhookBody, agent?: Agent): Promise<HttpResponse>;
};

export const WEBHOOK_PATH = '/v1/highlevel/webhooks';
export const SUBSCRIPTIONS_PATH = '/v1/subscriptions';

export function relayClient(relayUrl: () => string, secret: string, signer: HighLevelSigner): RelayClient {
  const client: RelayClient = {
    subscribeRaw(body, token, options = {}) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      return send(`${relayUrl()}${SUBSCRIPTIONS_PATH}`, {
        method: 'POST',
        body: raw,
        headers: {
          'content-type': 'application/json',
          ...appSignatureHeaders(
            options.secret ?? secret,
            'POST',
            SUBSCRIPTIONS_PATH,
            raw,
            options.timestamp,
          ),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
      });
    },
    async subscribe(body, token) {
      const response = await client.subscribeRaw(body, token);
      if (response.status !== 201) {
        throw new Error(
          `POST ${SUBSCRIPTIONS_PATH} answered ${response.status}: ${response.text.slice(0, 300)}`,
        );
      }
      return JSON.parse(response.text) as Subscription;
    },
    unsubscribe(id) {
      const path = `${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`;
      return send(`${relayUrl()}${path}`, {
        method: 'DELETE',
        headers: appSignatureHeaders(secret, 'DELETE', path, ''),
      });
    },
    postRaw(raw, headers, agent) {
      return send(`${relayUrl()}${WEBHOOK_PATH}`, { method: 'POST', body: raw, headers, agent });
    },
    postWebhook(event, agent) {
      const raw = JSON.stringify(event);
      return client.postRaw(raw, signer.headers(raw), agent);
    },
  };
  return client;
}
