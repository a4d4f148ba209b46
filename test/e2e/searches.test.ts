/**
 * Every search end to end against the sandbox, through the Zapier-like runtime: Find Contact (each way,
 * not found, validation), Find Contact in Business, Find Task, Find Note, Find Appointment, and Find or
 * Create Contact both ways. Request counts come from the sandbox's request log.
 */
import { CUSTOM_FIELD_IDS, DEMO_BUSINESS_IDS } from '../../sandbox/server';
import { caught } from '../helpers';
import { ids, ROSA, sandboxPerTest, type Item } from './fixtures';
import { routes, type E2E, type E2EOptions } from './harness';

const FIND_CONTACT = 'searches.find_contact.operation.perform';
const FIND_IN_BUSINESS = 'searches.find_contact_in_business.operation.perform';
const FIND_TASK = 'searches.find_task.operation.perform';
const FIND_NOTE = 'searches.find_note.operation.perform';
const FIND_APPOINTMENT = 'searches.find_appointment.operation.perform';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let e2e: E2E;
const startSandbox = sandboxPerTest();

const start = async (options: E2EOptions = {}) => {
  e2e = await startSandbox(options);
  const { store, locationId } = e2e.sandbox;
  const rosa = store.createContact(locationId, {
    ...ROSA,
    businessId: DEMO_BUSINESS_IDS[0],
    customFields: { [CUSTOM_FIELD_IDS.industry]: 'Retail' },
  });
  const jake = store.createContact(locationId, {
    firstName: 'Jake',
    lastName: 'Peralta',
    email: 'jake.peralta@example.com',
    businessId: DEMO_BUSINESS_IDS[0],
  });
  return { rosa, jake };
};

const customFieldsRoute = () => `GET /locations/${e2e.sandbox.locationId}/customFields`;

