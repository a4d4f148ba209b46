/** Fixtures shared by the search tests: raw HighLevel bodies and a check that validation sent nothing. */
import type { PlainInputField } from 'zapier-platform-core';
import { contactSample } from '../../lib/contacts/model';
import {
  LOCATION_ID,
  USER_ID,
  caught,
  customFieldsReply as replyCustomFields,
  requestGuard,
  sentAny,
} from '../helpers';

export const CONTACT_ID = 'ocQHyuzHvysMo5N5VsXc';

/** A contact as `GET /contacts/{id}` returns it. */
export const rawContact = {
  id: CONTACT_ID,
  locationId: LOCATION_ID,
  firstName: 'Rosa',
  lastName: 'Diaz',
  name: 'Rosa Diaz',
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
  dnd: false,
  tags: ['vip'],
  source: 'Website form',
  type: 'lead',
  assignedTo: USER_ID,
  dateOfBirth: '1990-05-14T00:00:00.000Z',
  dateAdded: '2026-11-20T15:04:05.000Z',
  dateUpdated: '2026-11-21T09:30:00.000Z',
  customFields: [{ id: 'cfIndustry01', value: 'Retail' }],
  businessId: '63771dcac1116f0e21de8e12',
};

export const customFieldDefinitions = [
  { id: 'cfIndustry01', name: 'Industry', fieldKey: 'contact.industry', dataType: 'TEXT', position: 0 },
];

/** `rawContact` normalised, with its custom field by name: the app's contact sample, tags and custom field aside. */
export const contactOutput = { ...contactSample, tags: ['vip'], custom_fields__industry: 'Retail' };

/** Replies with the custom field definitions once. */
export const customFieldsReply = () => replyCustomFields(200, { customFields: customFieldDefinitions });

/** Runs a step that validation must stop: the error it gave, and whether any request went out. */
export const refused = async (run: () => Promise<unknown>) => {
  const guard = requestGuard();
  const error = await caught(run());
  return { message: error.message, code: error.code, sent: sentAny(guard) };
};

/** The raw path and query of a request as it went out, for asserting exact percent-encoding. */
export const exactPath = (expected: string) => (uri: string) => uri === expected;

/** The static input fields of an operation (dynamic ones are functions). */
export const staticFields = (operation: { inputFields?: readonly unknown[] }): PlainInputField[] =>
  (operation.inputFields ?? []).filter(
    (field): field is PlainInputField => typeof field === 'object' && field !== null && 'key' in field,
  );
