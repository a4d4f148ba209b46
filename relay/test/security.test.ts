/**
 * Security cases, black box (a real relay process on SQLite): what is refused is neither stored nor sent.
 * "Not stored" is shown by what happens next: after a refused webhook, the authentic webhook with the same
 * `webhookId` is delivered exactly once and with the authentic body, which it could not be had the refused one been
 * kept (the relay de-duplicates on `webhookId`, docs/RELAY_CONTRACT.md §6). "Not sent": the hook receiver saw nothing.
 */
import { contactEvent, hlId, installEvent, uninstallEvent, type WebhookBody } from './support/events';
import { send, sleep, waitFor } from './support/http';
import type { Hit } from './support/hookReceiver';
import { createHighLevelSigner } from './support/signing';
import { startWorld, type World } from './support/world';

let world: World;
const MAX_BODY = 64 * 1024;

beforeAll(async () => {
  world = await startWorld({
    args: [
      '--retry-schedule',
      '0.3,0.3',
      '--delivery-timeout-ms',
      '2000',
      '--max-body-bytes',
      String(MAX_BODY),
    ],
  });
  await world.client.subscribe(
    { locationId: world.locationId, trigger: 'new_contact', targetUrl: world.receiver.target('zap') },
    world.token,
  );
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 30_000);

const newContact = (): WebhookBody => contactEvent('ContactCreate', { locationId: world.locationId });
const raw = (event: WebhookBody): string => JSON.stringify(event);
const hitsFor = (eventId: string, target = 'zap'): Hit[] =>
  world.receiver.hitsOf(target).filter((hit) => hit.body?.eventId === eventId);

/** Waits for the event's delivery, then a little longer so a second delivery would show. */
async function deliveredOnce(event: WebhookBody, target = 'zap'): Promise<Hit> {
  expect(await waitFor(() => hitsFor(event.webhookId, target).length > 0, 30_000)).toBe(true);
  await sleep(500);
  const hits = hitsFor(event.webhookId, target);
  expect(hits).toHaveLength(1);
  expect(hits[0].body?.event).toEqual(event);
  return hits[0];
}

/** Sends the authentic webhook and checks it is stored and delivered once: the refused one left no trace. */
async function authenticAfterwards(event: WebhookBody): Promise<void> {
  const response = await world.client.postWebhook(event);
  expect(response.status).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(300);
  await deliveredOnce(event);
}

describe('webhooks', () => {
  test('unsigned → 401, nothing stored or sent', async () => {
    const event = newContact();
    const response = await world.client.postRaw(raw(event), { 'content-type': 'application/json' });
    expect(response.status).toBe(401);
    await authenticAfterwards(event);
  });

  test('forged (signed with another key) → 401', async () => {
    const event = newContact();
    const forger = createHighLevelSigner();
    const response = await world.client.postRaw(raw(event), forger.headers(raw(event)));
    expect(response.status).toBe(401);
    await authenticAfterwards(event);
  });

  test('tampered (body changed after signing) → 401', async () => {
    const event = newContact();
    const tampered = raw({ ...event, email: 'attacker@example.org', tags: ['admin'] });
    const response = await world.client.postRaw(tampered, world.signer.headers(raw(event)));
    expect(response.status).toBe(401);
    await authenticAfterwards(event);
  });

  test('same keys in another order → 401: only the signed content, in the signed form, is accepted', async () => {
    const event = newContact();
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(event).reverse()));
    const response = await world.client.postRaw(reordered, world.signer.headers(raw(event)));
    expect(response.status).toBe(401);
    await authenticAfterwards(event);
  });

  test('whitespace around signed compact JSON → accepted as the same content, delivered once', async () => {
    // HighLevel's own SDK verifies JSON.stringify(parsed body), so the relay accepts a body whose compact
    // re-serialisation is what was signed (relay/src/signatures.ts); whitespace changes no value.
    const event = newContact();
    const response = await world.client.postRaw(` ${raw(event)}\n`, world.signer.headers(raw(event)));
    expect(response.status).toBeLessThan(300);
    await deliveredOnce(event);
  });

  test('garbage or empty signature → 401', async () => {
    const event = newContact();
    for (const signature of ['not a signature', '', 'AAAA', Buffer.alloc(64).toString('base64')]) {
      const response = await world.client.postRaw(raw(event), {
        'content-type': 'application/json',
        'x-ghl-signature': signature,
      });
      expect(response.status).toBe(401);
    }
    await authenticAfterwards(event);
  });

  test('legacy X-WH-Signature (valid RSA) while legacy RSA is off → 401 (fails closed)', async () => {
    const event = newContact();
    const response = await world.client.postRaw(raw(event), {
      'content-type': 'application/json',
      'x-wh-signature': world.signer.signRsa(raw(event)),
    });
    expect(response.status).toBe(401);
    await authenticAfterwards(event);
  });

  test('replayed (same body and signature twice) → both 2xx, stored and delivered once', async () => {
    // The signature covers only the body, so a replay is byte-identical to HighLevel's own retry of an
    // event it thinks failed: refusing it would drop legitimate retries. Dedupe on webhookId makes it harmless.
    const event = newContact();
    const headers = world.signer.headers(raw(event));
    const first = await world.client.postRaw(raw(event), headers);
    const second = await world.client.postRaw(raw(event), headers);
    const concurrent = await Promise.all([1, 2, 3].map(() => world.client.postRaw(raw(event), headers)));
    for (const response of [first, second, ...concurrent]) {
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
    }
    await deliveredOnce(event);
  });

  test('a body over --max-body-bytes → 413 (4xx), nothing stored; the relay keeps serving', async () => {
    const event = newContact();
    const huge = raw({ ...event, padding: 'x'.repeat(MAX_BODY * 2) });
    let status: number;
    try {
      status = (await world.client.postRaw(huge, world.signer.headers(huge))).status;
    } catch {
      // A relay may also cut the connection of an oversized upload after answering; that is a refusal too.
      status = 413;
    }
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    const health = await send(`${world.relay.url}/health`);
    expect(health.status).toBe(200);
    await authenticAfterwards(event);
  });

  test('malformed JSON, correctly signed → 4xx, nothing sent; the relay keeps serving', async () => {
    const body = '{"type":"ContactCreate","locationId":';
    const response = await world.client.postRaw(body, world.signer.headers(body));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await send(`${world.relay.url}/health`)).status).toBe(200);
  });
});

