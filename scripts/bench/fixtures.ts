/**
 * Valid inputs for every operation of the app, for the requests-per-operation section. Each operation has
 * one or more cases; a case's `input` is called once per run, so actions that consume their target (delete,
 * remove tags) get a fresh one, made directly in the sandbox's store (no HTTP request, nothing logged).
 * An operation without an entry here shows up in the table as "no fixture": add its cases when it lands.
 */
import { CUSTOM_FIELD_IDS, DEMO_BUSINESS_IDS, DEMO_USER_ID } from '../../sandbox/server';
import type { Sandbox } from './common';

type Store = Sandbox['store'];
type StoredContact = NonNullable<ReturnType<Store['contact']>>;
type Input = Record<string, unknown>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface FixtureContext {
  store: Store;
  locationId: string;
  /** A contact with an email, a phone, the tag `vip`, a custom field, a task, a note and two appointments. */
  subject: StoredContact;
  taskId: string;
  noteId: string;
  /** A new number on every call (unique emails and phones). */
  next(): number;
  /** A new contact in the store (not through the API). */
  freshContact(patch?: Parameters<Store['createContact']>[1]): StoredContact;
}

export interface Case {
  name: string;
  input: (context: FixtureContext) => Input;
  /** Search-or-create only: the create step's input, from the search's (default: the same). */
  create?: (searchInput: Input) => Input;
  /** Fewest requests this case can take; 1 unless said otherwise. */
  minimum?: number;
}

const SUBJECT_EMAIL = 'bench.subject@example.com';
const SUBJECT_PHONE = '+12129000000';

