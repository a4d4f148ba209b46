import { startSandbox, type Sandbox } from '../../sandbox/server';
import { client, type ContactOut, type SearchOut } from './helpers';

const ANCHOR = Date.UTC(2026, 5, 1);
const YEAR_MS = 366 * 86_400_000;

const snapshot = (sandbox: Sandbox) => ({
  contacts: [...sandbox.store.contacts.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  tasks: [...sandbox.store.tasks.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  notes: [...sandbox.store.notes.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  appointments: [...sandbox.store.appointments.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

describe('deterministic seeding', () => {
  let a: Sandbox;
  let b: Sandbox;

  beforeAll(async () => {
    [a, b] = await Promise.all([
      startSandbox({ seed: 300, seedAnchor: ANCHOR }),
      startSandbox({ seedAnchor: ANCHOR }),
    ]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('gives every sandbox the same data; seed(n) continues the same sequence', () => {
    b.seed(120);
    b.seed(180);
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('generates realistic contacts', () => {
    const contacts = [...a.store.contacts.values()];
    expect(contacts).toHaveLength(300);
    const emails = contacts.flatMap((c) => (c.email ? [c.email] : []));
    const phones = contacts.flatMap((c) => (c.phone ? [c.phone] : []));
    expect(new Set(emails).size).toBe(emails.length);
    expect(new Set(phones).size).toBe(phones.length);
    expect(emails.length).toBeGreaterThan(250);
    for (const phone of phones) expect(phone).toMatch(/^\+1[2-9]\d{9}$/);
    for (const c of contacts) {
      expect(c.id).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(c.dateAdded).toBeLessThan(ANCHOR);
      expect(c.dateAdded).toBeGreaterThan(ANCHOR - YEAR_MS);
      expect(c.dateUpdated).toBeGreaterThanOrEqual(c.dateAdded);
      expect(c.dateUpdated).toBeLessThanOrEqual(ANCHOR);
    }
    expect(contacts.filter((c) => c.tags.length > 0).length).toBeGreaterThan(150);
    expect(contacts.filter((c) => Object.keys(c.customFields).length > 0).length).toBeGreaterThan(150);
    expect(contacts.filter((c) => c.companyName).length).toBeGreaterThan(150);
    expect(a.store.tasks.size).toBeGreaterThan(50);
    expect(a.store.notes.size).toBeGreaterThan(20);
    expect(a.store.appointments.size).toBeGreaterThan(10);
  });
});

describe('the demo sub-account', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('has its name, time zone, country, custom fields, tags, 3 users and 2 businesses', async () => {
    const api = client(sandbox, sandbox.issueTokens().access_token);
    const location = await api.get<{
      location: { id: string; name: string; timezone: string; country: string };
    }>(`/locations/${sandbox.locationId}`);
    expect(location.body.location).toMatchObject({
      id: sandbox.locationId,
      name: 'Demo Sub-Account',
      timezone: 'America/New_York',
      country: 'US',
    });

    type FieldOut = {
      id: string;
      name: string;
      fieldKey: string;
      dataType: string;
      picklistOptions?: string[];
      model: string;
    };
    const fields = await api.get<{ customFields: FieldOut[] }>(
      `/locations/${sandbox.locationId}/customFields?model=contact`,
    );
    const types = fields.body.customFields.map((f) => f.dataType);
    for (const type of [
      'TEXT',
      'LARGE_TEXT',
      'NUMERICAL',
      'MONETORY',
      'DATE',
      'SINGLE_OPTIONS',
      'MULTIPLE_OPTIONS',
      'CHECKBOX',
      'RADIO',
    ]) {
      expect(types).toContain(type);
    }
    const industry = fields.body.customFields.find((f) => f.fieldKey === 'contact.industry');
    expect(industry?.picklistOptions?.length).toBeGreaterThan(2);
    for (const field of fields.body.customFields) {
      expect(field.model).toBe('contact');
      if (['SINGLE_OPTIONS', 'MULTIPLE_OPTIONS', 'CHECKBOX', 'RADIO'].includes(field.dataType)) {
        expect(field.picklistOptions?.length).toBeGreaterThan(1);
      }
    }
    const opportunity = await api.get<{ customFields: FieldOut[] }>(
      `/locations/${sandbox.locationId}/customFields?model=opportunity`,
    );
    expect(opportunity.body.customFields.map((f) => f.model)).toEqual(['opportunity']);
    const everything = await api.get<{ customFields: FieldOut[] }>(
      `/locations/${sandbox.locationId}/customFields`,
    );
    expect(everything.body.customFields).toHaveLength(fields.body.customFields.length + 1);
    expect((await api.get(`/locations/${sandbox.locationId}/customFields?model=deal`)).status).toBe(422);

    const tags = await api.get<{ tags: Array<{ id: string; name: string; locationId: string }> }>(
      `/locations/${sandbox.locationId}/tags`,
    );
    expect(tags.body.tags.length).toBeGreaterThanOrEqual(5);
    const users = await api.get<{ users: Array<{ id: string; name: string; email: string }> }>(
      `/users/?locationId=${sandbox.locationId}`,
    );
    expect(users.body.users).toHaveLength(3);
    expect(users.body.users.map((u) => u.id)).toContain(sandbox.userId);
    const businesses = await api.get<{ businesses: Array<{ id: string; name: string; locationId: string }> }>(
      `/businesses/?locationId=${sandbox.locationId}`,
    );
    expect(businesses.body.businesses).toHaveLength(2);
    const zones = await api.get<{ timezones: string[] }>(`/locations/${sandbox.locationId}/timezones`);
    expect(zones.body.timezones).toContain('America/New_York');
  });
});

describe('scale: 100,000 contacts', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: { max: 100_000, intervalMs: 10_000 } });
  });
  afterAll(() => sandbox.close());

  it('seeds quickly and keeps sorted first pages off the scan path', async () => {
    const started = Date.now();
    sandbox.seed(100_000);
    const seedMs = Date.now() - started;
    // Generous: a few seconds on a quiet machine, more on a busy CI box.
    expect(seedMs).toBeLessThan(60_000);
    expect(sandbox.store.contacts.size).toBe(100_000);

    const api = client(sandbox, sandbox.issueTokens().access_token);
    const bodies = [
      { sort: [{ field: 'dateAdded', direction: 'desc' }] },
      { sort: [{ field: 'dateUpdated', direction: 'desc' }] },
      {
        sort: [{ field: 'dateUpdated', direction: 'desc' }],
        filters: [{ field: 'tags', operator: 'eq', value: 'vip' }],
      },
      {
        sort: [{ field: 'dateAdded', direction: 'desc' }],
        filters: [{ field: 'assignedTo', operator: 'eq', value: sandbox.userId }],
      },
    ];
    // Warm up, then time the indexed queries: each is a page of 100, never a sort of 100k records.
    await api.post('/contacts/search', { locationId: sandbox.locationId, pageLimit: 100 });
    const timings: number[] = [];
    for (const body of bodies) {
      const t0 = Date.now();
      const res = await api.post<SearchOut>('/contacts/search', {
        locationId: sandbox.locationId,
        pageLimit: 100,
        ...body,
      });
      timings.push(Date.now() - t0);
      expect(res.status).toBe(200);
      expect(res.body.contacts).toHaveLength(100);
      expect(res.body.total).toBeGreaterThan(1000);
      const dates = res.body.contacts.map((c: ContactOut) =>
        Date.parse(body.sort[0].field === 'dateAdded' ? c.dateAdded : c.dateUpdated),
      );
      expect([...dates].sort((x, y) => y - x)).toEqual(dates);
    }
    expect(Math.max(...timings)).toBeLessThan(2_000);
  });
});
