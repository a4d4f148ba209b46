/**
 * One valid input per operation (keyed by operation key) and the requests that operation may send.
 * The reliability suites iterate the app definition; an operation registered there without a fixture here
 * fails them, so nothing is skipped silently.
 *
 * `requests` are route templates: `:name` is one path segment; `:locationId` must be the connected
 * sub-account, and any other `:name` that is also an input key must carry exactly that input's value.
 */
import type { Bundle } from 'zapier-platform-core';
import { LOCATION_ID } from '../helpers';

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

export const CONTACT_ID = 'ocQHyuzHvysMo5N5VsXc';
export const TASK_ID = 'K5d0R7MLGjT7pUZ9cpXn';
export const NOTE_ID = 'hB9T2KpQ3xWmZ1vLc8Ds';
export const USER_ID = 'y0BeYjuRIlDwsDcOHOJo';
export const BUSINESS_ID = '63771dcac1116f0e21de8e12';
export const WORKFLOW_ID = '78559bb3-b920-461e-b010-7b2a2816d2a9';
export const CAMPAIGN_ID = 'mIVALPYuTD7YjUHnFEx4';
export { LOCATION_ID };

const CONTACT_SEARCH = 'POST /contacts/search';
const CONTACT_TASKS = 'GET /contacts/:contactId/tasks';
const LOCATION_TASKS = 'POST /locations/:locationId/tasks/search';
const CONTACT_NOTES = 'GET /contacts/:contactId/notes';

