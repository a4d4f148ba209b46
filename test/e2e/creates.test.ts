/**
 * Every create action end to end against the sandbox, through the Zapier-like runtime: what HighLevel
 * stores, what the step outputs, and that each run is exactly one HighLevel request once the custom field
 * definitions are cached (the first contact action without them reads them: docs/ACTIONS.md §10). The sandbox checks every body against the
 * official DTOs (unknown keys → 422), so a pass also means no key outside the spec was sent.
 */
import { customFieldInputs } from '../../lib/lookups/customFields';
import { CUSTOM_FIELD_IDS, DEMO_USER_IDS } from '../../sandbox/server';
import { caught } from '../helpers';
import { ROSA, sandboxPerTest, type Item } from './fixtures';
import { routes, type E2E, type E2EOptions } from './harness';

const op = (key: string) => `creates.${key}.operation.perform`;

let e2e: E2E;
const startSandbox = sandboxPerTest();

const start = async (options: E2EOptions = {}) => {
  e2e = await startSandbox(options);
  const { store, locationId } = e2e.sandbox;
  const rosa = store.createContact(locationId, { ...ROSA, tags: ['customer', 'vip'] });
  return { rosa, store, locationId };
};

/** One run of an operation and the routes it requested. */
const once = async <T = Item>(key: string, inputData: Record<string, unknown>) => {
  const { result, requests } = await e2e.counted(() => e2e.run<T>(op(key), inputData));
  return { result, routes: routes(requests) };
};

/** An earlier version's custom field key (still read) and the current one (docs/ACTIONS.md §10). */
const key = (dataType: string, id: string) => `custom_field__${dataType}__${id}`;
const fieldKey = (id: string) => `custom_field__${id}`;
const definitions = () => `GET /locations/${e2e.sandbox.locationId}/customFields`;

