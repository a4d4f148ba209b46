/**
 * The polling triggers end to end against the sandbox, through the Zapier-like runtime and its dedupe
 * (scripts/lib/runtime.ts Poller): the first poll seeds dedupe, a later poll returns only what would fire.
 * Changes are made in the sandbox's store (as if made in HighLevel), the triggers read them over HTTP.
 */
import { SCOPES } from '../../lib/config';
import { CUSTOM_FIELD_IDS } from '../../sandbox/server';
import { ids } from './fixtures';
import { routes, startE2E, type E2E } from './harness';

type Item = Record<string, unknown>;
const DAY = 86_400_000;

describe('polling triggers against the sandbox', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ seed: 120 });
  });
  afterAll(() => e2e.close());

  const store = () => e2e.sandbox.store;
  const location = () => e2e.sandbox.locationId;
  const newContact = (patch: Parameters<E2E['sandbox']['store']['createContact']>[1] = {}) =>
    store().createContact(location(), {
      firstName: 'Gina',
      lastName: 'Linetti',
      email: `gina.${Date.now()}@example.com`,
      ...patch,
    });

  it('New Contact: a created contact fires once, with custom fields by name; a steady poll is one request', async () => {
    const poller = e2e.runtime.poller('new_contact');
    // Turning the Zap on returns the contacts added in the last 3 hours: the seeded ones are older.
    expect(await poller.prime()).toEqual([]);

    const contact = newContact({ customFields: { [CUSTOM_FIELD_IDS.jobTitle]: 'Office Manager' } });
    const { result: fired, requests } = await e2e.counted(() => poller.poll());

    expect(ids(fired)).toEqual([contact.id]);
    expect(fired[0]).toMatchObject({
      firstName: 'Gina',
      lastName: 'Linetti',
      custom_fields__job_title: 'Office Manager',
      url: expect.stringContaining(`/contacts/detail/${contact.id}`),
    });
    // The first contact to show also loads the custom field definitions (then cached).
    expect(routes(requests).filter((route) => route === 'POST /contacts/search')).toHaveLength(1);
    const steady = await e2e.counted(() => poller.poll());
    expect(steady.result).toEqual([]);
    expect(routes(steady.requests)).toEqual(['POST /contacts/search']);
  });

  it('New Contact with a tag filter fires only for contacts with that tag', async () => {
    const poller = e2e.runtime.poller('new_contact', { tag: 'Webinar' });
    await poller.prime();

    newContact({ tags: ['lead'] });
    const tagged = newContact({ tags: ['webinar'] });

    expect(ids(await poller.poll())).toEqual([tagged.id]);
  });

  it('Contact Tag Added: fires once per contact per tag', async () => {
    const poller = e2e.runtime.poller('contact_tag_added', { tag: 'partner' });
    await poller.prime();
    const contact = newContact();

    store().addTags(contact.id, ['partner']);
    const fired = await poller.poll();
    expect(fired.map(({ id, contactId, tag }) => ({ id, contactId, tag }))).toEqual([
      {
        id: `${contact.id}:partner:${store().contact(contact.id)?.dateUpdated}`,
        contactId: contact.id,
        tag: 'partner',
      },
    ]);

    store().updateContact(contact.id, { city: 'Brooklyn' });
    expect(await poller.poll()).toEqual([]);
  });

  it('Updated Contact with Watch Fields: an unchanged watched contact does not fire again', async () => {
    const contact = newContact({ email: 'watch.me@example.com', phone: '+14155550111' });
    const poller = e2e.runtime.poller('updated_contact', {
      watchFields: ['email', `customField.${CUSTOM_FIELD_IDS.jobTitle}`],
    });
    await poller.prime();

    store().updateContact(contact.id, { phone: '+14155550122', city: 'Brooklyn' });
    expect(await poller.poll()).toEqual([]);

    store().updateContact(contact.id, { customFields: { [CUSTOM_FIELD_IDS.jobTitle]: 'Detective' } });
    const fired = await poller.poll();
    expect(fired.map(({ contactId }) => contactId)).toEqual([contact.id]);
    expect(fired[0]).toMatchObject({ custom_fields__job_title: 'Detective' });

    store().updateContact(contact.id, { city: 'Queens' });
    expect(await poller.poll()).toEqual([]);
  });

  it('Updated Contact without Watch Fields fires on every update', async () => {
    const contact = newContact();
    const poller = e2e.runtime.poller('updated_contact');
    await poller.prime();

    store().updateContact(contact.id, { city: 'Brooklyn' });
    expect((await poller.poll()).map(({ contactId }) => contactId)).toEqual([contact.id]);
    store().updateContact(contact.id, { city: 'Queens' });
    expect((await poller.poll()).map(({ contactId }) => contactId)).toEqual([contact.id]);
  });

  it("New Task: a created task fires, for the whole sub-account and for the contact's own trigger", async () => {
    const contact = newContact();
    const everywhere = e2e.runtime.poller('new_task');
    const forContact = e2e.runtime.poller('new_task', { contactId: contact.id });
    await everywhere.prime();
    await forContact.prime();

    const task = store().createTask(contact.id, {
      title: 'Call back',
      dueDate: Date.now() + DAY,
      completed: false,
    });

    for (const poller of [everywhere, forContact]) {
      const fired = await poller.poll();
      expect(ids(fired)).toEqual([task?.id]);
      expect(fired[0]).toMatchObject({ title: 'Call back', contactId: contact.id, completed: false });
      expect(await poller.poll()).toEqual([]);
    }
  });

  it('Task Completed: each completion fires once; an edit does not; reopened and completed again fires again', async () => {
    const contact = newContact();
    const task = store().createTask(contact.id, {
      title: 'Send quote',
      dueDate: Date.now() + DAY,
      completed: false,
    });
    const everywhere = e2e.runtime.poller('task_completed');
    const forContact = e2e.runtime.poller('task_completed', { contactId: contact.id });
    for (const poller of [everywhere, forContact]) {
      await poller.prime();
      expect(await poller.poll()).toEqual([]);
    }

    store().updateTask(task!.id, { completed: true });
    for (const poller of [everywhere, forContact]) {
      const fired = await poller.poll();
      expect(fired.map(({ id, taskId }) => ({ id, taskId }))).toEqual([
        {
          id: expect.stringMatching(new RegExp(`^${task!.id}:completed:[0-9a-f]{8}\\.1$`)),
          taskId: task!.id,
        },
      ]);
    }

    store().updateTask(task!.id, { title: 'Send the quote' });
    for (const poller of [everywhere, forContact]) expect(await poller.poll()).toEqual([]);

    store().updateTask(task!.id, { completed: false });
    for (const poller of [everywhere, forContact]) expect(await poller.poll()).toEqual([]);
    store().updateTask(task!.id, { completed: true });
    for (const poller of [everywhere, forContact]) {
      expect((await poller.poll()).map(({ id }) => String(id).replace(/:[0-9a-f]{8}\./, ':G.'))).toEqual([
        `${task!.id}:completed:G.2`,
      ]);
    }
  });

  it("New Note and New Appointment: a contact's new note and appointment fire", async () => {
    const contact = newContact();
    const notes = e2e.runtime.poller('new_note', { contactId: contact.id });
    const appointments = e2e.runtime.poller('new_appointment', { contactId: contact.id });
    expect(await notes.prime()).toEqual([]);
    expect(await appointments.prime()).toEqual([]);

    const note = store().createNote(contact.id, { body: 'Prefers email', pinned: false });
    const start = Date.now() + DAY;
    const event = store().addAppointment(contact.id, {
      calendarId: 'sbxCalendar000000001',
      title: 'Discovery call',
      status: 'booked',
      appointmentStatus: 'confirmed',
      startTime: start,
      endTime: start + 1_800_000,
    });

    expect(ids(await notes.poll())).toEqual([note?.id]);
    const [booked] = await appointments.poll();
    expect(booked).toMatchObject({ id: event?.id, title: 'Discovery call', contactId: contact.id });
    expect(String(booked.startTime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/);
  });

  it('New Note: an edit never fires, and deleting the newest notes brings no older note into view', async () => {
    const contact = newContact();
    const older = Array.from({ length: 5 }, (_, index) =>
      store().createNote(contact.id, { body: `Older ${index}`, pinned: false }),
    );
    const notes = e2e.runtime.poller('new_note', { contactId: contact.id });
    await notes.prime();

    store().updateNote(older[0]!.id, { body: 'Edited' });
    store().deleteNote(older[4]!.id);
    store().deleteNote(older[3]!.id);
    expect(await notes.poll()).toEqual([]);
    const fresh = store().createNote(contact.id, { body: 'New', pinned: false });
    expect(ids(await notes.poll())).toEqual([fresh?.id]);
  });

  it('loads 3 items as the editor sample', async () => {
    const sample = await e2e.run<Item[]>(
      'triggers.new_contact.operation.perform',
      {},
      { isLoadingSample: true },
    );
    expect(sample).toHaveLength(3);
  });

  describe('dropdowns', () => {
    it('pages contacts 100 at a time and ends with an empty page', async () => {
      const total = store().contacts.size;
      const seen = new Set<string>();
      for (let page = 0; ; page += 1) {
        const choices = await e2e.run<Array<{ id: string; label: string }>>(
          'triggers.contact_list.operation.perform',
          {},
          { page },
        );
        if (choices.length === 0) break;
        for (const choice of choices) {
          expect(seen.has(choice.id)).toBe(false);
          seen.add(choice.id);
          expect(choice.label).not.toBe('');
        }
      }
      expect(seen.size).toBe(total);
    });

    it.each([
      ['tag_list', 'vip'],
      ['user_list', 'sbxDemoUser000000001'],
      ['business_list', 'sbxBusiness000000001'],
      ['timezone_list', 'America/New_York'],
    ])('%s lists %s once and nothing on a further page', async (key, id) => {
      const first = await e2e.run<Array<{ id: string }>>(
        `triggers.${key}.operation.perform`,
        {},
        { page: 0 },
      );
      expect(ids(first)).toContain(id);
      expect(await e2e.run(`triggers.${key}.operation.perform`, {}, { page: 1 })).toEqual([]);
    });

    it("lists a contact's tasks and notes", async () => {
      const contact = newContact();
      const task = store().createTask(contact.id, {
        title: 'Follow up',
        dueDate: Date.now() + DAY,
        completed: false,
      });
      const note = store().createNote(contact.id, { body: 'Met at the fair', pinned: false });

      expect(await e2e.run('triggers.task_list.operation.perform', { contactId: contact.id })).toEqual([
        { id: task?.id, label: expect.stringMatching(/^Follow up \(due \d{4}-\d{2}-\d{2}\)$/) },
      ]);
      expect(await e2e.run('triggers.note_list.operation.perform', { contactId: contact.id })).toEqual([
        { id: note?.id, label: expect.stringMatching(/^Met at the fair \(\d{4}-\d{2}-\d{2}\)$/) },
      ]);
    });
  });
});

