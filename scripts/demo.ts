/**
 * `npm start`: boots a sandbox on a free port, the relay beside it (a real relay process, its webhooks signed by
 * the sandbox) and an emulated Zapier (hook URLs on loopback), and runs a Zap-shaped story through the real
 * zapier-platform-core runtime (the built app in dist/, as Zapier would load it, with RELAY_URL set), printing
 * one line per step: the result, the HighLevel requests it used (from the sandbox's request log) and the time.
 * The polling triggers come first; the steps marked "instant" turn on REST-hook Zaps and show each fire with its
 * latency (docs/HOOKS.md §3).
 * Exits 0 when every step passed (steps whose operation is not in the app yet are reported as skipped).
 * Never prints a token or the client secret.
 */
import path from 'node:path';
import {
  describeError,
  type AppDefinition,
  type AuthData,
  type Poller,
  type Runtime,
  type RuntimeEvent,
} from './lib/runtime';
import { nativeFetch } from './lib/nativeFetch';
import { startInstant } from './lib/instant';
import type { Sandbox } from './lib/local';
import type { EmulatedZapier, HookZap } from './lib/zapierHooks';
import { redactSecrets } from '../lib/core/errors';

const SEEDED_CONTACTS = 50;
const RESULT_WIDTH = 110;

type Item = Record<string, unknown>;

/** A step ends with a one-line result, or is skipped with a reason (an operation the app does not have yet). */
class Skip extends Error {}

interface Story {
  runtime: Runtime;
  sandbox: Sandbox;
  zapier: EmulatedZapier;
  /** The instant Zaps, by trigger key. */
  hooks: Map<string, HookZap>;
  pollers: Map<string, Poller>;
  contact?: Item;
  task?: Item;
  note?: Item;
  /** The contact of the instant steps. */
  instantContact?: Item;
  /** The connection before the mid-story refresh (a late step still holding its spent refresh token). */
  beforeRefresh?: AuthData;
}

interface Step {
  name: string;
  /** Operation paths the step runs; a missing one skips the step. */
  needs?: string[];
  run: (story: Story) => Promise<string>;
}

const trigger = (key: string) => `triggers.${key}.operation.perform`;
const create = (key: string) => `creates.${key}.operation.perform`;
const search = (key: string) => `searches.${key}.operation.perform`;

const loadApp = (): AppDefinition => {
  // The built app (npm start builds first): what Zapier runs. Loaded once RELAY_URL is set (startInstant), so
  // its instant triggers exist beside the (then hidden) polling ones.
  const built = path.resolve(__dirname, '..', 'dist', 'index.js');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(built) as AppDefinition;
  } catch (error) {
    throw new Error(`Could not load the built app (${built}); run \`npm run build\` first. ${String(error)}`);
  }
};

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const nameOf = (contact: Item): string =>
  str(contact.fullName) ||
  [str(contact.firstName), str(contact.lastName)].filter(Boolean).join(' ') ||
  str(contact.id);
const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Skip(`skipped (needs ${what} from an earlier step)`);
  return value;
};
const mentions = (item: Item, id: string) =>
  item.id === id || item.contactId === id || str(item.id).startsWith(id);

/** Primes a trigger's dedupe (the Zap is turned on) unless done already. */
const turnOn = async (story: Story, key: string, inputData: Item): Promise<Poller> => {
  const existing = story.pollers.get(key);
  if (existing) return existing;
  const poller = story.runtime.poller(key, inputData);
  await poller.prime();
  story.pollers.set(key, poller);
  return poller;
};

/** Polls a turned-on trigger and requires that it fires for `id`. */
const expectFires = async (story: Story, key: string, id: string, describe: (item: Item) => string) => {
  const poller = story.pollers.get(key);
  if (!poller) throw new Skip('skipped (the trigger was not turned on)');
  const fresh = await poller.poll();
  const hit = fresh.find((item) => mentions(item, id));
  if (!hit) {
    throw new Error(
      `did not fire for ${id} (${fresh.length} new item(s): ${fresh.map((item) => str(item.id)).join(', ')})`,
    );
  }
  return `fired: ${fresh.length} new item${fresh.length === 1 ? '' : 's'} → ${describe(hit)}`;
};