describe('Find Contact', () => {
  it('finds by email with the duplicate lookup, custom fields by name; then one request per run', async () => {
    const { rosa } = await start();
    const first = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_CONTACT, { email: ' Rosa.Diaz@Example.com ' }),
    );
    expect(ids(first.result)).toEqual([rosa.id]);
    expect(first.result[0]).toMatchObject({
      firstName: 'Rosa',
      lastName: 'Diaz',
      email: 'rosa.diaz@example.com',
      phone: '+17185550123',
      custom_fields__industry: 'Retail',
      url: expect.stringContaining(`/contacts/detail/${rosa.id}`),
    });
    expect(first.result[0].dateAdded).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    expect(routes(first.requests)).toEqual(['GET /contacts/search/duplicate', customFieldsRoute()]);

    const again = await e2e.counted(() => e2e.run<Item[]>(FIND_CONTACT, { email: 'rosa.diaz@example.com' }));
    expect(ids(again.result)).toEqual([rosa.id]);
    expect(routes(again.requests)).toEqual(['GET /contacts/search/duplicate']);
  });

  it("finds by a national phone number, read in the sub-account's country", async () => {
    const { rosa } = await start();
    const { result, requests } = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_CONTACT, { phone: '(718) 555-0123' }),
    );
    expect(ids(result)).toEqual([rosa.id]);
    expect(routes(requests)).toEqual([
      `GET /locations/${e2e.sandbox.locationId}`,
      'GET /contacts/search/duplicate',
      customFieldsRoute(),
    ]);
  });

  it('finds by email or phone in one lookup (the email first)', async () => {
    const { rosa, jake } = await start();
    const byEmail = await e2e.run<Item[]>(FIND_CONTACT, {
      email: 'jake.peralta@example.com',
      phone: '+17185550123',
    });
    expect(ids(byEmail)).toEqual([jake.id]);
    const byPhone = await e2e.run<Item[]>(FIND_CONTACT, {
      email: 'nobody@example.com',
      phone: '+17185550123',
    });
    expect(ids(byPhone)).toEqual([rosa.id]);
  });

  it('finds a chosen contact ahead of the other fields', async () => {
    const { rosa } = await start();
    const { result, requests } = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_CONTACT, { contactId: rosa.id, email: 'jake.peralta@example.com' }),
    );
    expect(ids(result)).toEqual([rosa.id]);
    expect(routes(requests)).toEqual([`GET /contacts/${rosa.id}`, customFieldsRoute()]);
  });

  it('finds by name or keyword with the contact search', async () => {
    const { rosa } = await start({ seed: 30 });
    const { result, requests } = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_CONTACT, { query: 'Rosa Diaz' }),
    );
    expect(ids(result)).toContain(rosa.id);
    expect(result.length).toBeLessThanOrEqual(10);
    expect(routes(requests)).toEqual(['POST /contacts/search', customFieldsRoute()]);
  });

  it('returns [] when nothing matches, with one request', async () => {
    await start();
    for (const inputData of [
      { email: 'nobody@example.com' },
      { phone: '+14155550199' },
      { query: 'Zzyzx' },
    ]) {
      const { result, requests } = await e2e.counted(() => e2e.run<Item[]>(FIND_CONTACT, inputData));
      expect(result).toEqual([]);
      expect(requests).toHaveLength(1);
    }
  });

  it.each([400, 404] as const)(
    'returns [] for a deleted contact (HighLevel answering %i)',
    async (notFoundStatus) => {
      const { rosa } = await start({ sandbox: { notFoundStatus } });
      e2e.sandbox.store.deleteContact(rosa.id);
      const { result, requests } = await e2e.counted(() =>
        e2e.run<Item[]>(FIND_CONTACT, { contactId: rosa.id }),
      );
      expect(result).toEqual([]);
      expect(requests.map((request) => request.status)).toEqual([notFoundStatus]);
    },
  );

  it('refuses an empty search and bad input before any request', async () => {
    await start();
    for (const [inputData, message] of [
      [{}, 'Fill in at least one of Contact, Email, Phone or Name or Keyword to find a contact.'],
      [{ email: 'rosa@' }, 'Email is not a valid email address (got "rosa@").'],
      [
        { phone: '+1 555' },
        'Phone is not a valid phone number; use the international format, e.g. +14155550123 (got "+1 555").',
      ],
      [
        { contactId: '../x' },
        'Contact must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown (got "../x").',
      ],
    ] as const) {
      const mark = e2e.mark();
      expect(await caught(e2e.run(FIND_CONTACT, inputData))).toMatchObject({
        message,
        code: 'invalid_input',
      });
      expect(e2e.requestsSince(mark)).toEqual([]);
    }
  });
});

describe('Find Contact in Business', () => {
  it("finds the business's contacts, optionally by keyword", async () => {
    const { rosa, jake } = await start();
    const all = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_IN_BUSINESS, { businessId: DEMO_BUSINESS_IDS[0] }),
    );
    expect(ids(all.result).sort()).toEqual([rosa.id, jake.id].sort());
    expect(routes(all.requests)).toEqual([
      `GET /contacts/business/${DEMO_BUSINESS_IDS[0]}`,
      customFieldsRoute(),
    ]);

    const byKeyword = await e2e.run<Item[]>(FIND_IN_BUSINESS, {
      businessId: DEMO_BUSINESS_IDS[0],
      query: 'peralta',
    });
    expect(ids(byKeyword)).toEqual([jake.id]);
    expect(byKeyword[0]).toMatchObject({ businessId: DEMO_BUSINESS_IDS[0], custom_fields__industry: null });
  });

  it('returns [] for a business without matching contacts', async () => {
    await start();
    expect(await e2e.run(FIND_IN_BUSINESS, { businessId: DEMO_BUSINESS_IDS[1], query: 'Zzyzx' })).toEqual([]);
  });

  it('refuses a missing business before any request', async () => {
    await start();
    const mark = e2e.mark();
    expect(await caught(e2e.run(FIND_IN_BUSINESS, { query: 'rosa' }))).toMatchObject({
      message: 'Business is required.',
    });
    expect(e2e.requestsSince(mark)).toEqual([]);
  });
});