describe('Create Contact', () => {
  it('stores every field, custom fields under earlier and current keys included, in one write', async () => {
    const { store } = await start();
    const { result, routes: sent } = await once('create_contact', {
      firstName: 'Amy',
      lastName: 'Santiago',
      email: 'Amy.Santiago@Example.com',
      phone: '+1 (415) 555-0199',
      companyName: 'Binders Inc',
      address1: '1 Main St',
      city: 'Brooklyn',
      state: 'NY',
      postalCode: '11201',
      country: 'us',
      website: 'https://binders.example.com',
      timezone: 'America/New_York',
      dateOfBirth: '1985-03-02T00:00:00-05:00',
      source: 'Zapier',
      assignedTo: DEMO_USER_IDS[1],
      dnd: 'false',
      tags: ['lead', 'webinar'],
      [key('SINGLE_OPTIONS', CUSTOM_FIELD_IDS.industry)]: 'Retail',
      [fieldKey(CUSTOM_FIELD_IDS.employees)]: '42',
      [fieldKey(CUSTOM_FIELD_IDS.renewalDate)]: '2027-01-31',
      [key('MULTIPLE_OPTIONS', CUSTOM_FIELD_IDS.interests)]: ['SMS', 'Automation'],
      [key('TEXT', CUSTOM_FIELD_IDS.jobTitle)]: '',
    });
    // No definitions cached yet: read once, before the write, to convert by each field's current type.
    expect(sent).toEqual([definitions(), 'POST /contacts/']);
    expect(result).toMatchObject({
      firstName: 'Amy',
      lastName: 'Santiago',
      email: 'amy.santiago@example.com',
      phone: '+14155550199',
      companyName: 'Binders Inc',
      country: 'US',
      dateOfBirth: '1985-03-02',
      assignedTo: DEMO_USER_IDS[1],
      dnd: false,
      tags: ['lead', 'webinar'],
      url: expect.stringContaining(`/contacts/detail/${result.id}`),
    });
    expect(result).toMatchObject({
      custom_fields__industry: 'Retail',
      custom_fields__employees: 42,
      custom_fields__interests: ['SMS', 'Automation'],
      custom_fields__job_title: null,
    });
    const stored = store.contact(result.id);
    expect(stored?.customFields).toMatchObject({
      [CUSTOM_FIELD_IDS.industry]: 'Retail',
      [CUSTOM_FIELD_IDS.employees]: 42,
      [CUSTOM_FIELD_IDS.interests]: ['SMS', 'Automation'],
    });
    expect(stored?.customFields).not.toHaveProperty(CUSTOM_FIELD_IDS.jobTitle);
  });

  it('offers the custom fields as typed inputs in the editor, then names them in the output', async () => {
    await start();
    const editor = await e2e.counted(() => e2e.run<Array<Record<string, unknown>>>(customFieldInputs));
    expect(routes(editor.requests)).toEqual([`GET /locations/${e2e.sandbox.locationId}/customFields`]);
    expect(editor.result).toContainEqual(
      expect.objectContaining({
        key: fieldKey(CUSTOM_FIELD_IDS.industry),
        label: 'Industry',
        choices: expect.arrayContaining([expect.objectContaining({ value: 'Retail' })]),
      }),
    );
    expect(editor.result).toContainEqual(
      expect.objectContaining({ key: fieldKey(CUSTOM_FIELD_IDS.employees), type: 'number' }),
    );
    const { result, routes: sent } = await once('create_contact', {
      email: 'gina@example.com',
      [fieldKey(CUSTOM_FIELD_IDS.industry)]: 'Software',
    });
    expect(sent).toEqual(['POST /contacts/']);
    expect(result).toMatchObject({ custom_fields__industry: 'Software', custom_fields__employees: null });
  });

  it('reads a national phone number in the sub-account country (one cached location lookup)', async () => {
    await start();
    const first = await once('create_contact', { phone: '(415) 555-0142' });
    expect(first.result.phone).toBe('+14155550142');
    expect(first.routes).toEqual([
      `GET /locations/${e2e.sandbox.locationId}`,
      'POST /contacts/',
      definitions(),
    ]);
    const second = await once('create_contact', { phone: '(415) 555-0143' });
    expect(second.routes).toEqual(['POST /contacts/']);
  });

  it('refuses bad input without sending anything', async () => {
    await start();
    const mark = e2e.mark();
    const noName = await caught(e2e.run(op('create_contact'), { companyName: 'Nobody Inc' }));
    expect(noName.message).toContain('Fill in at least one of First Name, Last Name, Email or Phone');
    const badEmail = await caught(e2e.run(op('create_contact'), { email: 'not-an-email' }));
    expect(badEmail.message).toBe('Email is not a valid email address (got "not-an-email").');
    expect(e2e.requestsSince(mark)).toEqual([]);
  });

  it('never loses a lead: an unreadable optional phone is left out with a warning, a country name becomes its code', async () => {
    const { store } = await start();
    const { result, routes: sent } = await once('create_contact', {
      firstName: 'Gina',
      lastName: 'Linetti',
      email: 'gina@example.com',
      phone: 'call me maybe',
      country: 'United States',
    });
    // A number without + is read in the sub-account's country: one cached lookup first; the custom field
    // definitions (not cached yet) after the write, for the named outputs.
    expect(sent).toEqual([`GET /locations/${e2e.sandbox.locationId}`, 'POST /contacts/', definitions()]);
    expect(result).toMatchObject({
      firstName: 'Gina',
      email: 'gina@example.com',
      phone: null,
      country: 'US',
      warnings: [
        'Phone is not a valid phone number for US; use the international format, e.g. +14155550123 (got "call me maybe"). It was left out; the rest was saved.',
      ],
    });
    expect(store.contact(result.id)).toMatchObject({ firstName: 'Gina', country: 'US' });
  });

  it('names the existing contact and the matching field of a duplicate, and points to the right action', async () => {
    const { rosa } = await start();
    const error = await caught(e2e.run(op('create_contact'), { email: 'rosa.diaz@example.com' }));
    expect(error.code).toBe('duplicate_contact');
    expect(error.message).toMatch(
      new RegExp(
        `^HighLevel already has a contact with this email: "Rosa Diaz" \\(contact ID ${rosa.id}\\), and this sub-account does not allow duplicates\\. To change that contact, use Update Contact with its ID, or use Create or Update Contact, which updates the existing contact instead of creating a new one\\. \\(HighLevel trace ID: `,
      ),
    );
    expect(error.message).not.toMatch(/https?:/);
  });
});

