/**
 * Two relay processes on one PostgreSQL database during a burst, one SIGKILLed midway (not restarted): the survivor
 * finishes the work, 0 acknowledged webhooks are lost, both processes delivered (they split the work), and no
 * delivery id is sent by the survivor while the killed process was still alive and had sent it too (a redelivery
 * after the kill is the at-least-once rule, docs/RELAY_CONTRACT.md §4). Which process sent a delivery is read
 * from /proc (the owner of the connection's client socket), so the relay needs no special header.
 */
import { performance } from 'node:perf_hooks';
import { contactEvent } from './support/events';
import { waitFor } from './support/http';
import { startPostgres, type PostgresServer } from './support/postgres';
import { startRelay, type RelayProcess } from './support/relayProcess';
import { burst, checkDeliveries, crossProcess, fleetOf, presign } from './support/scenarios';
import { startWorld, type World } from './support/world';

const EVENTS = 1_000;
const ARGS = [
  '--retry-schedule',
  '0.2,0.5,1,1,1,1,1,1',
  '--delivery-timeout-ms',
  '2000',
  '--concurrency',
  '16',
];

let pg: PostgresServer;
let world: World;
let second: RelayProcess;
const pids: number[] = [];

beforeAll(async () => {
  pg = await startPostgres();
  world = await startWorld({
    database: await pg.createDatabase('cluster'),
    args: ARGS,
    identifyPids: () => pids,
  });
  second = await startRelay(world.options);
  pids.push(world.relay.pid, second.pid);
  await world.client.subscribe(
    { locationId: world.locationId, trigger: 'new_contact', targetUrl: world.receiver.target('zap') },
    world.token,
  );
}, 180_000);

afterAll(async () => {
  await second?.kill('SIGKILL');
  await world?.close();
  await pg?.stop();
}, 60_000);

test('one of two processes killed midway: 0 lost, both worked, nothing delivered by both at once', async () => {
  const events = presign(
    Array.from({ length: EVENTS }, () => contactEvent('ContactCreate', { locationId: world.locationId })),
    world.signer,
  );
  const slots: Array<RelayProcess | undefined> = [world.relay, second];
  const acked = new Set<string>();
  const sending = burst({ events, fleet: fleetOf(slots), senders: 16, timeoutMs: 150_000, acked });
  expect(await waitFor(() => acked.size >= EVENTS / 2, 120_000)).toBe(true);
  const victim = world.relay;
  const killedAt = performance.now();
  slots[0] = undefined;
  await victim.kill('SIGKILL');
  const sent = await sending;
  expect(sent.acked.size).toBe(EVENTS);

  const check = await checkDeliveries({
    receiver: world.receiver,
    acked,
    targets: ['zap'],
    timeoutMs: 90_000,
  });
  expect(check.lost).toEqual([]);
  expect(check.badIds).toBe(0);
  expect(check.eventsWithSeveralIds).toBe(0);

  const cross = crossProcess(world.receiver.hitsOf('zap'), victim.pid, killedAt);
  expect(cross.unidentified).toBe(0);
  expect(cross.concurrent).toBe(0);
  expect(cross.perPid[String(victim.pid)]).toBeGreaterThan(0);
  expect(cross.perPid[String(second.pid)]).toBeGreaterThan(0);
  world.relay = second;
  if (process.env.RELAY_TEST_VERBOSE)
    process.stderr.write(`${JSON.stringify({ cross, check: { ...check, lost: check.lost.length } })}\n`);
}, 300_000);
