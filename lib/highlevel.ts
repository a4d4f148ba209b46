/**
 * The one HTTP client. Every HighLevel call of the integration is a typed function here: it builds the URL
 * (every path segment encoded), sends `Version`, parses the body with zod, retries idempotent reads on
 * 5xx/network failures, and never retries a write. Failures are mapped to `z.errors` by `afterResponse`
 * (lib/middleware.ts) using the context passed in `middlewareData`.
 */
import querystring from 'node:querystring';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { API_VERSION, apiBaseUrl, httpSettings, type SCOPES } from './config';
import {
  isNotFoundError,
  isNetworkFailure,
  isRetryableError,
  networkError,
  parseJson,
  userError,
} from './errors';
import {
  appointmentSchema,
  businessSchema,
  contactSchema,
  customFieldDefinitionSchema,
  locationSchema,
  locationTaskSchema,
  noteSchema,
  tagSchema,
  taskSchema,
  userSchema,
  type HighLevelContact,
} from './models';
import { lazySchema } from './schema';
import { MIN_ATTEMPT_MS, msLeft } from './core/deadline';

export type Scope = (typeof SCOPES)[number];
export type AuthBundle = Pick<Bundle, 'authData'>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | undefined;

/** What afterResponse needs to word an error; travels with the request in `middlewareData`. */
export interface RequestContext {
  highlevel: true;
  resource?: string;
  scope: Scope;
  write: boolean;
}

interface ApiRequest<S extends zod.ZodType> {
  method: Method;
  path: string;
  query?: Record<string, QueryValue>;
  body?: object;
  schema: S;
  scope: Scope;
  /** Named in a 404 message, e.g. `contact "abc"`. */
  resource?: string;
  /** Safe to send again after a 5xx or a network failure. Defaults to true for GET. */
  idempotent?: boolean;
}

/** One path segment: percent-encoded, dots too, so an id like `a/b` can never change the path. */
export const pathSegment = (value: string): string => {
  if (value.length === 0) throw new Error('A HighLevel id in the request path was empty.');
  // URL parsers (WHATWG, used by node-fetch) treat `%2E%2E` exactly like `..`: no encoding makes these safe.
  if (value === '.' || value === '..')
    throw new Error(`A HighLevel id in the request path cannot be "${value}".`);
  return encodeURIComponent(value).replace(/\./g, '%2E');
};

/** `apiPath\`/contacts/${id}/tasks\`` → every interpolated value encoded as one segment. */
export const apiPath = (strings: TemplateStringsArray, ...segments: string[]): string =>
  strings.reduce(
    (path, part, index) => path + part + (index < segments.length ? pathSegment(segments[index]) : ''),
    '',
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const withoutUndefined = (query: Record<string, QueryValue>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(query)
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );

const describeIssue = (error: zod.ZodError): string => {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the body';
  return `${where}: ${issue?.message ?? 'unexpected shape'}`;
};

/** `customFields` → `custom fields`. */
const words = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * What was wrong with a 200's body, in words a user can follow (no schema jargon; the technical detail goes
 * to the log): e.g. "HighLevel's answer had no list of contacts".
 */
export const plainIssue = (error: zod.ZodError): string => {
  const issue = error.issues[0];
  const [key, ...rest] = issue?.path ?? [];
  if (typeof key !== 'string') return "HighLevel's answer was not in the form HighLevel documents";
  const expected = issue && 'expected' in issue ? String(issue.expected) : '';
  const noun = expected === 'array' && rest.length === 0 ? `list of ${words(key)}` : words(key);
  if (rest.length === 0) {
    return /received undefined/.test(issue?.message ?? '')
      ? `HighLevel's answer had no ${noun}`
      : `HighLevel's answer had something unexpected where the ${noun} should be`;
  }
  const field = [...rest].reverse().find((part): part is string => typeof part === 'string');
  return `HighLevel's answer had ${field ? `a ${words(key)} whose "${field}" is` : `${words(key)} that are`} not in the form HighLevel documents`;
};

/** Out of the operation's time budget before a (further) attempt: nothing more is sent. */
const outOfTime = (z: ZObject, idempotent: boolean): Error =>
  userError(
    z,
    `HighLevel answered too slowly: this step used up the ${Math.round(httpSettings.operationBudgetMs / 1000)} seconds it has (Zapier stops a step after 30), so it stopped${idempotent ? '' : ' before sending the change'}. Please try again in a few minutes.`,
    'out_of_time',
  );

