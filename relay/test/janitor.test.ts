/** Bounded retention (janitor.ts, store `prune`): old events and deliveries go, recent ones and active work stay. */
import path from 'node:path';
import { DONE_KEEP_MS } from '../src/janitor';
import { deliveryId } from '../src/routing';
import { openStore, type Store } from '../src/store/store';
import { tempDir } from './support/kit';

const DAY = 86_400_000;

describe('retention', () => {
  let temp: { dir: string; remove: () => void };
  let store: Store;
  beforeAll(async () => {
    temp = tempDir();
    store = openStore({ kind: 'sqlite', path: path.join(temp.dir, 'janitor.db') });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    temp.remove();
  });

  const ingestAt = (webhookId: string, receivedAt: number) =>
    store.ingest(
      {
        webhookId,
        locationId: 'loc',
        type: 'NoteCreate',
        timestamp: undefined,
        receivedAt,
        scheme: 'ed25519',
        raw: '{"type":"NoteCreate"}',
        body: { type: 'NoteCreate' },
      },
      undefined,
    );

  it('deletes events and deliveries past the retention, done rows after an hour, expired signatures', async () => {
    const now = Date.now();
    await store.createSubscription({
      id: 'sub_1',
      locationId: 'loc',
      trigger: 'new_note',
      filters: {},
      targetUrl: 'https://hooks.zapier.com/x',
      zapId: undefined,
      createdAt: now - 30 * DAY,
    });
    await ingestAt('old', now - 8 * DAY);
    await ingestAt('done', now - 2 * DAY);
    await ingestAt('fresh', now);
    const { claimId, deliveries } = await store.claim({
      limit: 10,
      now,
      leaseMs: 1000,
      perTarget: 10,
      exclude: [],
    });
    expect(deliveries).toHaveLength(3);
    await store.complete(
      deliveryId('done', 'sub_1', ''),
      claimId,
      { kind: 'done', status: 200 },
      now - DONE_KEEP_MS - 1,
    );
    await store.release(deliveryId('fresh', 'sub_1', ''), claimId);
    expect(await store.acceptSignature('v1=aa', now - 2000, now - 1000)).toBe(true);

    await store.prune(now, 7 * DAY, DONE_KEEP_MS);
    expect(await store.delivery(deliveryId('old', 'sub_1', ''))).toBeUndefined();
    expect(await store.delivery(deliveryId('done', 'sub_1', ''))).toBeUndefined();
    expect(await store.delivery(deliveryId('fresh', 'sub_1', ''))).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    expect(await store.count('inbound_events')).toBe(2);
    expect(await store.count('subscriptions')).toBe(1);
    // the expired signature was forgotten, so it counts as new again
    expect(await store.acceptSignature('v1=aa', now, now + 1000)).toBe(true);
  });
});
