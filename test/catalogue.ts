/**
 * The operation catalogue: the ONE place a new operation registers what cannot be derived from the app
 * definition, its fixture inputs. Which operations exist is read from the app (`index.ts`: triggers, creates,
 * searches, searchOrCreates); this file only adds, per operation key:
 * - `reliability`: one valid input and the requests it may send, for the nock-based suites (fault matrix,
 *   bad input, secrets, publishing checks: test/reliability/, test/publishing.test.ts);
 * - `bench`: the cases of `npm run bench -- --only=requests`, run against a seeded sandbox
 *   (scripts/bench/requests.ts; the sandbox data they use is built by `fixtureContext`).
 *
 * Its type is derived from the app, so an operation without an entry does not compile (the error names the
 * missing key), and test/layout.test.ts names it too at run time.
 *
 * `requests` are route templates: `:name` is one path segment; `:locationId` must be the connected
 * sub-account, and any other `:name` that is also an input key must carry exactly that input's value.
 * Keep this module free of test-runner imports (no nock, no helpers): the benchmark loads it outside jest.
 */
import type { Bundle } from 'zapier-platform-core';
import type App from '../index';
import type { Case } from '../scripts/bench/fixtures';
import { DEMO_CAMPAIGN_IDS, DEMO_WORKFLOW_IDS } from '../sandbox/automation';
import { CUSTOM_FIELD_IDS, DEMO_BUSINESS_IDS, DEMO_USER_IDS } from '../sandbox/seed';
import { DEMO_USER_ID } from '../sandbox/store';

/** The fixture of the nock-based reliability suites. */
export interface Fixture {
  /** A valid input: the suites' baseline (the fault matrix runs it as is). */
  input: Record<string, unknown>;
  /** Every request the operation may send for ANY input (lookups of customFields/location are always allowed). */
  requests: string[];
  meta?: Partial<Bundle['meta']>;
  /** Body paths where the spec asks for null (bodyProblems allows them). */
  allowNull?: string[];
  /** Outputs any 2xx body as it came (API Request): the fault and secrets suites expect success there. */
  passesBodiesThrough?: boolean;
}

export interface Entry {
  reliability: Fixture;
  bench: Case[];
}

export type Kind = 'triggers' | 'creates' | 'searches' | 'searchOrCreates';
type AppDefinition = typeof App;
type KeysOf<K extends Kind> = keyof NonNullable<AppDefinition[K]> & string;

export interface Catalogue {
  triggers: Record<KeysOf<'triggers'>, Entry>;
  creates: Record<KeysOf<'creates'>, Entry>;
  searches: Record<KeysOf<'searches'>, Entry>;
  /** Reuses the search's and the create's reliability fixtures; only the benchmark runs the pair. */
  searchOrCreates: Record<KeysOf<'searchOrCreates'>, Pick<Entry, 'bench'>>;
}

// Reliability ids: HighLevel-shaped, answered by the fake API whatever they are.
export const CONTACT_ID = 'ocQHyuzHvysMo5N5VsXc';
export const TASK_ID = 'K5d0R7MLGjT7pUZ9cpXn';
export const NOTE_ID = 'hB9T2KpQ3xWmZ1vLc8Ds';
export const USER_ID = 'y0BeYjuRIlDwsDcOHOJo';
export const BUSINESS_ID = '63771dcac1116f0e21de8e12';
export const WORKFLOW_ID = '78559bb3-b920-461e-b010-7b2a2816d2a9';
export const CAMPAIGN_ID = 'mIVALPYuTD7YjUHnFEx4';

const CONTACT_SEARCH = 'POST /contacts/search';
const CONTACT_TASKS = 'GET /contacts/:contactId/tasks';
const LOCATION_TASKS = 'POST /locations/:locationId/tasks/search';
const CONTACT_NOTES = 'GET /contacts/:contactId/notes';

// Benchmark data: the subject contact made by `fixtureContext` (scripts/bench/fixtures.ts).
export const SUBJECT_EMAIL = 'bench.subject@example.com';
export const SUBJECT_PHONE = '+12129000000';
const DAY_MS = 24 * 3_600_000;
const email = (n: number) => `bench.${n}@example.org`;
/** 212-9xx-xxxx: valid US numbers no seeded contact uses. */
const e164 = (n: number) => `+12129${String(n).padStart(6, '0')}`;
const national = (n: number) => {
  const digits = String(n).padStart(6, '0');
  return `(212) 9${digits.slice(0, 2)}-${digits.slice(2)}`;
};

