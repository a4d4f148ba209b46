/**
 * The sandbox data behind the requests-per-operation cases. The cases themselves (valid inputs for every
 * operation) live in the one operation catalogue, test/catalogue.ts (`bench` of each entry). A case's `input`
 * is called once per run, so actions that consume their target (delete, remove tags) get a fresh one, made
 * directly in the sandbox's store (no HTTP request, nothing logged).
 */
import { CUSTOM_FIELD_IDS, DEMO_BUSINESS_IDS, DEMO_USER_ID } from '../../sandbox/server';
import { SUBJECT_EMAIL, SUBJECT_PHONE } from '../../test/catalogue';
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
