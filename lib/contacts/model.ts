/**
 * The contact: the zod schema of what HighLevel sends (contacts.json), its normaliser into the Zapier
 * output shape (DESIGN.md §2: ISO dates with an offset, real booleans, split names, tags as a list, a link),
 * the static sample and the labelled output fields, custom fields included. Schemas are loose on purpose:
 * HighLevel adds fields often, and an unknown extra field must not break a Zap.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { appBaseUrl } from '../config';
import { calendarDate, isoDateTime } from '../core/dates';
import { withEventId, type OutputField } from '../core/polling';
import type { AuthBundle } from '../core/request';
import { fieldSchemas, lazySchema, orNull } from '../core/schema';
import {
  customFieldOutputFields,
  customFieldValues,
  type CustomFieldOutput,
} from '../lookups/customFieldOutputs';
import {
  actionCustomFieldDefinitions,
  customFieldValueSchema,
  getCustomFieldDefinitions,
  type CustomFieldDefinition,
} from '../lookups/customFields';

export const contactSchema = lazySchema((zod) => {
  const { text, flag, dateValue } = fieldSchemas();
  return zod.looseObject({
    id: zod.string().min(1),
    locationId: text,
    firstName: text,
    lastName: text,
    name: text,
    contactName: text,
    email: text,
    phone: text,
    companyName: text,
    address1: text,
    // HIGHLEVEL.md §7 (#314): search results call it `address`, single reads call it `address1`.
    address: text,
    city: text,
    state: text,
    postalCode: text,
    country: text,
    website: text,
    timezone: text,
    dnd: flag,
    tags: zod.array(zod.string()).nullish(),
    source: text,
    type: text,
    assignedTo: text,
    // HIGHLEVEL.md §7 (#314): epoch ms in search results, an ISO string in single reads.
    dateOfBirth: dateValue,
    dateAdded: dateValue,
    dateUpdated: dateValue,
    customFields: zod.array(customFieldValueSchema()).nullish(),
    businessId: text,
    searchAfter: zod.array(zod.union([zod.string(), zod.number()])).nullish(),
  });
});
export type HighLevelContact = zod.infer<ReturnType<typeof contactSchema>>;

export const contactUrl = (locationId: string | null | undefined, contactId: string): string | null =>
  locationId
    ? `${appBaseUrl()}/v2/location/${encodeURIComponent(locationId)}/contacts/detail/${encodeURIComponent(contactId)}`
    : null;

export interface Contact {
  id: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  address1: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  website: string | null;
  timezone: string | null;
  source: string | null;
  type: string | null;
  dnd: boolean;
  tags: string[];
  assignedTo: string | null;
  dateOfBirth: string | null;
  dateAdded: string | null;
  dateUpdated: string | null;
  businessId: string | null;
  locationId: string | null;
  url: string | null;
}

export const normaliseContact = (
  contact: HighLevelContact,
  definitions: CustomFieldDefinition[] = [],
): Contact & CustomFieldOutput => {
  const firstName = orNull(contact.firstName);
  const lastName = orNull(contact.lastName);
  const joined = [firstName, lastName].filter(Boolean).join(' ');
  return {
    id: contact.id,
    firstName,
    lastName,
    // Built from first and last name: search hits carry a lower-cased `contactName` (issue 17); HighLevel's
    // `name` and `contactName` only when there is neither.
    fullName: orNull(joined) ?? orNull(contact.name) ?? orNull(contact.contactName),
    email: orNull(contact.email),
    phone: orNull(contact.phone),
    companyName: orNull(contact.companyName),
    address1: orNull(contact.address1) ?? orNull(contact.address),
    city: orNull(contact.city),
    state: orNull(contact.state),
    postalCode: orNull(contact.postalCode),
    country: orNull(contact.country),
    website: orNull(contact.website),
    timezone: orNull(contact.timezone),
    source: orNull(contact.source),
    type: orNull(contact.type),
    dnd: contact.dnd === true,
    tags: [...(contact.tags ?? [])],
    assignedTo: orNull(contact.assignedTo),
    dateOfBirth: calendarDate(contact.dateOfBirth),
    dateAdded: isoDateTime(contact.dateAdded),
    dateUpdated: isoDateTime(contact.dateUpdated),
    businessId: orNull(contact.businessId),
    locationId: orNull(contact.locationId),
    url: contactUrl(contact.locationId, contact.id),
    ...customFieldValues(contact.customFields, definitions),
  };
};

// `satisfies`, not a type annotation: a sample must also fit Zapier's `Record<string, unknown>`.
export const contactSample = {
  id: 'ocQHyuzHvysMo5N5VsXc',
  firstName: 'Rosa',
  lastName: 'Diaz',
  fullName: 'Rosa Diaz',
  email: 'rosa.diaz@example.com',
  phone: '+14155550123',
  companyName: 'Nine-Nine Consulting',
  address1: '99 Precinct Street',
  city: 'Brooklyn',
  state: 'NY',
  postalCode: '11201',
  country: 'US',
  website: 'https://example.com',
  timezone: 'America/New_York',
  source: 'Website form',
  type: 'lead',
  dnd: false,
  tags: ['vip', 'newsletter'],
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  dateOfBirth: '1990-05-14',
  dateAdded: '2026-11-20T15:04:05.000+00:00',
  dateUpdated: '2026-11-21T09:30:00.000+00:00',
  businessId: '63771dcac1116f0e21de8e12',
  locationId: 've9EPM428h8vShlRW1KT',
  url: 'https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
} satisfies Contact;

export const contactOutputFields = [
  { key: 'id', label: 'Contact ID', type: 'string' },
  { key: 'firstName', label: 'First Name', type: 'string' },
  { key: 'lastName', label: 'Last Name', type: 'string' },
  { key: 'fullName', label: 'Full Name', type: 'string' },
  { key: 'email', label: 'Email', type: 'string' },
  { key: 'phone', label: 'Phone', type: 'string' },
  { key: 'companyName', label: 'Company Name', type: 'string' },
  { key: 'address1', label: 'Street Address', type: 'string' },
  { key: 'city', label: 'City', type: 'string' },
  { key: 'state', label: 'State', type: 'string' },
  { key: 'postalCode', label: 'Postal Code', type: 'string' },
  { key: 'country', label: 'Country', type: 'string' },
  { key: 'website', label: 'Website', type: 'string' },
  { key: 'timezone', label: 'Time Zone', type: 'string' },
  { key: 'source', label: 'Source', type: 'string' },
  { key: 'type', label: 'Contact Type', type: 'string' },
  { key: 'dnd', label: 'Do Not Disturb', type: 'boolean' },
  { key: 'tags', label: 'Tags', type: 'string', list: true },
  { key: 'assignedTo', label: 'Assigned User ID', type: 'string' },
  { key: 'dateOfBirth', label: 'Date of Birth', type: 'string' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
  { key: 'dateUpdated', label: 'Date Updated', type: 'datetime' },
  { key: 'businessId', label: 'Business ID', type: 'string' },
  { key: 'locationId', label: 'Sub-Account ID', type: 'string' },
  { key: 'url', label: 'Contact URL', type: 'string' },
] as const;

/** Static contact output fields plus the sub-account's custom fields ("Custom: <name>"), cached. */
export const contactOutputFieldsWithCustom = async (z: ZObject, bundle: Bundle) => [
  ...contactOutputFields,
  ...customFieldOutputFields(await getCustomFieldDefinitions(z, bundle)),
];

