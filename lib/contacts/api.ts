/**
 * The Contacts endpoints (contacts.json): the request bodies we send (only keys the official spec lists:
 * HIGHLEVEL.md §5, an unknown key is a 422) and one typed function per call, through lib/core/request.ts.
 */
import type { ZObject } from 'zapier-platform-core';
import { deletedSchema } from '../core/deletion';
import { nullIfNotFound } from '../core/errors';
import { apiPath, locationIdOf, quoted, send, type AuthBundle } from '../core/request';
import { lazySchema } from '../core/schema';
import type { CustomFieldWrite } from '../lookups/customFields';
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
  tags?: string[];
  customFields?: CustomFieldWrite[];
  source?: string;
  dateOfBirth?: string;
  assignedTo?: string;
}
/** CreateContactDto. */
export interface ContactCreateBody extends ContactFields {
  companyName?: string;
}
/** UpdateContactDto: no locationId, no gender, and no companyName in the spec. */
export type ContactUpdateBody = ContactFields;
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
const searchEnvelope = lazySchema((zod) =>
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
