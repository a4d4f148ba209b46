/**
 * Every webhook gets an HTTP answer under concurrency (the "two Zaps of each kind on one connection" truth
 * scenario): 18 subscriptions on one sub-account (two per trigger), the same contacts' events sent 16 at a time,
 * each exactly once, while the dispatcher delivers to the hooks. Each send must be answered 200 — none left
 * hanging, none refused — and every contact's tags added must reach the tag Zaps once.
 */
import {
  appointmentEvent,
  contactEvent,
  hlId,
  noteEvent,
  taskEvent,
  type WebhookBody,
} from './support/events';
import { createAgent, send } from './support/http';
import { WEBHOOK_PATH } from './support/client';
import { presign } from './support/scenarios';
import { startWorld, type World } from './support/world';

const TRIGGERS = [
  'new_contact',
  'updated_contact',
  'contact_tag_added',
  'contact_tag_removed',
  'contact_deleted',
  'new_task',
  'task_completed',
  'new_note',
  'new_appointment',
];
const CONTACTS = 12;
const SENDERS = 16;

let world: World;

beforeAll(async () => {
  world = await startWorld({ args: ['--concurrency', '16'] });
  for (const trigger of TRIGGERS) {
    for (const copy of ['a', 'b']) {
      await world.client.subscribe(
        {
          locationId: world.locationId,
          trigger,
          targetUrl: world.receiver.target(`${copy}-${trigger}`),
          filters: copy === 'b' && trigger.startsWith('contact_tag') ? { tag: 'vip' } : undefined,
        },
        world.token,
      );
    }
  }
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

/** One contact's life, each event one second after the one before (HighLevel's `timestamp`). */
const lifeOf = (locationId: string, index: number, start: number): WebhookBody[] => {
  const contactId = hlId();
  const at = (step: number) => new Date(start + step * 1000).toISOString();
  const contact = (type: Parameters<typeof contactEvent>[0], step: number, tags: string[], email?: string) =>
    contactEvent(type, { locationId, contactId, tags, email, timestamp: at(step) });
  const events = [
    contact('ContactCreate', 0, index % 2 === 0 ? ['lead'] : []),
    contact('ContactTagUpdate', 1, index % 2 === 0 ? ['lead', 'vip'] : ['vip']),
    contact('ContactUpdate', 2, index % 2 === 0 ? ['lead', 'vip'] : ['vip'], `moved${index}@example.org`),
    taskEvent('TaskCreate', { locationId, contactId, timestamp: at(3) }),
    noteEvent('NoteCreate', { locationId, contactId, timestamp: at(4) }),
    appointmentEvent('AppointmentCreate', { locationId, contactId, timestamp: at(5) }),
  ];
  if (index % 2 === 1) events.push(contact('ContactTagUpdate', 6, [], `moved${index}@example.org`));
  if (index % 4 === 0) events.push(contact('ContactDelete', 7, ['lead', 'vip']));
  return events;
};

test('every one of the concurrent webhooks is answered 200', async () => {
  const start = Date.now() - 60_000;
  const events = presign(
    Array.from({ length: CONTACTS }, (_, i) => lifeOf(world.locationId, i, start)).flat(),
    world.signer,
  );
  // Shuffled: HighLevel promises no order.
  for (let i = events.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [events[i], events[j]] = [events[j], events[i]];
  }
  const agent = createAgent(SENDERS);
  const queue = [...events];
  const answers = new Map<string, number | string>();
  const sender = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const response = await send(`${world.relay.url}${WEBHOOK_PATH}`, {
          method: 'POST',
          body: next.raw,
          headers: next.headers,
          agent,
          timeoutMs: 30_000,
        });
        answers.set(next.webhookId, response.status);
      } catch (error) {
        answers.set(next.webhookId, (error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  agent.destroy();
  const notOk = [...answers.values()].filter((answer) => answer !== 200);
  expect(answers.size).toBe(events.length);
  expect(notOk).toEqual([]);

  // Every contact got vip once (12 for each tag Zap), whatever the arrival order.
  const fired = () =>
    ['a-contact_tag_added', 'b-contact_tag_added'].map((name) => world.receiver.hitsOf(name).length);
  const until = Date.now() + 60_000;
  while (fired().some((n, i) => n < [CONTACTS + CONTACTS / 2, CONTACTS][i]) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(fired()).toEqual([CONTACTS + CONTACTS / 2, CONTACTS]);
}, 150_000);