const sendOnce = async <S extends zod.ZodType>(
  z: ZObject,
  request: ApiRequest<S>,
  idempotent: boolean,
  timeoutMs: number,
) => {
  const context: RequestContext = {
    highlevel: true,
    resource: request.resource,
    scope: request.scope,
    write: !idempotent,
  };
  // The body and the query string are serialized here, not by core: core deletes every `{{…}}` from
  // object bodies' and params' top-level strings (a note "Hi {{contact.first_name}}" would arrive as "Hi "),
  // and with `merge` on it refuses `{{bundle.…}}` in user text with a developer error. The app has no
  // requestTemplate to merge.
  const query = request.query ? querystring.stringify(withoutUndefined(request.query)) : '';
  const options: HttpRequestOptions & { url: string; throwForThrottlingEarly: boolean; merge: boolean } = {
    url: `${apiBaseUrl()}${request.path}${query ? `?${query}` : ''}`,
    method: request.method,
    headers: {
      Version: API_VERSION,
      Accept: 'application/json',
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    timeout: timeoutMs,
    middlewareData: context,
    // We word 429s ourselves (delay from the rate-limit headers too), so core must not throw first.
    throwForThrottlingEarly: false,
    merge: false,
  };
  let content: string;
  try {
    content = (await z.request(options)).content;
  } catch (error) {
    throw isNetworkFailure(error) ? networkError(z, error, !idempotent) : error;
  }
  const json = content.trim() === '' ? {} : parseJson(content);
  if (json === undefined) {
    throw userError(
      z,
      'HighLevel sent a response that is not JSON. Please try again in a few minutes.',
      'unexpected_response',
    );
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    z.console.log(
      `HighLevel ${request.method} ${request.path.split('?')[0]}: unexpected body (${describeIssue(parsed.error)})`,
    );
    throw userError(
      z,
      `${plainIssue(parsed.error)}. Please try again; if it keeps happening, contact support.`,
      'unexpected_response',
    );
  }
  return parsed.data as zod.output<S>;
};

/** Sends one request; idempotent reads are retried on 5xx and network failures, writes never are. */
export const send = async <S extends zod.ZodType>(
  z: ZObject,
  request: ApiRequest<S>,
): Promise<zod.output<S>> => {
  const idempotent = request.idempotent ?? request.method === 'GET';
  const delays = idempotent ? httpSettings.readRetryDelaysMs : [];
  const perAttempt = idempotent ? httpSettings.readTimeoutMs : httpSettings.writeTimeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    // docs/CONNECTION.md §7: each attempt gets at most what is left of the operation's budget.
    const left = msLeft(z);
    if (left < MIN_ATTEMPT_MS) throw outOfTime(z, idempotent);
    try {
      return await sendOnce(z, request, idempotent, Math.min(perAttempt, left));
    } catch (error) {
      if (attempt >= delays.length || !isRetryableError(error)) throw error;
      // No retry that could not get an answer in time: the failure itself is the plainer message.
      if (msLeft(z) < delays[attempt] + MIN_ATTEMPT_MS) throw error;
      await sleep(delays[attempt]);
    }
  }
};

/** The same, but a 404 becomes `null` (searches: not found is an empty result, not an error). */
export const sendOrNull = async <S extends zod.ZodType>(
  z: ZObject,
  request: ApiRequest<S>,
): Promise<zod.output<S> | null> => {
  try {
    return await send(z, request);
  } catch (error) {
    if (isNotFoundError(error)) return null;
    throw error;
  }
};

/** The connected sub-account. Every Contacts call needs it (HIGHLEVEL.md §1). */
export const locationIdOf = (z: ZObject, bundle: AuthBundle): string => {
  const { locationId } = bundle.authData;
  if (!locationId) {
    throw new z.errors.ExpiredAuthError(
      'This HighLevel connection is not linked to a sub-account. Reconnect HighLevel and choose a sub-account (location).',
    );
  }
  return locationId;
};

const quoted = (kind: string, id: string) => `${kind} "${id}"`;

// ---------------------------------------------------------------------------------------------------------
// Bodies we send. Only keys the official spec lists (HIGHLEVEL.md §5: unknown keys are a 422).

export interface CustomFieldWrite {
  id: string;
  fieldValue: string | number | string[];
}

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

export interface TaskCreateBody {
  title: string;
  body?: string;
  dueDate: string;
  completed: boolean;
  assignedTo?: string;
}
export type TaskUpdateBody = Partial<TaskCreateBody>;

export interface LocationTaskSearchBody {
  contactId?: string[];
  completed?: boolean;
  assignedTo?: string[];
  query?: string;
  limit?: number;
  skip?: number;
  businessId?: string;
}