describe('Find Task', () => {
  it('finds by title (open first, latest due first) or a chosen task, in one request', async () => {
    const { rosa } = await start();
    const { store } = e2e.sandbox;
    const now = Date.now();
    const task = (title: string, completed: boolean, due: number) =>
      store.createTask(rosa.id, { title, body: 'Details', dueDate: now + due, completed })!;
    const done = task('Call back about the quote', true, 5 * DAY);
    const older = task('Call back about the quote', false, 1 * DAY);
    const newer = task('call BACK about the quote', false, 3 * DAY);
    task('Send the invoice', false, 2 * DAY);

    const { result, requests } = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_TASK, { contactId: rosa.id, title: 'call back' }),
    );
    expect(ids(result)).toEqual([newer.id, older.id, done.id]);
    expect(result[0]).toMatchObject({
      title: 'call BACK about the quote',
      completed: false,
      contactId: rosa.id,
      dueDate: new Date(now + 3 * DAY).toISOString().replace('Z', '+00:00'),
    });
    expect(routes(requests)).toEqual([`GET /contacts/${rosa.id}/tasks`]);

    const chosen = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_TASK, { contactId: rosa.id, taskId: done.id }),
    );
    expect(ids(chosen.result)).toEqual([done.id]);
    expect(routes(chosen.requests)).toEqual([`GET /contacts/${rosa.id}/tasks/${done.id}`]);
  });

  it('returns [] for no match, a deleted task and a deleted contact', async () => {
    const { rosa, jake } = await start();
    const { store } = e2e.sandbox;
    const gone = store.createTask(rosa.id, { title: 'Old', dueDate: Date.now(), completed: false })!;
    store.deleteTask(gone.id);
    expect(await e2e.run(FIND_TASK, { contactId: rosa.id, title: 'invoice' })).toEqual([]);
    expect(await e2e.run(FIND_TASK, { contactId: rosa.id, taskId: gone.id })).toEqual([]);
    store.deleteContact(jake.id);
    expect(await e2e.run(FIND_TASK, { contactId: jake.id, title: 'x' })).toEqual([]);
  });

  it('refuses a search without task or title before any request', async () => {
    const { rosa } = await start();
    const mark = e2e.mark();
    expect(await caught(e2e.run(FIND_TASK, { contactId: rosa.id }))).toMatchObject({
      message: 'Choose a Task or fill in a Title to find a task.',
    });
    expect(e2e.requestsSince(mark)).toEqual([]);
  });
});

describe('Find Note', () => {
  it('finds the newest note containing the text, or a chosen note', async () => {
    const { rosa } = await start();
    const { store } = e2e.sandbox;
    const now = Date.now();
    const older = store.createNote(
      rosa.id,
      { body: 'Asked about the PREMIUM plan.', pinned: false },
      now - 2 * DAY,
    )!;
    const newer = store.createNote(
      rosa.id,
      { body: 'Premium   plan again, call Friday.', pinned: false },
      now - DAY,
    )!;
    store.createNote(rosa.id, { body: 'Left a voicemail.', pinned: false }, now);

    const { result, requests } = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_NOTE, { contactId: rosa.id, text: 'premium plan' }),
    );
    expect(ids(result)).toEqual([newer.id, older.id]);
    expect(result[0]).toMatchObject({ body: 'Premium   plan again, call Friday.', contactId: rosa.id });
    expect(routes(requests)).toEqual([`GET /contacts/${rosa.id}/notes`]);

    const chosen = await e2e.run<Item[]>(FIND_NOTE, { contactId: rosa.id, noteId: older.id });
    expect(ids(chosen)).toEqual([older.id]);
  });

  it('returns [] when no note matches or the note is gone', async () => {
    const { rosa } = await start();
    const { store } = e2e.sandbox;
    const gone = store.createNote(rosa.id, { body: 'Temporary', pinned: false })!;
    store.deleteNote(gone.id);
    expect(await e2e.run(FIND_NOTE, { contactId: rosa.id, text: 'premium' })).toEqual([]);
    expect(await e2e.run(FIND_NOTE, { contactId: rosa.id, noteId: gone.id })).toEqual([]);
  });
});

