/** Bounded retention (janitor.ts, store `prune`): old events and deliveries go, recent ones and active work stay. */
import path from 'node:path';
import { DONE_KEEP_MS, UNSUBSCRIBED_KEEP_MS, prunePolicy } from '../src/janitor';
import { deliveryId } from '../src/routing';
import { openStore, type Store } from '../src/store/store';
import { tempDir } from './support/kit';

const DAY = 86_400_000;
const policy = prunePolicy({ retentionDays: 7, contactStateDays: 90 });

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

    await store.prune(now, { ...policy, retentionMs: 7 * DAY });
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

  describe('contact state', () => {
    const subscribeAt = (id: string, locationId: string, createdAt: number) =>
      store.createSubscription({
        id,
        locationId,
        trigger: 'contact_tag_added',
        filters: {},
        targetUrl: `https://hooks.zapier.com/${id}`,
        zapId: undefined,
        createdAt,
      });
    const touch = (locationId: string, contactId: string, receivedAt: number) => {
      const body = { type: 'ContactTagUpdate', locationId, id: contactId, tags: ['lead'] };
      return store.ingest(
        {
          webhookId: `${locationId}-${contactId}-${receivedAt}`,
          locationId,
          type: 'ContactTagUpdate',
          timestamp: new Date(receivedAt).toISOString(),
          receivedAt,
          scheme: 'ed25519',
          raw: JSON.stringify(body),
          body,
        },
        contactId,
      );
    };
    const kept = async (locationId: string, contactId: string) =>
      (await store.contactState(locationId, contactId)) !== undefined;

    it('forgets contacts untouched for --contact-state-days, keeps the others', async () => {
      const now = Date.now();
      await subscribeAt('sub_state', 'loc_state', now - 200 * DAY);
      await touch('loc_state', 'dormant', now - 91 * DAY);
      await touch('loc_state', 'recent', now - 89 * DAY);
      await touch('loc_state', 'today', now);
      await store.prune(now, policy);
      expect(await kept('loc_state', 'dormant')).toBe(false);
      expect(await kept('loc_state', 'recent')).toBe(true);
      expect(await kept('loc_state', 'today')).toBe(true);
      await store.prune(now, { ...policy, contactStateMs: 30 * DAY });
      expect(await kept('loc_state', 'recent')).toBe(false);
      expect(await kept('loc_state', 'today')).toBe(true);
    });

    it("forgets a sub-account's contacts a day after its last subscription ended, not before", async () => {
      const now = Date.now();
      for (const location of ['loc_gone', 'loc_just_off', 'loc_other_on', 'loc_on']) {
        await subscribeAt(`sub_${location}`, location, now - 10 * DAY);
        await touch(location, 'c1', now - 2 * DAY);
      }
      // Every Zap of loc_gone was turned off two days ago; loc_just_off's an hour ago (turned on again soon,
      // say); loc_other_on still has another one on.
      expect(await store.endSubscription('sub_loc_gone', 'deleted', now - 2 * DAY)).toBe(true);
      expect(await store.endSubscription('sub_loc_just_off', 'deleted', now - 3_600_000)).toBe(true);
      await subscribeAt('sub_loc_other_on_2', 'loc_other_on', now - DAY);
      expect(await store.endSubscription('sub_loc_other_on', 'gone', now - 2 * DAY)).toBe(true);
      await store.prune(now, policy);
      expect(await kept('loc_gone', 'c1')).toBe(false);
      expect(await kept('loc_just_off', 'c1')).toBe(true);
      expect(await kept('loc_other_on', 'c1')).toBe(true);
      expect(await kept('loc_on', 'c1')).toBe(true);
      // A day later loc_just_off has been without subscriptions long enough too.
      await store.prune(now + UNSUBSCRIBED_KEEP_MS, policy);
      expect(await kept('loc_just_off', 'c1')).toBe(false);
      expect(await kept('loc_other_on', 'c1')).toBe(true);
    });
  });
});
