/**
 * Store records → HighLevel's wire shapes (contacts.json GetContectByIdSchema, the search `Contact`
 * of history/contacts-2025-09-08.json, TaskSchema, GetNoteSchema, GetEventSchema, locations.json …).
 * Absent values are omitted, like HighLevel does.
 */
import { isoDate, localDateTime } from './normalize';
import type { SortValue } from './search';
import type {
  Appointment,
  Business,
  Contact,
  CustomFieldDefinition,
  Location,
  LocationTag,
  Note,
  Task,
  User,
} from './types';

type Json = Record<string, unknown>;

const compact = (object: Json): Json => {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
};

const customFieldsOut = (contact: Contact): Array<{ id: string; value: unknown }> =>
  Object.entries(contact.customFields).map(([id, value]) => ({ id, value }));

export const fullName = (contact: Contact): string | undefined => {
  const joined = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return contact.name ?? (joined || undefined);
};

/** GET /contacts/:id, create, update and upsert responses. dateOfBirth is an ISO midnight. */
export const contactDto = (contact: Contact): Json => {
  const name = fullName(contact);
  return compact({
    id: contact.id,
    name,
    locationId: contact.locationId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    firstNameLowerCase: contact.firstName?.toLowerCase(),
    lastNameLowerCase: contact.lastName?.toLowerCase(),
    fullNameLowerCase: name?.toLowerCase(),
    email: contact.email,
    emailLowerCase: contact.email?.toLowerCase(),
    timezone: contact.timezone,
    companyName: contact.companyName,
    phone: contact.phone,
    dnd: contact.dnd,
    dndSettings: contact.dndSettings,
    inboundDndSettings: contact.inboundDndSettings,
    type: contact.type,
    source: contact.source,
    assignedTo: contact.assignedTo,
    address1: contact.address1,
    city: contact.city,
    state: contact.state,
    country: contact.country,
    postalCode: contact.postalCode,
    website: contact.website,
    gender: contact.gender,
    tags: [...contact.tags],
    dateOfBirth: contact.dateOfBirth ? `${contact.dateOfBirth}T00:00:00.000Z` : undefined,
    dateAdded: isoDate(contact.dateAdded),
    dateUpdated: isoDate(contact.dateUpdated),
    customFields: customFieldsOut(contact),
    businessId: contact.businessId,
    attributionSource: contact.attributionSource,
    additionalEmails: [],
    additionalPhones: [],
    followers: [],
  });
};

/**
 * POST /contacts/search hits. Reproduces HighLevel's quirks (HIGHLEVEL.md §7, #314): the street is
 * `address` (not `address1`) and `dateOfBirth` is epoch milliseconds. Each hit carries `searchAfter`.
 */
export const searchContactDto = (contact: Contact, searchAfter: SortValue[]): Json =>
  compact({
    id: contact.id,
    locationId: contact.locationId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    firstNameLowerCase: contact.firstName?.toLowerCase(),
    lastNameLowerCase: contact.lastName?.toLowerCase(),
    email: contact.email,
    phone: contact.phone,
    phoneLabel: contact.phone ? 'Mobile' : undefined,
    companyName: contact.companyName,
    businessName: contact.companyName,
    address: contact.address1,
    city: contact.city,
    state: contact.state,
    postalCode: contact.postalCode,
    country: contact.country,
    website: contact.website,
    timezone: contact.timezone,
    source: contact.source,
    type: contact.type,
    dnd: contact.dnd,
    dndSettings: contact.dndSettings,
    assignedTo: contact.assignedTo,
    tags: [...contact.tags],
    dateAdded: isoDate(contact.dateAdded),
    dateUpdated: isoDate(contact.dateUpdated),
    dateOfBirth: contact.dateOfBirth ? Date.parse(`${contact.dateOfBirth}T00:00:00.000Z`) : undefined,
    customFields: customFieldsOut(contact),
    businessId: contact.businessId,
    additionalEmails: [],
    additionalPhones: [],
    followers: [],
    validEmail: contact.email ? true : undefined,
    searchAfter,
  });