export interface NoteBody {
  body: string;
  userId?: string;
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
const deletedEnvelope = lazySchema((zod) => zod.looseObject({ succeded: zod.boolean().optional() }));
const tagsEnvelope = lazySchema((zod) => zod.looseObject({ tags: zod.array(zod.string()).optional() }));
const taskEnvelope = lazySchema((zod) => zod.object({ task: taskSchema() }));
const tasksEnvelope = lazySchema((zod) => zod.object({ tasks: zod.array(taskSchema()) }));
const noteEnvelope = lazySchema((zod) => zod.object({ note: noteSchema() }));
const notesEnvelope = lazySchema((zod) => zod.object({ notes: zod.array(noteSchema()) }));
const locationTasksEnvelope = lazySchema((zod) => zod.object({ tasks: zod.array(locationTaskSchema()) }));
const eventsEnvelope = lazySchema((zod) => zod.object({ events: zod.array(appointmentSchema()) }));
const businessContactsEnvelope = lazySchema((zod) =>
  zod.object({
    contacts: zod.array(contactSchema()),
    count: zod.number().optional(),
  }),
);
const duplicateEnvelope = lazySchema((zod) => zod.looseObject({ contact: contactSchema().nullish() }));
const locationEnvelope = lazySchema((zod) => zod.object({ location: locationSchema() }));
const customFieldsEnvelope = lazySchema((zod) =>
  zod.object({ customFields: zod.array(customFieldDefinitionSchema()) }),
);
const locationTagsEnvelope = lazySchema((zod) => zod.object({ tags: zod.array(tagSchema()) }));
/** The timezones response is undocumented (locations.json): accept a bare list or a wrapped one. */
const timezonesSchema = lazySchema((zod) =>
  zod.union([
    zod.array(zod.string()),
    zod.looseObject({ timeZones: zod.array(zod.string()) }).transform((body) => body.timeZones),
    zod.looseObject({ timezones: zod.array(zod.string()) }).transform((body) => body.timezones),
  ]),
);
const usersEnvelope = lazySchema((zod) => zod.object({ users: zod.array(userSchema()) }));
const businessesEnvelope = lazySchema((zod) => zod.object({ businesses: zod.array(businessSchema()) }));

// ---------------------------------------------------------------------------------------------------------
// Contacts (contacts.json)

export const getContact = async (z: ZObject, _bundle: AuthBundle, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}`,
      schema: contactEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).contact;

/** GET one contact; null when it does not exist (searches). */
export const findContactById = async (z: ZObject, _bundle: AuthBundle, contactId: string) =>
  (
    await sendOrNull(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}`,
      schema: contactEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
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

export const updateContact = async (
  z: ZObject,
  _bundle: AuthBundle,
  contactId: string,
  body: ContactUpdateBody,
) =>
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

export const deleteContact = async (z: ZObject, _bundle: AuthBundle, contactId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}`,
    schema: deletedEnvelope(),
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
  const result = await sendOrNull(z, {
    method: 'GET',
    path: '/contacts/search/duplicate',
    query: { locationId: locationIdOf(z, bundle), email: match.email, number: match.number },
    schema: duplicateEnvelope(),
    scope: 'contacts.readonly',
  });
  return result?.contact ?? null;
};

export const listBusinessContacts = async (
  z: ZObject,
  bundle: AuthBundle,
  businessId: string,
  options: { limit?: number; skip?: number; query?: string } = {},
) =>
  sendOrNull(z, {
    method: 'GET',
    path: apiPath`/contacts/business/${businessId}`,
    query: { locationId: locationIdOf(z, bundle), ...options },
    schema: businessContactsEnvelope(),
    scope: 'contacts.readonly',
    resource: quoted('business', businessId),
  });

export const addContactTags = async (z: ZObject, _bundle: AuthBundle, contactId: string, tags: string[]) =>
  send(z, {
    method: 'POST',
    path: apiPath`/contacts/${contactId}/tags`,
    body: { tags },
    schema: tagsEnvelope(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

export const removeContactTags = async (z: ZObject, _bundle: AuthBundle, contactId: string, tags: string[]) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/tags`,
    body: { tags },
    schema: tagsEnvelope(),
    scope: 'contacts.write',
    resource: quoted('contact', contactId),
  });

export const listContactAppointments = async (z: ZObject, _bundle: AuthBundle, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/appointments`,
      schema: eventsEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).events;

// ---------------------------------------------------------------------------------------------------------
// Tasks (HIGHLEVEL.md §8)

export const listContactTasks = async (z: ZObject, _bundle: AuthBundle, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/tasks`,
      schema: tasksEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).tasks;

export const getTask = async (z: ZObject, _bundle: AuthBundle, contactId: string, taskId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
      schema: taskEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('task', taskId),
    })
  ).task;

export const findTaskById = async (z: ZObject, _bundle: AuthBundle, contactId: string, taskId: string) =>
  (
    await sendOrNull(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
      schema: taskEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('task', taskId),
    })
  )?.task ?? null;