const hook = (key: string) => `triggers.${key}.operation.performSubscribe`;

/** The instant Zaps of the story, with their filters. */
const INSTANT_TRIGGERS: Array<[string, Item]> = [
  ['new_contact_instant', {}],
  ['contact_tag_added_instant', {}],
  ['contact_tag_removed', {}],
  ['new_task_instant', {}],
  ['task_completed_instant', {}],
  ['new_note_instant', {}],
  ['new_appointment_instant', {}],
  ['contact_deleted', {}],
];

/**
 * Waits for the instant Zap of `key` to fire an item matching `match` (10 s at most), and describes it with its
 * latency: the step's write started → the app's perform returned the fire.
 */
const instantFire = async (
  story: Story,
  key: string,
  started: number,
  match: (item: Item) => boolean,
  describe: (item: Item) => string,
): Promise<string> => {
  const zap = story.hooks.get(key);
  if (!zap) throw new Skip('skipped (the instant Zap is not on)');
  const find = () => zap.fires().find((fire) => fire.receivedAt >= started && match(fire.item));
  await story.zapier.waitFor(() => find() !== undefined, 10_000).catch(() => undefined);
  const fire = find();
  if (!fire) throw new Error(`no instant fire within 10 s (${zap.fires().length} fire(s) of this Zap)`);
  return `fired in ${fire.firedAt - started} ms (instant) → ${describe(fire.item)}`;
};