/** Builds the fixture data in a sandbox's store. */
export const fixtureContext = (sandbox: Sandbox): FixtureContext => {
  const { store, locationId } = sandbox;
  const made = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The sandbox store refused to make ${what}.`);
    return value;
  };
  const subject = store.createContact(locationId, {
    firstName: 'Benchmark',
    lastName: 'Subject',
    email: SUBJECT_EMAIL,
    phone: SUBJECT_PHONE,
    companyName: 'Acme Corporation',
    businessId: DEMO_BUSINESS_IDS[0],
    assignedTo: DEMO_USER_ID,
    tags: ['vip'],
    customFields: { [CUSTOM_FIELD_IDS.industry]: 'Software' },
  });
  const now = Date.now();
  const task = made(
    store.createTask(subject.id, {
      title: 'Call back – Benchmark',
      dueDate: now + 2 * DAY_MS,
      completed: false,
    }),
    'a task',
  );
  const note = made(
    store.createNote(subject.id, {
      body: 'Benchmark note: asked for a quote.',
      userId: DEMO_USER_ID,
      pinned: false,
    }),
    'a note',
  );
  for (const offset of [-2 * DAY_MS, 2 * DAY_MS]) {
    const start = Math.floor((now + offset) / HOUR_MS) * HOUR_MS;
    made(
      store.addAppointment(subject.id, {
        calendarId: 'sbxCalendar000000001',
        title: 'Product Demo with Benchmark Subject',
        status: 'confirmed',
        appointmentStatus: 'confirmed',
        assignedUserId: DEMO_USER_ID,
        startTime: start,
        endTime: start + HOUR_MS / 2,
      }),
      'an appointment',
    );
  }
  let counter = 0;
  return {
    store,
    locationId,
    subject,
    taskId: task.id,
    noteId: note.id,
    next: () => (counter += 1),
    freshContact: (patch = {}) =>
      store.createContact(locationId, { firstName: 'Fresh', lastName: 'Contact', ...patch }),
  };
};

const email = (n: number) => `bench.${n}@example.org`;
/** 212-9xx-xxxx: valid US numbers no seeded contact uses. */
const e164 = (n: number) => `+12129${String(n).padStart(6, '0')}`;
const national = (n: number) => {
  const digits = String(n).padStart(6, '0');
  return `(212) 9${digits.slice(0, 2)}-${digits.slice(2)}`;
};

/** Cases by `<kind>.<key>` (kind: triggers, creates, searches, searchOrCreates). */
export const FIXTURES: Record<string, Case[]> = {
  'triggers.new_contact': [
    { name: 'every contact', input: () => ({}) },
    { name: 'tag + assigned user', input: () => ({ tag: 'vip', assignedTo: DEMO_USER_ID }) },
  ],
  'triggers.contact_tag_added': [{ name: 'tag vip', input: () => ({ tag: 'vip' }) }],
  'triggers.updated_contact': [
    { name: 'every update', input: () => ({}) },
    {
      name: 'watch email + custom field',
      input: () => ({ watchFields: ['email', `customField.${CUSTOM_FIELD_IDS.industry}`] }),
    },
  ],
  'triggers.new_task': [
    { name: 'sub-account', input: () => ({}) },
    { name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) },
  ],
  'triggers.task_completed': [
    { name: 'sub-account', input: () => ({}) },
    { name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) },
  ],
  'triggers.new_note': [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],
  'triggers.new_appointment': [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],
  // hidden dropdowns
  'triggers.contact_list': [{ name: 'first page', input: () => ({}) }],
  'triggers.user_list': [{ name: 'all', input: () => ({}) }],
  'triggers.tag_list': [{ name: 'all', input: () => ({}) }],
  'triggers.business_list': [{ name: 'all', input: () => ({}) }],
  'triggers.timezone_list': [{ name: 'all', input: () => ({}) }],
  'triggers.task_list': [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],
  'triggers.note_list': [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],

  'creates.create_contact': [
    {
      name: 'E.164 phone',
      input: ({ next }) => {
        const n = next();
        return { firstName: 'Ada', lastName: `Bench ${n}`, email: email(n), phone: e164(n) };
      },
    },
    {
      name: 'national phone',
      input: ({ next }) => {
        const n = next();
        return { firstName: 'Ada', lastName: `Bench ${n}`, email: email(n), phone: national(n) };
      },
    },
  ],
  'creates.update_contact': [
    {
      name: 'rename',
      input: ({ subject, next }) => ({ contactId: subject.id, lastName: `Subject ${next()}` }),
    },
  ],
  'creates.upsert_contact': [
    {
      name: 'new',
      input: ({ next }) => {
        const n = next();
        return { email: email(n), firstName: 'Grace', lastName: `Bench ${n}` };
      },
    },
    { name: 'existing', input: ({ next }) => ({ email: SUBJECT_EMAIL, lastName: `Subject ${next()}` }) },
  ],
  'creates.delete_contact': [
    { name: 'fresh contact', input: ({ freshContact }) => ({ contactId: freshContact().id }) },
  ],
  'creates.add_contact_tags': [
    { name: 'two tags', input: ({ subject }) => ({ contactId: subject.id, tags: ['bench', 'lead'] }) },
  ],
  'creates.remove_contact_tags': [
    {
      name: 'one tag',
      input: ({ freshContact }) => ({
        contactId: freshContact({ tags: ['bench', 'lead'] }).id,
        tags: ['bench'],
      }),
    },
  ],
  'creates.create_task': [
    {
      name: 'with due date',
      input: ({ subject, next }) => ({
        contactId: subject.id,
        title: `Follow up ${next()}`,
        dueDate: new Date(Date.now() + 3 * DAY_MS).toISOString(),
      }),
    },
  ],
  'creates.update_task': [
    {
      name: 'retitle',
      input: ({ subject, taskId, next }) => ({ contactId: subject.id, taskId, title: `Call back ${next()}` }),
    },
  ],
  'creates.complete_task': [
    { name: 'complete', input: ({ subject, taskId }) => ({ contactId: subject.id, taskId }) },
  ],
  'creates.delete_task': [
    {
      name: 'fresh task',
      input: ({ store, subject }) => {
        const task = store.createTask(subject.id, {
          title: 'To delete',
          dueDate: Date.now() + DAY_MS,
          completed: false,
        });
        return { contactId: subject.id, taskId: task?.id };
      },
    },
  ],
  'creates.create_note': [
    { name: 'text', input: ({ subject, next }) => ({ contactId: subject.id, body: `Bench note ${next()}` }) },
  ],
  'creates.update_note': [
    {
      name: 'new text',
      input: ({ subject, noteId, next }) => ({
        contactId: subject.id,
        noteId,
        body: `Edited note ${next()}`,
      }),
    },
  ],

  'searches.find_contact': [
    { name: 'by contact', input: ({ subject }) => ({ contactId: subject.id }) },
    { name: 'by email', input: () => ({ email: SUBJECT_EMAIL }) },
    { name: 'by phone (E.164)', input: () => ({ phone: SUBJECT_PHONE }) },
    { name: 'by name', input: () => ({ query: 'Benchmark Subject' }) },
    { name: 'not found', input: ({ next }) => ({ email: `nobody.${next()}@example.net` }) },
  ],
  'searches.find_contact_in_business': [
    { name: 'business', input: () => ({ businessId: DEMO_BUSINESS_IDS[0] }) },
  ],
  'searches.find_task': [
    { name: 'by task', input: ({ subject, taskId }) => ({ contactId: subject.id, taskId }) },
    { name: 'by title', input: ({ subject }) => ({ contactId: subject.id, title: 'call back' }) },
  ],
  'searches.find_note': [
    { name: 'by note', input: ({ subject, noteId }) => ({ contactId: subject.id, noteId }) },
    { name: 'by text', input: ({ subject }) => ({ contactId: subject.id, text: 'quote' }) },
  ],
  'searches.find_appointment': [
    { name: 'next upcoming', input: ({ subject }) => ({ contactId: subject.id, which: 'next' }) },
    { name: 'latest', input: ({ subject }) => ({ contactId: subject.id, which: 'latest' }) },
  ],

  'searchOrCreates.find_contact': [
    { name: 'found', input: () => ({ email: SUBJECT_EMAIL }), minimum: 1 },
    {
      name: 'not found → create',
      input: ({ next }) => ({ email: email(next()) }),
      create: (searchInput) => ({ ...searchInput, firstName: 'Linus', lastName: 'Bench' }),
      minimum: 2,
    },
  ],
};
