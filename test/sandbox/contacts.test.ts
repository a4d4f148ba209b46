import { CUSTOM_FIELD_IDS, DEMO_BUSINESS_IDS, startSandbox, type Sandbox } from '../../sandbox/server';
import { client, type Client, type ContactOut, type ErrorOut } from './helpers';

let sandbox: Sandbox;
let api: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 30, rateLimit: { max: 100_000, intervalMs: 10_000 } });
  api = client(sandbox, sandbox.issueTokens().access_token);
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.setDuplicateRule(false, ['email', 'phone']));

type ContactRes = { contact: ContactOut };
type UpsertRes = { new: boolean; contact: ContactOut; traceId: string };

let counter = 0;
const unique = (): { email: string; phone: string } => {
  counter += 1;
  return { email: `person${counter}@test.example.com`, phone: `+1646555${String(1000 + counter).slice(-4)}` };
};

const create = (body: Record<string, unknown>) =>
  api.post<ContactRes & ErrorOut>('/contacts/', { locationId: sandbox.locationId, ...body });

describe('create, read, update, delete', () => {
  it('creates (201 {contact}) and reads back in the GET shape', async () => {
    const { email } = unique();
    const created = await create({
      firstName: 'Rosa',
      lastName: 'Parks',
      email: email.toUpperCase(),
      phone: '(646) 555-0199',
      companyName: 'DGS VolMAX',
      address1: '3535 1st St N',
      city: 'Dolomite',
      state: 'AL',
      postalCode: '35061',
      country: 'US',
      timezone: 'America/Chicago',
      tags: ['VIP ', 'newsletter', 'vip'],
      source: 'public api',
      dateOfBirth: '09/25/1990',
      customFields: [{ id: CUSTOM_FIELD_IDS.jobTitle, field_value: 'Owner' }],
    });
    expect(created.status).toBe(201);
    const contact = created.body.contact;
    expect(contact).toMatchObject({
      locationId: sandbox.locationId,
      firstName: 'Rosa',
      lastName: 'Parks',
      name: 'Rosa Parks',
      email: email.toUpperCase(),
      phone: '+16465550199',
      address1: '3535 1st St N',
      tags: ['vip', 'newsletter'],
      dateOfBirth: '1990-09-25T00:00:00.000Z',
      customFields: [{ id: CUSTOM_FIELD_IDS.jobTitle, value: 'Owner' }],
    });
    expect(contact.dateAdded).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(contact.dateUpdated).toBe(contact.dateAdded);

    const read = await api.get<ContactRes>(`/contacts/${contact.id}`);
    expect(read.status).toBe(200);
    expect(read.body.contact).toEqual(contact);
    expect(sandbox.store.contact(contact.id)?.email).toBe(email.toUpperCase());
  });

  it('rejects a duplicate email or phone (location forbids duplicates by default)', async () => {
    const { email, phone } = unique();
    const first = await create({ firstName: 'One', email, phone });
    const byEmail = await create({ firstName: 'Two', email: email.toUpperCase() });
    expect(byEmail.status).toBe(400);
    expect(byEmail.body).toMatchObject({
      statusCode: 400,
      message: 'This location does not allow duplicated contacts.',
      meta: { contactName: 'One', contactId: first.body.contact.id, matchingField: 'email' },
    });
    const byPhone = await create({ firstName: 'Three', phone: phone.replace('+1', '') });
    expect(byPhone.status).toBe(400);
    expect(byPhone.body.meta?.matchingField).toBe('phone');

    sandbox.setDuplicateRule(true);
    expect((await create({ firstName: 'Four', email })).status).toBe(201);
  });

  it('updates (200 {succeded, contact}); tags replace; null clears; companyName is accepted', async () => {
    const created = await create({ firstName: 'Old', lastName: 'Name', tags: ['a', 'b'], city: 'Boston' });
    const before = created.body.contact;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const res = await api.put<{ succeded: boolean; contact: ContactOut }>(`/contacts/${before.id}`, {
      firstName: 'New',
      city: null,
      tags: ['c'],
      companyName: 'Acme',
    });
    expect(res.status).toBe(200);
    expect(res.body.succeded).toBe(true);
    expect(res.body.contact).toMatchObject({
      firstName: 'New',
      lastName: 'Name',
      tags: ['c'],
      companyName: 'Acme',
    });
    expect(res.body.contact.city).toBeUndefined();
    expect(Date.parse(res.body.contact.dateUpdated)).toBeGreaterThan(Date.parse(before.dateUpdated));
    expect(res.body.contact.dateAdded).toBe(before.dateAdded);
  });

  it('refuses an update that would duplicate another contact', async () => {
    const a = unique();
    const b = unique();
    await create({ email: a.email });
    const other = await create({ email: b.email });
    const res = await api.put<ErrorOut>(`/contacts/${other.body.contact.id}`, { email: a.email });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('This location does not allow duplicated contacts.');
    // Re-sending its own email is fine.
    expect((await api.put(`/contacts/${other.body.contact.id}`, { email: b.email })).status).toBe(200);
  });

  it('deletes ({succeded: true}) with its tasks and notes; then it is not found', async () => {
    const created = await create({ firstName: 'Gone' });
    const id = created.body.contact.id;
    await api.post(`/contacts/${id}/tasks`, {
      title: 'T',
      dueDate: '2030-01-01T10:00:00Z',
      completed: false,
    });
    await api.post(`/contacts/${id}/notes`, { body: 'N' });
    const res = await api.delete<{ succeded: boolean }>(`/contacts/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ succeded: true });
    expect((await api.get(`/contacts/${id}`)).status).toBe(400);
    expect([...sandbox.store.tasks.values()].some((t) => t.contactId === id)).toBe(false);
    expect([...sandbox.store.notes.values()].some((n) => n.contactId === id)).toBe(false);
  });
});

describe('custom fields', () => {
  it('writes {id, fieldValue} / {key, field_value} by data type and reads [{id, value}]', async () => {
    const res = await create({
      firstName: 'Custom',
      customFields: [
        { id: CUSTOM_FIELD_IDS.industry, fieldValue: 'software' },
        { key: 'contact.employees', fieldValue: '42' },
        { key: 'annual_budget', field_value: 1250.5 },
        { id: CUSTOM_FIELD_IDS.renewalDate, fieldValue: '2027-03-01' },
        { id: CUSTOM_FIELD_IDS.interests, fieldValue: ['SMS', 'Funnels'] },
        { id: CUSTOM_FIELD_IDS.consentChannels, fieldValue: ['Email'] },
        { id: CUSTOM_FIELD_IDS.preferredMethod, fieldValue: 'Phone' },
        { id: CUSTOM_FIELD_IDS.about, fieldValue: 'Line one\nLine two' },
      ],
    });
    expect(res.status).toBe(201);
    const values = Object.fromEntries(res.body.contact.customFields.map((f) => [f.id, f.value]));
    expect(values).toEqual({
      [CUSTOM_FIELD_IDS.industry]: 'Software',
      [CUSTOM_FIELD_IDS.employees]: 42,
      [CUSTOM_FIELD_IDS.annualBudget]: 1250.5,
      [CUSTOM_FIELD_IDS.renewalDate]: Date.UTC(2027, 2, 1),
      [CUSTOM_FIELD_IDS.interests]: ['SMS', 'Funnels'],
      [CUSTOM_FIELD_IDS.consentChannels]: ['Email'],
      [CUSTOM_FIELD_IDS.preferredMethod]: 'Phone',
      [CUSTOM_FIELD_IDS.about]: 'Line one\nLine two',
    });

    // An update merges by id; an empty value clears the field.
    const updated = await api.put<{ contact: ContactOut }>(`/contacts/${res.body.contact.id}`, {
      customFields: [
        { id: CUSTOM_FIELD_IDS.employees, fieldValue: 43 },
        { id: CUSTOM_FIELD_IDS.about, fieldValue: '' },
      ],
    });
    const after = Object.fromEntries(updated.body.contact.customFields.map((f) => [f.id, f.value]));
    expect(after[CUSTOM_FIELD_IDS.employees]).toBe(43);
    expect(after[CUSTOM_FIELD_IDS.about]).toBeUndefined();
    expect(after[CUSTOM_FIELD_IDS.industry]).toBe('Software');
  });

  it('422 for unknown ids, wrong value types and options outside the picklist', async () => {
    const res = await create({
      customFields: [
        { id: 'noSuchField000000000', fieldValue: 'x' },
        { id: CUSTOM_FIELD_IDS.employees, fieldValue: 'many' },
        { id: CUSTOM_FIELD_IDS.industry, fieldValue: 'Mining' },
        { id: CUSTOM_FIELD_IDS.interests, fieldValue: [1] },
        { id: CUSTOM_FIELD_IDS.renewalDate, fieldValue: 'next week' },
        { id: CUSTOM_FIELD_IDS.jobTitle },
        { id: 'contact.job_title', fieldValue: 'id must be the id' },
      ],
    });
    expect(res.status).toBe(422);
    const messages = res.body.message as string[];
    expect(messages).toHaveLength(7);
    expect(messages[0]).toMatch(/^customFields\.0\.id: custom field noSuchField000000000 does not exist/);
    expect(messages[1]).toMatch(/^customFields\.1\.fieldValue must be a number/);
    expect(messages[2]).toMatch(/^customFields\.2\.fieldValue must be one of the following values: Software/);
    expect(messages[5]).toBe('customFields.5.fieldValue should not be empty');
  });

  it('does not accept a custom field of another location', async () => {
    const res = await create({ customFields: [{ id: CUSTOM_FIELD_IDS.otherLocation, fieldValue: 'blue' }] });
    expect(res.status).toBe(422);
  });
});

describe('upsert', () => {
  it('creates (201, new: true) then updates the same contact (200, new: false)', async () => {
    const { email } = unique();
    const first = await api.post<UpsertRes>('/contacts/upsert', {
      locationId: sandbox.locationId,
      email,
      firstName: 'Up',
    });
    expect(first.status).toBe(201);
    expect(first.body.new).toBe(true);
    expect(typeof first.body.traceId).toBe('string');
    const second = await api.post<UpsertRes>('/contacts/upsert', {
      locationId: sandbox.locationId,
      email: email.toUpperCase(),
      lastName: 'Sert',
    });
    expect(second.status).toBe(200);
    expect(second.body.new).toBe(false);
    expect(second.body.contact).toMatchObject({
      id: first.body.contact.id,
      firstName: 'Up',
      lastName: 'Sert',
    });
  });

  it('matches by phone when no email matches', async () => {
    const { phone } = unique();
    const created = await create({ phone, firstName: 'Phone' });
    const res = await api.post<UpsertRes>('/contacts/upsert', {
      locationId: sandbox.locationId,
      phone,
      email: unique().email,
    });
    expect(res.body.new).toBe(false);
    expect(res.body.contact.id).toBe(created.body.contact.id);
  });

  it('email and phone of two different contacts: updates the email match, ignores the phone (#37)', async () => {
    const a = unique();
    const b = unique();
    const byEmail = await create({ email: a.email, phone: a.phone });
    const byPhone = await create({ email: b.email, phone: b.phone });
    const res = await api.post<UpsertRes>('/contacts/upsert', {
      locationId: sandbox.locationId,
      email: a.email,
      phone: b.phone,
      city: 'Reno',
    });
    expect(res.body.new).toBe(false);
    expect(res.body.contact.id).toBe(byEmail.body.contact.id);
    expect(res.body.contact.phone).toBe(a.phone);
    expect(res.body.contact.city).toBe('Reno');
    expect(sandbox.store.contact(byPhone.body.contact.id)?.city).toBeUndefined();
  });

  it('follows the location priority (phone first)', async () => {
    const a = unique();
    const b = unique();
    await create({ email: a.email });
    const phoneMatch = await create({ phone: b.phone });
    sandbox.setDuplicateRule(false, ['phone', 'email']);
    const res = await api.post<UpsertRes>('/contacts/upsert', {
      locationId: sandbox.locationId,
      email: a.email,
      phone: b.phone,
    });
    expect(res.body.contact.id).toBe(phoneMatch.body.contact.id);
  });

  it('createNewIfDuplicateAllowed creates a new contact only when the location allows duplicates', async () => {
    const { email } = unique();
    const original = await create({ email });
    const ignored = await api.post<UpsertRes>('/contacts/upsert', {
      locationId: sandbox.locationId,
      email,
      createNewIfDuplicateAllowed: true,
    });
    expect(ignored.body.contact.id).toBe(original.body.contact.id);
    sandbox.setDuplicateRule(true);
    const created = await api.post<UpsertRes>('/contacts/upsert', {
      locationId: sandbox.locationId,
      email,
      createNewIfDuplicateAllowed: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.new).toBe(true);
    expect(created.body.contact.id).not.toBe(original.body.contact.id);
  });
});

describe('duplicate search', () => {
  it('finds by email (any case), by URL-encoded number, or answers {contact: null}', async () => {
    const { email, phone } = unique();
    const created = await create({ email, phone });
    const byEmail = await api.get<ContactRes>(
      `/contacts/search/duplicate?locationId=${sandbox.locationId}&email=${encodeURIComponent(email.toUpperCase())}`,
    );
    expect(byEmail.body.contact.id).toBe(created.body.contact.id);
    const byNumber = await api.get<ContactRes>(
      `/contacts/search/duplicate?locationId=${sandbox.locationId}&number=${encodeURIComponent(phone)}`,
    );
    expect(byNumber.body.contact.id).toBe(created.body.contact.id);
    const none = await api.get<{ contact: null }>(
      `/contacts/search/duplicate?locationId=${sandbox.locationId}&email=nobody%40example.com`,
    );
    expect(none.status).toBe(200);
    expect(none.body.contact).toBeNull();
  });

  it('needs locationId and email or number', async () => {
    expect((await api.get('/contacts/search/duplicate?email=a%40b.co')).status).toBe(422);
    const neither = await api.get(`/contacts/search/duplicate?locationId=${sandbox.locationId}`);
    expect(neither.status).toBe(400);
    expect(neither.body.message).toBe('Pass at least one of number, email query parameter');
  });
});

describe('tags', () => {
  it('adds (201 {tags}) without replacing and removes (200 {tags}); both bump dateUpdated', async () => {
    const created = await create({ tags: ['one'] });
    const id = created.body.contact.id;
    const added = await api.post<{ tags: string[] }>(`/contacts/${id}/tags`, {
      tags: ['Two', 'three', 'one'],
    });
    expect(added.status).toBe(201);
    expect(added.body.tags).toEqual(['one', 'two', 'three']);
    expect(sandbox.store.contact(id)?.dateUpdated).toBeGreaterThan(
      Date.parse(created.body.contact.dateUpdated),
    );
    const removed = await api.delete<{ tags: string[] }>(`/contacts/${id}/tags`, {
      tags: ['ONE', 'missing'],
    });
    expect(removed.status).toBe(200);
    expect(removed.body.tags).toEqual(['two', 'three']);
    const locationTags = await api.get<{ tags: Array<{ id: string; name: string }> }>(
      `/locations/${sandbox.locationId}/tags`,
    );
    expect(locationTags.body.tags.map((t) => t.name)).toEqual(
      expect.arrayContaining(['two', 'three', 'vip']),
    );
  });

  it('requires the tags array', async () => {
    const created = await create({});
    const res = await api.post(`/contacts/${created.body.contact.id}/tags`, {});
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['tags should not be empty']);
  });
});

describe('other reads', () => {
  it('GET /contacts/business/:businessId pages the business contacts ({contacts, count})', async () => {
    const businessId = DEMO_BUSINESS_IDS[0];
    const expected = [...sandbox.store.contacts.values()].filter((c) => c.businessId === businessId).length;
    const res = await api.get<{ contacts: ContactOut[]; count: number }>(
      `/contacts/business/${businessId}?locationId=${sandbox.locationId}&limit=2`,
    );
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(expected);
    expect(res.body.contacts.length).toBe(Math.min(2, expected));
    for (const c of res.body.contacts) expect(c.businessId).toBe(businessId);
    const bad = await api.get(`/contacts/business/${businessId}?locationId=${sandbox.locationId}&limit=abc`);
    expect(bad.status).toBe(422);
  });

  it('GET /contacts/:id/appointments answers {events} with offset-less start times', async () => {
    const created = await create({ firstName: 'Meet' });
    sandbox.store.addAppointment(created.body.contact.id, {
      calendarId: 'cal1',
      title: 'Demo',
      status: 'booked',
      appointmentStatus: 'confirmed',
      startTime: Date.UTC(2027, 0, 15, 16, 0),
      endTime: Date.UTC(2027, 0, 15, 16, 30),
    });
    const res = await api.get<{ events: Array<Record<string, unknown>> }>(
      `/contacts/${created.body.contact.id}/appointments`,
    );
    expect(res.status).toBe(200);
    // America/New_York is UTC-5 in January.
    expect(res.body.events).toEqual([
      expect.objectContaining({
        title: 'Demo',
        startTime: '2027-01-15 11:00:00',
        endTime: '2027-01-15 11:30:00',
        appointmentStatus: 'confirmed',
        contactId: created.body.contact.id,
        locationId: sandbox.locationId,
      }),
    ]);
  });

  it('GET /contacts/ (deprecated) lists newest first with startAfter/startAfterId paging', async () => {
    const page1 = await api.get<{
      contacts: ContactOut[];
      count: number;
      meta: { startAfter: number; startAfterId: string };
    }>(`/contacts/?locationId=${sandbox.locationId}&limit=3`);
    expect(page1.status).toBe(200);
    expect(page1.body.contacts).toHaveLength(3);
    expect(page1.body.count).toBe(sandbox.store.index(sandbox.locationId).size);
    const page2 = await api.get<{ contacts: ContactOut[] }>(
      `/contacts/?locationId=${sandbox.locationId}&limit=3&startAfter=${page1.body.meta.startAfter}&startAfterId=${page1.body.meta.startAfterId}`,
    );
    const ids1 = page1.body.contacts.map((c) => c.id);
    for (const c of page2.body.contacts) expect(ids1).not.toContain(c.id);
    expect(Date.parse(page2.body.contacts[0].dateAdded)).toBeLessThanOrEqual(
      Date.parse(page1.body.contacts[2].dateAdded),
    );
    expect((await api.get(`/contacts/?locationId=${sandbox.locationId}&limit=101`)).status).toBe(422);
  });
});