export const FIXTURES: Record<string, Fixture> = {
  // Triggers ------------------------------------------------------------------------------------------
  new_contact: { input: { tag: 'vip', assignedTo: USER_ID }, requests: [CONTACT_SEARCH] },
  contact_tag_added: { input: { tag: 'vip' }, requests: [CONTACT_SEARCH] },
  updated_contact: { input: { watchFields: ['email', 'tags'] }, requests: [CONTACT_SEARCH] },
  new_task: { input: { assignedTo: USER_ID }, requests: [CONTACT_TASKS, LOCATION_TASKS] },
  task_completed: { input: { contactId: CONTACT_ID }, requests: [CONTACT_TASKS, LOCATION_TASKS] },
  new_note: { input: { contactId: CONTACT_ID }, requests: [CONTACT_NOTES] },
  new_appointment: { input: { contactId: CONTACT_ID }, requests: ['GET /contacts/:contactId/appointments'] },
  contact_list: { input: {}, requests: [CONTACT_SEARCH] },
  user_list: { input: {}, requests: ['GET /users/search', 'GET /users/'] },
  tag_list: { input: {}, requests: ['GET /locations/:locationId/tags'] },
  business_list: { input: {}, requests: ['GET /businesses/'] },
  timezone_list: { input: {}, requests: ['GET /locations/:locationId/timezones'] },
  task_list: { input: { contactId: CONTACT_ID }, requests: [CONTACT_TASKS] },
  note_list: { input: { contactId: CONTACT_ID }, requests: [CONTACT_NOTES] },

  // Creates -------------------------------------------------------------------------------------------
  create_contact: {
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
  update_contact: {
    input: { contactId: CONTACT_ID, firstName: 'Rosa', city: 'Brooklyn' },
    requests: ['PUT /contacts/:contactId'],
  },
  upsert_contact: {
    input: { email: 'rosa.diaz@example.com', firstName: 'Rosa', phone: '4155550123' },
    requests: ['POST /contacts/upsert'],
  },
  delete_contact: { input: { contactId: CONTACT_ID }, requests: ['DELETE /contacts/:contactId'] },
  add_contact_tags: {
    input: { contactId: CONTACT_ID, tags: ['vip', 'webinar'] },
    requests: ['POST /contacts/:contactId/tags'],
  },
  remove_contact_tags: {
    input: { contactId: CONTACT_ID, tags: ['newsletter'] },
    requests: ['DELETE /contacts/:contactId/tags'],
  },
  create_task: {
    input: {
      contactId: CONTACT_ID,
      title: 'Call back',
      dueDate: '2026-12-31T17:00:00Z',
      assignedTo: USER_ID,
    },
    requests: ['POST /contacts/:contactId/tasks'],
  },
  update_task: {
    input: { contactId: CONTACT_ID, taskId: TASK_ID, title: 'Call back today' },
    requests: ['PUT /contacts/:contactId/tasks/:taskId'],
  },
  complete_task: {
    input: { contactId: CONTACT_ID, taskId: TASK_ID },
    requests: ['PUT /contacts/:contactId/tasks/:taskId/completed'],
  },
  delete_task: {
    input: { contactId: CONTACT_ID, taskId: TASK_ID },
    requests: ['DELETE /contacts/:contactId/tasks/:taskId'],
  },
  create_note: {
    input: { contactId: CONTACT_ID, body: 'Prefers evenings', userId: USER_ID },
    requests: ['POST /contacts/:contactId/notes'],
  },
  update_note: {
    input: { contactId: CONTACT_ID, noteId: NOTE_ID, body: 'Prefers mornings' },
    requests: ['PUT /contacts/:contactId/notes/:noteId'],
  },

  add_contact_to_workflow: {
    input: { contactId: CONTACT_ID, workflowId: WORKFLOW_ID, eventStartTime: '2026-12-31T17:00:00Z' },
    requests: ['POST /contacts/:contactId/workflow/:workflowId'],
  },
  remove_contact_from_workflow: {
    input: { contactId: CONTACT_ID, workflowId: WORKFLOW_ID },
    requests: ['DELETE /contacts/:contactId/workflow/:workflowId'],
  },
  add_contact_to_campaign: {
    input: { contactId: CONTACT_ID, campaignId: CAMPAIGN_ID },
    requests: ['POST /contacts/:contactId/campaigns/:campaignId'],
  },
  remove_contact_from_campaign: {
    input: { contactId: CONTACT_ID, campaignId: CAMPAIGN_ID },
    requests: ['DELETE /contacts/:contactId/campaigns/:campaignId'],
  },
  remove_contact_from_all_campaigns: {
    input: { contactId: CONTACT_ID },
    requests: ['DELETE /contacts/:contactId/campaigns/removeAll'],
  },
  add_contact_followers: {
    input: { contactId: CONTACT_ID, followers: [USER_ID] },
    requests: ['POST /contacts/:contactId/followers'],
  },
  remove_contact_followers: {
    input: { contactId: CONTACT_ID, followers: [USER_ID] },
    requests: ['DELETE /contacts/:contactId/followers'],
  },
  delete_note: {
    input: { contactId: CONTACT_ID, noteId: NOTE_ID },
    requests: ['DELETE /contacts/:contactId/notes/:noteId'],
  },
  add_tags_to_contacts: {
    input: { contactIds: [CONTACT_ID, NOTE_ID], tags: ['vip'] },
    requests: ['POST /contacts/bulk/tags/update/add'],
  },
  remove_tags_from_contacts: {
    input: { contactIds: [CONTACT_ID], tags: ['newsletter'] },
    requests: ['POST /contacts/bulk/tags/update/remove'],
  },
  add_contacts_to_business: {
    input: { businessId: BUSINESS_ID, contactIds: [CONTACT_ID] },
    requests: ['POST /contacts/bulk/business'],
  },
  remove_contacts_from_business: {
    input: { contactIds: [CONTACT_ID] },
    requests: ['POST /contacts/bulk/business'],
    allowNull: ['body.businessId'],
  },
  api_request: {
    input: { method: 'GET', path: `/contacts/${CONTACT_ID}` },
    requests: ['GET /**', 'POST /**', 'PUT /**', 'PATCH /**', 'DELETE /**'],
    passesBodiesThrough: true,
  },
  workflow_list: { input: {}, requests: ['GET /workflows/'] },
  campaign_list: { input: {}, requests: ['GET /campaigns/'] },

  // Searches ------------------------------------------------------------------------------------------
  find_contact: {
    input: { email: 'rosa.diaz@example.com' },
    requests: ['GET /contacts/search/duplicate', 'GET /contacts/:contactId', CONTACT_SEARCH],
  },
  find_contact_in_business: {
    input: { businessId: BUSINESS_ID, query: 'Rosa' },
    requests: ['GET /contacts/business/:businessId'],
  },
  find_task: {
    input: { contactId: CONTACT_ID, title: 'call' },
    requests: [CONTACT_TASKS, 'GET /contacts/:contactId/tasks/:taskId'],
  },
  find_note: {
    input: { contactId: CONTACT_ID, text: 'evenings' },
    requests: [CONTACT_NOTES, 'GET /contacts/:contactId/notes/:noteId'],
  },
  find_appointment: {
    input: { contactId: CONTACT_ID, which: 'latest' },
    requests: ['GET /contacts/:contactId/appointments'],
  },
};

/**
 * Cells with a known bug the lead agreed to leave red-free for now: `${operationKey} × ${cell}`.
 * Empty by default: a finding stays a failing test and goes to /tmp/reliability-findings.md.
 */
export const KNOWN_ISSUES: string[] = [];