export const CATALOGUE: Catalogue = {
  triggers: {
    new_contact: {
      reliability: { input: { tag: 'vip', assignedTo: USER_ID }, requests: [CONTACT_SEARCH] },
      bench: [
        { name: 'every contact', input: () => ({}) },
        { name: 'tag + assigned user', input: () => ({ tag: 'vip', assignedTo: DEMO_USER_ID }) },
      ],
    },
    contact_tag_added: {
      // A first live poll only notes the baseline and returns nothing (docs/TRIGGERS.md §3): the editor's sample
      // is the run that shows what an item looks like.
      reliability: { input: { tag: 'vip' }, requests: [CONTACT_SEARCH], meta: { isLoadingSample: true } },
      bench: [{ name: 'tag vip', input: () => ({ tag: 'vip' }) }],
    },
    updated_contact: {
      // As above: with Watch Fields, a first live poll only notes the baseline.
      reliability: {
        input: { watchFields: ['email', 'tags'] },
        requests: [CONTACT_SEARCH],
        meta: { isLoadingSample: true },
      },
      bench: [
        { name: 'every update', input: () => ({}) },
        {
          name: 'watch email + custom field',
          input: () => ({ watchFields: ['email', `customField.${CUSTOM_FIELD_IDS.industry}`] }),
        },
      ],
    },
    // A task trigger's first live poll only makes its baseline (docs/TASK_TRIGGERS.md §3): the sample shows items.
    new_task: {
      reliability: {
        input: { assignedTo: USER_ID },
        meta: { isLoadingSample: true },
        requests: [CONTACT_TASKS, LOCATION_TASKS],
      },
      bench: [
        { name: 'sub-account', input: () => ({}) },
        { name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) },
      ],
    },
    task_completed: {
      reliability: {
        input: { contactId: CONTACT_ID },
        meta: { isLoadingSample: true },
        requests: [CONTACT_TASKS, LOCATION_TASKS],
      },
      bench: [
        { name: 'sub-account', input: () => ({}) },
        { name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) },
      ],
    },
    new_note: {
      reliability: { input: { contactId: CONTACT_ID }, requests: [CONTACT_NOTES] },
      bench: [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],
    },
    new_appointment: {
      reliability: { input: { contactId: CONTACT_ID }, requests: ['GET /contacts/:contactId/appointments'] },
      bench: [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],
    },
    contact_list: {
      reliability: { input: {}, requests: [CONTACT_SEARCH] },
      bench: [{ name: 'first page', input: () => ({}) }],
    },
    user_list: {
      reliability: { input: {}, requests: ['GET /users/search', 'GET /users/'] },
      bench: [{ name: 'all', input: () => ({}) }],
    },
    tag_list: {
      reliability: { input: {}, requests: ['GET /locations/:locationId/tags'] },
      bench: [{ name: 'all', input: () => ({}) }],
    },
    business_list: {
      reliability: { input: {}, requests: ['GET /businesses/'] },
      bench: [{ name: 'all', input: () => ({}) }],
    },
    timezone_list: {
      reliability: { input: {}, requests: ['GET /locations/:locationId/timezones'] },
      bench: [{ name: 'all', input: () => ({}) }],
    },
    task_list: {
      reliability: { input: { contactId: CONTACT_ID }, requests: [CONTACT_TASKS] },
      bench: [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],
    },
    note_list: {
      reliability: { input: { contactId: CONTACT_ID }, requests: [CONTACT_NOTES] },
      bench: [{ name: 'one contact', input: ({ subject }) => ({ contactId: subject.id }) }],
    },
    workflow_list: {
      reliability: { input: {}, requests: ['GET /workflows/'] },
      bench: [{ name: 'dropdown', input: () => ({}) }],
    },
    campaign_list: {
      reliability: { input: {}, requests: ['GET /campaigns/'] },
      bench: [{ name: 'dropdown', input: () => ({}) }],
    },
  },
  creates: {
    create_contact: {
      reliability: {
        input: {
          firstName: 'Rosa',
          lastName: 'Diaz',
          email: 'rosa.diaz@example.com',
          phone: '+14155550123',
          tags: ['vip'],
          custom_field__TEXT__cfIndustry01: 'Retail',
        },
        requests: ['POST /contacts/'],
      },
      bench: [
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
    },
    update_contact: {
      reliability: {
        input: { contactId: CONTACT_ID, firstName: 'Rosa', city: 'Brooklyn' },
        requests: ['PUT /contacts/:contactId'],
      },
      bench: [
        {
          name: 'rename',
          input: ({ subject, next }) => ({ contactId: subject.id, lastName: `Subject ${next()}` }),
        },
      ],
    },
    upsert_contact: {
      reliability: {
        input: { email: 'rosa.diaz@example.com', firstName: 'Rosa', phone: '4155550123' },
        requests: ['POST /contacts/upsert', 'POST /contacts/:id/tags'],
      },
      bench: [
        {
          name: 'new',
          input: ({ next }) => {
            const n = next();
            return { email: email(n), firstName: 'Grace', lastName: `Bench ${n}` };
          },
        },
        { name: 'existing', input: ({ next }) => ({ email: SUBJECT_EMAIL, lastName: `Subject ${next()}` }) },
        {
          // The upsert without tags, then the tags added (docs/ACTIONS.md §11).
          name: 'existing, tags added',
          input: ({ next }) => ({ email: SUBJECT_EMAIL, tags: [`bench-${next()}`] }),
          minimum: 2,
        },
        {
          name: 'existing, Replace All Tags',
          input: () => ({ email: SUBJECT_EMAIL, tags: ['vip'], replaceTags: 'true' }),
        },
      ],
    },
    delete_contact: {
      reliability: { input: { contactId: CONTACT_ID }, requests: ['DELETE /contacts/:contactId'] },
      bench: [{ name: 'fresh contact', input: ({ freshContact }) => ({ contactId: freshContact().id }) }],
    },
    add_contact_tags: {
      reliability: {
        input: { contactId: CONTACT_ID, tags: ['vip', 'webinar'] },
        requests: ['POST /contacts/:contactId/tags'],
      },
      bench: [
        { name: 'two tags', input: ({ subject }) => ({ contactId: subject.id, tags: ['bench', 'lead'] }) },
      ],
    },
    remove_contact_tags: {
      reliability: {
        input: { contactId: CONTACT_ID, tags: ['newsletter'] },
        requests: ['DELETE /contacts/:contactId/tags'],
      },
      bench: [
        {
          name: 'one tag',
          input: ({ freshContact }) => ({
            contactId: freshContact({ tags: ['bench', 'lead'] }).id,
            tags: ['bench'],
          }),
        },
      ],
    },
    create_task: {
      reliability: {
        input: {
          contactId: CONTACT_ID,
          title: 'Call back',
          dueDate: '2026-12-31T17:00:00Z',
          assignedTo: USER_ID,
        },
        requests: ['POST /contacts/:contactId/tasks'],
      },
      bench: [
        {
          name: 'with due date',
          input: ({ subject, next }) => ({
            contactId: subject.id,
            title: `Follow up ${next()}`,
            dueDate: new Date(Date.now() + 3 * DAY_MS).toISOString(),
          }),
        },
      ],
    },
    update_task: {
      reliability: {
        input: { contactId: CONTACT_ID, taskId: TASK_ID, title: 'Call back today' },
        requests: ['PUT /contacts/:contactId/tasks/:taskId'],
      },
      bench: [
        {
          name: 'retitle',
          input: ({ subject, taskId, next }) => ({
            contactId: subject.id,
            taskId,
            title: `Call back ${next()}`,
          }),
        },
      ],
    },
    complete_task: {
      reliability: {
        input: { contactId: CONTACT_ID, taskId: TASK_ID },
        requests: ['PUT /contacts/:contactId/tasks/:taskId/completed'],
      },
      bench: [{ name: 'complete', input: ({ subject, taskId }) => ({ contactId: subject.id, taskId }) }],
    },
    delete_task: {
      reliability: {
        input: { contactId: CONTACT_ID, taskId: TASK_ID },
        requests: ['DELETE /contacts/:contactId/tasks/:taskId'],
      },
      bench: [
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
    },
    create_note: {
      reliability: {
        input: { contactId: CONTACT_ID, body: 'Prefers evenings', userId: USER_ID },
        requests: ['POST /contacts/:contactId/notes'],
      },
      bench: [
        {
          name: 'text',
          input: ({ subject, next }) => ({ contactId: subject.id, body: `Bench note ${next()}` }),
        },
      ],
    },
    update_note: {
      reliability: {
        input: { contactId: CONTACT_ID, noteId: NOTE_ID, body: 'Prefers mornings' },
        requests: ['PUT /contacts/:contactId/notes/:noteId'],
      },
      bench: [
        {
          name: 'new text',
          input: ({ subject, noteId, next }) => ({
            contactId: subject.id,
            noteId,
            body: `Edited note ${next()}`,
          }),
        },
      ],
    },
    delete_note: {
      reliability: {
        input: { contactId: CONTACT_ID, noteId: NOTE_ID },
        requests: ['DELETE /contacts/:contactId/notes/:noteId'],
      },
      bench: [
        {
          name: 'a fresh note',
          input: ({ store, subject, next }) => ({
            contactId: subject.id,
            noteId: store.createNote(subject.id, { body: `Note to delete ${next()}`, pinned: false })?.id,
          }),
        },
      ],
    },
    add_contact_to_workflow: {
      reliability: {
        input: { contactId: CONTACT_ID, workflowId: WORKFLOW_ID, eventStartTime: '2026-12-31T17:00:00Z' },
        requests: ['POST /contacts/:contactId/workflow/:workflowId'],
      },
      bench: [
        {
          name: 'with a start time',
          input: ({ subject }) => ({
            contactId: subject.id,
            workflowId: DEMO_WORKFLOW_IDS[0],
            eventStartTime: '2030-01-01T09:00:00Z',
          }),
        },
      ],
    },
    remove_contact_from_workflow: {
      reliability: {
        input: { contactId: CONTACT_ID, workflowId: WORKFLOW_ID },
        requests: ['DELETE /contacts/:contactId/workflow/:workflowId'],
      },
      bench: [
        {
          name: 'one workflow',
          input: ({ subject }) => ({ contactId: subject.id, workflowId: DEMO_WORKFLOW_IDS[0] }),
        },
      ],
    },
    add_contact_to_campaign: {
      reliability: {
        input: { contactId: CONTACT_ID, campaignId: CAMPAIGN_ID },
        requests: ['POST /contacts/:contactId/campaigns/:campaignId'],
      },
      bench: [
        {
          name: 'one campaign',
          input: ({ subject }) => ({ contactId: subject.id, campaignId: DEMO_CAMPAIGN_IDS[0] }),
        },
      ],
    },
    remove_contact_from_campaign: {
      reliability: {
        input: { contactId: CONTACT_ID, campaignId: CAMPAIGN_ID },
        requests: ['DELETE /contacts/:contactId/campaigns/:campaignId'],
      },
      bench: [
        {
          name: 'one campaign',
          input: ({ subject }) => ({ contactId: subject.id, campaignId: DEMO_CAMPAIGN_IDS[0] }),
        },
      ],
    },
    remove_contact_from_all_campaigns: {
      reliability: {
        input: { contactId: CONTACT_ID },
        requests: ['DELETE /contacts/:contactId/campaigns/removeAll'],
      },
      bench: [{ name: 'every campaign', input: ({ subject }) => ({ contactId: subject.id }) }],
    },
    add_contact_followers: {
      reliability: {
        input: { contactId: CONTACT_ID, followers: [USER_ID] },
        requests: ['POST /contacts/:contactId/followers'],
      },
      bench: [
        {
          name: 'two users',
          input: ({ subject }) => ({
            contactId: subject.id,
            followers: [DEMO_USER_IDS[1], DEMO_USER_IDS[2]],
          }),
        },
      ],
    },
    remove_contact_followers: {
      reliability: {
        input: { contactId: CONTACT_ID, followers: [USER_ID] },
        requests: ['DELETE /contacts/:contactId/followers'],
      },
      bench: [
        {
          name: 'one user',
          input: ({ subject }) => ({ contactId: subject.id, followers: [DEMO_USER_IDS[1]] }),
        },
      ],
    },
    add_tags_to_contacts: {
      reliability: {
        input: { contactIds: [CONTACT_ID, NOTE_ID], tags: ['vip'] },
        requests: ['POST /contacts/bulk/tags/update/add'],
      },
      bench: [
        {
          name: 'three contacts',
          input: ({ subject, freshContact }) => ({
            contactIds: [subject.id, freshContact().id, freshContact().id],
            tags: ['bench-bulk'],
          }),
        },
      ],
    },
    remove_tags_from_contacts: {
      reliability: {
        input: { contactIds: [CONTACT_ID], tags: ['newsletter'] },
        requests: ['POST /contacts/bulk/tags/update/remove'],
      },
      bench: [
        {
          name: 'two contacts',
          input: ({ freshContact }) => ({
            contactIds: [freshContact({ tags: ['bench'] }).id, freshContact({ tags: ['bench'] }).id],
            tags: ['bench'],
          }),
        },
      ],
    },
    add_contacts_to_business: {
      reliability: {
        input: { businessId: BUSINESS_ID, contactIds: [CONTACT_ID] },
        requests: ['POST /contacts/bulk/business'],
      },
      bench: [
        {
          name: 'two contacts',
          input: ({ freshContact }) => ({
            businessId: DEMO_BUSINESS_IDS[0],
            contactIds: [freshContact().id, freshContact().id],
          }),
        },
      ],
    },
    remove_contacts_from_business: {
      reliability: {
        input: { contactIds: [CONTACT_ID] },
        requests: ['POST /contacts/bulk/business'],
        allowNull: ['body.businessId'],
      },
      bench: [
        {
          name: 'two contacts',
          input: ({ freshContact }) => ({
            contactIds: [
              freshContact({ businessId: DEMO_BUSINESS_IDS[0] }).id,
              freshContact({ businessId: DEMO_BUSINESS_IDS[0] }).id,
            ],
          }),
        },
      ],
    },
    api_request: {
      reliability: {
        input: { method: 'GET', path: `/contacts/${CONTACT_ID}` },
        requests: ['GET /**', 'POST /**', 'PUT /**', 'PATCH /**', 'DELETE /**'],
        passesBodiesThrough: true,
      },
      bench: [
        {
          name: 'GET a contact',
          input: ({ subject }) => ({ method: 'GET', path: `/contacts/${subject.id}` }),
        },
        {
          name: 'POST a note',
          input: ({ subject, next }) => ({
            method: 'POST',
            path: `/contacts/${subject.id}/notes`,
            body: JSON.stringify({ body: `API note ${next()}` }),
          }),
        },
      ],
    },
  },
  searches: {
    find_contact: {
      reliability: {
        input: { email: 'rosa.diaz@example.com' },
        requests: ['GET /contacts/search/duplicate', 'GET /contacts/:contactId', CONTACT_SEARCH],
      },
      bench: [
        { name: 'by contact', input: ({ subject }) => ({ contactId: subject.id }) },
        { name: 'by email', input: () => ({ email: SUBJECT_EMAIL }) },
        { name: 'by phone (E.164)', input: () => ({ phone: SUBJECT_PHONE }) },
        { name: 'by name', input: () => ({ query: 'Benchmark Subject' }) },
        { name: 'not found', input: ({ next }) => ({ email: `nobody.${next()}@example.net` }) },
      ],
    },
    find_contact_in_business: {
      reliability: {
        input: { businessId: BUSINESS_ID, query: 'Rosa' },
        requests: ['GET /contacts/business/:businessId'],
      },
      bench: [{ name: 'business', input: () => ({ businessId: DEMO_BUSINESS_IDS[0] }) }],
    },
    find_task: {
      reliability: {
        input: { contactId: CONTACT_ID, title: 'call' },
        requests: [CONTACT_TASKS, 'GET /contacts/:contactId/tasks/:taskId'],
      },
      bench: [
        { name: 'by task', input: ({ subject, taskId }) => ({ contactId: subject.id, taskId }) },
        { name: 'by title', input: ({ subject }) => ({ contactId: subject.id, title: 'call back' }) },
      ],
    },
    find_note: {
      reliability: {
        input: { contactId: CONTACT_ID, text: 'evenings' },
        requests: [CONTACT_NOTES, 'GET /contacts/:contactId/notes/:noteId'],
      },
      bench: [
        { name: 'by note', input: ({ subject, noteId }) => ({ contactId: subject.id, noteId }) },
        { name: 'by text', input: ({ subject }) => ({ contactId: subject.id, text: 'quote' }) },
      ],
    },
    find_appointment: {
      reliability: {
        input: { contactId: CONTACT_ID, which: 'latest' },
        requests: ['GET /contacts/:contactId/appointments'],
      },
      bench: [
        { name: 'next upcoming', input: ({ subject }) => ({ contactId: subject.id, which: 'next' }) },
        { name: 'latest', input: ({ subject }) => ({ contactId: subject.id, which: 'latest' }) },
      ],
    },
  },
  searchOrCreates: {
    find_contact: {
      bench: [
        { name: 'found', input: () => ({ email: SUBJECT_EMAIL }), minimum: 1 },
        {
          name: 'not found → create',
          input: ({ next }) => ({ email: email(next()) }),
          create: (searchInput) => ({ ...searchInput, firstName: 'Linus', lastName: 'Bench' }),
          minimum: 2,
        },
      ],
    },
  },
};

/**
 * The instant build's own triggers (RELAY_URL set, triggers/index.ts; docs/INSTANT_TRIGGERS.md). Not part of the
 * default build that the reliability suites and the benchmark run; publishing lint, run with RELAY_URL set, runs
 * their `performList` (the editor's read of real records) with these inputs. No benchmark cases here: their
 * figures are the `instant` bench section's.
 */
export type InstantTriggerKey =
  | 'new_contact_instant'
  | 'contact_tag_added_instant'
  | 'contact_tag_removed'
  | 'updated_contact_instant'
  | 'contact_deleted'
  | 'new_task_instant'
  | 'task_completed_instant'
  | 'new_note_instant'
  | 'new_appointment_instant';

export const INSTANT_CATALOGUE: Record<InstantTriggerKey, Entry> = {
  new_contact_instant: {
    reliability: { input: { tag: 'vip', assignedTo: USER_ID }, requests: [CONTACT_SEARCH] },
    bench: [],
  },
  contact_tag_added_instant: {
    reliability: { input: { tag: 'vip' }, requests: [CONTACT_SEARCH] },
    bench: [],
  },
  contact_tag_removed: { reliability: { input: { tag: 'vip' }, requests: [CONTACT_SEARCH] }, bench: [] },
  updated_contact_instant: {
    reliability: { input: { watchFields: ['email', 'tags'] }, requests: [CONTACT_SEARCH] },
    bench: [],
  },
  contact_deleted: { reliability: { input: {}, requests: [CONTACT_SEARCH] }, bench: [] },
  new_task_instant: {
    reliability: { input: { assignedTo: USER_ID }, requests: [CONTACT_TASKS, LOCATION_TASKS] },
    bench: [],
  },
  task_completed_instant: {
    reliability: { input: { assignedTo: USER_ID }, requests: [CONTACT_TASKS, LOCATION_TASKS] },
    bench: [],
  },
  // Without a contact, the sample reads the notes (appointments) of the most recently updated contacts.
  new_note_instant: {
    reliability: { input: { contactId: CONTACT_ID }, requests: [CONTACT_NOTES, CONTACT_SEARCH] },
    bench: [],
  },
  new_appointment_instant: {
    reliability: {
      input: { contactId: CONTACT_ID },
      requests: ['GET /contacts/:contactId/appointments', CONTACT_SEARCH],
    },
    bench: [],
  },
};

const SINGULAR: Record<Kind, string> = {
  triggers: 'trigger',
  creates: 'create',
  searches: 'search',
  searchOrCreates: 'search-or-create',
};

/** Why an operation of the app has no entry, naming the operation and where to add it. */
export const missingEntryMessage = (kind: Kind, key: string): string =>
  `The ${SINGULAR[kind]} "${key}" has no entry in test/catalogue.ts (CATALOGUE.${kind}.${key}): ` +
  'add its reliability input and its benchmark cases there.';

/** The entry of an operation; throws a message naming the operation when it has none. */
export const entryOf = <K extends Kind>(kind: K, key: string): Catalogue[K][keyof Catalogue[K]] => {
  const entries = CATALOGUE[kind] as Record<string, Catalogue[K][keyof Catalogue[K]]>;
  if (!Object.prototype.hasOwnProperty.call(entries, key)) throw new Error(missingEntryMessage(kind, key));
  return entries[key];
};
