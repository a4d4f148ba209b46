/**
 * The Contacts API endpoints beyond records, tags, tasks and notes (contacts.json): a contact's workflows,
 * campaigns and followers, deleting a note, and the two bulk updates. Bodies carry only the keys the spec
 * lists (HIGHLEVEL.md §5); where the spec marks a body required but lists no required key, `{}` is sent.
 */
import type { ZObject } from 'zapier-platform-core';
import { apiPath, locationIdOf, send, type AuthBundle } from './highlevel';
import { lazySchema } from './schema';

const quoted = (kind: string, id: string) => `${kind} "${id}"`;

/** ContactsWorkflowSuccessfulResponseDto, CreateDeleteCantactsCampaignsSuccessfulResponseDto, DeleteNote…: `{succeded}`. */
const succededEnvelope = lazySchema((zod) => zod.looseObject({ succeded: zod.boolean().optional() }));
const followersEnvelope = lazySchema((zod) =>
  zod.looseObject({
    followers: zod.array(zod.string()).optional(),
    followersAdded: zod.array(zod.string()).optional(),
    followersRemoved: zod.array(zod.string()).optional(),
  }),
);
/**
 * UpdateTagsResponseDTO. Its `responses` items are typed `string` in the spec while its example shows
 * objects `{contactId, message, type, …}`: both are read.
 */
const bulkTagsEnvelope = lazySchema((zod) =>
  zod.looseObject({
    succeded: zod.boolean().optional(),
    errorCount: zod.number().optional(),
    responses: zod
      .array(
        zod.union([
          zod.string(),
          zod.looseObject({
            contactId: zod.string().nullish(),
            message: zod.string().nullish(),
            type: zod.string().nullish(),
          }),
        ]),
      )
      .optional(),
  }),
);
const bulkBusinessEnvelope = lazySchema((zod) =>
  zod.looseObject({ success: zod.boolean().optional(), ids: zod.array(zod.string()).optional() }),
);

/** CreateWorkflowDto: the optional start of the workflow's events for this contact. */
export interface WorkflowBody {
  eventStartTime?: string;
}

export const addContactToWorkflow = async (
  z: ZObject,
  contactId: string,
  workflowId: string,
  body: WorkflowBody,
) =>
  send(z, {
    method: 'POST',
    path: apiPath`/contacts/${contactId}/workflow/${workflowId}`,
    body,
    schema: succededEnvelope(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or workflow "${workflowId}"`,
  });

export const removeContactFromWorkflow = async (z: ZObject, contactId: string, workflowId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/workflow/${workflowId}`,
    // The spec marks CreateWorkflowDto required on the DELETE too; nothing in it applies to a removal.
    body: {},
    schema: succededEnvelope(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or workflow "${workflowId}"`,
  });

export const addContactToCampaign = async (z: ZObject, contactId: string, campaignId: string) =>
  send(z, {
    method: 'POST',
    path: apiPath`/contacts/${contactId}/campaigns/${campaignId}`,
    // AddContactToCampaignDto is a required body without properties.
    body: {},
    schema: succededEnvelope(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or campaign "${campaignId}"`,
  });

export const removeContactFromCampaign = async (z: ZObject, contactId: string, campaignId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/campaigns/${campaignId}`,
    schema: succededEnvelope(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or campaign "${campaignId}"`,
  });

export const removeContactFromAllCampaigns = async (z: ZObject, contactId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/campaigns/removeAll`,
    schema: succededEnvelope(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

export const addFollowers = async (z: ZObject, contactId: string, followers: string[]) =>
  send(z, {
    method: 'POST',
    path: apiPath`/contacts/${contactId}/followers`,
    body: { followers },
    schema: followersEnvelope(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

export const removeFollowers = async (z: ZObject, contactId: string, followers: string[]) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/followers`,
    body: { followers },
    schema: followersEnvelope(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

export const deleteNote = async (z: ZObject, contactId: string, noteId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/notes/${noteId}`,
    schema: succededEnvelope(),
    scope: 'contacts.write',
    resource: quoted('note', noteId),
  });

export type BulkTagsType = 'add' | 'remove';

/**
 * POST /contacts/bulk/tags/update/:type (UpdateTagsDTO). The spec lists no security for it; the
 * connection's `contacts.write` is the scope of every other contact write (docs/ACTIONS.md §3).
 */
export const bulkUpdateTags = async (
  z: ZObject,
  bundle: AuthBundle,
  type: BulkTagsType,
  body: { contacts: string[]; tags: string[]; removeAllTags?: boolean },
) =>
  send(z, {
    method: 'POST',
    path: apiPath`/contacts/bulk/tags/update/${type}`,
    body: { ...body, locationId: locationIdOf(z, bundle) },
    schema: bulkTagsEnvelope(),
    scope: 'contacts.write',
  });

/** POST /contacts/bulk/business (ContactsBusinessUpdate): `businessId: null` takes the contacts out. */
export const bulkUpdateBusiness = async (
  z: ZObject,
  bundle: AuthBundle,
  ids: string[],
  businessId: string | null,
) =>
  send(z, {
    method: 'POST',
    path: '/contacts/bulk/business',
    body: { locationId: locationIdOf(z, bundle), ids, businessId },
    schema: bulkBusinessEnvelope(),
    scope: 'contacts.write',
    resource: businessId === null ? undefined : quoted('business', businessId),
  });
