/**
 * zod schemas of the HighLevel bodies we read (contacts.json, locations.json, users.json, businesses.json,
 * calendars.json) and the normalisers that turn them into the Zapier output shape of DESIGN.md §2:
 * ISO-8601 dates with an offset, real booleans, split names and address parts, tags as a list, links.
 * Schemas are loose on purpose: HighLevel adds fields often, and an unknown extra field must not break a Zap.
 */
import type { z as zod } from 'zod';
import { appBaseUrl } from './config';
import { lazySchema } from './schema';

// Every schema is a getter (lib/schema.ts): `contactSchema()` builds it, and loads zod, on first use.

const common = lazySchema((zod) => ({
  text: zod.string().nullish(),
  flag: zod.boolean().nullish(),
  dateValue: zod.union([zod.string(), zod.number()]).nullish(),
}));

export const customFieldValueSchema = lazySchema((zod) =>
  zod.looseObject({
    id: zod.string(),
    value: zod.unknown().optional(),
  }),
);

export const contactSchema = lazySchema((zod) => {
  const { text, flag, dateValue } = common();
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

export const taskSchema = lazySchema((zod) => {
  const { text, flag, dateValue } = common();
  return zod.looseObject({
    id: zod.string().min(1),
    title: text,
    body: text,
    assignedTo: text,
    dueDate: dateValue,
    completed: flag,
    contactId: text,
    dateAdded: dateValue,
    dateUpdated: dateValue,
  });
});
export type HighLevelTask = zod.infer<ReturnType<typeof taskSchema>>;

/** HIGHLEVEL.md §8: the location task search's response schema is broken in the spec; ids may come as `_id`. */
export const locationTaskSchema = lazySchema((zod) =>
  zod.preprocess((value) => {
    if (value && typeof value === 'object' && !('id' in value) && '_id' in value) {
      return { ...value, id: (value as { _id: unknown })._id };
    }
    return value;
  }, taskSchema()),
);

export const noteSchema = lazySchema((zod) => {
  const { text, dateValue } = common();
  return zod.looseObject({
    id: zod.string().min(1),
    body: text,
    title: text,
    userId: text,
    contactId: text,
    dateAdded: dateValue,
  });
});
export type HighLevelNote = zod.infer<ReturnType<typeof noteSchema>>;

export const appointmentSchema = lazySchema((zod) => {
  const { text, dateValue } = common();
  return zod.looseObject({
    id: zod.string().min(1),
    calendarId: text,
    title: text,
    status: text,
    appointmentStatus: text,
    assignedUserId: text,
    notes: text,
    address: text,
    startTime: dateValue,
    endTime: dateValue,
    locationId: text,
    contactId: text,
    dateAdded: dateValue,
    dateUpdated: dateValue,
  });
});
export type HighLevelAppointment = zod.infer<ReturnType<typeof appointmentSchema>>;

export const locationSchema = lazySchema((zod) => {
  const { text } = common();
  return zod.looseObject({
    id: zod.string().min(1),
    name: text,
    timezone: text,
    country: text,
    companyId: text,
    email: text,
    phone: text,
  });
});
export type HighLevelLocation = zod.infer<ReturnType<typeof locationSchema>>;

export const customFieldDefinitionSchema = lazySchema((zod) => {
  const { text } = common();
  return zod.looseObject({
    id: zod.string().min(1),
    name: zod.string(),
    fieldKey: zod.string(),
    dataType: zod.string(),
    picklistOptions: zod.array(zod.union([zod.string(), zod.number()]).transform(String)).nullish(),
    placeholder: text,
    position: zod.number().nullish(),
    model: text,
  });
});
export type CustomFieldDefinition = zod.infer<ReturnType<typeof customFieldDefinitionSchema>>;

export const tagSchema = lazySchema((zod) =>
  zod.looseObject({ id: zod.string().nullish(), name: zod.string() }),
);
export const userSchema = lazySchema((zod) => {
  const { text } = common();
  return zod.looseObject({
    id: zod.string().min(1),
    name: text,
    firstName: text,
    lastName: text,
    email: text,
  });
});
export type HighLevelUser = zod.infer<ReturnType<typeof userSchema>>;
export const businessSchema = lazySchema((zod) =>
  zod.looseObject({ id: zod.string().min(1), name: common().text }),
);
export type HighLevelBusiness = zod.infer<ReturnType<typeof businessSchema>>;

// ---------------------------------------------------------------------------------------------------------
// Normalisers

/** Any HighLevel date (ISO string with or without offset, or epoch ms) → ISO-8601 with an explicit offset. */
export const isoDateTime = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value) : hasZone(value) ? new Date(value) : asUtc(value);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('Z', '+00:00');
};

// The spec's examples write wall-clock times as `2021-07-16 11:00:00` (a space, no `T`, no offset).
const SPACED_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (?=\d)/;

const hasZone = (value: string): boolean =>
  /(Z|[+-]\d{2}:?\d{2})$/i.test(value) || !(/T/.test(value) || SPACED_DATE_TIME.test(value));

/** A date-time without an offset read as UTC. */
const asUtc = (value: string): Date => new Date(`${value.replace(SPACED_DATE_TIME, '$1T')}Z`);

