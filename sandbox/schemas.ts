/**
 * JSON schemas of the request bodies and query strings, transcribed from the official OpenAPI files
 * (apps/contacts.json, locations.json, oauth.json, users.json, businesses.json). HighLevel whitelists
 * bodies (class-validator `forbidNonWhitelisted`), so every object here has `additionalProperties: false`:
 * an unknown key is a 422 "property X should not exist".
 */

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const nullableStr: Schema = { type: ['string', 'null'] };
const bool: Schema = { type: 'boolean' };
const strArray: Schema = { type: 'array', items: str };

const object = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...(required.length ? { required } : {}),
});

// contacts.json DndSettingSchema / DndSettingsSchema / InboundDndSettingsSchema
const dndSetting = object(
  { status: { type: 'string', enum: ['active', 'inactive', 'permanent'] }, message: str, code: str },
  ['status'],
);
const dndSettings = object({
  Call: dndSetting,
  Email: dndSetting,
  SMS: dndSetting,
  WhatsApp: dndSetting,
  GMB: dndSetting,
  FB: dndSetting,
});
const inboundDndSettings = object({
  all: object({ status: { type: 'string', enum: ['active', 'inactive'] }, message: str }, ['status']),
});

/**
 * The anyOf of TextField … FileField collapses to one object: `id` or `key`, and the value as
 * `field_value` (v2 spec) or `fieldValue` (v3 / current practice). The value's type is checked
 * against the field's dataType by the route (customFields.ts).
 */
const customFieldInput = object({
  id: str,
  key: str,
  field_value: { type: ['string', 'number', 'boolean', 'array', 'object', 'null'] },
  fieldValue: { type: ['string', 'number', 'boolean', 'array', 'object', 'null'] },
});

// `dateOfBirth` is declared `type: object` (i.e. anything) in the spec; it is a date string in practice.
const dateOfBirth: Schema = { type: ['string', 'null'] };

const contactWritable: Record<string, Schema> = {
  firstName: nullableStr,
  lastName: nullableStr,
  name: nullableStr,
  email: nullableStr,
  phone: nullableStr,
  address1: nullableStr,
  city: nullableStr,
  state: nullableStr,
  postalCode: str,
  website: nullableStr,
  timezone: nullableStr,
  dnd: bool,
  dndSettings,
  inboundDndSettings,
  tags: strArray,
  customFields: { type: 'array', items: customFieldInput },
  source: str,
  dateOfBirth,
  country: str,
  companyName: nullableStr,
  assignedTo: str,
};

/** CreateContactDto */
export const createContactBody = object({ ...contactWritable, locationId: str, gender: str }, ['locationId']);

/**
 * UpdateContactDto: no locationId, no gender. `companyName` is not in the v2 spec but HighLevel
 * accepts it in practice (HIGHLEVEL.md §6, issue #314), so the sandbox accepts it too.
 */
export const updateContactBody = object({
  ...contactWritable,
  source: nullableStr,
  assignedTo: nullableStr,
});

/** UpsertContactDto */
export const upsertContactBody = object(
  { ...contactWritable, locationId: str, gender: str, createNewIfDuplicateAllowed: bool },
  ['locationId'],
);

/** TagsDTO */
export const tagsBody = object({ tags: strArray }, ['tags']);

/** CreateTaskParams / UpdateTaskBody / UpdateTaskStatusParams */
export const createTaskBody = object(
  { title: str, body: str, dueDate: str, completed: bool, assignedTo: str },
  ['title', 'dueDate', 'completed'],
);
export const updateTaskBody = object({
  title: str,
  body: str,
  dueDate: str,
  completed: bool,
  assignedTo: str,
});
export const taskCompletedBody = object({ completed: bool }, ['completed']);

/** NotesDTO / UpdateNoteDTO */
export const createNoteBody = object({ userId: str, body: str, title: str, color: str, pinned: bool }, [
  'body',
]);
export const updateNoteBody = object({ userId: str, body: str, title: str, color: str, pinned: bool });

/** locations.json TaskSearchParamsDto */
export const taskSearchBody = object({
  contactId: strArray,
  completed: bool,
  assignedTo: strArray,
  query: str,
  limit: { type: 'number', minimum: 1 },
  skip: { type: 'number', minimum: 0 },
  businessId: str,
});

export const SEARCH_SORT_FIELDS = [
  'dateAdded',
  'dateUpdated',
  'firstNameLowerCase',
  'lastNameLowerCase',
  'businessName',
  'email',
  'dnd',
  'source',
] as const;