describe('Update Contact', () => {
  it('changes only the filled fields and leaves the tags alone', async () => {
    const { rosa, store } = await start();
    const { result, routes: sent } = await once('update_contact', {
      contactId: rosa.id,
      city: 'Queens',
      [key('TEXT', CUSTOM_FIELD_IDS.jobTitle)]: 'Detective',
    });
    expect(sent).toEqual([definitions(), `PUT /contacts/${rosa.id}`]);
    expect(result).toMatchObject({
      id: rosa.id,
      city: 'Queens',
      email: 'rosa.diaz@example.com',
      tags: ['customer', 'vip'],
    });
    expect(store.contact(rosa.id)).toMatchObject({
      city: 'Queens',
      companyName: 'Acme Corporation',
      tags: ['customer', 'vip'],
      customFields: { [CUSTOM_FIELD_IDS.jobTitle]: 'Detective' },
    });
  });

  it('replaces all tags when asked, and clears them with an empty list', async () => {
    const { rosa, store } = await start();
    await once('update_contact', { contactId: rosa.id, replaceTags: 'true', tags: ['partner'] });
    expect(store.contact(rosa.id)?.tags).toEqual(['partner']);
    await once('update_contact', { contactId: rosa.id, replaceTags: 'true', tags: [] });
    expect(store.contact(rosa.id)?.tags).toEqual([]);
  });

  it('empties the fields chosen in "Clear These Fields" and keeps the others, in one write', async () => {
    const { store, locationId } = await start();
    const amy = store.createContact(locationId, {
      firstName: 'Amy',
      email: 'amy@example.com',
      phone: '+17185550199',
      city: 'Brooklyn',
      postalCode: '11201',
      source: 'Website form',
      dateOfBirth: '1990-05-14',
      assignedTo: DEMO_USER_IDS[0],
      website: 'https://example.com',
    });
    const { result, routes: sent } = await once('update_contact', {
      contactId: amy.id,
      state: 'NY',
      clearFields: ['email', 'city', 'postalCode', 'source', 'dateOfBirth', 'assignedTo'],
    });
    // One write, after one read: Email is cleared and no identifier filled in, so the step checks that Amy
    // keeps one (docs/ACTIONS_CLEARING.md §2). A first run also reads the custom field definitions once,
    // after the write, to name the outputs.
    expect(sent).toEqual([
      `GET /contacts/${amy.id}`,
      `PUT /contacts/${amy.id}`,
      `GET /locations/${locationId}/customFields`,
    ]);
    const stored = store.contact(amy.id);
    for (const cleared of ['email', 'city', 'postalCode', 'source', 'dateOfBirth', 'assignedTo']) {
      expect(stored).not.toHaveProperty(cleared);
    }
    expect(stored).toMatchObject({
      firstName: 'Amy',
      phone: '+17185550199',
      state: 'NY',
      website: 'https://example.com',
    });
    expect(result).toMatchObject({ id: amy.id, state: 'NY', phone: '+17185550199' });
    expect(store.contactsWithEmail(locationId, 'amy@example.com')).toEqual([]);
  });

  it('refuses a field both filled in and chosen to clear, before any request', async () => {
    const { rosa, store } = await start();
    const mark = e2e.mark();
    const error = await caught(
      e2e.run(op('update_contact'), { contactId: rosa.id, city: 'Queens', clearFields: ['city', 'email'] }),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('City: filled in and also chosen in Clear These Fields'),
    });
    expect(e2e.requestsSince(mark)).toEqual([]);
    expect(store.contact(rosa.id)).toMatchObject({ email: 'rosa.diaz@example.com' });
  });

  it('refuses tags alone without "Replace All Tags" before any request: nothing else to update', async () => {
    const { rosa } = await start();
    const mark = e2e.mark();
    const error = await caught(e2e.run(op('update_contact'), { contactId: rosa.id, tags: ['vip'] }));
    expect(error.message).toBe(
      'Nothing to update: fill in at least one field of the contact. Tags: not used, because Replace All Tags is No (set it to Yes to replace the tags, or use Add Tags to Contact to add them).',
    );
    expect(e2e.requestsSince(mark)).toEqual([]);
  });

  it('says plainly that an unknown contact was not found', async () => {
    await start({ sandbox: { notFoundStatus: 404 } });
    const error = await caught(
      e2e.run(op('update_contact'), { contactId: 'missingContact0001', city: 'Queens' }),
    );
    expect(error).toMatchObject({
      code: 'not_found',
      message: 'The contact "missingContact0001" was not found in this sub-account.',
    });
  });
});