describe('old and replayed webhooks (relay/README.md "Old and replayed webhooks")', () => {
  const DAY = 86_400_000;
  const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();
  const statusOf = (response: { status: number; text: string }) => ({
    status: response.status,
    body: JSON.parse(response.text) as Record<string, unknown>,
  });

  test('older than de-duplication remembers (the retention, 7 days) → 2xx "stale", never delivered', async () => {
    // A captured webhook replayed once its webhookId may have been forgotten. 2xx, not 4xx: HighLevel would
    // retry a refusal, and count it against the URL's health.
    const old = contactEvent('ContactCreate', { locationId: world.locationId, timestamp: ago(7 * DAY) });
    expect(statusOf(await world.client.postWebhook(old))).toEqual({
      status: 200,
      body: { status: 'stale', deliveries: 0 },
    });
    // Just inside the window (the retention minus an hour for HighLevel's clock): taken and delivered.
    const late = contactEvent('ContactCreate', { locationId: world.locationId, timestamp: ago(6 * DAY) });
    expect(statusOf(await world.client.postWebhook(late)).body).toEqual({
      status: 'accepted',
      deliveries: 1,
    });
    await deliveredOnce(late);
    expect(hitsFor(old.webhookId)).toEqual([]);
    const metrics = await send(`${world.relay.url}/metrics`);
    expect(metrics.text).toContain('relay_webhooks_rejected_total{reason="stale"}');
  });

  test('without a timestamp → taken as before (nothing tells its age; de-duplication still holds)', async () => {
    const event: Record<string, unknown> = newContact();
    delete event.timestamp;
    const body = event as WebhookBody;
    const first = await world.client.postWebhook(body);
    expect(statusOf(first).body).toEqual({ status: 'accepted', deliveries: 1 });
    expect(statusOf(await world.client.postWebhook(body)).body).toEqual({
      status: 'duplicate',
      deliveries: 0,
    });
    expect(await waitFor(() => hitsFor(body.webhookId).length > 0, 30_000)).toBe(true);
    await sleep(500);
    expect(hitsFor(body.webhookId)).toHaveLength(1);
  });

  test('a captured UNINSTALL replayed after a reinstall, or an old INSTALL, changes nothing', async () => {
    const locationId = hlId();
    const token = world.highLevel.tokenFor(locationId);
    const signed = (event: WebhookBody) => ({ raw: raw(event), headers: world.signer.headers(raw(event)) });
    const post = ({ raw: body, headers }: { raw: string; headers: Record<string, string> }) =>
      world.client.postRaw(body, headers).then(statusOf);
    const recorded = { status: 200, body: { status: 'recorded' } };
    const stale = { status: 200, body: { status: 'stale' } };

    const install = signed(installEvent({ locationId, timestamp: ago(3 * 3_600_000) }));
    const uninstall = signed(uninstallEvent({ locationId, timestamp: ago(2 * 3_600_000) }));
    const reinstall = signed(installEvent({ locationId, timestamp: ago(3_600_000) }));
    await world.client.subscribe(
      { locationId, trigger: 'new_contact', targetUrl: world.receiver.target('before-uninstall') },
      token,
    );
    expect(await post(install)).toEqual(recorded);
    expect(await post(uninstall)).toEqual(recorded);
    // The UNINSTALL ended the subscription: the sub-account's events now reach nobody.
    const between = contactEvent('ContactCreate', { locationId });
    expect(statusOf(await world.client.postWebhook(between)).body).toEqual({
      status: 'ignored',
      deliveries: 0,
    });
    // The first INSTALL again: older than the UNINSTALL recorded, ignored.
    expect(await post(install)).toEqual(stale);
    expect(await post(reinstall)).toEqual(recorded);
    await world.client.subscribe(
      { locationId, trigger: 'new_contact', targetUrl: world.receiver.target('after-reinstall') },
      token,
    );
    // The captured UNINSTALL, byte for byte with its valid signature: older than the reinstall, so ignored.
    expect(await post(uninstall)).toEqual(stale);
    // So is one older than de-duplication remembers, whatever the record.
    expect(await post(signed(uninstallEvent({ locationId, timestamp: ago(8 * DAY) })))).toEqual({
      status: 200,
      body: { status: 'stale', deliveries: 0 },
    });
    const after = contactEvent('ContactCreate', { locationId });
    expect(statusOf(await world.client.postWebhook(after)).body).toEqual({
      status: 'accepted',
      deliveries: 1,
    });
    await deliveredOnce(after, 'after-reinstall');
    expect(world.receiver.hitsOf('before-uninstall')).toEqual([]);
  });
});