describe('Find Appointment', () => {
  it('finds the next upcoming and the latest past appointment in the sub-account time zone', async () => {
    const { rosa } = await start();
    const { store } = e2e.sandbox;
    const base = Math.floor(Date.now() / HOUR) * HOUR;
    const add = (offset: number, appointmentStatus: string) =>
      store.addAppointment(rosa.id, {
        calendarId: 'sbxCalendar000000001',
        title: `Call ${appointmentStatus}`,
        status: 'booked',
        appointmentStatus,
        startTime: base + offset,
        endTime: base + offset + HOUR / 2,
      })!;
    const past = add(-2 * DAY, 'showed');
    add(-3 * DAY, 'confirmed');
    add(12 * HOUR, 'cancelled');
    const next = add(DAY, 'confirmed');
    add(3 * DAY, 'new');

    const upcoming = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_APPOINTMENT, { contactId: rosa.id, which: 'next' }),
    );
    expect(upcoming.result[0].id).toBe(next.id);
    expect(upcoming.result).toHaveLength(2);
    const startTime = String(upcoming.result[0].startTime);
    expect(startTime).toMatch(/-0[45]:00$/);
    expect(Date.parse(startTime)).toBe(next.startTime);
    expect(routes(upcoming.requests)).toEqual([
      `GET /contacts/${rosa.id}/appointments`,
      `GET /locations/${e2e.sandbox.locationId}`,
    ]);

    const latest = await e2e.counted(() =>
      e2e.run<Item[]>(FIND_APPOINTMENT, { contactId: rosa.id, which: 'latest' }),
    );
    expect(latest.result[0].id).toBe(past.id);
    expect(routes(latest.requests)).toEqual([`GET /contacts/${rosa.id}/appointments`]);

    const cancelled = await e2e.run<Item[]>(FIND_APPOINTMENT, { contactId: rosa.id, status: 'cancelled' });
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ appointmentStatus: 'cancelled' });
  });

  it('returns [] for a contact without appointments, with one request', async () => {
    const { jake } = await start();
    const { result, requests } = await e2e.counted(() => e2e.run(FIND_APPOINTMENT, { contactId: jake.id }));
    expect(result).toEqual([]);
    expect(routes(requests)).toEqual([`GET /contacts/${jake.id}/appointments`]);
  });
});

describe('Find or Create Contact', () => {
  it('found: returns the existing contact and creates nothing', async () => {
    const { rosa } = await start();
    const { result, requests } = await e2e.counted(() =>
      e2e.runtime.searchOrCreate<Item>(
        'find_contact',
        { email: 'rosa.diaz@example.com' },
        {
          email: 'rosa.diaz@example.com',
          firstName: 'Someone Else',
        },
      ),
    );
    expect(result).toMatchObject({ created: false, result: { id: rosa.id, firstName: 'Rosa' } });
    expect(routes(requests)).not.toContain('POST /contacts/');
  });

  it('not found: creates the contact, which the next run then finds', async () => {
    await start();
    const searchInput = { email: 'amy.santiago@example.com', phone: '+1 718 555 0177' };
    const createInput = { ...searchInput, firstName: 'Amy', lastName: 'Santiago' };
    const first = await e2e.counted(() =>
      e2e.runtime.searchOrCreate<Item>('find_contact', searchInput, createInput),
    );
    expect(first.result.created).toBe(true);
    expect(first.result.result).toMatchObject({
      firstName: 'Amy',
      lastName: 'Santiago',
      email: 'amy.santiago@example.com',
      phone: '+17185550177',
    });
    // The created contact's custom fields are named (docs/ACTIONS.md §10): their definitions, not cached yet.
    expect(routes(first.requests)).toEqual([
      'GET /contacts/search/duplicate',
      'POST /contacts/',
      `GET /locations/${e2e.sandbox.locationId}/customFields`,
    ]);
    const created = e2e.sandbox.store.contact(first.result.result.id);
    expect(created).toMatchObject({ email: 'amy.santiago@example.com', phone: '+17185550177' });

    const second = await e2e.runtime.searchOrCreate<Item>('find_contact', searchInput, createInput);
    expect(second).toMatchObject({ created: false, result: { id: first.result.result.id } });
  });
});