const STEPS: Step[] = [
  {
    name: 'Connect via OAuth',
    run: async ({ runtime }) => {
      const { authData } = await runtime.connect();
      const hours = Math.round((Number(authData.expires_at) - Date.now() / 1000) / 3600);
      return `authorize → code → token: Location token for ${authData.locationId}, expires in ${hours} h`;
    },
  },
  {
    name: 'Test connection and label',
    run: async ({ runtime }) => {
      const { result, label } = await runtime.testConnection();
      return `connection OK, label "${label}" (timezone ${str(result.timezone)}, country ${str(result.country)})`;
    },
  },
  {
    name: 'Poll New Contact (Zap turned on)',
    needs: [trigger('new_contact')],
    run: async (story) => {
      const poller = story.runtime.poller('new_contact', {});
      const seen = await poller.prime();
      story.pollers.set('new_contact', poller);
      const newest = seen[0] ? `, newest "${nameOf(seen[0])}"` : '';
      return `first poll seeds dedupe: ${seen.length} existing contacts${newest}; nothing fires`;
    },
  },
  {
    name: 'Create Contact',
    needs: [create('create_contact')],
    run: async (story) => {
      const contact = await story.runtime.run<Item>(create('create_contact'), {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada.lovelace@analytical-engine.example',
        phone: '+14155550123',
        companyName: 'Analytical Engines Ltd',
      });
      story.contact = contact;
      return `created "${nameOf(contact)}" <${str(contact.email)}> ${str(contact.phone)} (id ${str(contact.id)})`;
    },
  },
  {
    name: 'New Contact fires',
    needs: [trigger('new_contact')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      return expectFires(story, 'new_contact', str(contact.id), nameOf);
    },
  },
  {
    name: 'Find Contact (by email)',
    needs: [search('find_contact')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const found = await story.runtime.run<Item[]>(search('find_contact'), { email: contact.email });
      if (found[0]?.id !== contact.id)
        throw new Error(`expected ${str(contact.id)}, found ${found.length} other(s)`);
      return `found "${nameOf(found[0])}" (id ${str(found[0].id)})`;
    },
  },
  {
    name: 'Find or Create Contact (existing)',
    needs: [search('find_contact'), create('create_contact')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const { created, result } = await story.runtime.searchOrCreate<Item>('find_contact', {
        email: contact.email,
        firstName: 'Ada',
      });
      if (created || result.id !== contact.id)
        throw new Error('created a duplicate instead of finding the contact');
      return `found "${nameOf(result)}", nothing created`;
    },
  },
  {
    name: 'Find or Create Contact (new)',
    needs: [search('find_contact'), create('create_contact')],
    run: async ({ runtime }) => {
      const { created, result } = await runtime.searchOrCreate<Item>('find_contact', {
        email: 'charles.babbage@analytical-engine.example',
        firstName: 'Charles',
        lastName: 'Babbage',
      });
      if (!created) throw new Error(`found ${str(result.id)} instead of creating a new contact`);
      return `not found → created "${nameOf(result)}" (id ${str(result.id)})`;
    },
  },
  {
    name: 'Turn on the other Zaps',
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const contactId = str(contact.id);
      const wanted: Array<[string, Item]> = [
        ['contact_tag_added', { tag: 'vip-demo' }],
        ['new_task', { contactId }],
        ['task_completed', { contactId }],
        ['new_note', { contactId }],
        ['updated_contact', {}],
      ];
      const on: string[] = [];
      const missing: string[] = [];
      for (const [key, inputData] of wanted) {
        if (!story.runtime.has(trigger(key))) {
          missing.push(key);
          continue;
        }
        await turnOn(story, key, inputData);
        on.push(key);
      }
      if (on.length === 0) throw new Skip('skipped (not implemented yet)');
      return `dedupe seeded: ${on.join(', ')}${missing.length ? `; not implemented yet: ${missing.join(', ')}` : ''}`;
    },
  },
  {
    name: 'Add Tags to Contact',
    needs: [create('add_contact_tags')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const result = await story.runtime.run<Item>(create('add_contact_tags'), {
        contactId: contact.id,
        tags: ['vip-demo'],
      });
      return `tags now: ${(result.tags as string[] | null)?.join(', ') ?? '(not returned)'}`;
    },
  },
  {
    name: 'Contact Tag Added fires',
    needs: [trigger('contact_tag_added')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      return expectFires(
        story,
        'contact_tag_added',
        str(contact.id),
        (item) => `${nameOf(item)} tagged "${str(item.tag)}"`,
      );
    },
  },
  {
    name: 'Create Task',
    needs: [create('create_task')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const due = new Date(Date.now() + 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      story.task = await story.runtime.run<Item>(create('create_task'), {
        contactId: contact.id,
        title: 'Send the Bernoulli numbers program',
        body: 'Note G, with the corrected table.',
        dueDate: due,
      });
      return `created "${str(story.task.title)}" due ${str(story.task.dueDate)} (id ${str(story.task.id)})`;
    },
  },
  {
    name: 'New Task fires',
    needs: [trigger('new_task')],
    run: async (story) => {
      const task = need(story.task, 'the created task');
      return expectFires(story, 'new_task', str(task.id), (item) => `"${str(item.title)}"`);
    },
  },
  {
    name: 'Access token expires (sandbox)',
    run: async (story) => {
      story.beforeRefresh = story.runtime.authData;
      story.sandbox.expireAccessTokens();
      return 'every access token revoked server-side; the stored expires_at still says ~24 h';
    },
  },
  {
    name: 'Complete Task (after the expiry)',
    needs: [create('complete_task')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const task = need(story.task, 'the created task');
      const done = await story.runtime.run<Item>(create('complete_task'), {
        contactId: contact.id,
        taskId: task.id,
      });
      return `task "${str(done.title ?? task.title)}" completed: ${str(done.completed)}`;
    },
  },
  {
    name: 'A late step with the spent refresh token',
    run: async (story) => {
      const before = need(story.beforeRefresh, 'the connection before the expiry');
      const now = story.runtime.authData;
      if (now.refresh_token === before.refresh_token) throw new Skip('skipped (no refresh happened yet)');
      // HighLevel's refresh tokens are single use: a step still holding the spent one must get the set another
      // step already obtained, never spend it again nor ask for a reconnect (docs/CONNECTION.md).
      const result = await story.runtime.call<{ refresh_token?: string }>(
        'authentication.oauth2Config.refreshAccessToken',
        story.runtime.bundle({}, {}, before),
      );
      if (result.refresh_token !== now.refresh_token) {
        throw new Error("the late step did not get the connection's current tokens");
      }
      return 'gets the rotated tokens the first refresh published (no second refresh, no reconnect)';
    },
  },
  {
    name: 'Task Completed fires',
    needs: [trigger('task_completed')],
    run: async (story) => {
      const task = need(story.task, 'the created task');
      return expectFires(story, 'task_completed', str(task.id), (item) => `"${str(item.title)}"`);
    },
  },
  {
    name: 'Create Note',
    needs: [create('create_note')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      story.note = await story.runtime.run<Item>(create('create_note'), {
        contactId: contact.id,
        body: 'Called about the Analytical Engine; wants a demo next week.',
      });
      return `created note "${str(story.note.body).slice(0, 40)}…" (id ${str(story.note.id)})`;
    },
  },
  {
    name: 'New Note fires',
    needs: [trigger('new_note')],
    run: async (story) => {
      const note = need(story.note, 'the created note');
      return expectFires(story, 'new_note', str(note.id), (item) => `note ${str(item.id)}`);
    },
  },
  {
    name: 'Update Contact',
    needs: [create('update_contact')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const updated = await story.runtime.run<Item>(create('update_contact'), {
        contactId: contact.id,
        address1: "12 St James's Square",
        city: 'London',
      });
      const tags = Array.isArray(updated.tags) ? `; tags kept: ${(updated.tags as string[]).join(', ')}` : '';
      return `now at ${str(updated.address1)}, ${str(updated.city)}${tags}`;
    },
  },
  {
    name: 'Updated Contact fires',
    needs: [trigger('updated_contact')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      return expectFires(story, 'updated_contact', str(contact.id), nameOf);
    },
  },
  {
    name: 'Update Task',
    needs: [create('update_task')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const task = need(story.task, 'the created task');
      const updated = await story.runtime.run<Item>(create('update_task'), {
        contactId: contact.id,
        taskId: task.id,
        title: 'Send the corrected Bernoulli program',
      });
      return `renamed to "${str(updated.title)}" (completed: ${str(updated.completed)})`;
    },
  },
  {
    name: 'Update Note',
    needs: [create('update_note')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const note = need(story.note, 'the created note');
      const updated = await story.runtime.run<Item>(create('update_note'), {
        contactId: contact.id,
        noteId: note.id,
        body: 'Demo booked for Tuesday; bring the difference engine drawings.',
      });
      return `note ${str(updated.id)} now "${clip(str(updated.body), 40)}"`;
    },
  },
  {
    name: 'Remove Tags from Contact',
    needs: [create('remove_contact_tags')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const result = await story.runtime.run<Item>(create('remove_contact_tags'), {
        contactId: contact.id,
        tags: ['vip-demo'],
      });
      const left = Array.isArray(result.tags) ? (result.tags as string[]) : [];
      if (left.includes('vip-demo')) throw new Error('the tag is still there');
      return `removed "vip-demo"; tags now: ${left.length > 0 ? left.join(', ') : '(none)'}`;
    },
  },
  {
    name: 'Find Contact in Business',
    needs: [trigger('business_list'), search('find_contact_in_business')],
    run: async ({ runtime }) => {
      // As in the editor: the business dropdown first, then the search.
      const businesses = await runtime.run<Item[]>(
        trigger('business_list'),
        {},
        { isFillingDynamicDropdown: true },
      );
      for (const business of businesses) {
        const found = await runtime.run<Item[]>(search('find_contact_in_business'), {
          businessId: business.id,
        });
        if (found.length > 0) {
          return `"${str(business.label)}": ${found.length} contact${found.length === 1 ? '' : 's'}, first "${nameOf(found[0])}"`;
        }
      }
      throw new Error(`none of the ${businesses.length} businesses has a contact`);
    },
  },
  {
    name: 'Create or Update Contact (upsert)',
    needs: [create('upsert_contact')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const result = await story.runtime.run<Item>(create('upsert_contact'), {
        email: contact.email,
        state: 'Greater London',
      });
      if (result.id !== contact.id)
        throw new Error(`expected ${str(contact.id)} to be updated, got ${str(result.id)}`);
      return `matched by email → updated "${nameOf(result)}" (new contact: ${result.isNew === true ? 'yes' : 'no'})`;
    },
  },
  {
    name: 'Find Task (by title)',
    needs: [search('find_task')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const task = need(story.task, 'the created task');
      const found = await story.runtime.run<Item[]>(search('find_task'), {
        contactId: contact.id,
        title: 'Bernoulli',
      });
      if (found[0]?.id !== task.id)
        throw new Error(`expected ${str(task.id)}, found ${found.length} other(s)`);
      return `found "${str(found[0].title)}", completed: ${str(found[0].completed)}`;
    },
  },
  {
    name: 'Find Note (by text)',
    needs: [search('find_note')],
    run: async (story) => {
      const contact = need(story.contact, 'the created contact');
      const note = need(story.note, 'the created note');
      const found = await story.runtime.run<Item[]>(search('find_note'), {
        contactId: contact.id,
        text: 'booked for Tuesday',
      });
      if (found[0]?.id !== note.id)
        throw new Error(`expected ${str(note.id)}, found ${found.length} other(s)`);
      return `found note ${str(found[0].id)}`;
    },
  },
  {
    name: 'Find Appointment (seeded contact)',
    needs: [search('find_appointment')],
    run: async (story) => {
      const contactId = need(appointmentContact(story), 'a seeded contact with appointments');
      const found = await story.runtime.run<Item[]>(search('find_appointment'), {
        contactId,
        which: 'latest',
      });
      if (found.length === 0) throw new Error(`no appointment found for ${contactId}`);
      return `latest: "${str(found[0].title)}" at ${str(found[0].startTime)} (${str(found[0].appointmentStatus)})`;
    },
  },
  {
    name: 'Poll New Appointment (seeded contact)',
    needs: [trigger('new_appointment')],
    run: async (story) => {
      const contactId = need(appointmentContact(story), 'a seeded contact with appointments');
      const items = await story.runtime.run<Item[]>(trigger('new_appointment'), { contactId });
      if (items.length === 0) throw new Error(`no appointments returned for ${contactId}`);
      return `${items.length} appointment${items.length === 1 ? '' : 's'}, newest "${str(items[0].title)}"`;
    },
  },
  {
    name: 'Delete Contact (the second one)',
    needs: [create('delete_contact'), search('find_contact')],
    run: async ({ runtime }) => {
      const email = 'charles.babbage@analytical-engine.example';
      const [contact] = await runtime.run<Item[]>(search('find_contact'), { email });
      if (!contact) throw new Skip('skipped (needs the contact created by Find or Create)');
      await runtime.run<Item>(create('delete_contact'), { contactId: contact.id });
      const after = await runtime.run<Item[]>(search('find_contact'), { email });
      if (after.length > 0) throw new Error('the contact can still be found');
      return `deleted "${nameOf(contact)}"; Find Contact now returns nothing`;
    },
  },
  {
    name: 'instant: turn on 8 instant Zaps',
    needs: INSTANT_TRIGGERS.map(([key]) => hook(key)),
    run: async (story) => {
      for (const [key, inputData] of INSTANT_TRIGGERS) {
        story.hooks.set(key, await story.zapier.turnOn({ trigger: key, inputData, zapId: `demo-${key}` }));
      }
      return `${story.hooks.size} Zaps subscribed at the relay (hook URLs on ${story.zapier.url}); no polling`;
    },
  },
  {
    name: 'instant: New Contact',
    needs: [hook('new_contact_instant'), create('create_contact')],
    run: async (story) => {
      const started = Date.now();
      const contact = await story.runtime.run<Item>(create('create_contact'), {
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace.hopper@cobol.example',
      });
      story.instantContact = contact;
      return instantFire(
        story,
        'new_contact_instant',
        started,
        (item) => item.contactId === contact.id,
        nameOf,
      );
    },
  },
  {
    name: 'instant: Contact Tag Added',
    needs: [hook('contact_tag_added_instant'), create('add_contact_tags')],
    run: async (story) => {
      const contact = need(story.instantContact, 'the instant contact');
      const started = Date.now();
      await story.runtime.run(create('add_contact_tags'), { contactId: contact.id, tags: ['compiler'] });
      return instantFire(
        story,
        'contact_tag_added_instant',
        started,
        (item) => item.contactId === contact.id && item.tag === 'compiler',
        (item) => `${nameOf(item)} tagged "${str(item.tag)}"`,
      );
    },
  },
  {
    name: 'instant: Tag Removed from Contact',
    needs: [hook('contact_tag_removed'), create('remove_contact_tags')],
    run: async (story) => {
      const contact = need(story.instantContact, 'the instant contact');
      const started = Date.now();
      await story.runtime.run(create('remove_contact_tags'), { contactId: contact.id, tags: ['compiler'] });
      return instantFire(
        story,
        'contact_tag_removed',
        started,
        (item) => item.contactId === contact.id && item.tag === 'compiler',
        (item) => `"${str(item.tag)}" removed from ${nameOf(item)} (polling cannot see this)`,
      );
    },
  },
  {
    name: 'instant: New Note (any contact)',
    needs: [hook('new_note_instant'), create('create_note')],
    run: async (story) => {
      const contactId = need(appointmentContact(story), 'a seeded contact');
      const started = Date.now();
      const note = await story.runtime.run<Item>(create('create_note'), {
        contactId,
        body: 'Called about the renewal',
      });
      return instantFire(
        story,
        'new_note_instant',
        started,
        (item) => item.noteId === note.id,
        (item) => `note "${str(item.body)}" on contact ${str(item.contactId)} (no contact chosen in the Zap)`,
      );
    },
  },
  {
    name: 'instant: New Appointment (any)',
    needs: [hook('new_appointment_instant')],
    run: async (story) => {
      const contactId = need(appointmentContact(story), 'a seeded contact');
      const started = Date.now();
      // Appointments have no write endpoint in the app's catalogue: booked in the sandbox, as a calendar would.
      const event = story.sandbox.store.addAppointment(contactId, {
        calendarId: 'sbxCalendar000000001',
        title: 'Onboarding call',
        status: 'booked',
        appointmentStatus: 'confirmed',
        startTime: Date.now() + 2 * 86_400_000,
        endTime: Date.now() + 2 * 86_400_000 + 1_800_000,
      });
      return instantFire(
        story,
        'new_appointment_instant',
        started,
        (item) => item.appointmentId === event?.id,
        (item) => `"${str(item.title)}" booked for contact ${str(item.contactId)}`,
      );
    },
  },
  {
    name: 'instant: task created + completed',
    needs: [
      hook('new_task_instant'),
      hook('task_completed_instant'),
      create('create_task'),
      create('complete_task'),
    ],
    run: async (story) => {
      const contact = need(story.instantContact, 'the instant contact');
      const started = Date.now();
      const task = await story.runtime.run<Item>(create('create_task'), {
        contactId: contact.id,
        title: 'Send the contract',
        dueDate: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      await story.runtime.run(create('complete_task'), { contactId: contact.id, taskId: task.id });
      const created = await instantFire(
        story,
        'new_task_instant',
        started,
        (item) => item.taskId === task.id,
        () => 'New Task',
      );
      const completed = await instantFire(
        story,
        'task_completed_instant',
        started,
        (item) => item.taskId === task.id,
        () => 'Task Completed (a poll between them would have seen neither)',
      );
      return `${created}; ${completed}`;
    },
  },
  {
    name: 'instant: Contact Deleted',
    needs: [hook('contact_deleted'), create('delete_contact')],
    run: async (story) => {
      const contact = need(story.instantContact, 'the instant contact');
      const started = Date.now();
      await story.runtime.run(create('delete_contact'), { contactId: contact.id });
      return instantFire(
        story,
        'contact_deleted',
        started,
        (item) => item.contactId === contact.id,
        (item) => `${nameOf(item)} deleted (polling cannot see this)`,
      );
    },
  },
  {
    name: 'instant: turn the Zaps off',
    needs: INSTANT_TRIGGERS.map(([key]) => hook(key)),
    run: async (story) => {
      for (const zap of story.hooks.values()) await story.zapier.turnOff(zap);
      const fires = story.zapier.fires.length;
      const gone = await nativeFetch(need([...story.hooks.values()][0], 'an instant Zap').targetUrl, {
        method: 'POST',
        body: '{}',
      });
      await gone.arrayBuffer();
      return `${story.hooks.size} subscriptions deleted at the relay; ${fires} instant fires in all; a hook URL now answers ${gone.status}`;
    },
  },
];

/** A seeded contact of the demo sub-account with a past appointment (as a user would pick one). */
const appointmentContact = (story: Story): string | undefined => {
  for (const event of story.sandbox.store.appointments.values()) {
    if (event.locationId === story.sandbox.locationId && event.startTime < Date.now()) return event.contactId;
  }
  return undefined;
};

const describeEvents = (events: RuntimeEvent[]): string =>
  events
    .map((event) =>
      event.type === 'refresh'
        ? `↻ ${event.reason === 'rejected' ? '401 →' : 'expiring →'} refreshed${event.ok ? '' : ' (failed)'}, refresh token rotated: ${event.rotated ? 'yes' : 'no'}`
        : `⏳ throttled (${event.delaySeconds} s)${event.retried ? ', retried' : ''}`,
    )
    .join('; ');

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

const main = async (): Promise<number> => {
  const started = Date.now();
  // Unconnected: the story's first step connects through the OAuth pages.
  const rig = await startInstant({ loadApp, sandbox: { seed: SEEDED_CONTACTS }, connected: false });
  const { sandbox, runtime, zapier, app } = rig;
  const local = {
    mark: () => sandbox.requestLog.length,
    requestsSince: (mark: number) => sandbox.requestLog.slice(mark),
    close: () => rig.close(),
  };
  const story: Story = { runtime, sandbox, zapier, hooks: new Map(), pollers: new Map() };
  const secrets = new Set<string>([sandbox.clientSecret]);
  const remember = () => {
    if (!runtime.connected) return;
    const { access_token: access, refresh_token: refresh } = runtime.authData;
    for (const secret of [access, refresh]) if (secret) secrets.add(secret);
  };
  const safe = (text: string) => redactSecrets(text, [...secrets]);

  console.log('HighLevel Contacts for Zapier: demo story');
  console.log(
    `Sandbox  ${sandbox.url}  (sub-account ${sandbox.locationId}, ${SEEDED_CONTACTS} seeded contacts)`,
  );
  console.log(
    `Runtime  zapier-platform-core ${app.platformVersion} via createAppTester, Node ${process.version}`,
  );
  console.log(`Relay    ${rig.relay.url}  (signed webhooks from the sandbox; instant Zaps on ${zapier.url})`);
  console.log('');

  let passed = 0;
  let failed = 0;
  const skipped: string[] = [];
  let totalRequests = 0;
  try {
    for (const [index, step] of STEPS.entries()) {
      const number = String(index + 1).padStart(2, '0');
      const label = step.name.padEnd(38);
      const missing = (step.needs ?? []).filter((needed) => !runtime.has(needed));
      if (missing.length > 0) {
        skipped.push(step.name);
        console.log(
          `–  ${number} ${label}        ·        skipped (not implemented yet): ${missing.join(', ')}`,
        );
        continue;
      }
      const mark = local.mark();
      const events = runtime.events.length;
      const stepStarted = Date.now();
      let status: string;
      let result: string;
      try {
        result = await step.run(story);
        status = '✔';
        passed += 1;
      } catch (error) {
        if (error instanceof Skip) {
          result = error.message;
          status = '–';
          skipped.push(step.name);
        } else {
          result = `FAILED: ${error instanceof Error && !/^\{/.test(error.message) && error.name === 'Error' ? error.message : describeError(error)}`;
          status = '✘';
          failed += 1;
        }
      }
      remember();
      const ms = Date.now() - stepStarted;
      const requests = local.requestsSince(mark).length;
      totalRequests += requests;
      const extra = describeEvents(runtime.events.slice(events));
      const line = clip(`${result}${extra ? `  [${extra}]` : ''}`, RESULT_WIDTH + (extra ? 60 : 0));
      console.log(
        safe(
          `${status}  ${number} ${label} ${String(requests).padStart(2)} req ${String(ms).padStart(5)} ms  ${line}`,
        ),
      );
    }
  } finally {
    await local.close();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log('');
  console.log(
    `${passed}/${STEPS.length} steps passed, ${failed} failed, ${skipped.length} skipped · ${totalRequests} HighLevel requests · ${seconds} s`,
  );
  if (skipped.length > 0) console.log(`Skipped: ${skipped.join('; ')}`);
  return failed > 0 ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Demo could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