/** A wall-clock time without an offset (appointments, HIGHLEVEL.md §6) read in the sub-account's time zone. */
export const isoDateTimeInZone = (
  value: string | number | null | undefined,
  timeZone: string | undefined,
) => {
  if (typeof value !== 'string' || hasZone(value) || !timeZone) return isoDateTime(value);
  const wallClock = asUtc(value);
  if (Number.isNaN(wallClock.getTime())) return null;
  const guess = zoneOffsetMinutes(wallClock, timeZone);
  if (guess === null) return isoDateTime(value);
  // The offset at the wall-clock time read as UTC can be the other side of a DST change: use the offset
  // in force at the instant it names, if that is consistent, and never move the wall-clock time itself.
  const offsetAt = (minutes: number) =>
    zoneOffsetMinutes(new Date(wallClock.getTime() - minutes * 60_000), timeZone) ?? minutes;
  const candidate = offsetAt(guess);
  const corrected = candidate !== guess && offsetAt(candidate) === candidate ? candidate : guess;
  const local = wallClock.toISOString().slice(0, 19);
  const sign = corrected < 0 ? '-' : '+';
  const abs = Math.abs(corrected);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/** Minutes east of UTC in force in `timeZone` at `instant` (null for an unknown zone); the sandbox uses it too. */
export const zoneOffsetMinutes = (instant: Date, timeZone: string): number | null => {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(instant);
    const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    const wall = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  } catch {
    return null;
  }
};

/** Date of birth → `YYYY-MM-DD` (a calendar date has no time zone). */
export const calendarDate = (value: string | number | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
};

const orNull = (value: string | null | undefined): string | null => (value ? value : null);

export const contactUrl = (locationId: string | null | undefined, contactId: string): string | null =>
  locationId
    ? `${appBaseUrl()}/v2/location/${encodeURIComponent(locationId)}/contacts/detail/${encodeURIComponent(contactId)}`
    : null;

/** The key a custom field gets in outputs: `custom_fields__industry` for fieldKey `contact.industry`. */
export const customFieldOutputKey = (
  definition: Pick<CustomFieldDefinition, 'fieldKey' | 'id'>,
): `custom_fields__${string}` => {
  const key = definition.fieldKey.replace(/^contact\./, '').replace(/[^A-Za-z0-9_]/g, '_');
  return `custom_fields__${key || definition.id}`;
};

export type CustomFieldOutput = Record<`custom_fields__${string}`, unknown>;

export const customFieldValues = (
  values: HighLevelContact['customFields'],
  definitions: CustomFieldDefinition[],
): CustomFieldOutput => {
  const output: CustomFieldOutput = {};
  for (const definition of definitions) output[customFieldOutputKey(definition)] = null;
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  for (const { id, value } of values ?? []) {
    const definition = byId.get(id);
    if (definition) output[customFieldOutputKey(definition)] = customFieldOutputValue(definition, value);
  }
  return output;
};

/** DATE custom fields are read back as epoch ms (or ISO text): output them as `YYYY-MM-DD`, like date of birth. */
const customFieldOutputValue = (definition: CustomFieldDefinition, value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  if (definition.dataType === 'DATE' && (typeof value === 'number' || typeof value === 'string')) {
    return calendarDate(value) ?? value;
  }
  return value;
};

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
    fullName: orNull(contact.name) ?? orNull(contact.contactName) ?? orNull(joined),
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

export interface Task {
  id: string;
  title: string | null;
  body: string | null;
  dueDate: string | null;
  completed: boolean;
  assignedTo: string | null;
  contactId: string | null;
  dateAdded: string | null;
  dateUpdated: string | null;
}

export const normaliseTask = (task: HighLevelTask, contactId?: string): Task => ({
  id: task.id,
  title: orNull(task.title),
  body: orNull(task.body),
  dueDate: isoDateTime(task.dueDate),
  completed: task.completed === true,
  assignedTo: orNull(task.assignedTo),
  contactId: orNull(task.contactId) ?? contactId ?? null,
  dateAdded: isoDateTime(task.dateAdded),
  dateUpdated: isoDateTime(task.dateUpdated),
});

export interface Note {
  id: string;
  body: string | null;
  userId: string | null;
  contactId: string | null;
  dateAdded: string | null;
}

export const normaliseNote = (note: HighLevelNote, contactId?: string): Note => ({
  id: note.id,
  body: orNull(note.body),
  userId: orNull(note.userId),
  contactId: orNull(note.contactId) ?? contactId ?? null,
  dateAdded: isoDateTime(note.dateAdded),
});

export interface Appointment {
  id: string;
  title: string | null;
  calendarId: string | null;
  status: string | null;
  appointmentStatus: string | null;
  startTime: string | null;
  endTime: string | null;
  assignedUserId: string | null;
  notes: string | null;
  address: string | null;
  contactId: string | null;
  dateAdded: string | null;
  dateUpdated: string | null;
}

export const normaliseAppointment = (
  event: HighLevelAppointment,
  timeZone: string | undefined,
  contactId?: string,
): Appointment => ({
  id: event.id,
  title: orNull(event.title),
  calendarId: orNull(event.calendarId),
  status: orNull(event.status),
  appointmentStatus: orNull(event.appointmentStatus),
  startTime: isoDateTimeInZone(event.startTime, timeZone),
  endTime: isoDateTimeInZone(event.endTime, timeZone),
  assignedUserId: orNull(event.assignedUserId),
  notes: orNull(event.notes),
  address: orNull(event.address),
  contactId: orNull(event.contactId) ?? contactId ?? null,
  dateAdded: isoDateTime(event.dateAdded),
  dateUpdated: isoDateTime(event.dateUpdated),
});

export interface Location {
  id: string;
  name: string | null;
  timezone: string | null;
  country: string | null;
}

export const normaliseLocation = (location: HighLevelLocation): Location => ({
  id: location.id,
  name: orNull(location.name),
  timezone: orNull(location.timezone),
  country: orNull(location.country),
});
