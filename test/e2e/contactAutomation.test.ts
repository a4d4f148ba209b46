/**
 * The workflow, campaign, follower, note-deletion, bulk and API Request actions end to end against the
 * sandbox: what the sandbox stores, what the step outputs, and that each run is exactly one request
 * (bodies are checked by the sandbox against the official DTOs, so a pass also means no stray key).
 */
import {
  DEMO_BUSINESS_IDS,
  DEMO_CAMPAIGN_IDS,
  DEMO_USER_IDS,
  DEMO_WORKFLOW_IDS,
  automationOf,
} from '../../sandbox/server';
import { caught } from '../helpers';
import { ROSA, ids, sandboxPerTest, type Item } from './fixtures';
import { routes, type E2E } from './harness';

let e2e: E2E;
const startSandbox = sandboxPerTest();

const start = async () => {
  e2e = await startSandbox();
  const { store, locationId } = e2e.sandbox;
  const rosa = store.createContact(locationId, { ...ROSA, tags: ['customer', 'vip'] });
  const amy = store.createContact(locationId, { firstName: 'Amy', email: 'amy@example.com', tags: ['vip'] });
  return { rosa, amy, store, automation: automationOf(store) };
};

const once = async <T = Item>(
  kind: 'creates' | 'triggers',
  key: string,
  inputData: Record<string, unknown>,
) => {
  const { result, requests } = await e2e.counted(() =>
    e2e.run<T>(`${kind}.${key}.operation.perform`, inputData),
  );
  return { result, routes: routes(requests) };
};

describe('workflows', () => {
  it('the dropdown lists the workflows; a contact is added with a start time and removed', async () => {
    const { rosa, automation } = await start();
    const choices = await once<Item[]>('triggers', 'workflow_list', {});
    expect(choices.routes).toEqual(['GET /workflows/']);
    expect(choices.result).toEqual([
      { id: DEMO_WORKFLOW_IDS[1], label: 'Appointment Reminder' },
      { id: DEMO_WORKFLOW_IDS[0], label: 'New Lead Nurture' },
      { id: DEMO_WORKFLOW_IDS[2], label: 'Win-back (draft)' },
    ]);

    const added = await once('creates', 'add_contact_to_workflow', {
      contactId: rosa.id,
      workflowId: DEMO_WORKFLOW_IDS[1],
      eventStartTime: '2030-06-23T03:30:00+01:00',
    });
    expect(added.routes).toEqual([`POST /contacts/${rosa.id}/workflow/${DEMO_WORKFLOW_IDS[1]}`]);
    expect(added.result).toEqual({
      id: rosa.id,
      contactId: rosa.id,
      workflowId: DEMO_WORKFLOW_IDS[1],
      eventStartTime: '2030-06-23T02:30:00.000+00:00',
      added: true,
    });
    expect(automation.enrolments.get(rosa.id)).toEqual([
      { workflowId: DEMO_WORKFLOW_IDS[1], startsAt: Date.parse('2030-06-23T02:30:00Z') },
    ]);

    const removed = await once('creates', 'remove_contact_from_workflow', {
      contactId: rosa.id,
      workflowId: DEMO_WORKFLOW_IDS[1],
    });
    expect(removed.routes).toEqual([`DELETE /contacts/${rosa.id}/workflow/${DEMO_WORKFLOW_IDS[1]}`]);
    expect(removed.result).toEqual({
      id: rosa.id,
      contactId: rosa.id,
      workflowId: DEMO_WORKFLOW_IDS[1],
      removed: true,
    });
    expect(automation.enrolments.has(rosa.id)).toBe(false);
  });

  it('an unknown workflow is named plainly', async () => {
    const { rosa } = await start();
    const error = await caught(
      e2e.run('creates.add_contact_to_workflow.operation.perform', {
        contactId: rosa.id,
        workflowId: 'gone',
      }),
    );
    expect(error.message).toContain(
      `The contact "${rosa.id}" or workflow "gone" was not found in this sub-account. (HighLevel trace ID: `,
    );
  });
});

describe('campaigns', () => {
  it('the dropdown lists the campaigns; a contact is added, removed, and removed from all', async () => {
    const { rosa, automation } = await start();
    const choices = await once<Item[]>('triggers', 'campaign_list', {});
    expect(choices.routes).toEqual(['GET /campaigns/']);
    expect(ids(choices.result)).toEqual([DEMO_CAMPAIGN_IDS[0], DEMO_CAMPAIGN_IDS[1]]);

    for (const campaignId of DEMO_CAMPAIGN_IDS) {
      const added = await once('creates', 'add_contact_to_campaign', { contactId: rosa.id, campaignId });
      expect(added.routes).toEqual([`POST /contacts/${rosa.id}/campaigns/${campaignId}`]);
      expect(added.result).toEqual({ id: rosa.id, contactId: rosa.id, campaignId, added: true });
    }
    const removed = await once('creates', 'remove_contact_from_campaign', {
      contactId: rosa.id,
      campaignId: DEMO_CAMPAIGN_IDS[0],
    });
    expect(removed.routes).toEqual([`DELETE /contacts/${rosa.id}/campaigns/${DEMO_CAMPAIGN_IDS[0]}`]);
    expect([...(automation.campaignMembers.get(rosa.id) ?? [])]).toEqual([DEMO_CAMPAIGN_IDS[1]]);

    const all = await once('creates', 'remove_contact_from_all_campaigns', { contactId: rosa.id });
    expect(all.routes).toEqual([`DELETE /contacts/${rosa.id}/campaigns/removeAll`]);
    expect(all.result).toEqual({ id: rosa.id, contactId: rosa.id, removedFromAllCampaigns: true });
    expect(automation.campaignMembers.has(rosa.id)).toBe(false);
  });
});

