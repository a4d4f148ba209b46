/**
 * The sandbox's internal records. Dates are epoch milliseconds inside the store; the HTTP layer
 * (serialize.ts) turns them into HighLevel's wire formats.
 */

// The app's scopes are the sandbox's: one list (lib/scopes.ts).
export type { Scope } from '../lib/scopes';

// The request bodies the app sends are the sandbox's starting point (routes widen them where HighLevel accepts
// more): one definition, so a field the app starts sending is a field the sandbox's handlers see.
import type { ContactCreateBody } from '../lib/contacts/api';
export type { ContactCreateBody };
export type { LocationTaskSearchBody, TaskUpdateBody } from '../lib/tasks/api';
export type { NoteBody as AppNoteBody } from '../lib/notes/api';

export type CustomFieldDataType =
  | 'TEXT'
  | 'LARGE_TEXT'
  | 'NUMERICAL'
  | 'MONETORY'
  | 'PHONE'
  | 'EMAIL'
  | 'DATE'
  | 'CHECKBOX'
  | 'SINGLE_OPTIONS'
  | 'MULTIPLE_OPTIONS'
  | 'RADIO'
  | 'TEXTBOX_LIST'
  | 'FILE_UPLOAD'
  | 'SIGNATURE';

/** string (text, options, radio, phone, email), number (numerical, monetory, DATE as epoch ms), string[] (checkbox, multi). */
export type CustomFieldValue = string | number | string[];

export type DndChannel = 'Call' | 'Email' | 'SMS' | 'WhatsApp' | 'GMB' | 'FB';
export interface DndSetting {
  status: 'active' | 'inactive' | 'permanent';
  message?: string;
  code?: string;
}
export type DndSettings = Partial<Record<DndChannel, DndSetting>>;
export interface InboundDndSettings {
  all?: { status: 'active' | 'inactive'; message?: string };
}
export type AttributionSource = Record<string, string | null>;

/**
 * The contact's text fields, as the app's create body spells and types them: what a client writes is what the
 * record holds. `name` is only set when a client sent it explicitly; otherwise it is derived from first/last.
 */
type ContactTextFields = Pick<
  ContactCreateBody,
  | 'firstName'
  | 'lastName'
  | 'name'
  | 'email'
  | 'phone'
  | 'companyName'
  | 'address1'
  | 'city'
  | 'state'
  | 'postalCode'
  | 'country'
  | 'website'
  | 'timezone'
  | 'source'
  | 'assignedTo'
>;

export interface Contact extends ContactTextFields {
  id: string;
  locationId: string;
  gender?: string;
  type: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  dnd: boolean;
  dndSettings?: DndSettings;
  inboundDndSettings?: InboundDndSettings;
  tags: string[];
  /** custom field id → value */
  customFields: Record<string, CustomFieldValue>;
  businessId?: string;
  attributionSource?: AttributionSource;
  dateAdded: number;
  dateUpdated: number;
}

export interface Task {
  id: string;
  contactId: string;
  locationId: string;
  title: string;
  body?: string;
  assignedTo?: string;
  dueDate: number;
  completed: boolean;
  dateAdded: number;
  dateUpdated: number;
}

export interface Note {
  id: string;
  contactId: string;
  locationId: string;
  body: string;
  userId?: string;
  title?: string;
  color?: string;
  pinned: boolean;
  dateAdded: number;
  dateUpdated: number;
}

export interface Appointment {
  id: string;
  calendarId: string;
  locationId: string;
  contactId: string;
  title: string;
  status: string;
  appointmentStatus: string;
  assignedUserId?: string;
  notes?: string;
  address?: string;
  startTime: number;
  endTime: number;
  dateAdded: number;
  dateUpdated: number;
}

export type DuplicateField = 'email' | 'phone';

export interface Location {
  id: string;
  companyId: string;
  name: string;
  timezone: string;
  country: string;
  address: string;
  city: string;
  state: string;
  postalCode: string;
  website: string;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  domain: string;
  active: boolean;
  /** HighLevel's "Allow Duplicate Contact" setting (default off). */
  allowDuplicateContact: boolean;
  /** The order in which email/phone are used to find duplicates. */
  duplicatePriority: DuplicateField[];
}

export interface CustomFieldDefinition {
  id: string;
  locationId: string;
  name: string;
  fieldKey: string;
  dataType: CustomFieldDataType;
  placeholder: string;
  position: number;
  picklistOptions?: string[];
  model: 'contact' | 'opportunity';
}

export interface LocationTag {
  id: string;
  name: string;
  locationId: string;
}

export interface User {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  companyId: string;
  locationIds: string[];
  role: 'admin' | 'user';
}

export interface Business {
  id: string;
  name: string;
  locationId: string;
  phone?: string;
  email?: string;
  website?: string;
  address?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  description?: string;
  createdAt: number;
  updatedAt: number;
}
