/** Fixtures shared by the create tests: HighLevel bodies as they come back. */
import { LOCATION_ID, USER_ID, customFieldsReply as replyCustomFields, highlevel } from '../helpers';

export { USER_ID };
export const CONTACT_ID = 'c0ntactAbc123';
export const TASK_ID = 'taskXyz789';
export const NOTE_ID = 'noteQrs456';

/** A contact as POST /contacts/, PUT /contacts/{id} and POST /contacts/upsert return it. */
export const apiContact = {
  id: CONTACT_ID,
  locationId: LOCATION_ID,
  firstName: 'Amy',
  lastName: 'Santiago',
  name: 'Amy Santiago',
  email: 'amy@example.com',
  phone: '+14155550123',
  companyName: 'Binders Inc',
  address1: '1 Main St',
  city: 'Brooklyn',
  state: 'NY',
  postalCode: '11201',
  country: 'US',
  website: 'https://binders.example.com',
  timezone: 'America/New_York',
  dnd: false,
  tags: ['lead'],
  source: 'Zapier',
  type: 'lead',
  assignedTo: USER_ID,
  dateOfBirth: '1985-03-02T00:00:00.000Z',
  dateAdded: '2026-11-22T10:00:00.000Z',
  dateUpdated: '2026-11-22T10:05:00.000Z',
  customFields: [{ id: 'cfIndustry01', value: 'Retail' }],
};

/** `apiContact` normalised, without custom fields (definitions not cached). */
export const contactOutput = {
  id: CONTACT_ID,
  firstName: 'Amy',
  lastName: 'Santiago',
  fullName: 'Amy Santiago',
  email: 'amy@example.com',
  phone: '+14155550123',
  companyName: 'Binders Inc',
  address1: '1 Main St',
  city: 'Brooklyn',
  state: 'NY',
  postalCode: '11201',
  country: 'US',
  website: 'https://binders.example.com',
  timezone: 'America/New_York',
  source: 'Zapier',
  type: 'lead',
  dnd: false,
  tags: ['lead'],
  assignedTo: USER_ID,
  dateOfBirth: '1985-03-02',
  dateAdded: '2026-11-22T10:00:00.000+00:00',
  dateUpdated: '2026-11-22T10:05:00.000+00:00',
  businessId: null,
  locationId: LOCATION_ID,
  url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/${CONTACT_ID}`,
};

export const customFieldDefinitions = [
  { id: 'cfIndustry01', name: 'Industry', fieldKey: 'contact.industry', dataType: 'TEXT', position: 0 },
  {
    id: 'cfSize02',
    name: 'Team Size',
    fieldKey: 'contact.team_size',
    dataType: 'NUMERICAL',
    position: 1,
  },
];

/** GET /locations/{id}/customFields?model=contact, once. */
export const customFieldsReply = () => replyCustomFields(200, { customFields: customFieldDefinitions });

/** GET /locations/{id}, once: the sub-account's country is the default region of national phone numbers. */
export const locationReply = (country: string) =>
  highlevel()
    .get(`/locations/${LOCATION_ID}`)
    .reply(200, { location: { id: LOCATION_ID, name: 'Demo', country, timezone: 'Europe/London' } });

export const apiTask = {
  id: TASK_ID,
  title: 'Call Amy',
  body: 'About the binders.',
  assignedTo: USER_ID,
  dueDate: '2026-12-01T17:00:00.000Z',
  completed: false,
  contactId: CONTACT_ID,
};

export const taskOutput = {
  id: TASK_ID,
  title: 'Call Amy',
  body: 'About the binders.',
  dueDate: '2026-12-01T17:00:00.000+00:00',
  completed: false,
  assignedTo: USER_ID,
  contactId: CONTACT_ID,
  dateAdded: null,
  dateUpdated: null,
};

export const apiNote = {
  id: NOTE_ID,
  body: 'Prefers email.',
  userId: USER_ID,
  contactId: CONTACT_ID,
  dateAdded: '2026-11-22T10:10:00.000Z',
};

export const noteOutput = {
  id: NOTE_ID,
  body: 'Prefers email.',
  userId: USER_ID,
  contactId: CONTACT_ID,
  dateAdded: '2026-11-22T10:10:00.000+00:00',
};

/** A 422 as HighLevel sends it: `message` is an array (HIGHLEVEL.md §5). */
export const validationFailure = {
  statusCode: 422,
  message: ['email must be an email', 'property foo should not exist'],
  error: 'Unprocessable Entity',
  traceId: 'trace-422',
};