export const createTask = async (z: ZObject, _bundle: AuthBundle, contactId: string, body: TaskCreateBody) =>
  (
    await send(z, {
      method: 'POST',
      path: apiPath`/contacts/${contactId}/tasks`,
      body,
      schema: taskEnvelope(),
      scope: 'contacts.write',
      resource: quoted('contact', contactId),
    })
  ).task;

export const updateTask = async (
  z: ZObject,
  _bundle: AuthBundle,
  contactId: string,
  taskId: string,
  body: TaskUpdateBody,
) =>
  (
    await send(z, {
      method: 'PUT',
      path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
      body,
      schema: taskEnvelope(),
      scope: 'contacts.write',
      resource: quoted('task', taskId),
    })
  ).task;

export const setTaskCompleted = async (
  z: ZObject,
  _bundle: AuthBundle,
  contactId: string,
  taskId: string,
  completed: boolean,
) =>
  (
    await send(z, {
      method: 'PUT',
      path: apiPath`/contacts/${contactId}/tasks/${taskId}/completed`,
      body: { completed },
      schema: taskEnvelope(),
      scope: 'contacts.write',
      resource: quoted('task', taskId),
    })
  ).task;

export const deleteTask = async (z: ZObject, _bundle: AuthBundle, contactId: string, taskId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
    schema: deletedEnvelope(),
    scope: 'contacts.write',
    resource: quoted('task', taskId),
  });

export const searchLocationTasks = async (z: ZObject, bundle: AuthBundle, body: LocationTaskSearchBody) =>
  (
    await send(z, {
      method: 'POST',
      path: apiPath`/locations/${locationIdOf(z, bundle)}/tasks/search`,
      body,
      schema: locationTasksEnvelope(),
      scope: 'locations/tasks.readonly',
      idempotent: true,
    })
  ).tasks;

// ---------------------------------------------------------------------------------------------------------
// Notes (HIGHLEVEL.md §8)

export const listContactNotes = async (z: ZObject, _bundle: AuthBundle, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/notes`,
      schema: notesEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).notes;

export const findNoteById = async (z: ZObject, _bundle: AuthBundle, contactId: string, noteId: string) =>
  (
    await sendOrNull(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/notes/${noteId}`,
      schema: noteEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('note', noteId),
    })
  )?.note ?? null;

export const createNote = async (z: ZObject, _bundle: AuthBundle, contactId: string, body: NoteBody) =>
  (
    await send(z, {
      method: 'POST',
      path: apiPath`/contacts/${contactId}/notes`,
      body,
      schema: noteEnvelope(),
      scope: 'contacts.write',
      resource: quoted('contact', contactId),
    })
  ).note;

export const updateNote = async (
  z: ZObject,
  _bundle: AuthBundle,
  contactId: string,
  noteId: string,
  body: NoteBody,
) =>
  (
    await send(z, {
      method: 'PUT',
      path: apiPath`/contacts/${contactId}/notes/${noteId}`,
      body,
      schema: noteEnvelope(),
      scope: 'contacts.write',
      resource: quoted('note', noteId),
    })
  ).note;

// ---------------------------------------------------------------------------------------------------------
// The sub-account and its lookups (locations.json, users.json, businesses.json)

export const getLocation = async (z: ZObject, bundle: AuthBundle) => {
  const locationId = locationIdOf(z, bundle);
  return (
    await send(z, {
      method: 'GET',
      path: apiPath`/locations/${locationId}`,
      schema: locationEnvelope(),
      scope: 'locations.readonly',
      resource: quoted('sub-account', locationId),
    })
  ).location;
};

export const listCustomFieldDefinitions = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/locations/${locationIdOf(z, bundle)}/customFields`,
      query: { model: 'contact' },
      schema: customFieldsEnvelope(),
      scope: 'locations/customFields.readonly',
    })
  ).customFields;

export const listLocationTags = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/locations/${locationIdOf(z, bundle)}/tags`,
      schema: locationTagsEnvelope(),
      scope: 'locations/tags.readonly',
    })
  ).tags;

export const listTimezones = async (z: ZObject, bundle: AuthBundle) =>
  send(z, {
    method: 'GET',
    path: apiPath`/locations/${locationIdOf(z, bundle)}/timezones`,
    schema: timezonesSchema(),
    scope: 'locations.readonly',
  });

export const listUsers = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: '/users/',
      query: { locationId: locationIdOf(z, bundle) },
      schema: usersEnvelope(),
      scope: 'users.readonly',
    })
  ).users;

export const listBusinesses = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: '/businesses/',
      query: { locationId: locationIdOf(z, bundle) },
      schema: businessesEnvelope(),
      scope: 'businesses.readonly',
    })
  ).businesses;
