/**
 * The relay end to end, on SQLite and on a real PostgreSQL 15: a real server on port 0, signed webhooks in, a
 * scripted hook receiver and a fake HighLevel on 127.0.0.1, a retry schedule shrunk to 50 ms.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import type { RelayConfig } from '../src/config';
import type { RunningRelay } from '../src/relay';
import { startPostgres, type PostgresServer } from './support/postgres';
import {
  FakeHighLevel,
  HookReceiver,
  EVENT_TIME,
  LOCATION,
  OTHER_LOCATION,
  appCall,
  contactEvent,
  ed25519,
  signEd25519,
  sleep,
  start,
  tempDir,
  testConfig,
  waitFor,
  webhook,
} from './support/kit';

jest.setTimeout(90_000);

const TOKEN = 'token-of-location-one';
const OTHER_TOKEN = 'token-of-another-location';

describe.each(['sqlite', 'postgres'] as const)('relay on %s', (backend) => {
  let postgres: PostgresServer | undefined;
  let highlevel: FakeHighLevel;
  let hooks: HookReceiver;
  let temp: { dir: string; remove: () => void };
  let relay: RunningRelay;
  let config: RelayConfig;
  let n = 0;

  beforeAll(async () => {
    if (backend === 'postgres') postgres = await startPostgres();
    highlevel = await new FakeHighLevel().start();
    highlevel.tokens.set(TOKEN, LOCATION);
    highlevel.tokens.set(OTHER_TOKEN, OTHER_LOCATION);
    hooks = await new HookReceiver().start();
    temp = tempDir();
  });

  afterAll(async () => {
    await hooks.close();
    await highlevel.close();
    await postgres?.stop();
    temp.remove();
  });

  const database = async (): Promise<RelayConfig['database']> => {
    n += 1;
    return postgres
      ? { kind: 'postgres', url: await postgres.createDatabase(`relay_test_${n}`) }
      : { kind: 'sqlite', path: path.join(temp.dir, `relay-${n}.db`) };
  };

  beforeEach(async () => {
    hooks.script = () => ({ status: 200 });
    highlevel.down = false;
    config = testConfig({ database: await database(), highlevelApiUrl: highlevel.url });
    relay = await start(config);
  });

  afterEach(async () => {
    await relay.close();
  });

  let hookCounter = 0;
  const subscribe = async (trigger: string, filters?: Record<string, string>, token = TOKEN) => {
    hookCounter += 1;
    const targetPath = `/hooks/${backend}/${hookCounter}`;
    const answer = await appCall(
      relay.url,
      'POST',
      '/v1/subscriptions',
      {
        locationId: LOCATION,
        trigger,
        targetUrl: `${hooks.url}${targetPath}`,
        ...(filters ? { filters } : {}),
        zapId: '1',
      },
      { token },
    );
    return { ...answer, targetPath, id: String(answer.body.id) };
  };

  it('delivers a ContactCreate to a new_contact subscription with the contract body and headers', async () => {
    const sub = await subscribe('new_contact');
    expect(sub.status).toBe(201);
    expect(sub.body).toEqual({
      id: expect.stringMatching(/^sub_/),
      trigger: 'new_contact',
      locationId: LOCATION,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(highlevel.requests.at(-1)).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      version: '2021-07-28',
    });
    const event = contactEvent('ContactCreate', { tags: ['VIP'] });
    expect(await webhook(relay.url, event)).toEqual({
      status: 200,
      body: { status: 'accepted', deliveries: 1 },
    });
    await waitFor(() => hooks.to(sub.targetPath).length === 1, 10_000, 'the delivery');
    const [got] = hooks.to(sub.targetPath);
    expect(got.headers['x-relay-attempt']).toBe('1');
    expect(got.headers['x-relay-delivery-id']).toBe(got.body.id);
    expect(got.body).toEqual({
      id: expect.stringMatching(/^dlv_/),
      eventId: event.webhookId,
      subscriptionId: sub.id,
      trigger: 'new_contact',
      type: 'ContactCreate',
      locationId: LOCATION,
      timestamp: EVENT_TIME,
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      event,
      change: { addedTags: ['VIP'], removedTags: [], changedFields: ['tags'] },
    });
    await waitFor(async () => (await relay.store.queueDepth()).inflight === 0);
  });

  it('refuses unsigned, tampered, wrongly keyed and garbage-signed webhooks with 401 and stores nothing', async () => {
    await subscribe('new_contact');
    const event = contactEvent('ContactCreate');
    const raw = JSON.stringify(event);
    const otherKey = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const cases: Record<string, string>[] = [
      {},
      { 'x-ghl-signature': signEd25519(raw.replace('John', 'Jane')) },
      { 'x-ghl-signature': signEd25519(raw, otherKey) },
      { 'x-ghl-signature': 'not base64 at all!!' },
      { 'x-ghl-signature': '' },
      { 'x-wh-signature': 'c2lnbmF0dXJl' },
    ];
    for (const headers of cases) {
      expect((await webhook(relay.url, raw, headers)).status).toBe(401);
    }
    expect(await relay.store.count('inbound_events')).toBe(0);
    expect(await relay.store.count('deliveries')).toBe(0);
    expect(ed25519.publicKey).toContain('BEGIN PUBLIC KEY');
  });

  it('answers 200 and stores nothing for an authentic event of a sub-account nobody subscribed to', async () => {
    const answer = await webhook(relay.url, contactEvent('ContactCreate', { locationId: OTHER_LOCATION }));
    expect(answer).toEqual({ status: 200, body: { status: 'ignored', deliveries: 0 } });
    expect(await relay.store.count('inbound_events')).toBe(0);
    expect(await relay.store.count('contact_state')).toBe(0);
  });

  it('keeps only the webhookId of an event no subscription takes, and the contact state it needs', async () => {
    await subscribe('new_note');
    const event = contactEvent('ContactCreate', { tags: ['Lead'], phone: '+15555550100' });
    expect(await webhook(relay.url, event)).toEqual({
      status: 200,
      body: { status: 'accepted', deliveries: 0 },
    });
    const row = await relay.store.inboundEvent(String(event.webhookId));
    expect(row).toMatchObject({ webhook_id: event.webhookId, type: 'ContactCreate', body: '' });
    expect(JSON.stringify(row)).not.toContain('john@example.com');
    expect(await relay.store.count('deliveries')).toBe(0);
    // Still de-duplicated by its webhookId.
    expect((await webhook(relay.url, event)).body).toEqual({ status: 'duplicate', deliveries: 0 });
    // The contact's state was kept: a Zap subscribed later sees only the tag added since.
    const added = await subscribe('contact_tag_added');
    const update = contactEvent('ContactTagUpdate', {
      tags: ['Lead', 'VIP'],
      timestamp: new Date(Date.parse(String(event.timestamp)) + 1000).toISOString(),
    });
    expect((await webhook(relay.url, update)).body).toEqual({ status: 'accepted', deliveries: 1 });
    await waitFor(() => hooks.to(added.targetPath).length === 1);
    expect(hooks.to(added.targetPath)[0].body.change).toMatchObject({ tag: 'VIP', addedTags: ['VIP'] });
    expect((await relay.store.inboundEvent(String(update.webhookId)))?.body).toBe(JSON.stringify(update));
  });

  it('refuses malformed JSON (400), an oversized body (413) and drops an unknown event type (200)', async () => {
    await subscribe('new_contact');
    const broken = '{"type": "ContactCreate",';
    expect((await webhook(relay.url, broken, { 'x-ghl-signature': signEd25519(broken) })).status).toBe(400);
    const huge = JSON.stringify(contactEvent('ContactCreate', { notes: 'x'.repeat(config.maxBodyBytes) }));
    expect((await webhook(relay.url, huge, { 'x-ghl-signature': signEd25519(huge) })).status).toBe(413);
    const unknown = await webhook(relay.url, {
      type: 'OpportunityCreate',
      locationId: LOCATION,
      webhookId: 'w1',
    });
    expect(unknown).toEqual({ status: 200, body: { status: 'ignored' } });
    expect(await relay.store.count('inbound_events')).toBe(0);
    const health = await fetch(`${relay.url}/health`);
    expect(health.status).toBe(200);
  });

  it('stores one delivery for a webhookId sent many times at once', async () => {
    const sub = await subscribe('new_contact');
    const event = contactEvent('ContactCreate');
    const answers = await Promise.all(Array.from({ length: 8 }, () => webhook(relay.url, event)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((a) => a.body.status === 'accepted')).toHaveLength(1);
    expect(answers.filter((a) => a.body.status === 'duplicate')).toHaveLength(7);
    await waitFor(() => hooks.to(sub.targetPath).length === 1);
    await sleep(200);
    expect(hooks.to(sub.targetPath)).toHaveLength(1);
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toContain('relay_webhooks_duplicate_total 7');
  });

  it('retries a 500 and then delivers the same id with attempt 2', async () => {
    const sub = await subscribe('new_contact');
    hooks.script = (_r, nth) => ({ status: nth === 1 ? 500 : 200 });
    await webhook(relay.url, contactEvent('ContactCreate'));
    await waitFor(() => hooks.to(sub.targetPath).length === 2);
    const [first, second] = hooks.to(sub.targetPath);
    expect(first.body.id).toBe(second.body.id);
    expect([first.headers['x-relay-attempt'], second.headers['x-relay-attempt']]).toEqual(['1', '2']);
    await waitFor(async () => (await relay.store.delivery(String(first.body.id)))?.status === 'done');
  });

  it('does not follow a redirect: a 3xx is a failed attempt, retried', async () => {
    const sub = await subscribe('new_contact');
    hooks.script = (_r, nth) =>
      nth === 1 ? { status: 302, headers: { location: `${hooks.url}/elsewhere` } } : { status: 200 };
    await webhook(relay.url, contactEvent('ContactCreate'));
    await waitFor(() => hooks.to(sub.targetPath).length === 2);
    expect(hooks.to('/elsewhere')).toHaveLength(0);
  });

  it('ends the subscription on a 410 and cancels its pending deliveries', async () => {
    const sub = await subscribe('new_contact');
    hooks.script = () => ({ status: 410 });
    await webhook(relay.url, contactEvent('ContactCreate'));
    await waitFor(() => hooks.to(sub.targetPath).length === 1);
    await waitFor(async () => (await relay.store.queueDepth()).inflight === 0);
    const again = await webhook(relay.url, contactEvent('ContactCreate'));
    expect(again.body).toEqual({ status: 'ignored', deliveries: 0 });
    await sleep(200);
    expect(hooks.to(sub.targetPath)).toHaveLength(1);
    expect((await appCall(relay.url, 'DELETE', `/v1/subscriptions/${sub.id}`, undefined)).status).toBe(404);
  });

  it('honours Retry-After on a 429 without counting it as an attempt', async () => {
    const sub = await subscribe('new_contact');
    hooks.script = (_r, nth) =>
      nth === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 };
    await webhook(relay.url, contactEvent('ContactCreate'));
    await waitFor(() => hooks.to(sub.targetPath).length === 2, 10_000);
    const [first, second] = hooks.to(sub.targetPath);
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
    expect(second.headers['x-relay-attempt']).toBe('1');
  });

  it('retries a delivery whose hook does not answer within the timeout', async () => {
    const sub = await subscribe('new_contact');
    hooks.script = (_r, nth) =>
      nth === 1 ? { status: 200, delayMs: config.deliveryTimeoutMs + 1000 } : { status: 200 };
    await webhook(relay.url, contactEvent('ContactCreate'));
    await waitFor(() => hooks.to(sub.targetPath).length === 2, 10_000);
    const id = String(hooks.to(sub.targetPath)[1].body.id);
    await waitFor(async () => (await relay.store.delivery(id))?.status === 'done');
    expect((await relay.store.delivery(id))?.attempts).toBe(2);
  });

  it('dead-letters after the schedule is used up, and a replay delivers it', async () => {
    const sub = await subscribe('new_contact');
    hooks.script = () => ({ status: 503 });
    await webhook(relay.url, contactEvent('ContactCreate'));
    // 1 attempt + 3 retries
    await waitFor(async () => (await relay.store.queueDepth()).dead === 1, 10_000, 'the dead letter');
    expect(hooks.to(sub.targetPath)).toHaveLength(4);
    const row = await relay.store.delivery(String(hooks.to(sub.targetPath)[0].body.id));
    expect(row).toMatchObject({ status: 'dead', attempts: 4, last_status: 503, last_error: 'HTTP 503' });
    hooks.script = () => ({ status: 200 });
    const replayed = await appCall(relay.url, 'POST', '/v1/admin/replay', {
      dead: true,
      subscriptionId: sub.id,
    });
    expect(replayed).toMatchObject({ status: 200, body: { replayed: 1 } });
    await waitFor(() => hooks.to(sub.targetPath).length === 5);
    await waitFor(async () => (await relay.store.queueDepth()).dead === 0);
  });

  it('refuses a subscription on a bad, stale or replayed signature (401) and stores nothing', async () => {
    const body = { locationId: LOCATION, trigger: 'new_contact', targetUrl: `${hooks.url}/x` };
    expect(
      (await appCall(relay.url, 'POST', '/v1/subscriptions', body, { token: TOKEN, secret: 'w'.repeat(40) }))
        .status,
    ).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 301;
    expect(
      (await appCall(relay.url, 'POST', '/v1/subscriptions', body, { token: TOKEN, timestamp: stale }))
        .status,
    ).toBe(401);
    const ok = await appCall(relay.url, 'POST', '/v1/subscriptions', body, { token: TOKEN });
    expect(ok.status).toBe(201);
    const replayed = await appCall(relay.url, 'POST', '/v1/subscriptions', body, {
      token: TOKEN,
      timestamp: ok.timestamp,
      signature: ok.signature,
    });
    expect(replayed).toMatchObject({
      status: 401,
      body: { error: 'The request signature was already used.' },
    });
    const unsigned = await fetch(`${relay.url}/v1/subscriptions`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    expect(await relay.store.count('subscriptions')).toBe(1);
  });

  it("refuses another sub-account's token (403), HighLevel down (502), a target off the allowlist (400)", async () => {
    const other = await subscribe('new_contact', undefined, OTHER_TOKEN);
    expect(other).toMatchObject({
      status: 403,
      body: { error: 'The connection cannot read this sub-account.' },
    });
    expect(JSON.stringify(other.body)).not.toContain(OTHER_TOKEN);
    highlevel.down = true;
    expect((await subscribe('new_contact')).status).toBe(502);
    highlevel.down = false;
    for (const targetUrl of [
      'https://evil.example.com/hooks/1',
      'http://hooks.zapier.com/hooks/1',
      'https://hooks.zapier.com.evil.example/1',
      'http://10.0.0.1:80/x',
    ]) {
      const answer = await appCall(
        relay.url,
        'POST',
        '/v1/subscriptions',
        { locationId: LOCATION, trigger: 'new_contact', targetUrl },
        { token: TOKEN },
      );
      expect(answer.status).toBe(400);
    }
    const unknownTrigger = await appCall(
      relay.url,
      'POST',
      '/v1/subscriptions',
      { locationId: LOCATION, trigger: 'nope', targetUrl: `${hooks.url}/x` },
      { token: TOKEN },
    );
    expect(unknownTrigger).toMatchObject({ status: 400, body: { error: 'Unknown trigger "nope".' } });
    const badFilter = await subscribe('new_task', { tag: 'x' });
    expect(badFilter.status).toBe(400);
    const huge = await appCall(
      relay.url,
      'POST',
      '/v1/subscriptions',
      {
        locationId: LOCATION,
        trigger: 'new_contact',
        targetUrl: `${hooks.url}/x`,
        zapId: 'z'.repeat(17 * 1024),
      },
      { token: TOKEN },
    );
    expect(huge).toMatchObject({ status: 400, body: { error: 'The request body is over 16 KiB.' } });
    expect(await relay.store.count('subscriptions')).toBe(0);
  });

  it('a hook URL subscribed again replaces its earlier subscription (one delivery per event)', async () => {
    const first = await subscribe('new_contact');
    const again = await appCall(
      relay.url,
      'POST',
      '/v1/subscriptions',
      { locationId: LOCATION, trigger: 'new_contact', targetUrl: `${hooks.url}${first.targetPath}` },
      { token: TOKEN },
    );
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.id);
    await webhook(relay.url, contactEvent('ContactCreate'));
    await waitFor(() => hooks.to(first.targetPath).length === 1);
    await sleep(200);
    expect(hooks.to(first.targetPath)).toHaveLength(1);
    expect(hooks.to(first.targetPath)[0].body.subscriptionId).toBe(again.body.id);
    expect((await appCall(relay.url, 'DELETE', `/v1/subscriptions/${first.id}`, undefined)).status).toBe(404);
  });

  it('deletes a subscription with the app signature alone and cancels what is pending', async () => {
    const sub = await subscribe('new_contact');
    hooks.script = () => ({ status: 500 });
    await webhook(relay.url, contactEvent('ContactCreate'));
    await waitFor(() => hooks.to(sub.targetPath).length >= 1);
    const deleted = await appCall(relay.url, 'DELETE', `/v1/subscriptions/${sub.id}`, undefined);
    expect(deleted).toMatchObject({ status: 200, body: { id: sub.id, status: 'deleted' } });
    await waitFor(async () => (await relay.store.queueDepth()).inflight === 0);
    const seen = hooks.to(sub.targetPath).length;
    await sleep(300);
    expect(hooks.to(sub.targetPath)).toHaveLength(seen);
    expect((await relay.store.queueDepth()).pending).toBe(0);
  });

  it("UNINSTALL ends the sub-account's subscriptions and deletes its data; INSTALL is recorded", async () => {
    expect(
      await webhook(relay.url, { type: 'INSTALL', locationId: LOCATION, companyId: 'c1', webhookId: 'i1' }),
    ).toEqual({
      status: 200,
      body: { status: 'recorded' },
    });
    const sub = await subscribe('contact_tag_added');
    hooks.script = () => ({ status: 500 });
    const event = contactEvent('ContactCreate', { tags: ['a'] });
    await webhook(relay.url, event);
    expect(await relay.store.count('contact_state')).toBe(1);
    // Without a timestamp (as HighLevel's AppUninstall example): ordered by its receipt time, after the INSTALL.
    expect(
      await webhook(relay.url, { type: 'UNINSTALL', locationId: LOCATION, appId: 'app', webhookId: 'u1' }),
    ).toEqual({ status: 200, body: { status: 'recorded' } });
    for (const table of ['subscriptions', 'deliveries', 'contact_state'] as const) {
      expect(await relay.store.count(table)).toBe(0);
    }
    // The event's body is gone; its webhookId stays for de-duplication until the retention.
    expect(await relay.store.inboundEvent(String(event.webhookId))).toMatchObject({ body: '' });
    expect((await appCall(relay.url, 'DELETE', `/v1/subscriptions/${sub.id}`, undefined)).status).toBe(404);
  });

  it('delivers one contact_tag_added per added tag, filtered by tag, across two events', async () => {
    const all = await subscribe('contact_tag_added');
    const vip = await subscribe('contact_tag_added', { tag: 'vip' });
    const removed = await subscribe('contact_tag_removed');
    await webhook(relay.url, contactEvent('ContactCreate', { tags: ['Lead'] }));
    await webhook(relay.url, contactEvent('ContactTagUpdate', { tags: ['VIP', 'Customer'] }));
    await waitFor(() => hooks.to(all.targetPath).length === 3 && hooks.to(vip.targetPath).length === 1);
    await waitFor(() => hooks.to(removed.targetPath).length === 1);
    expect(
      hooks
        .to(all.targetPath)
        .map((r) => (r.body.change as { tag: string }).tag)
        .sort(),
    ).toEqual(['Customer', 'Lead', 'VIP']);
    expect((hooks.to(vip.targetPath)[0].body.change as { tag: string }).tag).toBe('VIP');
    expect(hooks.to(removed.targetPath)[0].body.change).toMatchObject({ tag: 'Lead', removedTags: ['Lead'] });
  });

  it('reports health with the store kind and Prometheus metrics', async () => {
    const health = (await (await fetch(`${relay.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toEqual({
      status: 'ok',
      store: backend,
      storeReachable: true,
      queue: { pending: 0, inflight: 0, dead: 0 },
    });
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    for (const name of [
      'relay_webhooks_received_total',
      'relay_webhooks_rejected_total',
      'relay_webhooks_duplicate_total',
      'relay_deliveries_delivered_total',
      'relay_deliveries_retried_total',
      'relay_deliveries_dead_total',
      'relay_queue_depth{state="pending"}',
      'relay_ingest_duration_seconds_bucket',
      'relay_delivery_latency_seconds_bucket',
    ]) {
      expect(metrics).toContain(name);
    }
  });

  if (backend === 'sqlite') {
    it('replays dead letters with the CLI subcommand', async () => {
      const sub = await subscribe('new_contact');
      hooks.script = () => ({ status: 500 });
      await webhook(relay.url, contactEvent('ContactCreate'));
      await waitFor(async () => (await relay.store.queueDepth()).dead === 1, 10_000);
      hooks.script = () => ({ status: 200 });
      const db = config.database.kind === 'sqlite' ? config.database.path : '';
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [
            require.resolve('tsx/cli'),
            path.join(__dirname, '..', 'src', 'cli.ts'),
            'replay',
            '--dead',
            '--database',
            `sqlite:${db}`,
          ],
          { timeout: 60_000 },
          (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
        ),
      );
      expect(out).toContain('REPLAYED=1');
      await waitFor(() => hooks.to(sub.targetPath).length === 5, 10_000);
    });
  }
});