/**
 * Contacts → output objects with custom fields by name. The definitions are read only when there is a
 * contact to show (cached, so a steady-state run adds no request).
 */
export const normaliseContactsWithCustomFields = async (
  z: ZObject,
  bundle: AuthBundle,
  contacts: HighLevelContact[],
) => {
  if (contacts.length === 0) return [];
  const definitions = await getCustomFieldDefinitions(z, bundle);
  return contacts.map((contact) => normaliseContact(contact, definitions));
};

/**
 * The normalised contact of an action, custom fields by name every time (docs/ACTIONS.md §10): the
 * definitions are cached for an hour, so only the first run of the hour adds their lookup; if it fails the
 * contact comes out without the named custom fields.
 */
export const contactActionOutput = async (
  z: ZObject,
  bundle: AuthBundle,
  contact: HighLevelContact,
  /** Optional values left out because they could not be read (docs/ACTIONS.md §5); always present. */
  warnings: string[] = [],
) => ({ ...normaliseContact(contact, await actionCustomFieldDefinitions(z, bundle)), warnings });

/** The `warnings` output (a list, always present); each label says what its entries are to a user mapping it. */
const warningsOutputField = { key: 'warnings', type: 'string' as const, list: true };
/**
 * The contact actions' Warnings: each entry names a value the step could not use and says what was saved
 * instead (docs/CONTACT_INPUTS.md §1).
 */
export const contactActionWarningsField = { ...warningsOutputField, label: 'Warnings: Values Not Saved' };
/** Find Contact's Warnings: each names a search criterion it could not read and ignored (docs/ACTIONS.md §5). */
export const searchWarningsField = { ...warningsOutputField, label: 'Warnings: Search Criteria Ignored' };
export const contactActionOutputFields = [...contactOutputFields, contactActionWarningsField];
export const contactActionSample = { ...contactSample, warnings: [] as string[] };

/** Contact output fields (custom fields included) for a trigger whose `id` is an event id. */
export const contactEventOutputFields =
  (extra: readonly OutputField[] = []) =>
  async (z: ZObject, bundle: Bundle) =>
    withEventId(
      await contactOutputFieldsWithCustom(z, bundle),
      { key: 'contactId', label: 'Contact ID' },
      extra,
    );

/** The static sample of a contact trigger whose `id` is `<contact id>:<event>` (contactEventOutputFields). */
export const contactEventSample = <T extends object = object>(event: string, extra?: T) => ({
  ...contactSample,
  id: `${contactSample.id}:${event}`,
  contactId: contactSample.id,
  ...extra,
});

/**
 * A contact dropdown label that tells people apart (docs/ACTIONS.md §13): the name with the email (else the
 * phone); a name alone gets the company or the day it was added; never a bare id.
 */
export const contactChoiceLabel = (contact: HighLevelContact): string => {
  const { fullName, email, phone, companyName, dateAdded } = normaliseContact(contact);
  const clean = (text: string | null) => text?.replace(/\s+/g, ' ').trim() || undefined;
  const name = clean(fullName);
  const reach = clean(email) ?? clean(phone);
  const other = clean(companyName) ?? (dateAdded ? `added ${dateAdded.slice(0, 10)}` : undefined);
  if (name) return `${name} (${reach ?? other ?? 'no email or phone'})`;
  if (reach) return clean(email) && clean(phone) ? `${clean(email)} (${clean(phone)})` : reach;
  return `Unnamed contact (${other ?? 'no name, email or phone'})`;
};
