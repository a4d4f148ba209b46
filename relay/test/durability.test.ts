/**
 * Crashes: `kill -9` of a relay process during a burst, then what survives. On SQLite: a restart on the same file
 * delivers every acknowledged webhook; a duplicate keeps its delivery id. On PostgreSQL: two processes share the
 * database; one is killed midway; the other finishes its work; no delivery is ever in flight twice at once.
 */
import path from 'node:path';
import { startPostgres, type PostgresServer } from './support/postgres';
import { spawnRelay, type RelayChild } from './support/child';
import {
  FakeHighLevel,
  HookReceiver,
  LOCATION,
  appCall,
  contactEvent,
  tempDir,
  waitFor,
  webhook,
} from './support/kit';

jest.setTimeout(180_000);

const TOKEN = 'durability-token';
const FAST = [
  '--retry-schedule',
  '0.05,0.05,0.1,0.2,0.5,1,1,1,1,1',
  '--delivery-timeout-ms',
  '5000',
  '--concurrency',
  '16',
];

/** Counts, per delivery id, how many POSTs of it overlap in time at the receiver. */
const trackOverlap = (hooks: HookReceiver) => {
  const open = new Map<string, number>();
  let overlaps = 0;
  hooks.script = (request) => {
    const id = String(request.body.id);
    const now = (open.get(id) ?? 0) + 1;
    open.set(id, now);
    if (now > 1) overlaps += 1;
    setTimeout(() => open.set(id, (open.get(id) ?? 1) - 1), 15);
    return { status: 200, delayMs: 10 };
  };
  return () => overlaps;
};

/** Sends `events` with `parallel` requests at a time, spreading them over `urls`; answers the acknowledged ids. */
const burst = async (
  urls: () => string[],
  events: Record<string, unknown>[],
  parallel: number,
  onAck: (count: number) => void,
): Promise<Set<string>> => {
  const acked = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < events.length) {
      const event = events[next++];
      const targets = urls();
      const url = targets[next % targets.length];
      try {
        const answer = await webhook(url, event);
        if (answer.status === 200) {
          acked.add(String(event.webhookId));
          onAck(acked.size);
        }
      } catch {
        // the relay was killed: HighLevel would retry this one later
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return acked;
};

describe('kill -9', () => {
  let highlevel: FakeHighLevel;
  let hooks: HookReceiver;
  let temp: { dir: string; remove: () => void };
  const children: RelayChild[] = [];

  beforeAll(async () => {
    highlevel = await new FakeHighLevel().start();
    highlevel.tokens.set(TOKEN, LOCATION);
    hooks = await new HookReceiver().start();
    temp = tempDir();
  });

  afterAll(async () => {
    for (const child of children) await child.kill9().catch(() => undefined);
    await hooks.close();
    await highlevel.close();
    temp.remove();
  });

  const subscribe = async (relayUrl: string, targetPath: string) => {
    const answer = await appCall(
      relayUrl,
      'POST',
      '/v1/subscriptions',
      { locationId: LOCATION, trigger: 'new_contact', targetUrl: `${hooks.url}${targetPath}` },
      { token: TOKEN },
    );
    expect(answer.status).toBe(201);
  };

  const deliveredEventIds = (targetPath: string) =>
    new Set(hooks.to(targetPath).map((r) => String(r.body.eventId)));

  const duplicatesOf = (targetPath: string) => {
    const byId = new Map<string, string[]>();
    for (const r of hooks.to(targetPath)) {
      const list = byId.get(String(r.body.id)) ?? [];
      list.push(String(r.body.eventId));
      byId.set(String(r.body.id), list);
    }
    const repeated = [...byId.values()].filter((list) => list.length > 1);
    return {
      count: repeated.reduce((sum, list) => sum + list.length - 1, 0),
      sameEvent: repeated.every((l) => new Set(l).size === 1),
    };
  };

  it('SQLite: a restart delivers every acknowledged webhook; duplicates keep their id', async () => {
    const db = `sqlite:${path.join(temp.dir, 'kill.db')}`;
    const args = ['--database', db, '--highlevel-api-url', highlevel.url, ...FAST];
    let relay = await spawnRelay(args);
    children.push(relay);
    await subscribe(relay.url, '/sqlite');
    const overlaps = trackOverlap(hooks);
    const events = Array.from({ length: 400 }, () => contactEvent('ContactCreate'));
    let killed = false;
    let current = [relay.url];
    const acked = await burst(
      () => current,
      events,
      16,
      (count) => {
        if (count >= 150 && !killed) {
          killed = true;
          current = ['http://127.0.0.1:1'];
          void relay.kill9();
        }
      },
    );
    expect(killed).toBe(true);
    relay = await spawnRelay(args);
    children.push(relay);
    // HighLevel retries what was not acknowledged; the relay stores each webhookId once.
    const rest = events.filter((e) => !acked.has(String(e.webhookId)));
    const ackedLater = await burst(
      () => [relay.url],
      rest,
      16,
      () => undefined,
    );
    expect(ackedLater.size).toBe(rest.length);
    await waitFor(
      () => [...acked].every((id) => deliveredEventIds('/sqlite').has(id)),
      60_000,
      'every acknowledged event',
    );
    await waitFor(() => deliveredEventIds('/sqlite').size === events.length, 60_000, 'every event');
    const { count, sameEvent } = duplicatesOf('/sqlite');
    expect(sameEvent).toBe(true);
    expect(count).toBeLessThanOrEqual(16); // at most what was in flight when it died
    expect(overlaps()).toBe(0);
    expect(await relay.stop()).toBe(0);
  });

  describe('PostgreSQL', () => {
    let postgres: PostgresServer;
    beforeAll(async () => {
      postgres = await startPostgres();
    });
    afterAll(async () => {
      for (const child of children) await child.kill9().catch(() => undefined);
      await postgres.stop();
    });

    it('two processes share the work; one killed midway loses nothing and nothing is in flight twice', async () => {
      const url = await postgres.createDatabase('relay_two');
      const args = ['--database', url, '--highlevel-api-url', highlevel.url, ...FAST];
      const a = await spawnRelay(args);
      const b = await spawnRelay(args);
      children.push(a, b);
      await subscribe(a.url, '/pg1');
      await subscribe(b.url, '/pg2');
      const overlaps = trackOverlap(hooks);
      const events = Array.from({ length: 300 }, () => contactEvent('ContactCreate'));
      let killed = false;
      let current = [a.url, b.url];
      const acked = await burst(
        () => current,
        events,
        16,
        (count) => {
          if (count >= 120 && !killed) {
            killed = true;
            current = [a.url];
            void b.kill9();
          }
        },
      );
      expect(killed).toBe(true);
      const rest = events.filter((e) => !acked.has(String(e.webhookId)));
      await burst(
        () => [a.url],
        rest,
        16,
        () => undefined,
      );
      for (const target of ['/pg1', '/pg2']) {
        await waitFor(
          () => deliveredEventIds(target).size === events.length,
          90_000,
          `every event at ${target}`,
        );
        const { count, sameEvent } = duplicatesOf(target);
        expect(sameEvent).toBe(true);
        expect(count).toBeLessThanOrEqual(16);
      }
      expect(overlaps()).toBe(0);
      expect(await a.stop()).toBe(0);
    });
  });
});