/** The largest pageLimit the sandbox accepts (HighLevel's search doc caps a page at 500 records). */
export const MAX_PAGE_LIMIT = 500;
/** page × pageLimit beyond this needs searchAfter (HIGHLEVEL.md §7). */
export const MAX_PAGED_RECORDS = 10_000;
export const MAX_QUERY_LENGTH = 75;

/**
 * POST /contacts/search. The spec's SearchBodyV2DTO is empty; this follows HighLevel's search doc
 * (HIGHLEVEL.md §7). Filters are checked by search.ts, which gives precise messages for them.
 */
export const searchContactsBody = object(
  {
    locationId: str,
    pageLimit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT },
    page: { type: 'integer', minimum: 1 },
    searchAfter: { type: 'array', items: { type: ['string', 'number', 'null'] } },
    query: { type: 'string', maxLength: MAX_QUERY_LENGTH },
    filters: { type: 'array', items: { type: 'object' } },
    sort: {
      type: 'array',
      maxItems: 2,
      items: object(
        {
          field: { type: 'string', enum: [...SEARCH_SORT_FIELDS] },
          direction: { type: 'string', enum: ['asc', 'desc'] },
        },
        ['field', 'direction'],
      ),
    },
  },
  ['locationId', 'pageLimit'],
);

// ---- query strings (all values arrive as strings; numbers are checked by the routes) ----

export const duplicateQuery = object({ locationId: str, email: str, number: str }, ['locationId']);
export const businessContactsQuery = object({ locationId: str, limit: str, skip: str, query: str }, [
  'locationId',
]);
export const listContactsQuery = object(
  { locationId: str, query: str, limit: str, startAfterId: str, startAfter: str },
  ['locationId'],
);
export const customFieldsQuery = object({
  model: { type: 'string', enum: ['contact', 'opportunity', 'all'] },
});
export const usersQuery = object({ locationId: str }, ['locationId']);
export const businessesQuery = object({ locationId: str, limit: str, skip: str }, ['locationId']);

// ---- OAuth (oauth.json GetAccessCodebodyDto, form-encoded) ----

export const tokenBody = object(
  {
    client_id: str,
    client_secret: str,
    grant_type: { type: 'string', enum: ['authorization_code', 'refresh_token', 'client_credentials'] },
    code: str,
    refresh_token: str,
    user_type: { type: 'string', enum: ['Company', 'Location'] },
    redirect_uri: str,
  },
  ['client_id', 'client_secret', 'grant_type'],
);

export const chooseLocationQuery = {
  type: 'object',
  properties: {
    response_type: str,
    client_id: str,
    redirect_uri: str,
    scope: str,
    state: str,
    loginWindowOpenMode: str,
  },
  required: ['response_type', 'client_id', 'redirect_uri'],
} satisfies Schema;

export type { Schema };

// ---- workflows, campaigns, followers, bulk (contacts.json, workflows.json, campaigns.json, users.json) ----

/** CreateWorkflowDto (the body of both POST and DELETE /contacts/:contactId/workflow/:workflowId). */
export const workflowBody = object({ eventStartTime: str });
/** AddContactToCampaignDto: an empty object. */
export const campaignBody = object({});
/** FollowersDTO */
export const followersBody = object({ followers: strArray }, ['followers']);
/** UpdateTagsDTO (POST /contacts/bulk/tags/update/:type) */
export const bulkTagsBody = object(
  { contacts: strArray, tags: strArray, locationId: str, removeAllTags: bool },
  ['contacts', 'tags', 'locationId'],
);
/** ContactsBusinessUpdate (POST /contacts/bulk/business): `businessId: null` removes the contacts. */
export const bulkBusinessBody = object(
  {
    locationId: str,
    ids: { type: 'array', items: { type: 'string', maxLength: 50 } },
    businessId: nullableStr,
  },
  ['locationId', 'ids', 'businessId'],
);

export const workflowsQuery = object({ locationId: str }, ['locationId']);
export const campaignsQuery = object({ locationId: str, status: str }, ['locationId']);
/** users.json GET /users/search: every value arrives as a string (`enabled2waySync` as "true"/"false"). */
export const usersSearchQuery = object(
  {
    companyId: str,
    query: str,
    skip: str,
    limit: str,
    locationId: str,
    type: str,
    role: str,
    ids: str,
    sort: str,
    sortDirection: str,
    enabled2waySync: { type: 'string', enum: ['true', 'false'] },
  },
  ['companyId'],
);