describe('Create or Update Contact', () => {
  it('creates a new contact, then updates the same one (matched by email)', async () => {
    const { store } = await start();
    const created = await once('upsert_contact', { email: 'charles@example.com', firstName: 'Charles' });
    expect(created.routes).toEqual(['POST /contacts/upsert', definitions()]);
    expect(created.result).toMatchObject({ isNew: true, firstName: 'Charles' });
    const updated = await once('upsert_contact', {
      email: 'Charles@Example.com',
      lastName: 'Boyle',
      companyName: 'Boyle Family Farms',
    });
    // Steady state: the definitions come from the cache, one request per run.
    expect(updated.routes).toEqual(['POST /contacts/upsert']);
    expect(updated.result).toMatchObject({ isNew: false, id: created.result.id, lastName: 'Boyle' });
    expect(store.contact(created.result.id)).toMatchObject({
      firstName: 'Charles',
      lastName: 'Boyle',
      companyName: 'Boyle Family Farms',
    });
  });

  it("adds the tags given to an existing contact's tags (two requests), or replaces them when asked", async () => {
    const { rosa, store } = await start();
    await e2e.run(op('upsert_contact'), { email: rosa.email, firstName: 'Rosa' }); // definitions cached
    const added = await once('upsert_contact', { email: rosa.email, tags: ['webinar'] });
    expect(added.routes).toEqual(['POST /contacts/upsert', `POST /contacts/${rosa.id}/tags`]);
    expect(added.result).toMatchObject({ id: rosa.id, isNew: false, tags: ['customer', 'vip', 'webinar'] });
    expect(store.contact(rosa.id)?.tags).toEqual(['customer', 'vip', 'webinar']);
    const replaced = await once('upsert_contact', {
      email: rosa.email,
      tags: ['webinar'],
      replaceTags: 'true',
    });
    expect(replaced.routes).toEqual(['POST /contacts/upsert']);
    expect(replaced.result).toMatchObject({ id: rosa.id, tags: ['webinar'] });
    expect(store.contact(rosa.id)?.tags).toEqual(['webinar']);
    const created = await once('upsert_contact', { email: 'gina@example.com', tags: ['lead'] });
    expect(created.routes).toEqual(['POST /contacts/upsert', `POST /contacts/${created.result.id}/tags`]);
    expect(created.result).toMatchObject({ isNew: true, tags: ['lead'] });
  });

  it('updates an existing contact matched by phone', async () => {
    const { rosa } = await start();
    const { result } = await once('upsert_contact', { phone: '+1 718 555 0123', source: 'Webinar' });
    expect(result).toMatchObject({ id: rosa.id, isNew: false, source: 'Webinar' });
  });
});

describe('Delete Contact', () => {
  it('deletes the contact and outputs its id; a second delete fails plainly', async () => {
    const { rosa, store } = await start();
    const { result, routes: sent } = await once('delete_contact', { contactId: rosa.id });
    expect(sent).toEqual([`DELETE /contacts/${rosa.id}`]);
    expect(result).toEqual({ id: rosa.id, deleted: true });
    expect(store.contact(rosa.id)).toBeUndefined();
    const again = await caught(e2e.run(op('delete_contact'), { contactId: rosa.id }));
    expect(again.message).toMatch(/not found/i);
  });
});

