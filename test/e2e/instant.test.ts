/**
 * Instant triggers end to end (docs/HOOKS.md §3): a write in the sandbox → its signed webhook → the real relay
 * process → the delivery to an emulated Zapier hook URL → the app's hook trigger `perform` through the real
 * runtime → one fire, shaped as the trigger's `performList` items. No timing asserts: the figures are the bench's.
 */
import nock from 'nock';
import { startInstant, type Instant } from '../../scripts/lib/instant';
import type { AppDefinition } from '../../scripts/lib/runtime';
import type { HookZap } from '../../scripts/lib/zapierHooks';

jest.setTimeout(120_000);

let rig: Instant;
const zaps: Record<string, HookZap> = {};

const TRIGGERS = [
  'new_contact_instant',
  'contact_tag_added_instant',
  'contact_tag_removed',
  'updated_contact_instant',
  'contact_deleted',
  'new_task_instant',
  'task_completed_instant',
  'new_note_instant',
  'new_appointment_instant',
] as const;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  rig = await startInstant({
    // The app decides at load time whether its hook triggers exist: load it once RELAY_URL is set.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loadApp: () => require('../../index') as AppDefinition,
  });
  for (const trigger of TRIGGERS)
    zaps[trigger] = await rig.zapier.turnOn({ trigger, zapId: `zap-${trigger}` });
});
afterAll(async () => {
  await rig?.close();
});

type Item = Record<string, unknown>;

