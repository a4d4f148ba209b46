/**
 * The contact-state race (store.ts `ingest`, db.ts `lockContact`): many webhooks of brand-new contacts at once —
 * on PostgreSQL through two stores of 16 connections each, as two relay processes — must end with the history and
 * the deliveries a serial run (one event at a time, in time order) gives. Before the lock, two first events of a
 * contact both read "no prior state" under READ COMMITTED (`SELECT … FOR UPDATE` locks no row that does not exist)
 * and the later commit overwrote the other's history. On SQLite (one writer) the same concurrent calls must agree too.
 */
import path from 'node:path';
import type { ContactState } from '../src/contactState';
import { openStore, type InboundEvent, type Store } from '../src/store/store';
import { tempDir } from './support/kit';
import { startPostgres, type PostgresServer } from './support/postgres';

jest.setTimeout(120_000);

const LOCATION = 'loc_race';
const CONTACTS = 8;
const EVENTS_PER_CONTACT = 16;
const TAGS = ['lead', 'vip', 'customer', 'cold'];

/** A small seeded generator, so a failure can be run again with the same events. */
const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

interface Sent {
  event: InboundEvent;
  contactId: string;
}

/**
 * Each contact: tag updates with random tag lists and emails, one second apart. No ContactCreate: a create that
 * arrives after later events fires its "removed" episodes from itself, which Tag Removed (not a ContactCreate
 * trigger) drops, so with one the deliveries would depend on the arrival order even without any race.
 */
const lives = (random: () => number): Sent[] => {
  const start = Date.now() - 60 * 60_000;
  const sent: Sent[] = [];
  for (let c = 0; c < CONTACTS; c += 1) {
    const contactId = `contact_${c}_${Math.floor(random() * 1e9)}`;
    for (let i = 0; i < EVENTS_PER_CONTACT; i += 1) {
      const timestamp = new Date(start + c * 100_000 + i * 1000).toISOString();
      const body = {
        type: 'ContactTagUpdate',
        locationId: LOCATION,
        id: contactId,
        webhookId: `wh_${contactId}_${i}`,
        timestamp,
        email: `c${c}.e${i}@example.org`,
        tags: TAGS.filter(() => random() < 0.5),
      };
      const raw = JSON.stringify(body);
      sent.push({
        contactId,
        event: {
          webhookId: body.webhookId,
          locationId: LOCATION,
          type: body.type,
          timestamp,
          receivedAt: Date.now(),
          scheme: 'ed25519',
          raw,
          body,
        },
      });
    }
  }
  return sent;
};

const subscribe = async (store: Store) => {
  for (const trigger of ['contact_tag_added', 'contact_tag_removed', 'updated_contact']) {
    await store.createSubscription({
      id: `sub_${trigger}`,
      locationId: LOCATION,
      trigger,
      filters: {},
      targetUrl: `http://127.0.0.1:1/${trigger}`,
      zapId: undefined,
      createdAt: Date.now(),
    });
  }
};

/** What a run ended with: per contact its history, and every delivery as trigger, contact and tag. */
const outcome = async (store: Store, contacts: string[]) => {
  const histories: Record<string, ContactState | undefined> = {};
  for (const contactId of contacts) histories[contactId] = await store.contactState(LOCATION, contactId);
  const { deliveries } = await store.claim({
    limit: 100_000,
    now: Date.now() + 60_000,
    leaseMs: 60_000,
    perTarget: 100_000,
    exclude: [],
  });
  const fired = deliveries
    .map((d) => {
      const body = JSON.parse(d.body) as {
        trigger: string;
        event: { id: string };
        change?: { tag?: string };
      };
      return `${body.trigger} ${body.event.id} ${body.change?.tag ?? ''}`;
    })
    .sort();
  return { histories, fired };
};

describe.each(['postgres', 'sqlite'] as const)('many first events of new contacts at once, %s', (backend) => {
  let postgres: PostgresServer | undefined;
  let temp: { dir: string; remove: () => void };
  const opened: Store[] = [];

  beforeAll(async () => {
    temp = tempDir();
    if (backend === 'postgres') postgres = await startPostgres();
  });

  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close().catch(() => undefined)));
    await postgres?.stop();
    temp.remove();
  });

  const open = async (name: string, copies: number): Promise<Store[]> => {
    const database =
      backend === 'postgres'
        ? { kind: 'postgres' as const, url: await postgres!.createDatabase(name) }
        : { kind: 'sqlite' as const, path: path.join(temp.dir, `${name}.db`) };
    // SQLite is one process per file: one store. PostgreSQL: two, as two relay processes.
    const stores = Array.from({ length: backend === 'postgres' ? copies : 1 }, () => openStore(database));
    opened.push(...stores);
    await stores[0].migrate();
    return stores;
  };

  it('ends with the history and the deliveries of a serial run', async () => {
    const sent = lives(seeded(20261206));
    const contacts = [...new Set(sent.map((s) => s.contactId))];

    const [serial] = await open('race_serial', 1);
    await subscribe(serial);
    for (const { event, contactId } of sent) {
      expect((await serial.ingest(event, contactId)).status).toBe('accepted');
    }
    const expected = await outcome(serial, contacts);
    // Every event is one snapshot of its contact's kept history.
    for (const contactId of contacts) {
      expect(expected.histories[contactId]?.snapshots).toHaveLength(EVENTS_PER_CONTACT);
    }

    const stores = await open('race_concurrent', 2);
    await subscribe(stores[0]);
    const shuffled = [...sent];
    const random = seeded(7);
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const answers = await Promise.all(
      shuffled.map(({ event, contactId }, i) => stores[i % stores.length].ingest(event, contactId)),
    );
    expect(answers.filter((answer) => answer.status !== 'accepted')).toEqual([]);
    const got = await outcome(stores[0], contacts);
    expect(got.histories).toEqual(expected.histories);
    expect(got.fired).toEqual(expected.fired);
  });
});