describe('Add / Remove Tags', () => {
  it('adds tags keeping the others, then removes some', async () => {
    const { rosa, store } = await start();
    const added = await once('add_contact_tags', { contactId: rosa.id, tags: ['webinar', 'vip'] });
    expect(added.routes).toEqual([`POST /contacts/${rosa.id}/tags`]);
    expect(added.result).toEqual({
      id: rosa.id,
      tags: ['customer', 'vip', 'webinar'],
      addedTags: ['webinar', 'vip'],
    });
    const removed = await once('remove_contact_tags', { contactId: rosa.id, tags: ['customer'] });
    expect(removed.routes).toEqual([`DELETE /contacts/${rosa.id}/tags`]);
    expect(removed.result).toEqual({ id: rosa.id, tags: ['vip', 'webinar'], removedTags: ['customer'] });
    expect(store.contact(rosa.id)?.tags).toEqual(['vip', 'webinar']);
  });
});

describe('Tasks', () => {
  it('creates, updates, completes, reopens and deletes a task, one request each', async () => {
    const { rosa, store } = await start();
    const created = await once('create_task', {
      contactId: rosa.id,
      title: 'Call Rosa',
      dueDate: '2026-12-01T12:00:00-05:00',
      assignedTo: DEMO_USER_IDS[0],
    });
    expect(created.routes).toEqual([`POST /contacts/${rosa.id}/tasks`]);
    expect(created.result).toMatchObject({
      title: 'Call Rosa',
      dueDate: '2026-12-01T17:00:00.000+00:00',
      completed: false,
      contactId: rosa.id,
      assignedTo: DEMO_USER_IDS[0],
    });
    const taskId = created.result.id;

    const updated = await once('update_task', { contactId: rosa.id, taskId, body: 'Ask about the renewal.' });
    expect(updated.routes).toEqual([`PUT /contacts/${rosa.id}/tasks/${taskId}`]);
    expect(updated.result).toMatchObject({ id: taskId, title: 'Call Rosa', body: 'Ask about the renewal.' });

    const completed = await once('complete_task', { contactId: rosa.id, taskId });
    expect(completed.routes).toEqual([`PUT /contacts/${rosa.id}/tasks/${taskId}/completed`]);
    expect(completed.result).toMatchObject({ id: taskId, completed: true });
    const reopened = await once('complete_task', { contactId: rosa.id, taskId, completed: 'false' });
    expect(reopened.result).toMatchObject({ id: taskId, completed: false });

    const deleted = await once('delete_task', { contactId: rosa.id, taskId });
    expect(deleted.routes).toEqual([`DELETE /contacts/${rosa.id}/tasks/${taskId}`]);
    expect(deleted.result).toEqual({ id: taskId, deleted: true, contactId: rosa.id });
    expect(store.tasksFor(rosa.id)).toEqual([]);
  });

  it('says plainly that an unknown task was not found', async () => {
    const { rosa } = await start({ sandbox: { notFoundStatus: 404 } });
    const error = await caught(
      e2e.run(op('complete_task'), { contactId: rosa.id, taskId: 'missingTask000001' }),
    );
    expect(error.message).toBe('The task "missingTask000001" was not found in this sub-account.');
  });
});

describe('Notes', () => {
  it('creates and updates a note, one request each', async () => {
    const { rosa, store } = await start();
    const created = await once('create_note', {
      contactId: rosa.id,
      body: 'Met at the expo.',
      userId: DEMO_USER_IDS[0],
    });
    expect(created.routes).toEqual([`POST /contacts/${rosa.id}/notes`]);
    expect(created.result).toMatchObject({
      body: 'Met at the expo.',
      userId: DEMO_USER_IDS[0],
      contactId: rosa.id,
    });
    const noteId = created.result.id;
    const updated = await once('update_note', {
      contactId: rosa.id,
      noteId,
      body: 'Met at the expo; call in May.',
    });
    expect(updated.routes).toEqual([`PUT /contacts/${rosa.id}/notes/${noteId}`]);
    expect(updated.result).toMatchObject({ id: noteId, body: 'Met at the expo; call in May.' });
    expect(store.notesFor(rosa.id).map((note) => note.body)).toEqual(['Met at the expo; call in May.']);
  });
});