/** Waits for `count` fires of one Zap after `from` of them, then for stragglers (a duplicate would show). */
const firesOf = async (trigger: (typeof TRIGGERS)[number], from: number, count = 1): Promise<Item[]> => {
  const zap = zaps[trigger];
  await rig.zapier.waitFor(() => zap.fires().length >= from + count, 20_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await rig.zapier.idle();
  return zap
    .fires()
    .slice(from)
    .map((fire) => fire.item);
};

const counts = (): Record<string, number> =>
  Object.fromEntries(TRIGGERS.map((trigger) => [trigger, zaps[trigger].fires().length]));

/** The keys of the trigger's editor sample (`performList`): an instant fire must carry the same. */
const listKeys = async (trigger: string): Promise<string[]> => {
  const items = await rig.runtime.run<Item[]>(
    `triggers.${trigger}.operation.performList`,
    zaps[trigger].inputData,
    { isLoadingSample: true, limit: 3 },
  );
  expect(items.length).toBeGreaterThan(0);
  return Object.keys(items[0]).sort();
};

describe('instant triggers through the sandbox, the relay and the app', () => {
  it('turning Zaps on subscribes each one at the relay', () => {
    for (const trigger of TRIGGERS) {
      expect(zaps[trigger].subscribeData).toEqual(
        expect.objectContaining({ id: expect.stringMatching(/^sub_/), locationId: rig.sandbox.locationId }),
      );
    }
  });

  it('New Contact and Contact Tag Added fire once each for a new contact, with its id and a delivery id', async () => {
    const before = counts();
    const contact = rig.sandbox.store.createContact(rig.sandbox.locationId, {
      firstName: 'Instant',
      lastName: 'Ivy',
      email: 'ivy@example.com',
      tags: ['lead'],
    });
    const [created] = await firesOf('new_contact_instant', before.new_contact_instant);
    expect(created).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(/^dlv_/),
        contactId: contact.id,
        email: 'ivy@example.com',
      }),
    );
    expect(await firesOf('new_contact_instant', before.new_contact_instant)).toHaveLength(1);
    const tagged = await firesOf('contact_tag_added_instant', before.contact_tag_added_instant);
    expect(tagged).toEqual([expect.objectContaining({ contactId: contact.id, tag: 'lead' })]);
    expect(Object.keys(created).sort()).toEqual(await listKeys('new_contact_instant'));
  });

  it('a tag added and then removed fires Contact Tag Added, then Tag Removed from Contact', async () => {
    const contact = rig.sandbox.store.createContact(rig.sandbox.locationId, {
      firstName: 'Tag',
      tags: ['lead'],
    });
    await rig.zapier.waitFor(() =>
      zaps.contact_tag_added_instant.fires().some((f) => f.item.contactId === contact.id),
    );
    const before = counts();
    rig.sandbox.store.addTags(contact.id, ['VIP']);
    const added = await firesOf('contact_tag_added_instant', before.contact_tag_added_instant);
    expect(added).toEqual([expect.objectContaining({ contactId: contact.id, tag: 'vip' })]);
    rig.sandbox.store.removeTags(contact.id, ['vip']);
    const removed = await firesOf('contact_tag_removed', before.contact_tag_removed);
    expect(removed).toEqual([expect.objectContaining({ contactId: contact.id, tag: 'vip' })]);
  });

  it('Updated Contact fires when a field changes, naming it', async () => {
    const contact = rig.sandbox.store.createContact(rig.sandbox.locationId, {
      firstName: 'Upd',
      email: 'upd@example.com',
    });
    await rig.zapier.waitFor(() =>
      zaps.new_contact_instant.fires().some((f) => f.item.contactId === contact.id),
    );
    const before = counts();
    rig.sandbox.store.updateContact(contact.id, { email: 'updated@example.com' });
    const [updated] = await firesOf('updated_contact_instant', before.updated_contact_instant);
    expect(updated).toEqual(
      expect.objectContaining({
        contactId: contact.id,
        email: 'updated@example.com',
        changedFields: ['Email'],
      }),
    );
  });

  it('New Task and Task Completed fire for a task created and completed within a minute (TaskCreate has no contactId)', async () => {
    const contact = rig.sandbox.store.createContact(rig.sandbox.locationId, { firstName: 'Tasky' });
    const before = counts();
    const task = rig.sandbox.store.createTask(contact.id, {
      title: 'Call back',
      body: 'About the quote',
      dueDate: Date.now() + 86_400_000,
      completed: false,
    });
    rig.sandbox.store.updateTask(task?.id ?? '', { completed: true });
    const [created] = await firesOf('new_task_instant', before.new_task_instant);
    const [completed] = await firesOf('task_completed_instant', before.task_completed_instant);
    expect(created).toEqual(
      expect.objectContaining({ taskId: task?.id, title: 'Call back', contactId: contact.id }),
    );
    expect(completed).toEqual(
      expect.objectContaining({ taskId: task?.id, completed: true, contactId: contact.id }),
    );
    expect(created.id).not.toBe(completed.id);
  });

  it('New Note and New Appointment fire for any contact of the sub-account', async () => {
    const [someone] = [...rig.sandbox.store.contacts.values()].filter(
      (candidate) => candidate.locationId === rig.sandbox.locationId,
    );
    const before = counts();
    const note = rig.sandbox.store.createNote(someone.id, { body: 'Met at the fair', pinned: false });
    const appointment = rig.sandbox.store.addAppointment(someone.id, {
      calendarId: 'sbxCalendar000000001',
      title: 'Demo call',
      status: 'booked',
      appointmentStatus: 'confirmed',
      startTime: Date.now() + 2 * 86_400_000,
      endTime: Date.now() + 2 * 86_400_000 + 1_800_000,
    });
    expect(await firesOf('new_note_instant', before.new_note_instant)).toEqual([
      expect.objectContaining({ noteId: note?.id, contactId: someone.id, body: 'Met at the fair' }),
    ]);
    expect(await firesOf('new_appointment_instant', before.new_appointment_instant)).toEqual([
      expect.objectContaining({ appointmentId: appointment?.id, contactId: someone.id, title: 'Demo call' }),
    ]);
  });

  it('Contact Deleted fires for a deleted contact', async () => {
    const contact = rig.sandbox.store.createContact(rig.sandbox.locationId, {
      firstName: 'Gone',
      email: 'gone@example.com',
    });
    const before = counts();
    rig.sandbox.store.deleteContact(contact.id);
    expect(await firesOf('contact_deleted', before.contact_deleted)).toEqual([
      expect.objectContaining({ contactId: contact.id }),
    ]);
  });

  it('a Zap turned off unsubscribes: nothing fires for it any more, while another Zap still does', async () => {
    const second = await rig.zapier.turnOn({ trigger: 'new_contact_instant', zapId: 'zap-second' });
    await rig.zapier.turnOff(second);
    const before = counts();
    const contact = rig.sandbox.store.createContact(rig.sandbox.locationId, { firstName: 'After' });
    const [fired] = await firesOf('new_contact_instant', before.new_contact_instant);
    expect(fired.contactId).toBe(contact.id);
    expect(second.fires()).toEqual([]);
    expect(rig.zapier.requests.filter((request) => request.zapId === 'zap-second')).toEqual([]);
  });
});
