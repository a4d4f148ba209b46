/**
 * Hanging Zaps never starve a healthy one (relay/README.md "Guarantees", dispatcher.ts): ten subscriptions whose hook
 * URLs never answer in time, each with a backlog, and one healthy subscription, on a relay with the default 64 slots
 * and 8 per subscription. Before, eight hanging subscriptions took all 64 slots until their timeouts, so the healthy
 * Zap's deliveries waited the whole delivery timeout, and again at every retry of the hanging ones.
 */
import { hlId, noteEvent, type WebhookBody } from './support/events';
import { send, sleep, waitFor } from './support/http';
import { startWorld, type World } from './support/world';

const HANGING = 10;
const BACKLOG = 10;
const TIMEOUT_MS = 8_000;

let world: World;
const hangingContacts = Array.from({ length: HANGING }, () => hlId());
const healthyContact = hlId();

beforeAll(async () => {
  world = await startWorld({
    args: [
      '--concurrency',
      '64',
      '--per-target-concurrency',
      '8',
      '--delivery-timeout-ms',
      String(TIMEOUT_MS),
      '--retry-schedule',
      '1,1,1,1,1,1,1,1,1,1',
    ],
  });
  for (const [i, contactId] of hangingContacts.entries()) {
    world.receiver.script(`hanging-${i}`, () => ({ delayMs: 120_000 }));
    await world.client.subscribe(
      {
        locationId: world.locationId,
        trigger: 'new_note',
        targetUrl: world.receiver.target(`hanging-${i}`),
        filters: { contactId },
      },
      world.token,
    );
  }
  await world.client.subscribe(
    {
      locationId: world.locationId,
      trigger: 'new_note',
      targetUrl: world.receiver.target('healthy'),
      filters: { contactId: healthyContact },
    },
    world.token,
  );
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

const note = (contactId: string): WebhookBody =>
  noteEvent('NoteCreate', { locationId: world.locationId, contactId });

const inflight = async (): Promise<number> => {
  const health = JSON.parse((await send(`${world.relay.url}/health`)).text) as {
    queue: { inflight: number };
  };
  return health.queue.inflight;
};

/** Sends `count` notes of the healthy contact; answers how long each took to reach its hook (ms). */
const healthyLatencies = async (count: number): Promise<number[]> => {
  const events = Array.from({ length: count }, () => note(healthyContact));
  const sentAt = new Map<string, number>();
  for (const event of events) {
    sentAt.set(event.webhookId, Date.now());
    expect((await world.client.postWebhook(event)).status).toBe(200);
  }
  const arrived = () =>
    world.receiver.hitsOf('healthy').filter((hit) => sentAt.has(hit.body?.eventId ?? '')).length;
  await waitFor(() => arrived() >= count, TIMEOUT_MS * 2);
  const hits = world.receiver.hitsOf('healthy').filter((hit) => sentAt.has(hit.body?.eventId ?? ''));
  // The receiver's clock is performance.now(): compare arrival with the send through Date.now() at receipt.
  const offset = Date.now() - performance.now();
  return hits.map((hit) => Math.round(hit.receivedAt + offset - sentAt.get(hit.body!.eventId)!));
};

test('ten hanging hook URLs with backlogs leave slots for a healthy one, before and after their timeouts', async () => {
  const started = Date.now();
  const backlog = hangingContacts.flatMap((contactId) =>
    Array.from({ length: BACKLOG }, () => note(contactId)),
  );
  const answers = await Promise.all(backlog.map((event) => world.client.postWebhook(event)));
  expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  // The hanging hooks take what they may: no longer growing.
  let open = -1;
  await waitFor(async () => {
    const now = world.receiver.openCount();
    const settled = now === open && now > 0;
    open = now;
    if (!settled) await sleep(300);
    return settled;
  }, 5_000);
  expect(open).toBeLessThan(64);

  // Before any hanging delivery timed out, a healthy Zap's deliveries still arrive at once.
  const before = await healthyLatencies(20);
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  expect(Math.max(...before)).toBeLessThan(2_000);

  // After the timeouts, the hanging subscriptions are slow: one delivery in flight each, retried meanwhile.
  await sleep(Math.max(0, started + TIMEOUT_MS + 2_500 - Date.now()));
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    samples.push(await inflight());
    await sleep(300);
  }
  expect(Math.max(...samples)).toBeLessThanOrEqual(HANGING + 2);
  const after = await healthyLatencies(20);
  expect(Math.max(...after)).toBeLessThan(2_000);
}, 120_000);