describe('a burst of new contacts between two polls', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ seed: 50 });
  });
  afterAll(() => e2e.close());

  it('fires every contact of an import of 250 once: the oldest at once, the rest over the next checks (TRIGGERS.md §10)', async () => {
    const poller = e2e.runtime.poller('new_contact');
    await poller.prime();
    const created = Array.from({ length: 250 }, (_, index) =>
      e2e.sandbox.store.createContact(e2e.sandbox.locationId, { email: `import${index}@example.com` }),
    );

    const { result: first, requests } = await e2e.counted(() => poller.poll());
    // The oldest are released at once (up to 100, fewer when the seeded history used some of the burst); the
    // read stops at the first contact not released yet.
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(100);
    expect(routes(requests).filter((route) => route === 'POST /contacts/search').length).toBeLessThanOrEqual(
      2,
    );

    // Four minutes later (one contact every 1.24 s): the others, each once.
    const real = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => real() + 4 * 60_000);
    try {
      const second = await poller.poll();
      expect(second).toHaveLength(250 - first.length);
      expect(new Set([...ids(first), ...ids(second)])).toEqual(new Set(created.map((contact) => contact.id)));
      expect(await poller.poll()).toEqual([]);
    } finally {
      jest.restoreAllMocks();
    }
  });
});

describe('without the custom-fields permission', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({
      seed: 5,
      scopes: SCOPES.filter((scope) => scope !== 'locations/customFields.readonly'),
    });
  });
  afterAll(() => e2e.close());

  it('still polls, without custom fields', async () => {
    for (const index of [1, 2]) {
      e2e.sandbox.store.createContact(e2e.sandbox.locationId, { email: `new${index}@example.com` });
    }
    const contacts = await e2e.run<Item[]>('triggers.new_contact.operation.perform');
    expect(contacts).toHaveLength(2);
    expect(Object.keys(contacts[0]).filter((key) => key.startsWith('custom_fields__'))).toEqual([]);
  });
});
