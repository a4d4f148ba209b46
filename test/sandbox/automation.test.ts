import {
  DEMO_BUSINESS_IDS,
  DEMO_CAMPAIGN_IDS,
  DEMO_USER_IDS,
  DEMO_WORKFLOW_IDS,
  automationOf,
  startSandbox,
  type Sandbox,
} from '../../sandbox/server';
import { client, type Client, type ContactOut, type ErrorOut } from './helpers';

let sandbox: Sandbox;
let api: Client;
let contactId: string;
let otherId: string;
let foreignId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: { max: 100_000, intervalMs: 10_000 } });
  api = client(sandbox, sandbox.issueTokens().access_token);
  const create = async (firstName: string, tags: string[]) =>
    (
      await api.post<{ contact: ContactOut }>('/contacts/', {
        locationId: sandbox.locationId,
        firstName,
        tags,
      })
    ).body.contact.id;
  contactId = await create('Flow', ['lead']);
  otherId = await create('Other', ['lead', 'vip']);
  foreignId = sandbox.store.createContact(sandbox.otherLocationId, { firstName: 'Far' }).id;
});
afterAll(() => sandbox.close());

type Succeded = { succeded: boolean };

describe('GET /workflows/ and /campaigns/ (workflows.json, campaigns.json)', () => {
  it("lists the sub-account's workflows with the spec's fields", async () => {
    const res = await api.get<{ workflows: Array<Record<string, unknown>> }>(
      `/workflows/?locationId=${sandbox.locationId}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.workflows.map((w) => w.id)).toEqual([...DEMO_WORKFLOW_IDS]);
    expect(Object.keys(res.body.workflows[0]).sort()).toEqual(
      ['createdAt', 'id', 'locationId', 'name', 'status', 'updatedAt', 'version'].sort(),
    );
  });

  it('lists campaigns, optionally by status', async () => {
    const all = await api.get<{ campaigns: Array<{ id: string; status: string }> }>(
      `/campaigns/?locationId=${sandbox.locationId}`,
    );
    expect(all.body.campaigns.map((c) => c.id)).toEqual([...DEMO_CAMPAIGN_IDS]);
    const drafts = await api.get<{ campaigns: Array<{ id: string }> }>(
      `/campaigns/?locationId=${sandbox.locationId}&status=draft`,
    );
    expect(drafts.body.campaigns.map((c) => c.id)).toEqual([DEMO_CAMPAIGN_IDS[1]]);
  });

  it('requires locationId (422) and refuses another location (403)', async () => {
    expect((await api.get('/workflows/')).status).toBe(422);
    expect((await api.get(`/campaigns/?locationId=${sandbox.otherLocationId}`)).status).toBe(403);
    expect((await api.get(`/workflows/?locationId=${sandbox.locationId}&extra=1`)).status).toBe(422);
  });
});

describe('a contact in workflows', () => {
  const path = (workflowId: string = DEMO_WORKFLOW_IDS[0]) => `/contacts/${contactId}/workflow/${workflowId}`;

  it('adds (with or without eventStartTime) and removes', async () => {
    const added = await api.post<Succeded>(path(), { eventStartTime: '2030-06-23T03:30:00+01:00' });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ succeded: true });
    expect(automationOf(sandbox.store).enrolments.get(contactId)).toEqual([
      { workflowId: DEMO_WORKFLOW_IDS[0], startsAt: Date.parse('2030-06-23T02:30:00Z') },
    ]);
    expect((await api.post<Succeded>(path(DEMO_WORKFLOW_IDS[1]), {})).body).toEqual({ succeded: true });
    expect((await api.delete<Succeded>(path(), {})).body).toEqual({ succeded: true });
    expect(
      automationOf(sandbox.store)
        .enrolments.get(contactId)
        ?.map((e) => e.workflowId),
    ).toEqual([DEMO_WORKFLOW_IDS[1]]);
  });

  it('validates the body like CreateWorkflowDto', async () => {
    const bad = await api.post<ErrorOut>(path(), { eventStartTime: 'next tuesday' });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toEqual(['eventStartTime must be a valid ISO 8601 date string']);
    const extra = await api.post<ErrorOut>(path(), { workflowId: 'x' });
    expect(extra.status).toBe(422);
    expect(extra.body.message).toEqual(['property workflowId should not exist']);
  });

  it('answers unknown workflows and contacts like unknown records, foreign ones with 403', async () => {
    const unknown = await api.post<ErrorOut>(path('nope'), {});
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('Workflow not found');
    expect((await api.post<ErrorOut>(`/contacts/missing/workflow/${DEMO_WORKFLOW_IDS[0]}`, {})).status).toBe(
      400,
    );
    expect((await api.post(`/contacts/${foreignId}/workflow/${DEMO_WORKFLOW_IDS[0]}`, {})).status).toBe(403);
  });
});

describe('a contact in campaigns', () => {
  const path = (campaignId: string) => `/contacts/${contactId}/campaigns/${campaignId}`;

  it('adds (201), removes one, and removes all', async () => {
    const added = await api.post<Succeded>(path(DEMO_CAMPAIGN_IDS[0]), {});
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ succeded: true });
    await api.post(path(DEMO_CAMPAIGN_IDS[1]), {});
    expect([...(automationOf(sandbox.store).campaignMembers.get(contactId) ?? [])]).toEqual([
      ...DEMO_CAMPAIGN_IDS,
    ]);
    expect((await api.delete<Succeded>(path(DEMO_CAMPAIGN_IDS[0]))).body).toEqual({ succeded: true });
    expect([...(automationOf(sandbox.store).campaignMembers.get(contactId) ?? [])]).toEqual([
      DEMO_CAMPAIGN_IDS[1],
    ]);
    const all = await api.delete<Succeded>(`/contacts/${contactId}/campaigns/removeAll`);
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ succeded: true });
    expect(automationOf(sandbox.store).campaignMembers.has(contactId)).toBe(false);
  });

  it('refuses a body key AddContactToCampaignDto does not list, and unknown campaigns', async () => {
    expect((await api.post(path(DEMO_CAMPAIGN_IDS[0]), { status: 'x' })).status).toBe(422);
    const unknown = await api.post<ErrorOut>(path('nope'), {});
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('Campaign not found');
  });
});

describe('followers', () => {
  const path = () => `/contacts/${contactId}/followers`;

  it('adds (201, followersAdded) and removes (followersRemoved)', async () => {
    const added = await api.post<{ followers: string[]; followersAdded: string[] }>(path(), {
      followers: [DEMO_USER_IDS[1], DEMO_USER_IDS[2]],
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      followers: [DEMO_USER_IDS[1], DEMO_USER_IDS[2]],
      followersAdded: [DEMO_USER_IDS[1], DEMO_USER_IDS[2]],
    });
    const again = await api.post<{ followers: string[]; followersAdded: string[] }>(path(), {
      followers: [DEMO_USER_IDS[1]],
    });
    expect(again.body.followersAdded).toEqual([]);
    const removed = await api.delete<{ followers: string[]; followersRemoved: string[] }>(path(), {
      followers: [DEMO_USER_IDS[1]],
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ followers: [DEMO_USER_IDS[2]], followersRemoved: [DEMO_USER_IDS[1]] });
  });

  it('requires followers (422) and refuses users of other sub-accounts (400)', async () => {
    expect((await api.post(path(), {})).status).toBe(422);
    const unknown = await api.post<ErrorOut>(path(), { followers: ['stranger'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('User not found: stranger');
  });
});

describe('POST /contacts/bulk/tags/update/:type', () => {
  it('adds tags to many contacts and reports each one', async () => {
    const res = await api.post<{ succeded: boolean; errorCount: number; responses: unknown[] }>(
      '/contacts/bulk/tags/update/add',
      {
        contacts: [contactId, otherId, 'bad id!', 'missing0001'],
        tags: ['webinar'],
        locationId: sandbox.locationId,
      },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      succeded: true,
      errorCount: 2,
      responses: [
        {
          contactId,
          message: 'Tags updated',
          type: 'success',
          oldTags: ['lead'],
          tagsAdded: ['webinar'],
          tagsRemoved: [],
        },
        {
          contactId: otherId,
          message: 'Tags updated',
          type: 'success',
          oldTags: ['lead', 'vip'],
          tagsAdded: ['webinar'],
          tagsRemoved: [],
        },
        { contactId: 'bad id!', message: 'contact id is not a valid firebase id', type: 'error' },
        { contactId: 'missing0001', message: 'contact is deleted', type: 'error' },
      ],
    });
  });

  it('removes tags, or all tags with removeAllTags, and reports foreign contacts', async () => {
    const res = await api.post<{ responses: Array<Record<string, unknown>> }>(
      '/contacts/bulk/tags/update/remove',
      {
        contacts: [contactId, foreignId],
        tags: ['webinar'],
        locationId: sandbox.locationId,
      },
    );
    expect(res.body.responses).toEqual([
      expect.objectContaining({ contactId, tagsRemoved: ['webinar'] }),
      { contactId: foreignId, message: 'contact does not belong to location', type: 'error' },
    ]);
    const all = await api.post<{ responses: Array<Record<string, unknown>> }>(
      '/contacts/bulk/tags/update/remove',
      {
        contacts: [otherId],
        tags: [],
        locationId: sandbox.locationId,
        removeAllTags: true,
      },
    );
    expect(all.body.responses[0]).toMatchObject({ tagsRemoved: ['lead', 'vip', 'webinar'] });
  });

  it('refuses another type, removeAllTags with add, missing keys and another location', async () => {
    const body = { contacts: [contactId], tags: ['x'], locationId: sandbox.locationId };
    expect((await api.post('/contacts/bulk/tags/update/replace', body)).status).toBe(400);
    expect((await api.post('/contacts/bulk/tags/update/add', { ...body, removeAllTags: true })).status).toBe(
      400,
    );
    expect((await api.post('/contacts/bulk/tags/update/add', { contacts: [contactId] })).status).toBe(422);
    expect(
      (await api.post('/contacts/bulk/tags/update/add', { ...body, locationId: sandbox.otherLocationId }))
        .status,
    ).toBe(403);
  });
});

describe('POST /contacts/bulk/business', () => {
  it('adds contacts to a business and removes them with businessId null', async () => {
    const added = await api.post<{ success: boolean; ids: string[] }>('/contacts/bulk/business', {
      locationId: sandbox.locationId,
      ids: [contactId, otherId, foreignId, 'missing0001'],
      businessId: DEMO_BUSINESS_IDS[0],
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ success: true, ids: [contactId, otherId] });
    expect(sandbox.store.contact(contactId)?.businessId).toBe(DEMO_BUSINESS_IDS[0]);
    const removed = await api.post<{ success: boolean; ids: string[] }>('/contacts/bulk/business', {
      locationId: sandbox.locationId,
      ids: [contactId],
      businessId: null,
    });
    expect(removed.body).toEqual({ success: true, ids: [contactId] });
    expect(sandbox.store.contact(contactId)?.businessId).toBeUndefined();
  });

  it('requires businessId (null is allowed, absent is not) and a known business', async () => {
    const missing = await api.post<ErrorOut>('/contacts/bulk/business', {
      locationId: sandbox.locationId,
      ids: [contactId],
    });
    expect(missing.status).toBe(422);
    const unknown = await api.post<ErrorOut>('/contacts/bulk/business', {
      locationId: sandbox.locationId,
      ids: [contactId],
      businessId: 'nope',
    });
    expect(unknown.status).toBe(400);
  });
});

describe('GET /users/search (users.json)', () => {
  type Users = { users: Array<{ id: string; firstName: string }>; count: number };

  it("finds the sub-account's users of the token's company, sorted by name", async () => {
    const res = await api.get<Users>(
      `/users/search?companyId=${sandbox.companyId}&locationId=${sandbox.locationId}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.users.map((u) => u.firstName)).toEqual(['Alex', 'Dana', 'Jordan']);
    expect(res.body.count).toBe(3);
    const page = await api.get<Users>(
      `/users/search?companyId=${sandbox.companyId}&locationId=${sandbox.locationId}&limit=1&skip=1&query=a`,
    );
    expect(page.body).toMatchObject({ users: [{ firstName: 'Dana' }], count: 3 });
  });

  it('requires companyId (422) and refuses another company or location (403)', async () => {
    expect((await api.get(`/users/search?locationId=${sandbox.locationId}`)).status).toBe(422);
    expect((await api.get(`/users/search?companyId=other&locationId=${sandbox.locationId}`)).status).toBe(
      403,
    );
    expect(
      (await api.get(`/users/search?companyId=${sandbox.companyId}&locationId=${sandbox.otherLocationId}`))
        .status,
    ).toBe(403);
  });
});