describe('subscriptions', () => {
  test('a token of another sub-account → 403, nothing subscribed', async () => {
    const otherLocation = hlId();
    const before = world.highLevel.requests.length;
    const response = await world.client.subscribeRaw(
      { locationId: otherLocation, trigger: 'new_contact', targetUrl: world.receiver.target('stolen') },
      world.token,
    );
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({ error: 'The connection cannot read this sub-account.' });
    expect(response.text).not.toContain(world.token);
    const checks = world.highLevel.requests.slice(before);
    expect(checks).toEqual([
      {
        method: 'GET',
        path: `/locations/${otherLocation}`,
        version: '2021-07-28',
        hadToken: true,
        status: 403,
      },
    ]);
    // An event of that sub-account reaches nobody.
    const event = contactEvent('ContactCreate', { locationId: otherLocation });
    expect((await world.client.postWebhook(event)).status).toBeLessThan(300);
    await sleep(1_000);
    expect(world.receiver.hitsOf('stolen')).toEqual([]);
  });

  test('a target off the allowlist → 400, HighLevel not even asked', async () => {
    const before = world.highLevel.requests.length;
    for (const targetUrl of [
      'https://evil.example.com/hooks/catch/1/abc/',
      'https://hooks.zapier.com.evil.example/hooks/catch/1/abc/',
      'http://hooks.zapier.com/hooks/catch/1/abc/',
      'ftp://hooks.zapier.com/hooks/catch/1/abc/',
      'not a url',
    ]) {
      const response = await world.client.subscribeRaw(
        { locationId: world.locationId, trigger: 'new_contact', targetUrl },
        world.token,
      );
      expect([targetUrl, response.status]).toEqual([targetUrl, 400]);
      expect(typeof (JSON.parse(response.text) as { error: unknown }).error).toBe('string');
    }
    expect(world.highLevel.requests.length).toBe(before);
  });

  test('a hook answering 302 → the redirect is not followed and counts as a failed attempt', async () => {
    const locationId = hlId();
    const token = world.highLevel.tokenFor(locationId);
    world.receiver.script('redirect', () => ({
      status: 302,
      headers: { location: world.receiver.target('landing') },
    }));
    await world.client.subscribe(
      { locationId, trigger: 'new_contact', targetUrl: world.receiver.target('redirect') },
      token,
    );
    const event = contactEvent('ContactCreate', { locationId });
    expect((await world.client.postWebhook(event)).status).toBeLessThan(300);
    // Retried (so it was a failure): attempts 1, 2, … with the same delivery id.
    expect(await waitFor(() => world.receiver.hitsOf('redirect').length >= 2, 30_000)).toBe(true);
    await sleep(500);
    const hits = world.receiver.hitsOf('redirect');
    expect(new Set(hits.map((hit) => hit.deliveryId)).size).toBe(1);
    expect(hits.map((hit) => hit.attempt).slice(0, 2)).toEqual([1, 2]);
    expect(world.receiver.hitsOf('landing')).toEqual([]);
  });

  describe('app-secret signature (docs/RELAY_CONTRACT.md §2) → 401 and nothing subscribed', () => {
    const refused = async (
      name: string,
      options: { timestamp?: number; secret?: string; headers?: Record<string, string> },
    ): Promise<void> => {
      const response = await world.client.subscribeRaw(
        { locationId: world.locationId, trigger: 'new_contact', targetUrl: world.receiver.target(name) },
        world.token,
        options,
      );
      expect([name, response.status]).toEqual([name, 401]);
    };
    const now = () => Math.floor(Date.now() / 1000);

    test('bad signature, missing signature, stale or future timestamp', async () => {
      await refused('wrong-secret', { secret: 'a'.repeat(64) });
      await refused('no-signature', { headers: { 'x-relay-signature': '' } });
      await refused('no-v1', { headers: { 'x-relay-signature': 'deadbeef' } });
      await refused('stale', { timestamp: now() - 400 });
      await refused('future', { timestamp: now() + 400 });
      await refused('not-a-time', { headers: { 'x-relay-timestamp': 'yesterday' } });
      const event = contactEvent('ContactCreate', { locationId: world.locationId });
      expect((await world.client.postWebhook(event)).status).toBeLessThan(300);
      await deliveredOnce(event);
      for (const name of ['wrong-secret', 'no-signature', 'no-v1', 'stale', 'future', 'not-a-time']) {
        expect([name, world.receiver.hitsOf(name).length]).toEqual([name, 0]);
      }
    });

    test('a replayed subscription request (same timestamp and signature) → 401, one subscription', async () => {
      const locationId = hlId();
      const token = world.highLevel.tokenFor(locationId);
      const body = { locationId, trigger: 'new_contact', targetUrl: world.receiver.target('replayed') };
      const timestamp = now();
      const first = await world.client.subscribeRaw(body, token, { timestamp });
      expect(first.status).toBe(201);
      const again = await world.client.subscribeRaw(body, token, { timestamp });
      expect(again.status).toBe(401);
      const event = contactEvent('ContactCreate', { locationId });
      expect((await world.client.postWebhook(event)).status).toBeLessThan(300);
      expect(await waitFor(() => world.receiver.hitsOf('replayed').length > 0, 30_000)).toBe(true);
      await sleep(500);
      expect(world.receiver.hitsOf('replayed')).toHaveLength(1);
    });

    test('DELETE with a bad signature → 401 and the subscription keeps delivering', async () => {
      const locationId = hlId();
      const token = world.highLevel.tokenFor(locationId);
      const subscription = await world.client.subscribe(
        { locationId, trigger: 'new_contact', targetUrl: world.receiver.target('kept') },
        token,
      );
      const path = `/v1/subscriptions/${subscription.id}`;
      const response = await send(`${world.relay.url}${path}`, {
        method: 'DELETE',
        headers: { 'x-relay-timestamp': String(now()), 'x-relay-signature': `v1=${'0'.repeat(64)}` },
      });
      expect(response.status).toBe(401);
      const event = contactEvent('ContactCreate', { locationId });
      expect((await world.client.postWebhook(event)).status).toBeLessThan(300);
      expect(await waitFor(() => world.receiver.hitsOf('kept').length > 0, 30_000)).toBe(true);
      expect((await world.client.unsubscribe(subscription.id)).status).toBe(200);
    });
  });
});
