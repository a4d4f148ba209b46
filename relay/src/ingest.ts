/**
 * `POST /v1/highlevel/webhooks` (docs/RELAY_CONTRACT.md §6): verify, parse, then one store transaction that
 * de-duplicates on webhookId and writes the event with one delivery per matching subscription. The answer is
 * 2xx only after that commit.
 */
import type { Logger } from './log';
import type { Metrics } from './metrics';
import { CONTACT_EVENTS, KNOWN_EVENTS, type EventBody, type Json } from './routing';
import type { Verifier } from './signatures';
import type { Store } from './store/store';

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
  /** An event whose `timestamp` is older than this (ms before its receipt) is dropped: `maxEventAgeMs`. */
  maxEventAgeMs: number;
}

/**
 * How far HighLevel's clock may run ahead of the relay's without weakening the check below: an event is first
 * received at the earliest this long before its own timestamp.
 */
export const CLOCK_MARGIN_MS = 3_600_000;

/**
 * The oldest event (by HighLevel's `timestamp`) the relay still takes: as old as de-duplication still remembers.
 * `inbound_events` keeps every webhookId for `--retention-days` after its first receipt (janitor.ts), and that
 * receipt came after the event's timestamp minus CLOCK_MARGIN_MS; so an event younger than the retention minus that
 * margin, if seen before, is still recognised. An older one may have been forgotten: a replay, or a retry HighLevel
 * would never send that late (relay/README.md "Old and replayed webhooks").
 */
export const maxEventAgeMs = (retentionDays: number): number => retentionDays * 86_400_000 - CLOCK_MARGIN_MS;

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
  const timestamp = isoOf(event.timestamp);
  // No usable timestamp: nothing tells its age, so it is taken (de-duplication still catches a repeat within the
  // retention), and an INSTALL or UNINSTALL is ordered by its receipt time.
  const at = timestamp ? Date.parse(timestamp) : receivedAt;

  // Answered 2xx, not 4xx: HighLevel retries every other answer and pauses a webhook URL that fails too often
  // (docs/RELAY.md §2), and the event is dropped either way (docs/RELAY.md §6).
  if (timestamp && receivedAt - at > deps.maxEventAgeMs) {
    metrics.reject('stale');
    log.info('webhook older than de-duplication remembers: dropped', {
      webhookId: text(event.webhookId) ?? null,
      locationId: locationId ?? null,
      type: type ?? null,
      timestamp,
    });
    return { status: 200, body: { status: 'stale', deliveries: 0 } };
  }

  if (type === 'INSTALL') {
    const companyId = text(event.companyId);
    if (!(await store.recordInstall(locationId, companyId, at, receivedAt))) {
      metrics.reject('stale');
      log.info('install older than the latest install record: ignored', { locationId: locationId ?? null });
      return { status: 200, body: { status: 'stale' } };
    }
    log.info('install', { locationId: locationId ?? null, companyId: companyId ?? null });
    return { status: 200, body: { status: 'recorded' } };
  }
  if (type === 'UNINSTALL') {
    if (locationId) {
      const { applied, ended } = await store.uninstall(locationId, at, receivedAt);
      if (!applied) {
        metrics.reject('stale');
        log.info('uninstall older than the latest install record: ignored', { locationId });
        return { status: 200, body: { status: 'stale' } };
      }
      log.info('uninstall', { locationId, subscriptionsEnded: ended, timestamped: timestamp !== undefined });
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

  const outcome = await store.ingest(
    { webhookId, locationId, type, timestamp, receivedAt, scheme, raw: raw.toString('utf8'), body: event },
    contactId,
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
