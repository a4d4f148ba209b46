/**
 * The Contacts endpoints (contacts.json): the request bodies we send (only keys the official spec lists:
 * HIGHLEVEL.md §5, an unknown key is a 422) and one typed function per call, through lib/core/request.ts.
 */
import type { ZObject } from 'zapier-platform-core';
import { deletedSchema } from '../core/deletion';
import { nullIfNotFound } from '../core/errors';
import { apiPath, locationIdOf, quoted, send, type AuthBundle } from '../core/request';
import { lazySchema } from '../core/schema';
import { BULK_CONTACTS_SCOPE } from '../scopes';
import type { CustomFieldWrite } from '../lookups/customFields';
import type { DndSettings, InboundDndSettings } from './dnd';
import { contactSchema, type HighLevelContact } from './model';

// ---------------------------------------------------------------------------------------------------------
// Bodies we send

export interface ContactFields {
  firstName?: string;
  lastName?: string;
  name?: string;
  email?: string;
  phone?: string;
  address1?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  website?: string;
  timezone?: string;
  dnd?: boolean;
  dndSettings?: DndSettings;
  inboundDndSettings?: InboundDndSettings;
  tags?: string[];
  customFields?: CustomFieldWrite[];
  source?: string;
  dateOfBirth?: string;
  assignedTo?: string;
}
/** CreateContactDto. */
export interface ContactCreateBody extends ContactFields {
  companyName?: string;
  gender?: string;
}
/**
 * The fields UpdateContactDto marks `nullable`: Update Contact's "Clear These Fields" sends them as null
 * (postalCode is a plain string there, so it is cleared with ""; docs/ACTIONS_CLEARING.md §1).
 */
export type NullableOnUpdate =
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'address1'
  | 'city'
  | 'state'
  | 'website'
  | 'timezone'
  | 'source'
  | 'dateOfBirth'
  | 'assignedTo';
/** UpdateContactDto: no locationId, no gender, and no companyName in the spec. */
export type ContactUpdateBody = Omit<ContactFields, NullableOnUpdate> & {
  [K in NullableOnUpdate]?: ContactFields[K] | null;
};
/** UpsertContactDto. */
export interface ContactUpsertBody extends ContactCreateBody {
  createNewIfDuplicateAllowed?: boolean;
}

export interface SearchFilter {
  field: string;
  operator: 'eq' | 'not_eq' | 'contains' | 'not_contains' | 'exists' | 'not_exists' | 'range';
  value?: unknown;
}
export interface SearchFilterGroup {
  group: 'AND' | 'OR';
  filters: Array<SearchFilter | SearchFilterGroup>;
}
/** POST /contacts/search (HIGHLEVEL.md §7). `page` or `searchAfter`, not both. */
export interface ContactSearchBody {
  pageLimit: number;
  page?: number;
  searchAfter?: Array<string | number>;
  query?: string;
  filters?: Array<SearchFilter | SearchFilterGroup>;
  sort?: Array<{ field: string; direction: 'asc' | 'desc' }>;
}

// ---------------------------------------------------------------------------------------------------------
// Response envelopes

const contactEnvelope = lazySchema((zod) => zod.object({ contact: contactSchema() }));
export const searchEnvelope = lazySchema((zod) =>
  zod.object({
    contacts: zod.array(contactSchema()),
    total: zod.number().optional(),
  }),
);
const upsertEnvelope = lazySchema((zod) =>
  zod.object({ new: zod.boolean().optional(), contact: contactSchema() }),
);
const tagsEnvelope = lazySchema((zod) => zod.looseObject({ tags: zod.array(zod.string()).optional() }));
const businessContactsEnvelope = lazySchema((zod) =>
  zod.object({
    contacts: zod.array(contactSchema()),
    count: zod.number().optional(),
  }),
);
const duplicateEnvelope = lazySchema((zod) => zod.looseObject({ contact: contactSchema().nullish() }));

// ---------------------------------------------------------------------------------------------------------
// Endpoints

/** GET one contact; null when it does not exist (searches). */
export const findContactById = async (z: ZObject, contactId: string) =>
  (
    await nullIfNotFound(
      send(z, {
        method: 'GET',
        path: apiPath`/contacts/${contactId}`,
        schema: contactEnvelope(),
        scope: 'contacts.readonly',
        resource: quoted('contact', contactId),
      }),
    )
  )?.contact ?? null;

export const createContact = async (z: ZObject, bundle: AuthBundle, body: ContactCreateBody) =>
  (
    await send(z, {
      method: 'POST',
      path: '/contacts/',
      body: { ...body, locationId: locationIdOf(z, bundle) },
      schema: contactEnvelope(),
      scope: 'contacts.write',
    })
  ).contact;

