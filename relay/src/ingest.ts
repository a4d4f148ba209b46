/**
 * `POST /v1/highlevel/webhooks` (docs/RELAY_CONTRACT.md §6): verify, parse, then one store transaction that
 * de-duplicates on webhookId and writes the event with one delivery per matching subscription. The answer is
 * 2xx only after that commit.
 */
import type { Logger } from './log';
import type { Metrics } from './metrics';
import {
  CONTACT_EVENTS,
  KNOWN_EVENTS,
  computeChange,
  deliveryId,
  route,
  type EventBody,
  type Json,
} from './routing';
import type { Verifier } from './signatures';
import type { NewDelivery, Store } from './store/store';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface IngestDeps {
  store: Store;
  verifier: Verifier;
  metrics: Metrics;
  log: Logger;
  wake: () => void;
}

const CONTACT = new Set<string>(CONTACT_EVENTS);

const text = (value: Json | undefined): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;

const isoOf = (value: Json | undefined): string | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

export const handleWebhook = async (
  deps: IngestDeps,
  raw: Buffer,
  headers: { ghl?: string; wh?: string },
  receivedAt: number,
): Promise<Answer> => {
  const { store, verifier, metrics, log } = deps;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const scheme = verifier.check(headers, raw, parsed);
  if (!scheme) {
    metrics.reject(headers.ghl === undefined && headers.wh === undefined ? 'unsigned' : 'bad_signature');
    return { status: 401, body: { error: 'The webhook signature is missing or not valid.' } };
  }
  if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    metrics.reject('malformed');
    return { status: 400, body: { error: 'The webhook body is not a JSON object.' } };
  }
  const event = parsed as EventBody;
  metrics.received += 1;
  const type = text(event.type);
  const locationId = text(event.locationId);

  if (type === 'INSTALL') {
    await store.recordInstall(locationId, text(event.companyId), receivedAt);
    log.info('install', { locationId: locationId ?? null, companyId: text(event.companyId) ?? null });
    return { status: 200, body: { status: 'recorded' } };
  }
  if (type === 'UNINSTALL') {
    if (locationId) {
      const ended = await store.uninstall(locationId, receivedAt);
      log.info('uninstall', { locationId, subscriptionsEnded: ended });
    } else {
      log.info('uninstall without a location (agency level): nothing stored for it', {
        companyId: text(event.companyId) ?? null,
      });
    }
    return { status: 200, body: { status: 'recorded' } };
  }
  if (!type || !KNOWN_EVENTS.has(type)) {
    metrics.reject('unknown_type');
    return { status: 200, body: { status: 'ignored' } };
  }
  const webhookId = text(event.webhookId);
  if (!webhookId || !locationId) {
    metrics.reject('malformed');
    return { status: 400, body: { error: 'The webhook has no webhookId or locationId.' } };
  }
  const contactId = CONTACT.has(type) ? text(event.id) : undefined;
  const timestamp = isoOf(event.timestamp);
  const receivedIso = new Date(receivedAt).toISOString();

  const outcome = await store.ingest(
    { webhookId, locationId, type, timestamp, receivedAt, scheme, raw: raw.toString('utf8'), body: event },
    contactId,
    (subscriptions, prior) => {
      const computed = contactId ? computeChange(event, prior) : undefined;
      const planned = route(event, subscriptions, computed?.change, contactId !== undefined && !prior);
      const deliveries: NewDelivery[] = planned.map((p) => {
        const id = deliveryId(webhookId, p.subscriptionId, p.discriminator);
        const envelope: Record<string, unknown> = {
          id,
          eventId: webhookId,
          subscriptionId: p.subscriptionId,
          trigger: p.trigger,
          type,
          locationId,
          timestamp: timestamp ?? receivedIso,
          receivedAt: receivedIso,
        };
        if (p.change) envelope.change = p.change;
        return {
          id,
          subscriptionId: p.subscriptionId,
          discriminator: p.discriminator,
          envelope: JSON.stringify(envelope),
        };
      });
      return { deliveries, next: computed?.next, contactId };
    },
  );
  if (outcome.status === 'duplicate') metrics.duplicates += 1;
  if (outcome.deliveries > 0) deps.wake();
  log.info('webhook', {
    webhookId,
    locationId,
    type,
    outcome: outcome.status,
    deliveries: outcome.deliveries,
  });
  return { status: 200, body: { status: outcome.status, deliveries: outcome.deliveries } };
};