/**
 * TaskSchema's fields; with `dates`, also dateAdded / dateUpdated, which the spec does not document
 * (SandboxOptions.taskDates).
 */
export const taskDto = (task: Task, dates: boolean): Json =>
  compact({
    id: task.id,
    title: task.title,
    body: task.body,
    assignedTo: task.assignedTo,
    dueDate: isoDate(task.dueDate),
    completed: task.completed,
    contactId: task.contactId,
    dateAdded: dates ? isoDate(task.dateAdded) : undefined,
    dateUpdated: dates ? isoDate(task.dateUpdated) : undefined,
  });

export const noteDto = (note: Note): Json =>
  compact({
    id: note.id,
    body: note.body,
    userId: note.userId,
    dateAdded: isoDate(note.dateAdded),
    contactId: note.contactId,
    title: note.title,
    color: note.color,
    pinned: note.pinned,
  });

/**
 * GetEventSchema. startTime / endTime have no offset ("2021-07-16 11:00:00", as the spec's examples):
 * they are wall-clock times in the location's time zone. dateAdded / dateUpdated are ISO instants.
 */
export const eventDto = (event: Appointment, timeZone: string): Json =>
  compact({
    id: event.id,
    calendarId: event.calendarId,
    status: event.status,
    title: event.title,
    assignedUserId: event.assignedUserId,
    notes: event.notes,
    startTime: localDateTime(event.startTime, timeZone),
    endTime: localDateTime(event.endTime, timeZone),
    address: event.address,
    locationId: event.locationId,
    contactId: event.contactId,
    appointmentStatus: event.appointmentStatus,
    users: event.assignedUserId ? [event.assignedUserId] : [],
    dateAdded: isoDate(event.dateAdded),
    dateUpdated: isoDate(event.dateUpdated),
  });

export const locationDto = (location: Location): Json => ({
  id: location.id,
  companyId: location.companyId,
  name: location.name,
  domain: location.domain,
  address: location.address,
  city: location.city,
  state: location.state,
  country: location.country,
  postalCode: location.postalCode,
  website: location.website,
  timezone: location.timezone,
  firstName: location.firstName,
  lastName: location.lastName,
  email: location.email,
  phone: location.phone,
  business: {
    name: location.name,
    address: location.address,
    city: location.city,
    state: location.state,
    country: location.country,
    postalCode: location.postalCode,
    website: location.website,
    timezone: location.timezone,
    email: location.email,
  },
  social: {},
  settings: {
    allowDuplicateContact: location.allowDuplicateContact,
    allowDuplicateOpportunity: false,
    allowFacebookNameMerge: false,
    disableContactTimezone: false,
  },
});

export const customFieldDto = (field: CustomFieldDefinition): Json =>
  compact({
    id: field.id,
    name: field.name,
    fieldKey: field.fieldKey,
    placeholder: field.placeholder,
    dataType: field.dataType,
    position: field.position,
    picklistOptions: field.picklistOptions,
    picklistImageOptions: field.picklistOptions ? [] : undefined,
    isAllowedCustomOption: field.picklistOptions ? false : undefined,
    locationId: field.locationId,
    model: field.model,
  });

export const tagDto = (tag: LocationTag): Json => ({
  id: tag.id,
  name: tag.name,
  locationId: tag.locationId,
});

export const userDto = (user: User): Json => ({
  id: user.id,
  name: user.name,
  firstName: user.firstName,
  lastName: user.lastName,
  email: user.email,
  phone: user.phone,
  extension: '',
  permissions: { contactsEnabled: true, tagsEnabled: true },
  roles: { type: 'account', role: user.role, locationIds: [...user.locationIds] },
  deleted: false,
});

export const businessDto = (business: Business): Json =>
  compact({
    id: business.id,
    name: business.name,
    phone: business.phone,
    email: business.email,
    website: business.website,
    address: business.address,
    city: business.city,
    description: business.description,
    state: business.state,
    postalCode: business.postalCode,
    country: business.country,
    locationId: business.locationId,
    createdAt: isoDate(business.createdAt),
    updatedAt: isoDate(business.updatedAt),
  });
