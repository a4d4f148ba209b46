/**
 * kill -9 durability, black box: a burst of 1,000 signed webhooks while the relay process is SIGKILLed at random
 * moments and restarted on the same database. Every webhook the relay answered 2xx must reach the Zap's hook
 * (0 acknowledged lost); a delivery may arrive twice only if it was in flight at a kill, and then with the same
 * delivery id (docs/RELAY_CONTRACT.md §4: at least once, effectively once by id). Run on SQLite and PostgreSQL.
 * The bench (`npm run bench -- --only=instant`) runs the same scenario with 10,000 events.
 */
import { contactEvent } from './support/events';
import { startPostgres, type PostgresServer } from './support/postgres';
import { burst, chaos, checkDeliveries, fleetOf, presign } from './support/scenarios';
import { startWorld, type World } from './support/world';
import type { RelayProcess } from './support/relayProcess';

const EVENTS = 1_000;
const CONCURRENCY = 16;
const ARGS = [
  '--retry-schedule',
  '0.2,0.5,1,1,1,1,1,1',
  '--delivery-timeout-ms',
  '2000',
  '--concurrency',
  String(CONCURRENCY),
];

describe.each(['sqlite', 'postgres'] as const)('kill -9 during a burst (%s)', (kind) => {
  let pg: PostgresServer | undefined;
  let world: World;

  beforeAll(async () => {
    if (kind === 'postgres') pg = await startPostgres();
    const database = pg ? await pg.createDatabase('durability') : undefined;
    world = await startWorld({ database, args: ARGS });
    await world.client.subscribe(
      { locationId: world.locationId, trigger: 'new_contact', targetUrl: world.receiver.target('zap') },
      world.token,
    );
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    await pg?.stop();
  }, 60_000);

  test('every acknowledged webhook is delivered; duplicates only from in-flight, with the same id', async () => {
    const events = presign(
      Array.from({ length: EVENTS }, () => contactEvent('ContactCreate', { locationId: world.locationId })),
      world.signer,
    );
    const slots: Array<RelayProcess | undefined> = [world.relay];
    const acked = new Set<string>();
    let running = true;
    const killer = chaos({
      slots,
      receiver: world.receiver,
      kills: 3,
      total: EVENTS,
      acked: () => acked.size,
      running: () => running,
    });
    const sent = await burst({ events, fleet: fleetOf(slots), senders: 16, timeoutMs: 150_000, acked });
    running = false;
    const kills = await killer.done;
    const current = slots[0];
    if (!current) throw new Error('the relay was not restarted');
    world.relay = current;

    expect(sent.acked.size).toBe(EVENTS);
    expect(kills).toHaveLength(3);
    const check = await checkDeliveries({
      receiver: world.receiver,
      acked,
      targets: ['zap'],
      timeoutMs: 90_000,
    });
    expect(check.lost).toEqual([]);
    expect(check.badIds).toBe(0);
    expect(check.eventsWithSeveralIds).toBe(0);
    // Never more duplicates than the relay can have in flight at the kills (its delivery slots).
    expect(check.duplicates).toBeLessThanOrEqual(kills.length * CONCURRENCY);
    expect(check.distinctDeliveries).toBe(EVENTS);
    if (process.env.RELAY_TEST_VERBOSE)
      process.stderr.write(
        `${JSON.stringify({ kills, check: { ...check, lost: check.lost.length }, failures: [...sent.failures], sends: sent.sends })}\n`,
      );
  }, 300_000);
});
