import { SCOPES, type Scope } from '../../lib/scopes';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { client, type Client, type ContactOut } from './helpers';

let sandbox: Sandbox;
let api: Client;
let foreignContactId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 10, rateLimit: { max: 100_000, intervalMs: 10_000 } });
  api = client(sandbox, sandbox.issueTokens().access_token);
  foreignContactId = sandbox.store.createContact(sandbox.otherLocationId, {
    firstName: 'Far',
    email: 'far@example.com',
  }).id;
});
afterAll(() => sandbox.close());

const wrongScope = { statusCode: 401, message: 'The token is not authorized for this scope.' };
const wrongLocation = { statusCode: 403, message: 'The token does not have access to this location' };

describe('scopes (HIGHLEVEL.md §3)', () => {
  // Every row has four entries: jest treats a test function with more parameters than the row as async `done`.
  const cases: Array<[Scope, string, string, unknown]> = [
    ['contacts.readonly', 'POST', '/contacts/search', { locationId: 'LOC', pageLimit: 1 }],
    ['contacts.write', 'POST', '/contacts/', { locationId: 'LOC' }],
    ['locations.readonly', 'GET', '/locations/LOC', undefined],
    ['locations.readonly', 'GET', '/locations/LOC/timezones', undefined],
    ['locations/customFields.readonly', 'GET', '/locations/LOC/customFields?model=contact', undefined],
    ['locations/tags.readonly', 'GET', '/locations/LOC/tags', undefined],
    ['locations/tasks.readonly', 'POST', '/locations/LOC/tasks/search', {}],
    ['users.readonly', 'GET', '/users/?locationId=LOC', undefined],
    ['businesses.readonly', 'GET', '/businesses/?locationId=LOC', undefined],
    ['workflows.readonly', 'GET', '/workflows/?locationId=LOC', undefined],
    ['campaigns.readonly', 'GET', '/campaigns/?locationId=LOC', undefined],
  ];

  it('has a case for every scope the app asks for', () => {
    expect([...new Set(cases.map(([scope]) => scope))].sort()).toEqual([...SCOPES].sort());
  });

  it.each(cases)('%s is needed for %s %s', async (scope, method, rawPath, rawBody) => {
    const path = rawPath.replace('LOC', sandbox.locationId);
    const body = rawBody ? JSON.parse(JSON.stringify(rawBody).replace('LOC', sandbox.locationId)) : undefined;
    const without = client(
      sandbox,
      sandbox.issueTokens({
        scopes: SCOPES.filter((s) => s !== scope),
      }).access_token,
    );
    const denied = await (method === 'GET' ? without.get(path) : without.post(path, body));
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual(wrongScope);

    const allowed = client(sandbox, sandbox.issueTokens({ scopes: [scope] }).access_token);
    const ok = await (method === 'GET' ? allowed.get(path) : allowed.post(path, body));
    expect([200, 201]).toContain(ok.status);
  });

  it('contacts.write does not imply contacts.readonly', async () => {
    const writer = client(sandbox, sandbox.issueTokens({ scopes: ['contacts.write'] }).access_token);
    const created = await writer.post<{ contact: ContactOut }>('/contacts/', {
      locationId: sandbox.locationId,
      firstName: 'W',
    });
    expect(created.status).toBe(201);
    const read = await writer.get(`/contacts/${created.body.contact.id}`);
    expect(read.status).toBe(401);
  });
});

describe('location scoping', () => {
  it('403 for another locationId in the path, the query or the body', async () => {
    const other = sandbox.otherLocationId;
    const responses = await Promise.all([
      api.get(`/locations/${other}`),
      api.get(`/locations/${other}/customFields?model=contact`),
      api.get(`/users/?locationId=${other}`),
      api.get(`/contacts/search/duplicate?locationId=${other}&email=far%40example.com`),
      api.post('/contacts/search', { locationId: other, pageLimit: 10 }),
      api.post('/contacts/', { locationId: other, firstName: 'X' }),
      api.post('/contacts/upsert', { locationId: other, email: 'far@example.com' }),
      api.post(`/locations/${other}/tasks/search`, {}),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual(wrongLocation);
    }
  });

  it("403 for another location's contact, its tasks, notes, tags and appointments", async () => {
    const responses = await Promise.all([
      api.get(`/contacts/${foreignContactId}`),
      api.put(`/contacts/${foreignContactId}`, { firstName: 'Mine' }),
      api.delete(`/contacts/${foreignContactId}`),
      api.get(`/contacts/${foreignContactId}/tasks`),
      api.post(`/contacts/${foreignContactId}/notes`, { body: 'hi' }),
      api.post(`/contacts/${foreignContactId}/tags`, { tags: ['x'] }),
      api.get(`/contacts/${foreignContactId}/appointments`),
    ]);
    for (const res of responses) expect(res.status).toBe(403);
    expect(sandbox.store.contact(foreignContactId)?.firstName).toBe('Far');
  });

  it("never leaks another location's contacts through search or duplicate lookup", async () => {
    const search = await api.post<{ contacts: ContactOut[]; total: number }>('/contacts/search', {
      locationId: sandbox.locationId,
      pageLimit: 100,
      filters: [{ field: 'email', operator: 'eq', value: 'far@example.com' }],
    });
    expect(search.body.total).toBe(0);
    const duplicate = await api.get<{ contact: ContactOut | null }>(
      `/contacts/search/duplicate?locationId=${sandbox.locationId}&email=far%40example.com`,
    );
    expect(duplicate.body.contact).toBeNull();
  });
});
