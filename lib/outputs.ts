/**
 * Samples and labelled output fields of every object the app returns (ZAPIER.md: static samples with the
 * primary key, ISO dates with an offset, labelled ids). Operations reuse these; custom fields are added
 * per sub-account by `contactOutputFieldsWithCustom`.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { AuthBundle } from './highlevel';
import { customFieldOutputFields, getCustomFieldDefinitions } from './customFields';
import {
  normaliseContact,
  type Appointment,
  type Contact,
  type HighLevelContact,
  type Note,
  type Task,
} from './models';

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

export const taskSample = {
  id: 'K5d0R7MLGjT7pUZ9cpXn',
  title: 'Call back about the quote',
  body: 'She asked for the premium plan pricing.',
  dueDate: '2026-11-25T17:00:00.000+00:00',
  completed: false,
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  dateAdded: '2026-11-20T15:10:00.000+00:00',
  dateUpdated: '2026-11-20T15:10:00.000+00:00',
} satisfies Task;

export const taskOutputFields = [
  { key: 'id', label: 'Task ID', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'body', label: 'Description', type: 'string' },
  { key: 'dueDate', label: 'Due Date', type: 'datetime' },
  { key: 'completed', label: 'Completed', type: 'boolean' },
  { key: 'assignedTo', label: 'Assigned User ID', type: 'string' },
  { key: 'contactId', label: 'Contact ID', type: 'string' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
  { key: 'dateUpdated', label: 'Date Updated', type: 'datetime' },
] as const;

export const noteSample = {
  id: 'hB9T2KpQ3xWmZ1vLc8Ds',
  body: 'Prefers to be contacted after 5pm.',
  userId: 'y0BeYjuRIlDwsDcOHOJo',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  dateAdded: '2026-11-20T15:12:00.000+00:00',
} satisfies Note;

export const noteOutputFields = [
  { key: 'id', label: 'Note ID', type: 'string' },
  { key: 'body', label: 'Note', type: 'string' },
  { key: 'userId', label: 'Author User ID', type: 'string' },
  { key: 'contactId', label: 'Contact ID', type: 'string' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
] as const;

export const appointmentSample = {
  id: 'ZpTv3HkQ9wLm2NcX7rBd',
  title: 'Discovery call',
  calendarId: 'BqTwX8QFwXzpegMve9EQ',
  status: 'booked',
  appointmentStatus: 'confirmed',
  startTime: '2026-11-26T10:00:00-05:00',
  endTime: '2026-11-26T10:30:00-05:00',
  assignedUserId: 'y0BeYjuRIlDwsDcOHOJo',
  notes: 'Bring the pricing sheet.',
  address: 'Zoom',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  dateAdded: '2026-11-20T15:15:00.000+00:00',
  dateUpdated: '2026-11-20T15:15:00.000+00:00',
} satisfies Appointment;

export const appointmentOutputFields = [
  { key: 'id', label: 'Appointment ID', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'calendarId', label: 'Calendar ID', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'appointmentStatus', label: 'Appointment Status', type: 'string' },
  { key: 'startTime', label: 'Start Time', type: 'datetime' },
  { key: 'endTime', label: 'End Time', type: 'datetime' },
  { key: 'assignedUserId', label: 'Assigned User ID', type: 'string' },
  { key: 'notes', label: 'Notes', type: 'string' },
  { key: 'address', label: 'Address', type: 'string' },
  { key: 'contactId', label: 'Contact ID', type: 'string' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
  { key: 'dateUpdated', label: 'Date Updated', type: 'datetime' },
] as const;