export const updateContact = async (z: ZObject, contactId: string, body: ContactUpdateBody) =>
  (
    await send(z, {
      method: 'PUT',
      path: apiPath`/contacts/${contactId}`,
      body,
      schema: contactEnvelope(),
      scope: 'contacts.write',
      resource: quoted('contact', contactId),
    })
  ).contact;

export const upsertContact = async (z: ZObject, bundle: AuthBundle, body: ContactUpsertBody) => {
  const result = await send(z, {
    method: 'POST',
    path: '/contacts/upsert',
    body: { ...body, locationId: locationIdOf(z, bundle) },
    schema: upsertEnvelope(),
    scope: 'contacts.write',
  });
  return { isNew: result.new === true, contact: result.contact };
};

export const deleteContact = async (z: ZObject, contactId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}`,
    schema: deletedSchema(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

export const searchContacts = async (z: ZObject, bundle: AuthBundle, body: ContactSearchBody) =>
  send(z, {
    method: 'POST',
    path: '/contacts/search',
    body: { locationId: locationIdOf(z, bundle), ...body },
    schema: searchEnvelope(),
    scope: 'contacts.readonly',
    idempotent: true,
  });

/** HIGHLEVEL.md §6: follows the sub-account's duplicate rule; not found is `{contact: null}` or a 404. */
export const findDuplicateContact = async (
  z: ZObject,
  bundle: AuthBundle,
  match: { email?: string; number?: string },
): Promise<HighLevelContact | null> => {
  const result = await nullIfNotFound(
    send(z, {
      method: 'GET',
      path: '/contacts/search/duplicate',
      query: { locationId: locationIdOf(z, bundle), email: match.email, number: match.number },
      schema: duplicateEnvelope(),
      scope: 'contacts.readonly',
    }),
  );
  return result?.contact ?? null;
};

export const listBusinessContacts = async (
  z: ZObject,
  bundle: AuthBundle,
  businessId: string,
  options: { limit?: number; skip?: number; query?: string } = {},
) =>
  nullIfNotFound(
    send(z, {
      method: 'GET',
      path: apiPath`/contacts/business/${businessId}`,
      query: { locationId: locationIdOf(z, bundle), ...options },
      schema: businessContactsEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('business', businessId),
    }),
  );

export const addContactTags = async (z: ZObject, contactId: string, tags: string[]) =>
  send(z, {
    method: 'POST',
    path: apiPath`/contacts/${contactId}/tags`,
    body: { tags },
    schema: tagsEnvelope(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

export const removeContactTags = async (z: ZObject, contactId: string, tags: string[]) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/tags`,
    body: { tags },
    schema: tagsEnvelope(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

// ---------------------------------------------------------------------------------------------------------
// A contact's workflows, campaigns and followers, and the bulk updates (docs/ACTIONS.md §2–§3). Where the
// spec marks a body required but lists no required key, `{}` is sent. The workflow and campaign answers
// are `{succeded}` like a delete's.

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
    schema: deletedSchema(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or workflow "${workflowId}"`,
  });

export const removeContactFromWorkflow = async (z: ZObject, contactId: string, workflowId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/workflow/${workflowId}`,
    // The spec marks CreateWorkflowDto required on the DELETE too; nothing in it applies to a removal.
    body: {},
    schema: deletedSchema(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or workflow "${workflowId}"`,
  });

export const addContactToCampaign = async (z: ZObject, contactId: string, campaignId: string) =>
  send(z, {
    method: 'POST',
    path: apiPath`/contacts/${contactId}/campaigns/${campaignId}`,
    // AddContactToCampaignDto is a required body without properties.
    body: {},
    schema: deletedSchema(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or campaign "${campaignId}"`,
  });

export const removeContactFromCampaign = async (z: ZObject, contactId: string, campaignId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/campaigns/${campaignId}`,
    schema: deletedSchema(),
    scope: 'contacts.write',
    resource: `contact "${contactId}" or campaign "${campaignId}"`,
  });

export const removeContactFromAllCampaigns = async (z: ZObject, contactId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/campaigns/removeAll`,
    schema: deletedSchema(),
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

export type BulkTagsType = 'add' | 'remove';

/**
 * POST /contacts/bulk/tags/update/:type (UpdateTagsDTO). The spec lists no security for it: BULK_CONTACTS_SCOPE
 * (lib/scopes.ts, docs/ACTIONS.md §3).
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
    scope: BULK_CONTACTS_SCOPE,
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
    // No `resource`: a 400 "… not found" here may be about a contact or the business; HighLevel's words say which.
    scope: BULK_CONTACTS_SCOPE,
  });
