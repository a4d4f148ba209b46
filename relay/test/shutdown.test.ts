/**
 * SIGTERM always ends the relay (relay/README.md "Stopping"): with a delivery stuck on a slow Zap hook, an idle
 * keep-alive connection and a webhook whose body never finishes arriving, the process still exits by itself, and
 * a restart on the same database delivers what was in flight (same delivery id).
 */
import { connect } from 'node:net';
import { Agent, request } from 'node:http';
import { contactEvent } from './support/events';
import { startWorld, type World } from './support/world';

/** Far above the relay's bound (a few seconds per step); only a relay that never exits misses it. */
const EXIT_WITHIN_MS = 30_000;

let world: World;

beforeAll(async () => {
  world = await startWorld({ args: ['--delivery-timeout-ms', '60000', '--retry-schedule', '0.2,0.2'] });
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

const waitFor = async (check: () => boolean, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

test('SIGTERM with work in flight still ends the process, and a restart delivers what was in flight', async () => {
  await world.client.subscribe(
    { locationId: world.locationId, trigger: 'new_contact', targetUrl: world.receiver.target('slow') },
    world.token,
  );
  // The Zap's hook holds the first delivery longer than a stop waits for it (relay.ts STOP_GRACE_MS).
  world.receiver.script('slow', (_hit, nth) => (nth === 1 ? { delayMs: 10_000 } : {}));
  const answer = await world.client.postWebhook(
    contactEvent('ContactCreate', { locationId: world.locationId }),
  );
  expect(answer.status).toBe(200);
  await waitFor(() => world.receiver.hits.length === 1, 30_000);

  // An idle keep-alive connection, and a webhook whose body is still arriving.
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    const req = request(`${world.relay.url}/health`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
  const { port } = new URL(world.relay.url);
  const partial = connect(Number(port), '127.0.0.1');
  partial.on('error', () => undefined);
  await new Promise<void>((resolve) => partial.once('connect', () => resolve()));
  partial.write(
    'POST /v1/highlevel/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'Content-Length: 1000\r\n\r\n{"type":',
  );

  const stopped = world.relay.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([
    stopped,
    new Promise<'still running'>((resolve) => {
      timer = setTimeout(() => resolve('still running'), EXIT_WITHIN_MS);
    }),
  ]);
  clearTimeout(timer);
  partial.destroy();
  agent.destroy();
  expect(exit).toEqual({ code: 0, signal: null });

  world.relay = await world.relay.restart();
  await waitFor(() => world.receiver.hits.length >= 2, 30_000);
  const [first, again] = world.receiver.hits;
  expect(again.deliveryId).toBe(first.deliveryId);
}, 150_000);