describe('followers', () => {
  it('are added and removed in one request each', async () => {
    const { rosa } = await start();
    const added = await once('creates', 'add_contact_followers', {
      contactId: rosa.id,
      followers: [DEMO_USER_IDS[1], DEMO_USER_IDS[2]],
    });
    expect(added.routes).toEqual([`POST /contacts/${rosa.id}/followers`]);
    expect(added.result).toEqual({
      id: rosa.id,
      followers: [DEMO_USER_IDS[1], DEMO_USER_IDS[2]],
      followersAdded: [DEMO_USER_IDS[1], DEMO_USER_IDS[2]],
    });
    const removed = await once('creates', 'remove_contact_followers', {
      contactId: rosa.id,
      followers: `${DEMO_USER_IDS[1]}`,
    });
    expect(removed.routes).toEqual([`DELETE /contacts/${rosa.id}/followers`]);
    expect(removed.result).toEqual({
      id: rosa.id,
      followers: [DEMO_USER_IDS[2]],
      followersRemoved: [DEMO_USER_IDS[1]],
    });
  });
});

describe('Delete Note', () => {
  it('deletes the note in one request', async () => {
    const { rosa, store } = await start();
    const note = store.createNote(rosa.id, { body: 'Call after 5', pinned: false });
    const { result, routes: sent } = await once('creates', 'delete_note', {
      contactId: rosa.id,
      noteId: note?.id,
    });
    expect(sent).toEqual([`DELETE /contacts/${rosa.id}/notes/${note?.id}`]);
    expect(result).toEqual({ id: note?.id, deleted: true, contactId: rosa.id });
    expect(store.notes.has(note?.id ?? '')).toBe(false);
  });
});

describe('many contacts at once', () => {
  it('adds and removes tags, reporting the contacts it could not update', async () => {
    const { rosa, amy, store } = await start();
    const added = await once('creates', 'add_tags_to_contacts', {
      contactIds: [rosa.id, amy.id, 'gone0000000000000001'],
      tags: ['webinar'],
    });
    expect(added.routes).toEqual(['POST /contacts/bulk/tags/update/add']);
    expect(added.result).toEqual({
      id: expect.stringMatching(/^bulk-[0-9a-f]{16}$/),
      tags: ['webinar'],
      updatedContactIds: [rosa.id, amy.id],
      updatedCount: 2,
      notUpdatedContactIds: ['gone0000000000000001'],
      notUpdatedCount: 1,
      notUpdatedReasons: ['contact is deleted'],
    });
    expect(store.contact(amy.id)?.tags).toEqual(['vip', 'webinar']);

    const removed = await once('creates', 'remove_tags_from_contacts', {
      contactIds: `${rosa.id},${amy.id}`,
      removeAllTags: 'true',
    });
    expect(removed.routes).toEqual(['POST /contacts/bulk/tags/update/remove']);
    expect(removed.result).toMatchObject({ updatedCount: 2, notUpdatedCount: 0 });
    expect(store.contact(rosa.id)?.tags).toEqual([]);
  });

  it('adds contacts to a business and removes them', async () => {
    const { rosa, amy, store } = await start();
    const added = await once('creates', 'add_contacts_to_business', {
      businessId: DEMO_BUSINESS_IDS[0],
      contactIds: [rosa.id, amy.id],
    });
    expect(added.routes).toEqual(['POST /contacts/bulk/business']);
    expect(added.result).toEqual({
      id: expect.stringMatching(/^bulk-[0-9a-f]{16}$/),
      businessId: DEMO_BUSINESS_IDS[0],
      updatedContactIds: [rosa.id, amy.id],
      updatedCount: 2,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    });
    expect(store.contact(amy.id)?.businessId).toBe(DEMO_BUSINESS_IDS[0]);
    const removed = await once('creates', 'remove_contacts_from_business', { contactIds: [amy.id] });
    expect(removed.result).toMatchObject({ businessId: null, updatedContactIds: [amy.id] });
    expect(store.contact(amy.id)?.businessId).toBeUndefined();
  });
});

describe('API Request', () => {
  it('reaches an endpoint no action covers, with the connection, in one request', async () => {
    const { rosa } = await start();
    const { result, routes: sent } = await once<{
      status: number;
      headers: Record<string, string>;
      body: unknown;
    }>('creates', 'api_request', { method: 'GET', path: `/contacts/${rosa.id}/appointments` });
    expect(sent).toEqual([`GET /contacts/${rosa.id}/appointments`]);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ events: [] });
    expect(result.headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
    expect(Object.keys(result.headers).filter((name) => /auth|cookie|token/i.test(name))).toEqual([]);
  });

  it('writes with a JSON body ({locationId} filled in) and maps HighLevel errors', async () => {
    const { store } = await start();
    const { result, routes: sent } = await once<{ status: number; body: { contact: { id: string } } }>(
      'creates',
      'api_request',
      { method: 'POST', path: '/contacts/', body: '{"firstName": "Gina", "locationId": "{locationId}"}' },
    );
    expect(sent).toEqual(['POST /contacts/']);
    expect(result.status).toBe(201);
    expect(store.contact(result.body.contact.id)?.firstName).toBe('Gina');

    const error = await caught(
      e2e.run('creates.api_request.operation.perform', {
        method: 'POST',
        path: '/contacts/',
        body: '{"firstName": "Gina", "locationId": "{locationId}", "nickname": "G"}',
      }),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property nickname should not exist'),
    });
  });
});
